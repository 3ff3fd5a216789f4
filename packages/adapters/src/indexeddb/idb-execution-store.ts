import {
  FlowloomError,
  matchesExecutionQuery,
  normalizeExecutionQuery,
  type Execution,
  type ExecutionStore,
  type ExecutionSummary,
  type NodeRun,
  type NormalizedExecutionQuery,
  type RunState,
} from '@flowloom/engine';
import { unwrap, type IDBPDatabase } from 'idb';
import { STORES } from './idb-schema.js';

/** The workflow snapshot and wait state, kept apart from the summary so lists stay light. */
interface DetailRecord {
  tenantId: string;
  id: string;
  workflow?: Execution['workflow'];
  wait?: Execution['wait'];
}

/** The run state of a running execution, replaced with each node run. */
interface RunStateRecord {
  tenantId: string;
  id: string;
  state: RunState;
}

interface NodeRunRecord {
  tenantId: string;
  executionId: string;
  seq: number;
  run: NodeRun;
}

type Guard = <T>(fn: () => Promise<T>) => Promise<T>;

/** `IDBIndex.getAllRecords` (Chromium 141+): a batch of records in either direction, one request. */
interface RecordsIndex {
  getAllRecords?(options: {
    query: IDBKeyRange;
    count: number;
    direction: 'next' | 'prev';
  }): IDBRequest<{ key: IDBValidKey; value: ExecutionSummary }[]>;
}

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

const notFound = (id: string) => new FlowloomError('NOT_FOUND', `Execution '${id}' was not found.`);

/** Everything between these two keys of a compound key starting with `prefix`. */
const within = (prefix: unknown[]) => IDBKeyRange.bound(prefix, [...prefix, []]);

/** Picks the index and key range that narrow a query most; the other filters are checked per record. */
function indexFor(tenantId: string, q: NormalizedExecutionQuery): { index: string; range: IDBKeyRange } {
  let index = 'byStart';
  const prefix: unknown[] = [tenantId];
  if (q.workflowIds?.length === 1 && q.statuses?.length === 1) {
    index = 'byWorkflowStatus';
    prefix.push(q.workflowIds[0], q.statuses[0]);
  } else if (q.workflowIds?.length === 1) {
    index = 'byWorkflow';
    prefix.push(q.workflowIds[0]);
  } else if (q.statuses?.length === 1) {
    index = 'byStatus';
    prefix.push(q.statuses[0]);
  }
  let lower: unknown[] = [...prefix, q.startedFrom ?? ''];
  let lowerOpen = false;
  let upper: unknown[] = q.startedTo === undefined ? [...prefix, []] : [...prefix, q.startedTo];
  let upperOpen = q.startedTo !== undefined;
  if (q.after) {
    const at = [...prefix, q.after.startedAt, q.after.id];
    if (q.order === 'desc' && indexedDB.cmp(at, upper) < 0) [upper, upperOpen] = [at, true];
    if (q.order === 'asc' && indexedDB.cmp(at, lower) >= 0) [lower, lowerOpen] = [at, true];
  }
  if (indexedDB.cmp(lower, upper) > 0) upper = lower; // an empty range rather than a DataError
  return { index, range: IDBKeyRange.bound(lower, upper, lowerOpen, upperOpen || indexedDB.cmp(lower, upper) === 0) };
}

/**
 * Executions in four object stores: summaries (indexed by start time,
 * workflow and status), details (workflow snapshot, wait state), run states
 * and node runs; the last three are read only when one execution is opened.
 */
export function createIdbExecutionStore(db: () => IDBPDatabase, guard: Guard): ExecutionStore {
  /** Calls `each` with the matching summaries in order until it returns false. */
  const scan = async (tenantId: string, q: NormalizedExecutionQuery, each: (summary: ExecutionSummary) => boolean) => {
    const { index, range } = indexFor(tenantId, q);
    const tx = db().transaction(STORES.executions, 'readonly');
    const idx = unwrap(tx.store.index(index)) as RecordsIndex;
    const direction = q.order === 'asc' ? 'next' : 'prev';
    if (typeof idx.getAllRecords === 'function') {
      // Read in growing chunks, one request each, instead of one request per record.
      let chunk = Math.min(q.limit + 1, 1000);
      let r = range;
      for (;;) {
        const records = await promised(idx.getAllRecords({ query: r, count: chunk, direction }));
        for (const record of records) {
          if (matchesExecutionQuery(record.value, q, true) && !each(record.value)) return;
        }
        if (records.length < chunk) return;
        const last = records.at(-1)!.key;
        r =
          direction === 'next'
            ? IDBKeyRange.bound(last, range.upper, true, range.upperOpen)
            : IDBKeyRange.bound(range.lower, last, range.lowerOpen, true);
        chunk = Math.min(chunk * 4, 2000);
      }
    }
    let cursor = await tx.store.index(index).openCursor(range, direction);
    while (cursor) {
      const summary = cursor.value as ExecutionSummary;
      if (matchesExecutionQuery(summary, q, true) && !each(summary)) break;
      cursor = await cursor.continue();
    }
  };

  return {
    create: (execution) =>
      guard(async () => {
        const { nodes, workflow, wait, state, ...summary } = execution;
        const tx = db().transaction([STORES.executions, STORES.executionDetails, STORES.runStates, STORES.nodeRuns], 'readwrite');
        await allOrNothing(tx, async () => {
          const executions = tx.objectStore(STORES.executions);
          if ((await executions.count([execution.tenantId, execution.id])) > 0) {
            throw new FlowloomError('CONFLICT', `Execution '${execution.id}' already exists.`);
          }
          await executions.add(summary);
          const detail: DetailRecord = { tenantId: execution.tenantId, id: execution.id };
          if (workflow) detail.workflow = workflow;
          if (wait) detail.wait = wait;
          await tx.objectStore(STORES.executionDetails).put(detail);
          if (state) {
            const record: RunStateRecord = { tenantId: execution.tenantId, id: execution.id, state };
            await tx.objectStore(STORES.runStates).put(record);
          }
          let seq = 0;
          for (const runs of Object.values(nodes)) {
            for (const run of runs)
              await tx.objectStore(STORES.nodeRuns).put({ tenantId: execution.tenantId, executionId: execution.id, seq: seq++, run });
          }
        });
      }),
    appendNodeRun: (tenantId, executionId, run, state) =>
      guard(async () => {
        // The node run and the run state in one transaction: both are written or neither.
        const tx = db().transaction([STORES.executions, STORES.runStates, STORES.nodeRuns], 'readwrite');
        await allOrNothing(tx, async () => {
          if ((await tx.objectStore(STORES.executions).count([tenantId, executionId])) === 0) throw notFound(executionId);
          const runs = tx.objectStore(STORES.nodeRuns);
          const seq = await runs.count(within([tenantId, executionId]));
          const record: NodeRunRecord = { tenantId, executionId, seq, run };
          await runs.add(record);
          if (state) {
            const stateRecord: RunStateRecord = { tenantId, id: executionId, state };
            await tx.objectStore(STORES.runStates).put(stateRecord);
          }
        });
      }),
    claim: (tenantId, executionId, owner, expectedOwner) =>
      guard(async () => {
        // Read and write in one readwrite transaction: no other claim can come between them.
        const tx = db().transaction(STORES.executions, 'readwrite');
        const summary = (await tx.store.get([tenantId, executionId])) as ExecutionSummary | undefined;
        if (summary?.status !== 'running' || summary.owner !== expectedOwner) {
          await tx.done;
          return false;
        }
        summary.owner = owner;
        await tx.store.put(summary);
        await tx.done;
        return true;
      }),
    finish: (tenantId, executionId, result) =>
      guard(async () => {
        const tx = db().transaction([STORES.executions, STORES.executionDetails, STORES.runStates], 'readwrite');
        await allOrNothing(tx, async () => {
          const executions = tx.objectStore(STORES.executions);
          const summary = (await executions.get([tenantId, executionId])) as ExecutionSummary | undefined;
          if (!summary) throw notFound(executionId);
          summary.status = result.status;
          summary.finishedAt = result.finishedAt;
          if (result.error) summary.error = result.error;
          await executions.put(summary);
          const details = tx.objectStore(STORES.executionDetails);
          const detail = ((await details.get([tenantId, executionId])) as DetailRecord | undefined) ?? { tenantId, id: executionId };
          if (result.wait) detail.wait = result.wait;
          else delete detail.wait;
          await details.put(detail);
          await tx.objectStore(STORES.runStates).delete([tenantId, executionId]);
        });
      }),
    get: (tenantId, id) =>
      guard(async () => {
        const tx = db().transaction([STORES.executions, STORES.executionDetails, STORES.runStates, STORES.nodeRuns], 'readonly');
        const summary = (await tx.objectStore(STORES.executions).get([tenantId, id])) as ExecutionSummary | undefined;
        if (!summary) return undefined;
        const detail = (await tx.objectStore(STORES.executionDetails).get([tenantId, id])) as DetailRecord | undefined;
        const runState = (await tx.objectStore(STORES.runStates).get([tenantId, id])) as RunStateRecord | undefined;
        const runs = (await tx.objectStore(STORES.nodeRuns).getAll(within([tenantId, id]))) as NodeRunRecord[];
        const execution: Execution = { ...summary, nodes: {} };
        if (detail?.workflow) execution.workflow = detail.workflow;
        if (detail?.wait) execution.wait = detail.wait;
        if (runState) execution.state = runState.state;
        for (const { run } of runs) (execution.nodes[run.nodeId] ??= []).push(run);
        return execution;
      }),
    list: (tenantId, query) =>
      guard(async () => {
        const q = normalizeExecutionQuery(query);
        const out: ExecutionSummary[] = [];
        await scan(tenantId, q, (s) => out.push(s) < q.limit);
        return out;
      }),
    count: (tenantId, query) =>
      guard(async () => {
        const q = { ...normalizeExecutionQuery(query), after: undefined };
        // When the index range is the whole filter, the index counts without reading records.
        const rangeOnly =
          !q.modes &&
          q.errorContains === undefined &&
          q.retryOf === undefined &&
          q.minDurationMs === undefined &&
          q.maxDurationMs === undefined &&
          (q.workflowIds?.length ?? 1) === 1 &&
          (q.statuses?.length ?? 1) === 1;
        const { index, range } = indexFor(tenantId, q);
        if (rangeOnly) {
          return db().transaction(STORES.executions, 'readonly').store.index(index).count(range);
        }
        let n = 0;
        await scan(tenantId, q, () => (n++, true));
        return n;
      }),
    delete: (tenantId, ids) =>
      guard(async () => {
        const tx = db().transaction([STORES.executions, STORES.executionDetails, STORES.runStates, STORES.nodeRuns], 'readwrite');
        let n = 0;
        for (const id of ids) {
          if ((await tx.objectStore(STORES.executions).count([tenantId, id])) === 0) continue;
          n++;
          await tx.objectStore(STORES.executions).delete([tenantId, id]);
          await tx.objectStore(STORES.executionDetails).delete([tenantId, id]);
          await tx.objectStore(STORES.runStates).delete([tenantId, id]);
          await tx.objectStore(STORES.nodeRuns).delete(within([tenantId, id]));
        }
        await tx.done;
        return n;
      }),
    tenants: () =>
      guard(async () => {
        const tenants: string[] = [];
        const tx = db().transaction(STORES.executions, 'readonly');
        // Jump from one tenant to the next instead of walking every execution.
        let cursor = await tx.store.openKeyCursor();
        while (cursor) {
          const tenant = (cursor.key as [string, string])[0];
          tenants.push(tenant);
          cursor = await cursor.continue([tenant, []]);
        }
        return tenants;
      }),
  };
}

interface WriteTransaction {
  abort(): void;
  done: Promise<void>;
}

/**
 * Runs the writes of `body` in `tx` and waits for the commit. Any failure,
 * including a value the browser cannot clone after earlier requests
 * succeeded, aborts the transaction: without that it would commit the
 * requests made so far.
 */
async function allOrNothing(tx: WriteTransaction, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    abort(tx);
    throw error;
  }
  await tx.done;
}

/** Aborts a transaction; its `done` promise then rejects, which is expected, so that rejection is handled here. */
function abort(tx: WriteTransaction): void {
  tx.done.catch(() => {});
  try {
    tx.abort();
  } catch {
    // Already aborting because a request failed: nothing is committed either way.
  }
}
