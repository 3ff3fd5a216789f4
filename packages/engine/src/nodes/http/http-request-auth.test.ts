import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../../testing/test-http-server.node.js';

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const workflow = (url: string, credentials?: Record<string, string>) =>
  buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'http', name: 'Call API', type: 'core.httpRequest', parameters: { url }, ...(credentials ? { credentials } : {}) },
    ],
    connections: [['start', 'http']],
  });

describe('HTTP Request authentication', () => {
  it('signs the request with the credential in its auth slot, and keeps the secret out of the record', async () => {
    server = await startTestHttpServer((req, res) =>
      sendJson(res, 200, { sawAuth: req.headers.authorization === 'Bearer s3cret-token-value' }),
    );
    const engine = createEngine({ http: { allowPrivateNetworks: true } });
    await engine.credentials.create({
      id: 'shop-token',
      name: 'Shop API',
      type: 'bearerToken',
      data: { token: 's3cret-token-value', allowedDomains: ['127.0.0.1'] },
    });
    const e = await engine.run(workflow(`${server.url}/me`, { auth: 'shop-token' }));
    expect(e.status).toBe('success');
    expect(e.nodes.http![0]!.output.main![0]!.json).toEqual({ sawAuth: true });
    expect(JSON.stringify(e)).not.toContain('s3cret-token-value');
  });

  it('fails naming the slot when the credential does not exist', async () => {
    const engine = createEngine({ http: { allowPrivateNetworks: true } });
    const e = await engine.run(workflow('https://api.example.com/me', { auth: 'missing' }));
    expect(e.status).toBe('error');
    expect(e.error?.message).toContain("Node 'Call API'");
  });
});
