// A credential type that checks webhook calls by asking its service (as PayPal's verify-webhook-signature does):
// verifyWebhook gets a fetch that signs with the credential and goes only where the credential may be sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineCredentialType } from './credential-type.js';
import { CredentialsManager } from './credentials-manager.js';
import { rawKeyProvider } from './keys/raw-key-provider.js';
import { createMemoryCredentialStore } from '../storage/memory/memory-credential-store.js';
import { startTestHttpServer, type TestHttpServer } from '../testing/test-http-server.node.js';

let server: TestHttpServer;
beforeAll(async () => {
  // The service's verify endpoint: SUCCESS for the signature "good", asked with the right token.
  server = await startTestHttpServer((request, res) => {
    const body = JSON.parse(request.body.toString('utf8') || '{}') as { signature?: string };
    const authorized = request.headers.authorization === 'Bearer service-token';
    res.statusCode = authorized ? 200 : 401;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ status: body.signature === 'good' ? 'SUCCESS' : 'FAILURE' }));
  });
});
afterAll(() => server.close());

const askingType = (verifyHost: () => string) =>
  defineCredentialType({
    name: 'askingService',
    displayName: 'Asking service',
    properties: z.object({ token: z.string().meta({ secret: true }) }),
    authenticate: (d) => ({ type: 'bearer', token: d.token }),
    allowedHosts: ['127.0.0.1'],
    async verifyWebhook(_data, call, _now, fetch) {
      const response = await fetch(`${verifyHost()}/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ signature: call.headers.get('x-signature') }),
      });
      const answer = (await response.json()) as { status: string };
      return response.ok && answer.status === 'SUCCESS' ? undefined : `the service answered ${response.status} ${answer.status}`;
    },
  });

async function managerWith(verifyHost: () => string, token = 'service-token') {
  const m = new CredentialsManager({
    store: createMemoryCredentialStore(),
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(5) }),
    types: [askingType(verifyHost)],
  });
  const { id } = await m.create({ name: 'Service', type: 'askingService', data: { token } });
  return { m, id };
}

const call = (signature: string) => ({
  method: 'POST',
  url: 'https://hooks.example.com/webhook/x',
  headers: new Headers({ 'x-signature': signature }),
  body: new TextEncoder().encode('{}'),
});

describe('verifyWebhook with a signed fetch', () => {
  it('lets the type ask its service, with the credential signing the request', async () => {
    const { m, id } = await managerWith(() => server.url);
    expect(await m.verifyWebhook(id, call('good'))).toBeUndefined();
    expect(await m.verifyWebhook(id, call('forged'))).toBe('the service answered 200 FAILURE');
    expect(server.requests.at(-1)!.headers.authorization).toBe('Bearer service-token');
  });

  it('refuses the call when the credential itself is refused by the service', async () => {
    const { m, id } = await managerWith(() => server.url, 'wrong-token');
    expect(await m.verifyWebhook(id, call('good'))).toBe('the service answered 401 SUCCESS');
  });

  it('sends nothing to a host the credential may not go to, and refuses the call', async () => {
    const before = server.requests.length;
    const { m, id } = await managerWith(() => 'http://elsewhere.example.com');
    expect(await m.verifyWebhook(id, call('good'))).toMatch(/^the call could not be checked: .*elsewhere\.example\.com/);
    expect(server.requests.length).toBe(before);
  });
});
