import { listExecutionPage } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
let editor: string;
let admin: string;
const ok: string[] = [];
let failed: string;

const flaky = (failTimes: number) =>
  buildWorkflow({
    id: 'wf-flaky',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'emit', type: 'test.emitItems', parameters: { items: [{ n: 1 }] } },
      { id: 'flaky', type: 'test.flaky', parameters: { failTimes, message: 'upstream said no' } },
    ],
    connections: [
      ['start', 'emit'],
      ['emit', 'flaky'],
    ],
  });

beforeAll(async () => {
  server = await startTestServer();
  editor = await server.keyFor('acme', 'editor');
  admin = await server.keyFor('acme', 'admin');
  const fine = buildWorkflow({ id: 'wf-ok', nodes: [{ id: 'start', type: 'core.manualTrigger' }] });
  await server.call('/workflows', { auth: editor, json: fine });
  await server.call('/workflows', { auth: editor, json: flaky(1_000) });
  for (let i = 0; i < 3; i++) ok.push((await server.call('/workflows/wf-ok/run', { auth: editor, json: {} })).body.id);
  failed = (await server.call('/workflows/wf-flaky/run', { auth: editor, json: {} })).body.id;
});
afterAll(async () => {
  await server?.close();
});

describe('execution history', () => {
  it('lists executions newest first, as the engine pages them', async () => {
    const answer = await server.call('/executions', { auth: editor });
    expect(answer.status).toBe(200);
    const oracle = await listExecutionPage(server.engine.storage.executions, 'acme', {});
    expect(answer.body).toEqual(JSON.parse(JSON.stringify(oracle)));
    expect(answer.body.items.map((e: { id: string }) => e.id).sort()).toEqual([...ok, failed].sort());
  });

  it('filters by status, workflow and mode, and pages with a cursor', async () => {
    const errors = await server.call('/executions?status=error', { auth: editor });
    expect(errors.body.items.map((e: { id: string }) => e.id)).toEqual([failed]);
    const several = await server.call('/executions?status=error,success&workflowId=wf-ok&mode=manual', { auth: editor });
    expect(several.body.items.map((e: { id: string }) => e.id).sort()).toEqual([...ok].sort());
    const failing = await server.call('/executions?errorContains=UPSTREAM', { auth: editor });
    expect(failing.body.items.map((e: { id: string }) => e.id)).toEqual([failed]);

    const first = await server.call('/executions?limit=2&order=asc', { auth: editor });
    expect(first.body.items).toHaveLength(2);
    const second = await server.call(`/executions?limit=2&order=asc&cursor=${encodeURIComponent(first.body.nextCursor)}`, { auth: editor });
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeUndefined();
    const all = [...first.body.items, ...second.body.items].map((e: { id: string }) => e.id);
    expect(new Set(all).size).toBe(4);
  });

  it('counts the executions a query matches, as the store counts them, ignoring limit and cursor', async () => {
    for (const query of ['', '?status=error', '?workflowId=wf-ok&limit=1', '?status=success&mode=webhook']) {
      const answer = await server.call(`/executions/count${query}`, { auth: editor });
      expect(answer.status).toBe(200);
      const filters = Object.fromEntries(new URLSearchParams(query));
      const oracle = await server.engine.storage.executions.count('acme', {
        ...(filters['status'] ? { status: filters['status'] as 'error' } : {}),
        ...(filters['workflowId'] ? { workflowId: filters['workflowId'] } : {}),
        ...(filters['mode'] ? { mode: filters['mode'] as 'webhook' } : {}),
      });
      expect(answer.body, query).toEqual({ count: oracle });
    }
    expect((await server.call('/executions/count', { auth: editor })).body.count).toBe(4);
    const other = await server.keyFor('globex', 'owner');
    expect((await server.call('/executions/count', { auth: other })).body).toEqual({ count: 0 });
  });

  it('refuses an unknown filter, a status that does not exist and a limit out of range, naming the parameter', async () => {
    const unknown = await server.call('/executions?colour=red', { auth: editor });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.issues).toEqual([{ in: 'query', path: 'colour', message: 'is not a known field' }]);
    const status = await server.call('/executions?status=done', { auth: editor });
    expect(status.body.error.issues[0]).toMatchObject({ in: 'query', path: 'status[0]' });
    const limit = await server.call('/executions?limit=5000', { auth: editor });
    expect(limit.body.error.issues[0]).toMatchObject({ in: 'query', path: 'limit' });
  });

  it('reads one execution with its node runs, and exports it', async () => {
    const answer = await server.call(`/executions/${failed}`, { auth: editor });
    expect(answer.body).toMatchObject({ id: failed, status: 'error', error: { message: expect.stringContaining('upstream said no') } });
    expect(Object.keys(answer.body.nodes).sort()).toEqual(['emit', 'flaky', 'start']);
    expect(answer.body).not.toHaveProperty('workflow');
    const exported = await server.call(`/executions/${failed}/export`, { auth: editor });
    expect(exported.status).toBe(200);
    expect(JSON.stringify(exported.body)).toContain(failed);
  });

  it('exports every execution matching the filters as one document', async () => {
    const exported = await server.call('/executions/export?status=error', { auth: editor });
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ format: 'flowloom.executions', tenantId: 'acme' });
    expect(exported.body.executions.map((e: { id: string }) => e.id)).toEqual([failed]);
    expect(exported.body.executions[0].nodes.flaky).toHaveLength(1);
  });

  it('retries a failed execution from the failed node with the current workflow', async () => {
    await server.call('/workflows/wf-flaky', { method: 'PUT', auth: editor, json: flaky(0) });
    const retried = await server.call(`/executions/${failed}/retry`, { auth: editor, json: { workflow: 'current' } });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ status: 'success', mode: 'retry', retryOf: failed });
    expect(retried.body.nodes.emit[0].reused).toBe(true);
    const successful = await server.call(`/executions/${ok[0]}/retry`, { auth: editor, json: {} });
    expect(successful).toMatchObject({ status: 409, body: { error: { code: 'RETRY_UNAVAILABLE' } } });
  });

  it('deletes an execution, which an admin may and an editor may not', async () => {
    const id = ok[2]!;
    const denied = await server.call(`/executions/${id}`, { method: 'DELETE', auth: editor });
    expect(denied).toMatchObject({ status: 403, body: { error: { permission: 'execution:delete' } } });
    expect((await server.call(`/executions/${id}`, { method: 'DELETE', auth: admin })).status).toBe(204);
    expect(await server.engine.storage.executions.get('acme', id)).toBeUndefined();
    expect((await server.call(`/executions/${id}`, { auth: admin })).status).toBe(404);
  });
});
