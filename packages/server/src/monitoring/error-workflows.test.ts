import type { Execution } from '@flowloom/engine';
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

/** The next execution of a workflow to finish. */
function nextFinishOf(workflowId: string): Promise<Execution> {
  return new Promise((resolve) => {
    const off = server.engine.on('executionFinish', ({ execution }) => {
      if (execution.workflowId !== workflowId) return;
      off();
      resolve(execution as Execution);
    });
  });
}

const failing = (id: string, errorWorkflow?: string) =>
  buildWorkflow({
    id,
    name: `Failing ${id}`,
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'charge', name: 'Charge card', type: 'test.flaky', parameters: { message: 'card declined' } },
    ],
    connections: [['start', 'charge']],
    ...(errorWorkflow ? { settings: { errorWorkflow } } : {}),
  });

const alert = (
  id: string,
  nodes = [
    { id: 'start', type: 'core.manualTrigger' },
    { id: 'notify', type: 'core.noOp' },
  ],
  errorWorkflow?: string,
) => buildWorkflow({ id, nodes, connections: [['start', nodes[1]!.id]], ...(errorWorkflow ? { settings: { errorWorkflow } } : {}) });

describe('error workflows', () => {
  it('run when a workflow fails, receiving the failed execution and its workflow', async () => {
    await server.call('/workflows', { auth: editor, json: alert('alert') });
    await server.call('/workflows', { auth: editor, json: failing('checkout', 'alert') });
    const alerted = nextFinishOf('alert');
    const failed = (await server.call('/workflows/checkout/run', { auth: editor, json: {} })).body;
    expect(failed.status).toBe('error');

    const run = await alerted;
    expect(run.status).toBe('success');
    expect(run.mode).toBe('trigger');
    const stored = await server.engine.storage.executions.get('acme', run.id);
    expect(stored?.nodes['notify']?.[0]?.input['main']?.[0]?.json).toEqual({
      execution: {
        id: failed.id,
        status: 'error',
        mode: 'manual',
        startedAt: failed.startedAt,
        finishedAt: failed.finishedAt,
        error: failed.error,
        lastNodeExecuted: 'Charge card',
      },
      workflow: { id: 'checkout', name: 'Failing checkout' },
    });
  });

  it('do not loop when the error workflow fails too', async () => {
    // The error workflow fails itself and names the first workflow as its own error workflow.
    const breaking = [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'boom', type: 'test.flaky', parameters: {} },
    ];
    await server.call('/workflows', { auth: editor, json: alert('alert-broken', breaking, 'loop') });
    await server.call('/workflows', { auth: editor, json: failing('loop', 'alert-broken') });
    const alerted = nextFinishOf('alert-broken');
    await server.call('/workflows/loop/run', { auth: editor, json: {} });
    expect((await alerted).status).toBe('error');
    // The error run's failure was recognized at its end, synchronously: nothing more was started.
    await server.engine.idle();
    expect((await server.engine.executions.list({ workflowId: 'loop' }, { tenantId: 'acme' })).items).toHaveLength(1);
    expect((await server.engine.executions.list({ workflowId: 'alert-broken' }, { tenantId: 'acme' })).items).toHaveLength(1);
  });
});
