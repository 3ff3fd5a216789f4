import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { buildWorkflow } from '@flowloom/engine/testing';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/test-server.js';

// The server mounted below a path of the host's own app, as `host.route('/flowloom', createServer(...))`.
let server: TestServer;
let base: string;
let close: () => void;

beforeAll(async () => {
  server = await startTestServer();
  const host = new Hono();
  host.get('/', (c) => c.text('the host’s own page'));
  host.route('/flowloom', server.app);
  const { port, stop } = await new Promise<{ port: number; stop: () => void }>((resolve) => {
    const s = serve({ fetch: host.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) =>
      resolve({ port: info.port, stop: () => s.close() }),
    );
  });
  base = `http://127.0.0.1:${port}/flowloom`;
  close = stop;
});
afterAll(async () => {
  close?.();
  await server?.close();
});

const call = async (path: string, init: RequestInit = {}) => {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    text,
    body: response.headers.get('content-type')?.includes('json') && text ? JSON.parse(text) : undefined,
  };
};

describe('a server mounted below a path', () => {
  it('serves its API, its webhooks, its OAuth2 callback URL and its docs under that path', async () => {
    const key = await server.keyFor('acme', 'editor');
    const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const hook = buildWorkflow({
      id: 'hook',
      nodes: [{ id: 'hook', type: 'core.webhook', parameters: { path: 'in', responseMode: 'lastNode' } }],
    });
    expect((await call('/workflows', { method: 'POST', headers: auth, body: JSON.stringify(hook) })).status).toBe(201);
    expect((await call('/workflows/hook/activate', { method: 'POST', headers: auth })).status).toBe(200);
    const answer = await call('/t/acme/webhook/in', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"n":1}' });
    expect(answer).toMatchObject({ status: 200, body: { body: { n: 1 } } });

    await call('/credentials', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        id: 'crm',
        name: 'CRM',
        type: 'oauth2',
        data: {
          authorizationUrl: 'https://id.example.com/authorize',
          tokenUrl: 'https://id.example.com/token',
          clientId: 'c',
          allowedDomains: ['example.com'],
        },
      }),
    });
    const started = await call('/credentials/crm/oauth2/start', { method: 'POST', headers: auth });
    expect(started.body.redirectUri).toBe(`${base}/oauth2/callback`);
    expect((await call('/openapi.json')).body.openapi).toBe('3.1.0');
    expect((await call('/docs')).text).toContain('href="openapi.json"');
  });
});
