import { createEngine, createMemoryStorage, rawKeyProvider, silentLogger, type Engine } from '@flowloom/engine';
import { createTestClock } from '@flowloom/engine/testing';
import { startTestHttpServer, type TestHttpServer } from '@flowloom/engine/testing/node';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisOAuth2StateStore } from './redis-oauth2-states.js';
import { startThrowawayRedis, type ThrowawayRedis } from './testing/throwaway-redis.js';

let redis: ThrowawayRedis;
let provider: TestHttpServer;
const connections: Redis[] = [];
const clock = createTestClock({ start: Date.parse('2026-06-01T10:00:00Z') });
let first: Engine;
let second: Engine;

beforeAll(async () => {
  redis = await startThrowawayRedis();
  // The provider's token endpoint, as RFC 6749 describes it.
  provider = await startTestHttpServer((request, res) => {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const ok = form.get('grant_type') === 'authorization_code' && form.get('code') === 'code-1';
    res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { access_token: 'at-1', expires_in: 3600, token_type: 'Bearer' } : { error: 'invalid_grant' }));
  });
  // Two processes' engines over the same records, each with its own Redis connection.
  const storage = createMemoryStorage();
  const engine = () => {
    const connection = new Redis(redis.url);
    connections.push(connection);
    return createEngine({
      storage,
      clock,
      logger: silentLogger,
      keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(9) }),
      oauth2States: createRedisOAuth2StateStore(connection, { prefix: redis.prefix }),
      http: { allowPrivateNetworks: true },
    });
  };
  [first, second] = [engine(), engine()];
  await first.credentials.create({
    id: 'crm',
    name: 'CRM',
    type: 'oauth2',
    data: {
      authorizationUrl: `${provider.url}/authorize`,
      tokenUrl: `${provider.url}/token`,
      clientId: 'client-1',
      clientSecret: 'shh',
      allowedDomains: ['127.0.0.1'],
    },
  });
});
afterAll(async () => {
  for (const connection of connections) connection.disconnect();
  await provider?.close();
  await redis?.stop();
});

const start = () => first.credentials.oauth2.startAuthorization('crm', { redirectUri: 'https://app.example.com/oauth2/callback' });

describe('OAuth2 state in Redis', () => {
  it('lets another process complete a connection this one started', async () => {
    const { state } = await start();
    const connected = await second.credentials.oauth2.completeAuthorization({ state, code: 'code-1' });
    expect(connected.oauth2).toMatchObject({ connected: true });
  });

  it('accepts a callback once: a replay, to any process, is refused', async () => {
    const { state } = await start();
    await second.credentials.oauth2.completeAuthorization({ state, code: 'code-1' });
    await expect(first.credentials.oauth2.completeAuthorization({ state, code: 'code-1' })).rejects.toThrow(
      'does not match a connection in progress',
    );
  });

  it('refuses a callback that comes after the connection expired', async () => {
    const { state } = await start();
    clock.advance(10 * 60_000);
    await expect(second.credentials.oauth2.completeAuthorization({ state, code: 'code-1' })).rejects.toThrow('unknown or expired state');
  });
});
