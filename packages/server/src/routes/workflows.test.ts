import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
let editor: string;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.keyFor('acme', 'editor');
});
afterAll(async () => {
  await server?.close();
});

const emitting = (id: string, name: string, items: Record<string, unknown>[]) =>
  buildWorkflow({
    id,
    name,
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'emit', type: 'test.emitItems', parameters: { items } },
    ],
    connections: [['start', 'emit']],
  });

describe('workflow documents', () => {
  it('creates a workflow, lists it and reads it back as saved', async () => {
    const document = emitting('wf-crud', 'Orders', [{ n: 1 }]);
    const created = await server.call('/workflows', { auth: editor, json: document });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, active: false, workflow: { id: 'wf-crud', name: 'Orders' } });

    const list = await server.call('/workflows', { auth: editor });
    expect(list.body.workflows).toContainEqual(expect.objectContaining({ id: 'wf-crud', name: 'Orders', version: 1, active: false }));
    // The oracle is the engine's own storage: what the API returns is what was stored.
    const stored = await server.engine.storage.workflows.get('acme', 'wf-crud');
    expect((await server.call('/workflows/wf-crud', { auth: editor })).body).toEqual(stored);
    expect(stored).toEqual(server.engine.parseWorkflow(document));
  });

  it('gives a workflow created without an id a generated one', async () => {
    const { id: _id, ...document } = emitting('x', 'No id', []);
    const created = await server.call('/workflows', { auth: editor, json: document });
    expect(created.status).toBe(201);
    expect(created.body.workflow.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await server.engine.storage.workflows.get('acme', created.body.workflow.id)).toBeDefined();
  });

  it('refuses to create a workflow whose id exists with 409, leaving the stored one as it was', async () => {
    await server.call('/workflows', { auth: editor, json: emitting('wf-dup', 'First', []) });
    const again = await server.call('/workflows', { auth: editor, json: emitting('wf-dup', 'Second', []) });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('WORKFLOW_EXISTS');
    expect((await server.engine.storage.workflows.get('acme', 'wf-dup'))?.name).toBe('First');
  });

  it('saves versions, lists them, reads an old one and restores it as a new version', async () => {
    await server.call('/workflows', { auth: editor, json: emitting('wf-v', 'One', [{ v: 1 }]) });
    const saved = await server.call('/workflows/wf-v', { method: 'PUT', auth: editor, json: emitting('wf-v', 'Two', [{ v: 2 }]) });
    expect(saved).toMatchObject({ status: 200, body: { version: 2, workflow: { name: 'Two' } } });

    const versions = await server.call('/workflows/wf-v/versions', { auth: editor });
    expect(versions.body.versions.map((v: { version: number; name: string }) => [v.version, v.name])).toEqual([
      [2, 'Two'],
      [1, 'One'],
    ]);
    expect((await server.call('/workflows/wf-v/versions/1', { auth: editor })).body.name).toBe('One');

    const restored = await server.call('/workflows/wf-v/versions/1/restore', { method: 'POST', auth: editor });
    expect(restored).toMatchObject({ status: 200, body: { version: 3, workflow: { name: 'One' } } });
    expect((await server.engine.storage.workflows.get('acme', 'wf-v'))?.name).toBe('One');
    expect((await server.call('/workflows/wf-v/versions/9', { auth: editor })).status).toBe(404);
  });

  it('refuses a PUT whose body names another id, and a PUT to a workflow that does not exist', async () => {
    await server.call('/workflows', { auth: editor, json: emitting('wf-put', 'Put', []) });
    const mismatch = await server.call('/workflows/wf-put', { method: 'PUT', auth: editor, json: emitting('other', 'Put', []) });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toMatchObject({ code: 'ID_MISMATCH', issues: [{ in: 'body', path: 'id' }] });
    const missing = await server.call('/workflows/nope', { method: 'PUT', auth: editor, json: emitting('nope', 'Nope', []) });
    expect(missing.status).toBe(404);
    expect(await server.engine.storage.workflows.get('acme', 'nope')).toBeUndefined();
  });

  it('refuses a workflow with a node type the engine does not know, naming the node, and stores nothing', async () => {
    const document = buildWorkflow({
      id: 'wf-bad',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'x', type: 'acme.nothing' },
      ],
    });
    const answer = await server.call('/workflows', { auth: editor, json: document });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('WORKFLOW_INVALID');
    expect(answer.body.error.issues[0]).toMatchObject({ in: 'body', path: 'nodes[1].type' });
    expect(await server.engine.storage.workflows.get('acme', 'wf-bad')).toBeUndefined();
  });

  it('deletes a workflow with its versions', async () => {
    await server.call('/workflows', { auth: editor, json: emitting('wf-del', 'Gone', []) });
    expect((await server.call('/workflows/wf-del', { method: 'DELETE', auth: editor })).status).toBe(204);
    expect(await server.engine.storage.workflows.get('acme', 'wf-del')).toBeUndefined();
    expect((await server.call('/workflows/wf-del', { auth: editor })).status).toBe(404);
    expect((await server.call('/workflows/wf-del', { method: 'DELETE', auth: editor })).status).toBe(404);
  });
});

describe('running workflows', () => {
  it('runs a stored workflow to its end and answers with the execution the history keeps', async () => {
    await server.call('/workflows', { auth: editor, json: emitting('wf-run', 'Run', [{ a: 1 }, { a: 2 }]) });
    const answer = await server.call('/workflows/wf-run/run', { auth: editor, json: {} });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ workflowId: 'wf-run', tenantId: 'acme', status: 'success', mode: 'manual' });
    expect(answer.body.nodes.emit[0].output.main.map((i: { json: unknown }) => i.json)).toEqual([{ a: 1 }, { a: 2 }]);
    const stored = await server.engine.storage.executions.get('acme', answer.body.id);
    expect(stored?.status).toBe('success');
  });

  it('passes input items (plain objects or { json }) to the trigger', async () => {
    const document = buildWorkflow({
      id: 'wf-input',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'pass', type: 'core.noOp' },
      ],
      connections: [['start', 'pass']],
    });
    await server.call('/workflows', { auth: editor, json: document });
    const answer = await server.call('/workflows/wf-input/run', { auth: editor, json: { input: [{ a: 1 }, { json: { b: 2 } }] } });
    expect(answer.body.nodes.pass[0].output.main.map((i: { json: unknown }) => i.json)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('refuses input items the engine cannot take, naming the item', async () => {
    const answer = await server.call('/workflows/wf-run/run', {
      auth: editor,
      json: { input: [{ json: { a: 1 } }, { json: { b: 2 }, binary: 'not files' }] },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('INPUT_INVALID');
    expect(answer.body.error.issues[0].path).toMatch(/^input\[1\]/);
  });

  it('starts a run asynchronously with 202 and its id, and cancels it while it runs', async () => {
    const document = buildWorkflow({
      id: 'wf-slow',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        // Long enough never to end by itself during the test: only the cancel ends it.
        { id: 'sleep', type: 'test.sleep', parameters: { ms: 600_000 } },
      ],
      connections: [['start', 'sleep']],
    });
    await server.call('/workflows', { auth: editor, json: document });
    const started = await server.call('/workflows/wf-slow/run', { auth: editor, json: { async: true } });
    expect(started.status).toBe(202);
    const id = started.body.executionId as string;
    const finished = server.finished(id);
    expect((await server.call(`/executions/${id}`, { auth: editor })).body.status).toBe('running');

    const cancel = await server.call(`/executions/${id}/cancel`, { method: 'POST', auth: editor });
    expect(cancel).toMatchObject({ status: 202, body: { id, canceling: true } });
    expect((await finished).status).toBe('canceled');
    expect((await server.call(`/executions/${id}`, { auth: editor })).body.status).toBe('canceled');
    const again = await server.call(`/executions/${id}/cancel`, { method: 'POST', auth: editor });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'EXECUTION_NOT_CANCELABLE' } } });
  });
});

describe('activation', () => {
  it('activates a webhook workflow, lists its webhook, and deactivates it', async () => {
    const document = buildWorkflow({
      id: 'wf-hook',
      nodes: [
        { id: 'hook', type: 'core.webhook', parameters: { path: 'orders/:id', httpMethod: 'POST', responseMode: 'lastNode' } },
        { id: 'pass', type: 'core.noOp' },
      ],
      connections: [['hook', 'pass']],
    });
    await server.call('/workflows', { auth: editor, json: document });
    const activated = await server.call('/workflows/wf-hook/activate', { method: 'POST', auth: editor });
    expect(activated).toMatchObject({ status: 200, body: { workflowId: 'wf-hook', webhooks: [{ method: 'POST', path: 'orders/:id' }] } });
    const hooks = await server.call('/webhooks', { auth: editor });
    expect(hooks.body.webhooks).toEqual([
      { workflowId: 'wf-hook', nodeId: 'hook', method: 'POST', path: 'orders/:id', url: '/t/acme/webhook/orders/:id' },
    ]);
    expect((await server.call('/workflows', { auth: editor })).body.workflows).toContainEqual(
      expect.objectContaining({ id: 'wf-hook', active: true }),
    );

    const deactivated = await server.call('/workflows/wf-hook/deactivate', { method: 'POST', auth: editor });
    expect(deactivated.body).toEqual({ workflowId: 'wf-hook', wasActive: true });
    expect((await server.call('/webhooks', { auth: editor })).body.webhooks).toEqual([]);
  });
});
