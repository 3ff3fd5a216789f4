import { FlowloomError } from '../errors/flowloom.error.js';
import type { Execution } from '../model/execution.js';
import { executionCursor } from '../storage/execution-query.js';
import { StorageError } from '../storage/storage.error.js';
import { at, sampleExecution, sampleNodeRun, sampleWorkflow } from './conformance-fixtures.js';
import { assertEqual, assertRejects, assertTrue, type StorageTest } from './conformance-harness.js';

/** Executions: writing node by node, reading back, deleting, tenant isolation. */
export function executionConformance(test: StorageTest): void {
  test('records an execution node by node and reads it back with its node runs in order', async ({ executions }) => {
    const workflow = sampleWorkflow('wf-1');
    await executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined, workflow, owner: 'engine-a' }));
    const runs = [
      sampleNodeRun('a', 0),
      sampleNodeRun('b', 1, {
        status: 'error',
        error: { name: 'NodeExecutionError', code: 'NODE_FAILED', message: 'boom', node: { id: 'b', name: 'Node b' } },
        output: { main: [], error: [{ json: { message: 'boom' } }] },
        droppedItems: 3,
      }),
      sampleNodeRun('a', 2, {
        runIndex: 1,
        pinned: true,
        input: { main: [{ json: {}, binary: { f: { mimeType: 'text/plain', data: 'aGk=' } } }] },
      }),
      sampleNodeRun('c', 3, { reused: true, disabled: true, tries: 0 }),
    ];
    for (const r of runs) await executions.appendNodeRun('t1', 'e1', r);
    const running = await executions.get('t1', 'e1');
    assertEqual(running?.status, 'running', 'status while running');
    assertEqual(running?.nodes, { a: [runs[0], runs[2]], b: [runs[1]], c: [runs[3]] }, 'node runs while running');
    await executions.finish('t1', 'e1', {
      status: 'error',
      finishedAt: at(1),
      error: { name: 'FlowloomError', code: 'NODE_FAILED', message: 'Node b failed', details: { status: 500 } },
    });
    const done = await executions.get('t1', 'e1');
    assertEqual(
      done,
      {
        ...sampleExecution('e1', { status: 'error', finishedAt: at(1), workflow, owner: 'engine-a' }),
        error: { name: 'FlowloomError', code: 'NODE_FAILED', message: 'Node b failed', details: { status: 500 } },
        nodes: { a: [runs[0], runs[2]], b: [runs[1]], c: [runs[3]] },
      },
      'finished execution',
    );
  });

  test('lists summaries without node runs or the workflow snapshot', async ({ executions }) => {
    await executions.create(sampleExecution('e1', { workflow: sampleWorkflow('wf-1'), retryOf: 'e0' }));
    await executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0));
    const [summary] = await executions.list('t1');
    assertEqual(summary, { ...sampleExecution('e1', { retryOf: 'e0' }), nodes: undefined }, 'summary');
    assertTrue(summary !== undefined && !('nodes' in summary) && !('workflow' in summary), 'summary carries no nodes or workflow');
  });

  test('keeps the wait state of a waiting execution until a later finish comes without one', async ({ executions }) => {
    const wait = {
      nodeId: 'wait',
      resumeAt: at(60),
      inputs: { main: [{ json: { n: 1 } }] },
      runIndex: 0,
      plan: { stack: [], parked: [] },
      workflow: sampleWorkflow('wf-1'),
      vars: { region: 'eu' },
      usePinData: false,
      depth: 0,
    } as unknown as NonNullable<Execution['wait']>;
    await executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined }));
    await executions.finish('t1', 'e1', { status: 'waiting', finishedAt: at(1), wait });
    assertEqual((await executions.get('t1', 'e1'))?.wait, wait, 'stored wait state');
    const [summary] = await executions.list('t1', { status: 'waiting' });
    assertTrue(summary !== undefined && !('wait' in summary), 'lists leave the wait state out');
    await executions.finish('t1', 'e1', { status: 'success', finishedAt: at(2) });
    const done = await executions.get('t1', 'e1');
    assertEqual([done?.status, done?.wait], ['success', undefined], 'after the wait ended');
  });

  test('refuses to write to an execution that does not exist', async ({ executions }) => {
    const e1 = await assertRejects(executions.appendNodeRun('t1', 'nope', sampleNodeRun('a', 0)), 'appendNodeRun');
    assertTrue(e1 instanceof FlowloomError, `appendNodeRun rejects with a FlowloomError, got ${String(e1)}`);
    const e2 = await assertRejects(executions.finish('t1', 'nope', { status: 'success', finishedAt: at(1) }), 'finish');
    assertTrue(e2 instanceof FlowloomError, `finish rejects with a FlowloomError, got ${String(e2)}`);
  });

  test('refuses to create the same execution twice', async ({ executions }) => {
    await executions.create(sampleExecution('e1'));
    await assertRejects(executions.create(sampleExecution('e1')), 'second create');
  });

  test('deletes executions with their node runs and reports how many existed', async ({ executions }) => {
    for (const id of ['e1', 'e2', 'e3']) {
      await executions.create(sampleExecution(id));
      await executions.appendNodeRun('t1', id, sampleNodeRun('a', 0));
    }
    assertEqual(await executions.delete('t1', ['e1', 'e3', 'missing']), 2, 'deleted');
    assertEqual(await executions.get('t1', 'e1'), undefined, 'e1 after delete');
    assertEqual(
      (await executions.list('t1')).map((e) => e.id),
      ['e2'],
      'left',
    );
    assertEqual(await executions.count('t1'), 1, 'count after delete');
    await executions.create(sampleExecution('e1'));
    assertEqual((await executions.get('t1', 'e1'))?.nodes, {}, 'a re-created execution has no old node runs');
  });

  test('lists the tenants that have executions', async ({ executions }) => {
    await executions.create(sampleExecution('e1', { tenantId: 'acme' }));
    await executions.create(sampleExecution('e1', { tenantId: 'globex' }));
    assertEqual((await executions.tenants()).sort(), ['acme', 'globex'], 'tenants');
  });

  test('never shows or changes one tenant’s executions from another', async ({ executions }) => {
    await executions.create(sampleExecution('e1', { tenantId: 't1', status: 'running', finishedAt: undefined }));
    await executions.create(sampleExecution('e1', { tenantId: 't2', workflowId: 'other' }));
    await executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0));
    await assertRejects(executions.appendNodeRun('t3', 'e1', sampleNodeRun('x', 1)), 'append from another tenant');
    await assertRejects(executions.finish('t3', 'e1', { status: 'success', finishedAt: at(1) }), 'finish from another tenant');
    assertEqual(await executions.get('t3', 'e1'), undefined, 'get from another tenant');
    assertEqual(await executions.list('t3'), [], 'list from another tenant');
    assertEqual(await executions.count('t3'), 0, 'count from another tenant');
    assertEqual(await executions.delete('t3', ['e1']), 0, 'delete from another tenant');
    assertEqual((await executions.get('t2', 'e1'))?.nodes, {}, 't2 has no t1 node runs');
    assertEqual((await executions.get('t1', 'e1'))?.status, 'running', 't1 untouched');
    assertEqual(
      (await executions.list('t2')).map((e) => e.workflowId),
      ['other'],
      't2 list',
    );
  });

  test('rejects a cursor it did not make with a StorageError', async ({ executions }) => {
    const error = await assertRejects(executions.list('t1', { cursor: 'garbage' }), 'bad cursor');
    assertTrue(error instanceof StorageError && error.code === 'STORAGE_QUERY_INVALID', `got ${String(error)}`);
    assertTrue(executionCursor({ startedAt: at(0), id: 'x' }).length > 0, 'cursor is a string');
  });
}
