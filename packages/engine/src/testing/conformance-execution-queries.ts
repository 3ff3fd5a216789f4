import type { Execution } from '../model/execution.js';
import type { ExecutionQuery, ExecutionStore } from '../storage/execution-store.js';
import { executionCursor } from '../storage/execution-query.js';
import { at, sampleExecution } from './conformance-fixtures.js';
import { assertEqual, assertTrue, ConformanceFailure, type StorageTest } from './conformance-harness.js';

/** Ten executions covering every filter; ids e0..e9 start one minute apart. */
const FIXTURE: Execution[] = [
  sampleExecution('e0', { workflowId: 'wf-a', status: 'success', mode: 'manual', startedAt: at(0), finishedAt: at(0, 100) }),
  sampleExecution('e1', {
    workflowId: 'wf-a',
    status: 'error',
    mode: 'webhook',
    startedAt: at(1),
    finishedAt: at(1, 2000),
    error: { name: 'NodeExecutionError', code: 'NODE_FAILED', message: 'HTTP 503 from Orders API' },
  }),
  sampleExecution('e2', { workflowId: 'wf-b', status: 'success', mode: 'schedule', startedAt: at(2), finishedAt: at(2, 50) }),
  sampleExecution('e3', { workflowId: 'wf-b', status: 'running', mode: 'webhook', startedAt: at(3), finishedAt: undefined }),
  sampleExecution('e4', { workflowId: 'wf-a', status: 'crashed', mode: 'subworkflow', startedAt: at(4), finishedAt: at(4, 9000) }),
  sampleExecution('e5', {
    workflowId: 'wf-c',
    status: 'error',
    mode: 'retry',
    retryOf: 'e1',
    startedAt: at(5),
    finishedAt: at(5, 700),
    error: { name: 'FlowloomError', code: 'X', message: 'Timeout talking to orders api' },
  }),
  sampleExecution('e6', { workflowId: 'wf-a', status: 'canceled', mode: 'manual', startedAt: at(6), finishedAt: at(6, 300) }),
  sampleExecution('e7', { workflowId: 'wf-b', status: 'success', mode: 'manual', startedAt: at(7), finishedAt: at(7, 1000) }),
  sampleExecution('e8', { workflowId: 'wf-c', status: 'success', mode: 'retry', retryOf: 'e1', startedAt: at(8), finishedAt: at(8, 10) }),
  sampleExecution('e9', { workflowId: 'wf-a', status: 'waiting', mode: 'trigger', startedAt: at(9), finishedAt: undefined }),
];

async function seed(executions: ExecutionStore, list: readonly Execution[] = FIXTURE): Promise<void> {
  for (const e of list) await executions.create(e);
}

async function ids(executions: ExecutionStore, query: ExecutionQuery): Promise<string[]> {
  return (await executions.list('t1', query)).map((e) => e.id);
}

/** Every page of a query, following cursors. */
async function walk(executions: ExecutionStore, query: ExecutionQuery, between?: (page: number) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const items = await executions.list('t1', { ...query, ...(cursor === undefined ? {} : { cursor }) });
    seen.push(...items.map((e) => e.id));
    const last = items.at(-1);
    if (!last || items.length < (query.limit ?? 100)) return seen;
    cursor = executionCursor(last);
    await between?.(page);
  }
  throw new ConformanceFailure('Cursor pagination did not end after 100 pages: each page must start after the cursor it was given.');
}

/** Execution queries: every filter, sorting, cursor pagination (also under concurrent inserts), count. */
export function executionQueryConformance(test: StorageTest): void {
  test('lists newest first by default and oldest first on request', async ({ executions }) => {
    await seed(executions, [...FIXTURE].reverse());
    assertEqual(await ids(executions, {}), ['e9', 'e8', 'e7', 'e6', 'e5', 'e4', 'e3', 'e2', 'e1', 'e0'], 'desc');
    assertEqual(await ids(executions, { order: 'asc', limit: 3 }), ['e0', 'e1', 'e2'], 'asc, limit 3');
  });

  test('breaks ties in start time by id', async ({ executions }) => {
    await seed(
      executions,
      ['b', 'c', 'a'].map((id) => sampleExecution(id, { startedAt: at(1) })),
    );
    assertEqual(await ids(executions, {}), ['c', 'b', 'a'], 'desc');
    assertEqual(await ids(executions, { order: 'asc' }), ['a', 'b', 'c'], 'asc');
  });

  test('filters by workflow, status and mode, each one value or several', async ({ executions }) => {
    await seed(executions);
    assertEqual(await ids(executions, { workflowId: 'wf-b' }), ['e7', 'e3', 'e2'], 'workflow');
    assertEqual(await ids(executions, { workflowId: ['wf-b', 'wf-c'], order: 'asc' }), ['e2', 'e3', 'e5', 'e7', 'e8'], 'workflows');
    assertEqual(await ids(executions, { status: 'error' }), ['e5', 'e1'], 'status');
    assertEqual(await ids(executions, { status: ['crashed', 'running', 'waiting'] }), ['e9', 'e4', 'e3'], 'statuses');
    assertEqual(await ids(executions, { mode: 'retry' }), ['e8', 'e5'], 'mode');
    assertEqual(await ids(executions, { mode: ['webhook', 'schedule'] }), ['e3', 'e2', 'e1'], 'modes');
    assertEqual(await ids(executions, { workflowId: 'wf-a', status: 'success', mode: 'manual' }), ['e0'], 'all three');
    assertEqual(await ids(executions, { retryOf: 'e1' }), ['e8', 'e5'], 'retries of e1');
  });

  test('filters by start time range, including the start and excluding the end', async ({ executions }) => {
    await seed(executions);
    assertEqual(await ids(executions, { startedFrom: at(3), startedTo: at(6) }), ['e5', 'e4', 'e3'], 'range');
    assertEqual(await ids(executions, { startedFrom: at(8) }), ['e9', 'e8'], 'from');
    assertEqual(await ids(executions, { startedTo: at(1) }), ['e0'], 'to');
  });

  test('filters finished executions by duration range', async ({ executions }) => {
    await seed(executions);
    assertEqual(await ids(executions, { minDurationMs: 1000 }), ['e7', 'e4', 'e1'], 'at least 1 s');
    assertEqual(await ids(executions, { maxDurationMs: 100 }), ['e8', 'e2', 'e0'], 'at most 100 ms');
    assertEqual(await ids(executions, { minDurationMs: 300, maxDurationMs: 1000 }), ['e7', 'e6', 'e5'], 'between');
  });

  test('filters by error text, ignoring case', async ({ executions }) => {
    await seed(executions);
    assertEqual(await ids(executions, { errorContains: 'ORDERS API' }), ['e5', 'e1'], 'error text');
    assertEqual(await ids(executions, { errorContains: '503' }), ['e1'], 'error text 503');
    assertEqual(await ids(executions, { errorContains: 'no such text' }), [], 'no match');
  });

  test('counts what a query matches, ignoring limit and cursor', async ({ executions }) => {
    await seed(executions);
    assertEqual(await executions.count('t1'), 10, 'all');
    assertEqual(await executions.count('t1', { workflowId: 'wf-a', limit: 1 }), 5, 'one workflow');
    assertEqual(await executions.count('t1', { status: ['success', 'error'], startedFrom: at(2) }), 4, 'statuses from minute 2');
    assertEqual(await executions.count('t1', { errorContains: 'orders', cursor: executionCursor(FIXTURE[9]!) }), 2, 'error text');
  });

  test('pages through every execution with a cursor, with no duplicates or gaps', async ({ executions }) => {
    await seed(executions);
    assertEqual(await walk(executions, { limit: 3 }), ['e9', 'e8', 'e7', 'e6', 'e5', 'e4', 'e3', 'e2', 'e1', 'e0'], 'desc pages');
    assertEqual(
      await walk(executions, { limit: 4, order: 'asc', workflowId: 'wf-a' }),
      ['e0', 'e1', 'e4', 'e6', 'e9'],
      'filtered asc pages',
    );
  });

  test('keeps pages stable while new executions are inserted between them', async ({ executions }) => {
    await seed(executions);
    let n = 0;
    const seen = await walk(executions, { limit: 3 }, async () => {
      // Newer executions arrive while the user pages back in time, some at once.
      await Promise.all([0, 1].map(() => executions.create(sampleExecution(`new-${n++}`, { startedAt: at(20 + n) }))));
    });
    assertEqual(seen, ['e9', 'e8', 'e7', 'e6', 'e5', 'e4', 'e3', 'e2', 'e1', 'e0'], 'pages');
    assertEqual(await executions.count('t1'), 10 + n, 'everything was inserted');
  });

  test('keeps pages stable while executions are inserted concurrently with the reads', async ({ executions }) => {
    await seed(executions);
    const inserts = Array.from({ length: 20 }, (_, i) => executions.create(sampleExecution(`c${i}`, { startedAt: at(30 + i) })));
    const [pages] = await Promise.all([walk(executions, { limit: 2, startedTo: at(10) }), ...inserts]);
    assertEqual(pages, ['e9', 'e8', 'e7', 'e6', 'e5', 'e4', 'e3', 'e2', 'e1', 'e0'], 'pages');
    assertTrue((await executions.count('t1')) === 30, 'all concurrent inserts landed');
  });

  test('sees status changes in filters after finish', async ({ executions }) => {
    await executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined }));
    assertEqual(await ids(executions, { status: 'running' }), ['e1'], 'running');
    await executions.finish('t1', 'e1', {
      status: 'crashed',
      finishedAt: at(2),
      error: { name: 'FlowloomError', code: 'CRASHED', message: 'The engine stopped' },
    });
    assertEqual(await ids(executions, { status: 'running' }), [], 'no longer running');
    assertEqual(await ids(executions, { status: 'crashed', errorContains: 'engine stopped', minDurationMs: 60_000 }), ['e1'], 'crashed');
  });
}
