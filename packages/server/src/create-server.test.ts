import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './testing/test-server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

describe('createServer', () => {
  it('answers /livez and /readyz without credentials', async () => {
    expect(await server.call('/livez')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await server.call('/readyz')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('serves its OpenAPI 3.1 document at /openapi.json, each operation naming its permission', async () => {
    const { status, body } = await server.call('/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    expect(body.paths['/workflows'].get).toMatchObject({ operationId: 'listWorkflows', 'x-permission': 'workflow:read' });
    expect(body.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('serves /docs as a page listing the operations, with no script or asset from elsewhere', async () => {
    const answer = await server.call('/docs');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toContain('text/html');
    expect(answer.text).toContain('<code>/workflows/{id}/run</code>');
    expect(answer.text).toContain('<code>workflow:execute</code>');
    expect(answer.text).not.toMatch(/<script|https?:\/\//);
  });

  it('answers an unknown route with a JSON 404', async () => {
    const answer = await server.call('/nowhere');
    expect(answer).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'There is no route GET /nowhere.' } } });
  });

  it('refuses an API call without credentials with 401 and a Bearer challenge', async () => {
    const answer = await server.call('/workflows');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect(answer.body.error.code).toBe('AUTH_REQUIRED');
  });

  it('answers 503 once the engine is closed, and /readyz says it is not ready', async () => {
    const closing = await startTestServer();
    try {
      const key = await closing.keyFor('acme', 'editor');
      await closing.call('/workflows', { auth: key, json: { id: 'wf', nodes: [{ id: 's', name: 'S', type: 'core.manualTrigger' }] } });
      await closing.engine.close();
      const run = await closing.call('/workflows/wf/run', { auth: key, json: {} });
      expect(run).toMatchObject({ status: 503, body: { error: { code: 'ENGINE_CLOSED' } } });
      expect((await closing.call('/readyz')).status).toBe(503);
    } finally {
      await closing.close();
    }
  });

  it('answers the host page’s origin with CORS headers, preflight included, and no other origin', async () => {
    const embedded = await startTestServer({ corsOrigins: ['https://app.example.com'] });
    try {
      const key = await embedded.keyFor('acme', 'viewer');
      const preflight = await embedded.call('/workflows', {
        method: 'OPTIONS',
        headers: {
          origin: 'https://app.example.com',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
      const call = await embedded.call('/workflows', { auth: key, headers: { origin: 'https://app.example.com' } });
      expect(call.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
      const stranger = await embedded.call('/workflows', { auth: key, headers: { origin: 'https://evil.example' } });
      expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await embedded.close();
    }
  });
});
