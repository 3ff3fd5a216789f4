import type { ExecutionWait } from '../model/execution-wait.js';
import { at, sampleExecution, sampleNodeRun, sampleRunState, sampleWorkflow } from './conformance-fixtures.js';
import { assertEqual, assertTrue, type StorageTest } from './conformance-harness.js';

/** A running execution, as the engine creates it. */
const running = (id: string, overrides: Parameters<typeof sampleExecution>[1] = {}) =>
  sampleExecution(id, { status: 'running', finishedAt: undefined, ...overrides });

/** The run state saved with node runs, and claiming a running execution for another engine. */
export function runStateConformance(test: StorageTest): void {
  test('keeps the run state given to create and returns it from get', async ({ executions }) => {
    const state = sampleRunState(0);
    await executions.create(running('e1', { state }));
    assertEqual((await executions.get('t1', 'e1'))?.state, state, 'state after create');
  });

  test('replaces the run state with each node run that brings one, and returns the latest with the runs', async ({ executions }) => {
    await executions.create(running('e1', { state: sampleRunState(0) }));
    const runs = [sampleNodeRun('start', 0), sampleNodeRun('a', 1)];
    await executions.appendNodeRun('t1', 'e1', runs[0]!, sampleRunState(1));
    await executions.appendNodeRun(
      't1',
      'e1',
      runs[1]!,
      sampleRunState(2, { current: { nodeId: 'b', inputs: {}, runIndex: 0, tries: 2 } }),
    );
    const e = await executions.get('t1', 'e1');
    assertEqual(e?.state, sampleRunState(2, { current: { nodeId: 'b', inputs: {}, runIndex: 0, tries: 2 } }), 'latest state');
    assertEqual(e?.nodes, { start: [runs[0]], a: [runs[1]] }, 'node runs beside it');
  });

  test('leaves the run state as it was when a node run comes without one', async ({ executions }) => {
    await executions.create(running('e1'));
    await executions.appendNodeRun('t1', 'e1', sampleNodeRun('start', 0), sampleRunState(1));
    await executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 1));
    const e = await executions.get('t1', 'e1');
    assertEqual(e?.state, sampleRunState(1), 'state of the earlier node run');
    assertEqual(Object.keys(e?.nodes ?? {}).sort(), ['a', 'start'], 'both node runs');
  });

  test('has no run state for an execution that never got one', async ({ executions }) => {
    await executions.create(running('e1'));
    await executions.appendNodeRun('t1', 'e1', sampleNodeRun('start', 0));
    assertEqual((await executions.get('t1', 'e1'))?.state, undefined, 'state');
  });

  test('keeps a large run state whole', async ({ executions }) => {
    const items = Array.from({ length: 5000 }, (_, n) => ({ json: { n, text: `item ${n} `.repeat(8), nested: { list: [n, 'x', null] } } }));
    const state = sampleRunState(1, { stack: [{ nodeId: 'b', inputs: { main: items } }] });
    await executions.create(running('e1'));
    await executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0), state);
    assertEqual((await executions.get('t1', 'e1'))?.state, state, 'large state');
  });

  test('drops the run state when the execution finishes, and a waiting one keeps only its wait', async ({ executions }) => {
    await executions.create(running('done'));
    await executions.appendNodeRun('t1', 'done', sampleNodeRun('a', 0), sampleRunState(1));
    await executions.finish('t1', 'done', { status: 'success', finishedAt: at(1) });
    const done = await executions.get('t1', 'done');
    assertEqual([done?.status, done?.state], ['success', undefined], 'finished execution');
    assertEqual(done?.nodes['a']?.length, 1, 'its node run stays');

    const wait: ExecutionWait = {
      nodeId: 'pause',
      resumeAt: at(60),
      inputs: { main: [{ json: { n: 1 } }] },
      runIndex: 0,
      plan: { stack: [], parked: [] },
      workflow: sampleWorkflow('wf-1'),
      vars: {},
      usePinData: false,
      depth: 0,
    };
    await executions.create(running('paused'));
    await executions.appendNodeRun('t1', 'paused', sampleNodeRun('a', 0), sampleRunState(1));
    await executions.finish('t1', 'paused', { status: 'waiting', finishedAt: at(1), wait });
    const paused = await executions.get('t1', 'paused');
    assertEqual([paused?.status, paused?.state], ['waiting', undefined], 'waiting execution');
    assertEqual(paused?.wait, wait, 'its wait');
  });

  test('deletes the run state with its execution', async ({ executions }) => {
    await executions.create(running('e1', { state: sampleRunState(0) }));
    await executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0), sampleRunState(1));
    assertEqual(await executions.delete('t1', ['e1']), 1, 'deleted');
    await executions.create(running('e1'));
    assertEqual((await executions.get('t1', 'e1'))?.state, undefined, 'a re-created execution has no old state');
  });

  test('never shows the run state in lists', async ({ executions }) => {
    await executions.create(running('e1', { state: sampleRunState(0) }));
    await executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0), sampleRunState(1));
    for (const query of [undefined, { status: 'running' as const }, { workflowId: 'wf-1', status: 'running' as const }]) {
      const [summary] = await executions.list('t1', query);
      assertEqual(summary?.id, 'e1', `listed with ${JSON.stringify(query)}`);
      assertTrue(summary !== undefined && !('state' in summary), `no state in the summary listed with ${JSON.stringify(query)}`);
    }
  });

  test('claims a running execution once: a second claim expecting the old owner fails', async ({ executions }) => {
    await executions.create(running('e1', { owner: 'engine-a' }));
    assertEqual(await executions.claim('t1', 'e1', 'engine-b', 'engine-a'), true, 'first claim');
    assertEqual(await executions.claim('t1', 'e1', 'engine-c', 'engine-a'), false, 'second claim expecting engine-a');
    assertEqual((await executions.get('t1', 'e1'))?.owner, 'engine-b', 'owner');
    assertEqual(await executions.claim('t1', 'e1', 'engine-c', 'engine-b'), true, 'a claim expecting engine-b');
    assertEqual((await executions.get('t1', 'e1'))?.owner, 'engine-c', 'owner after that');
  });

  test('lets only one of two engines racing for the same execution claim it', async ({ executions }) => {
    await executions.create(running('e1', { owner: 'dead' }));
    const results = await Promise.all([executions.claim('t1', 'e1', 'engine-b', 'dead'), executions.claim('t1', 'e1', 'engine-c', 'dead')]);
    assertEqual(results.filter(Boolean).length, 1, `claims that succeeded (${JSON.stringify(results)})`);
    assertEqual((await executions.get('t1', 'e1'))?.owner, results[0] ? 'engine-b' : 'engine-c', 'owner is the winner');
  });

  test('refuses to claim an execution that is not running', async ({ executions }) => {
    await executions.create(sampleExecution('done', { owner: 'engine-a' }));
    assertEqual(await executions.claim('t1', 'done', 'engine-b', 'engine-a'), false, 'finished when created');
    await executions.create(running('ended', { owner: 'engine-a' }));
    await executions.finish('t1', 'ended', { status: 'error', finishedAt: at(1) });
    assertEqual(await executions.claim('t1', 'ended', 'engine-b', 'engine-a'), false, 'finished later');
    assertEqual((await executions.get('t1', 'ended'))?.owner, 'engine-a', 'owner unchanged');
    assertEqual((await executions.list('t1', { status: 'error' }))[0]?.owner, 'engine-a', 'listed owner unchanged');
  });

  test('resolves false when claiming an execution that does not exist, or exists only in another tenant', async ({ executions }) => {
    assertEqual(await executions.claim('t1', 'nope', 'engine-b', undefined), false, 'unknown id');
    await executions.create(running('e1', { tenantId: 't2', owner: 'engine-a' }));
    assertEqual(await executions.claim('t1', 'e1', 'engine-b', 'engine-a'), false, 'from another tenant');
    assertEqual((await executions.get('t2', 'e1'))?.owner, 'engine-a', 'other tenant’s owner unchanged');
  });

  test('matches a record without an owner when the expected owner is undefined, and only then', async ({ executions }) => {
    await executions.create(running('ownerless'));
    assertEqual(await executions.claim('t1', 'ownerless', 'engine-b', 'engine-a'), false, 'expecting an owner it does not have');
    assertEqual(await executions.claim('t1', 'ownerless', 'engine-b', undefined), true, 'expecting none');
    assertEqual((await executions.get('t1', 'ownerless'))?.owner, 'engine-b', 'owner after the claim');
    await executions.create(running('owned', { owner: 'engine-a' }));
    assertEqual(await executions.claim('t1', 'owned', 'engine-b', undefined), false, 'expecting none on an owned record');
  });

  test('shows the new owner in lists, and keeps the run state and node runs through a claim', async ({ executions }) => {
    await executions.create(running('e1', { owner: 'engine-a' }));
    await executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0), sampleRunState(1));
    assertEqual(await executions.claim('t1', 'e1', 'engine-b', 'engine-a'), true, 'claim');
    assertEqual(
      (await executions.list('t1')).map((e) => [e.id, e.owner]),
      [['e1', 'engine-b']],
      'listed owner',
    );
    assertEqual((await executions.list('t1', { status: 'running' }))[0]?.owner, 'engine-b', 'listed owner, filtered by status');
    const e = await executions.get('t1', 'e1');
    assertEqual(e?.state, sampleRunState(1), 'state after the claim');
    assertEqual(e?.nodes['a']?.length, 1, 'node runs after the claim');
    await executions.appendNodeRun('t1', 'e1', sampleNodeRun('b', 1), sampleRunState(2));
    await executions.finish('t1', 'e1', { status: 'success', finishedAt: at(1) });
    assertEqual((await executions.get('t1', 'e1'))?.owner, 'engine-b', 'owner kept by finish');
  });
}
