import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
let editor: string;
let viewer: string;
beforeAll(async () => {
  server = await startTestServer();
  editor = await server.keyFor('acme', 'editor');
  viewer = await server.keyFor('acme', 'viewer');
});
afterAll(async () => {
  await server?.close();
});

describe('variables', () => {
  it('sets, reads, lists and deletes a tenant variable, as the engine stores it', async () => {
    const set = await server.call('/variables/region', { method: 'PUT', auth: editor, json: { value: 'eu-west' } });
    expect(set).toMatchObject({ status: 200, body: { key: 'region', type: 'string', value: 'eu-west' } });
    expect(await server.engine.variables.get('region', { tenantId: 'acme' })).toMatchObject({ value: 'eu-west' });
    expect((await server.call('/variables/region', { auth: viewer })).body.value).toBe('eu-west');
    expect((await server.call('/variables', { auth: viewer })).body.variables).toEqual([expect.objectContaining({ key: 'region' })]);
    expect((await server.call('/variables/region', { method: 'DELETE', auth: editor })).status).toBe(204);
    expect((await server.call('/variables/region', { auth: viewer })).status).toBe(404);
  });

  it('keeps a workflow variable apart from the tenant’s, and runs see it as $vars', async () => {
    const workflow = buildWorkflow({
      id: 'wf-vars',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'emit', type: 'test.emitItems', parameters: { items: [{ limit: '{{ $vars.limit }}' }] } },
      ],
      connections: [['start', 'emit']],
    });
    await server.call('/workflows', { auth: editor, json: workflow });
    await server.call('/variables/limit', { method: 'PUT', auth: editor, json: { value: 5 } });
    await server.call('/variables/limit?workflowId=wf-vars', { method: 'PUT', auth: editor, json: { value: 7 } });
    expect((await server.call('/variables/limit', { auth: editor })).body.value).toBe(5);
    expect((await server.call('/variables/limit?workflowId=wf-vars', { auth: editor })).body.value).toBe(7);
    const run = await server.call('/workflows/wf-vars/run', { auth: editor, json: {} });
    expect(run.body.nodes.emit[0].output.main[0].json).toEqual({ limit: 7 });
  });

  it('refuses a key expressions cannot read and a value that does not match its type, naming the field', async () => {
    const key = await server.call('/variables/9lives', { method: 'PUT', auth: editor, json: { value: 1 } });
    expect(key.status).toBe(400);
    expect(key.body.error.issues).toEqual([expect.objectContaining({ in: 'path', path: 'key' })]);
    const typed = await server.call('/variables/count', { method: 'PUT', auth: editor, json: { value: 'ten', type: 'number' } });
    expect(typed.status).toBe(400);
    expect(typed.body.error).toMatchObject({ code: 'VARIABLE_INVALID', issues: [{ in: 'body', path: 'value' }] });
    expect(await server.engine.variables.get('count', { tenantId: 'acme' })).toBeUndefined();
  });

  it('lets a viewer read variables but not write them', async () => {
    const answer = await server.call('/variables/x', { method: 'PUT', auth: viewer, json: { value: 1 } });
    expect(answer).toMatchObject({ status: 403, body: { error: { permission: 'variable:write' } } });
  });
});
