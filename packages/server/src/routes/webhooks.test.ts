import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { createMemoryActivationStore } from './activation-store.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  for (const tenant of ['acme', 'globex']) {
    const key = await server.keyFor(tenant, 'editor');
    const workflow = buildWorkflow({
      id: `orders-${tenant}`,
      nodes: [
        { id: 'hook', type: 'core.webhook', parameters: { path: 'orders/:id', httpMethod: 'POST', responseMode: 'lastNode' } },
        { id: 'pass', type: 'core.noOp' },
      ],
      connections: [['hook', 'pass']],
    });
    await server.call('/workflows', { auth: key, json: workflow });
    if (tenant === 'acme') await server.call(`/workflows/orders-${tenant}/activate`, { method: 'POST', auth: key });
  }
});
afterAll(async () => {
  await server?.close();
});

describe('webhook endpoints', () => {
  it('run the active workflow of the tenant the URL names, with the call as its trigger item', async () => {
    const answer = await server.call('/t/acme/webhook/orders/42?rush=1', { json: { total: 12 } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ body: { total: 12 }, params: { id: '42' }, query: { rush: '1' } });
    const page = await server.engine.executions.list({ mode: 'webhook' }, { tenantId: 'acme' });
    expect(page.items).toEqual([expect.objectContaining({ workflowId: 'orders-acme', status: 'success' })]);
  });

  it('ignore any tenant header: the URL’s registration alone decides', async () => {
    const answer = await server.call('/t/acme/webhook/orders/7', { json: { total: 1 }, headers: { 'x-tenant': 'globex' } });
    expect(answer.status).toBe(200);
    expect((await server.engine.executions.list({ mode: 'webhook' }, { tenantId: 'globex' })).items).toEqual([]);
  });

  it('answer 404 for a tenant without an active workflow on that path, and run nothing', async () => {
    const inactive = await server.call('/t/globex/webhook/orders/1', { json: {} });
    expect(inactive).toMatchObject({ status: 404, body: { error: { code: 'WEBHOOK_NOT_FOUND' } } });
    const unknown = await server.call('/t/nobody/webhook/orders/1', { json: {} });
    expect(unknown.status).toBe(404);
    const wrongMethod = await server.call('/t/acme/webhook/orders/1', { method: 'GET' });
    expect(wrongMethod.status).toBe(404);
    expect((await server.engine.executions.list({}, { tenantId: 'globex' })).items).toEqual([]);
  });

  it('refuse a body over the limit with 413', async () => {
    const answer = await server.call('/t/acme/webhook/orders/1', {
      body: 'x'.repeat(1024 * 1024 + 1),
      headers: { 'content-type': 'text/plain' },
    });
    expect(answer).toMatchObject({ status: 413, body: { error: { code: 'PAYLOAD_TOO_LARGE' } } });
  });

  it('read a body sent in chunks (no content-length) whole, and refuse one that passes the limit with 413', async () => {
    const chunked = (parts: string[]) =>
      fetch(`${server.url}/t/acme/webhook/orders/9`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: new ReadableStream<Uint8Array>({
          start(controller) {
            for (const part of parts) controller.enqueue(new TextEncoder().encode(part));
            controller.close();
          },
        }),
        duplex: 'half',
      } as RequestInit);
    const whole = await chunked(['{"total":', ' 12, "note": "', 'é'.repeat(1000), '"}']);
    expect(whole.status).toBe(200);
    expect(await whole.json()).toMatchObject({ body: { total: 12, note: 'é'.repeat(1000) } });
    const tooLarge = await chunked(Array.from({ length: 4 }, () => ' '.repeat(512 * 1024)));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});

describe('a restarted server', () => {
  it('activates the workflows its activation store lists again, before it answers their webhooks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowloom-restart-'));
    const dbFile = join(dir, 'data.sqlite');
    const activations = createMemoryActivationStore();
    const first = await startTestServer({ dbFile, activations });
    const key = await first.keyFor('acme', 'editor');
    const hook = buildWorkflow({
      id: 'hook',
      nodes: [{ id: 'hook', type: 'core.webhook', parameters: { path: 'ping', responseMode: 'lastNode' } }],
    });
    await first.call('/workflows', { auth: key, json: hook });
    await first.call('/workflows/hook/activate', { method: 'POST', auth: key });
    await first.close();

    const second = await startTestServer({ dbFile, activations });
    try {
      const answer = await second.call('/t/acme/webhook/ping', { json: { n: 1 } });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ body: { n: 1 } });
      const key2 = await second.keyFor('acme', 'editor');
      expect((await second.call('/webhooks', { auth: key2 })).body.webhooks).toHaveLength(1);
      await second.call('/workflows/hook/deactivate', { method: 'POST', auth: key2 });
      expect(await activations.list()).toEqual([]);
    } finally {
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
