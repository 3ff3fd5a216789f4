import {
  FlowloomError,
  executionDurationMs,
  normalizeExecutionQuery,
  type Execution,
  type ExecutionQuery,
  type ExecutionStore,
  type ExecutionSummary,
  type NodeRun,
  type NormalizedExecutionQuery,
  type RunState,
} from '@flowloom/engine';
import type { Database, Statement } from 'better-sqlite3';
import type { GroupCommit } from './sqlite-group-commit.js';

type Param = string | number | null;

/** The WHERE clause (without the cursor unless asked) and its parameters for a query. */
function where(tenantId: string, q: NormalizedExecutionQuery, withCursor: boolean): { sql: string; params: Param[] } {
  const parts = ['tenant_id = ?'];
  const params: Param[] = [tenantId];
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values) return;
    parts.push(values.length === 0 ? '0' : `${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  };
  inList('workflow_id', q.workflowIds);
  inList('status', q.statuses);
  inList('mode', q.modes);
  const compare = (sql: string, value: Param | undefined) => {
    if (value === undefined) return;
    parts.push(sql);
    params.push(value);
  };
  compare('started_at >= ?', q.startedFrom);
  compare('started_at < ?', q.startedTo);
  compare('duration_ms >= ?', q.minDurationMs);
  compare('duration_ms <= ?', q.maxDurationMs);
  compare('instr(error_search, ?) > 0', q.errorContains);
  compare('retry_of = ?', q.retryOf);
  if (withCursor && q.after) {
    const op = q.order === 'asc' ? '>' : '<';
    parts.push(`(started_at ${op} ? OR (started_at = ? AND id ${op} ?))`);
    params.push(q.after.startedAt, q.after.startedAt, q.after.id);
  }
  return { sql: parts.join(' AND '), params };
}

/** The summary JSON kept beside the columns: everything but node runs, the workflow snapshot, the wait and the run state. */
function summaryOf(execution: Execution): ExecutionSummary {
  const { nodes: _nodes, workflow: _workflow, wait: _wait, state: _state, ...summary } = execution;
  return summary;
}

/** An execution's row, its JSON columns serialized. */
function rowOf(execution: Execution): Record<string, Param> {
  return {
    tenantId: execution.tenantId,
    id: execution.id,
    workflowId: execution.workflowId,
    status: execution.status,
    mode: execution.mode,
    startedAt: execution.startedAt,
    finishedAt: execution.finishedAt ?? null,
    durationMs: executionDurationMs(execution) ?? null,
    errorSearch: execution.error?.message.toLowerCase() ?? null,
    retryOf: execution.retryOf ?? null,
    owner: execution.owner ?? null,
    summary: JSON.stringify(summaryOf(execution)),
    workflow: execution.workflow ? JSON.stringify(execution.workflow) : null,
    wait: execution.wait ? JSON.stringify(execution.wait) : null,
    state: execution.state ? JSON.stringify(execution.state) : null,
  };
}

/**
 * Executions in two tables: one row per execution (summary JSON plus the
 * columns queries filter and sort on, the workflow snapshot, wait and run
 * state) and one row per node run, read only when a single execution is
 * opened. The owner is both in the summary and in a column: a claim compares
 * and sets the column and keeps the summary in step in the same statement.
 */
export function createSqliteExecutionStore(
  db: Database,
  guard: <T>(fn: () => T) => Promise<T>,
  queue: GroupCommit['queue'],
): ExecutionStore {
  const insert = db.prepare(
    `INSERT INTO executions (tenant_id, id, workflow_id, status, mode, started_at, finished_at, duration_ms, error_search, retry_of, owner, summary, workflow, wait, state)
     VALUES (@tenantId, @id, @workflowId, @status, @mode, @startedAt, @finishedAt, @durationMs, @errorSearch, @retryOf, @owner, @summary, @workflow, @wait, @state)`,
  );
  const exists = db.prepare('SELECT 1 FROM executions WHERE tenant_id = ? AND id = ?').pluck();
  const insertRun = db.prepare('INSERT INTO node_runs (tenant_id, execution_id, data) VALUES (?, ?, ?)');
  const writeState = db.prepare('UPDATE executions SET state = ? WHERE tenant_id = ? AND id = ?');
  const claim = db.prepare(
    `UPDATE executions SET owner = @owner, summary = json_set(summary, '$.owner', @owner)
     WHERE tenant_id = @tenantId AND id = @id AND status = 'running' AND owner IS @expectedOwner`,
  );
  const readSummary = db.prepare('SELECT summary FROM executions WHERE tenant_id = ? AND id = ?').pluck();
  const update = db.prepare(
    `UPDATE executions SET status = ?, finished_at = ?, duration_ms = ?, error_search = ?, summary = ?, wait = ?, state = NULL WHERE tenant_id = ? AND id = ?`,
  );
  const readOne = db.prepare('SELECT summary, workflow, wait, state FROM executions WHERE tenant_id = ? AND id = ?');
  const readRuns = db.prepare('SELECT data FROM node_runs WHERE tenant_id = ? AND execution_id = ? ORDER BY seq').pluck();
  const deleteOne = db.prepare('DELETE FROM executions WHERE tenant_id = ? AND id = ?');
  const deleteRuns = db.prepare('DELETE FROM node_runs WHERE tenant_id = ? AND execution_id = ?');
  const tenants = db.prepare('SELECT DISTINCT tenant_id FROM executions').pluck();

  // Queries differ only by which filters are set: keep one prepared statement per shape.
  const statements = new Map<string, Statement>();
  const prepared = (sql: string) => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = db.prepare(sql).pluck()));
    return st;
  };

  const notFound = (id: string) => new FlowloomError('NOT_FOUND', `Execution '${id}' was not found.`);

  // The writes of a run are queued for the group commit; what they store is serialized when they are called.
  const create = db.transaction((row: Record<string, Param>, runs: readonly string[]) => {
    const tenantId = row['tenantId'] as string;
    const id = row['id'] as string;
    if (exists.get(tenantId, id)) throw new FlowloomError('CONFLICT', `Execution '${id}' already exists.`);
    insert.run(row);
    for (const run of runs) insertRun.run(tenantId, id, run);
  });

  // One transaction: after a crash the stored run state and node runs agree, and a failed write leaves neither.
  const append = db.transaction((tenantId: string, executionId: string, run: string, state: string | undefined) => {
    if (!exists.get(tenantId, executionId)) throw notFound(executionId);
    insertRun.run(tenantId, executionId, run);
    if (state !== undefined) writeState.run(state, tenantId, executionId);
  });

  const finish = db.transaction(
    (tenantId: string, executionId: string, end: Pick<Execution, 'status' | 'finishedAt' | 'error'>, wait: string | null) => {
      const text = readSummary.get(tenantId, executionId) as string | undefined;
      if (text === undefined) throw notFound(executionId);
      const summary = JSON.parse(text) as ExecutionSummary;
      summary.status = end.status;
      summary.finishedAt = end.finishedAt;
      if (end.error) summary.error = end.error;
      update.run(
        summary.status,
        summary.finishedAt,
        executionDurationMs(summary) ?? null,
        summary.error?.message.toLowerCase() ?? null,
        JSON.stringify(summary),
        wait,
        tenantId,
        executionId,
      );
    },
  );

  const remove = db.transaction((tenantId: string, ids: readonly string[]) => {
    let n = 0;
    for (const id of ids) {
      const changes = deleteOne.run(tenantId, id).changes;
      if (changes > 0) {
        n += changes;
        deleteRuns.run(tenantId, id);
      }
    }
    return n;
  });

  return {
    create: (execution) =>
      queue(() => {
        const row = rowOf(execution);
        const runs = Object.values(execution.nodes).flatMap((list) => list.map((run) => JSON.stringify(run)));
        return () => create(row, runs);
      }),
    appendNodeRun: (tenantId, executionId, run, state) =>
      queue(() => {
        const runText = JSON.stringify(run);
        const stateText = state ? JSON.stringify(state) : undefined;
        return () => append(tenantId, executionId, runText, stateText);
      }),
    claim: (tenantId, executionId, owner, expectedOwner) =>
      guard(() => claim.run({ tenantId, id: executionId, owner, expectedOwner: expectedOwner ?? null }).changes === 1),
    finish: (tenantId, executionId, result) =>
      queue(() => {
        const end: Pick<Execution, 'status' | 'finishedAt' | 'error'> = { status: result.status, finishedAt: result.finishedAt };
        if (result.error) end.error = JSON.parse(JSON.stringify(result.error)) as Execution['error'];
        const wait = result.wait ? JSON.stringify(result.wait) : null;
        return () => finish(tenantId, executionId, end, wait);
      }),
    get: (tenantId, id) =>
      guard(() => {
        // One read transaction, so the summary and node runs are from the same moment.
        return db.transaction(() => {
          const row = readOne.get(tenantId, id) as
            { summary: string; workflow: string | null; wait: string | null; state: string | null } | undefined;
          if (!row) return undefined;
          const execution = JSON.parse(row.summary) as Execution;
          if (row.workflow !== null) execution.workflow = JSON.parse(row.workflow) as Execution['workflow'];
          if (row.wait !== null) execution.wait = JSON.parse(row.wait) as Execution['wait'];
          if (row.state !== null) execution.state = JSON.parse(row.state) as RunState;
          execution.nodes = {};
          for (const data of readRuns.all(tenantId, id) as string[]) {
            const run = JSON.parse(data) as NodeRun;
            (execution.nodes[run.nodeId] ??= []).push(run);
          }
          return execution;
        })();
      }),
    list: (tenantId, query?: ExecutionQuery) =>
      guard(() => {
        const q = normalizeExecutionQuery(query);
        const { sql, params } = where(tenantId, q, true);
        const dir = q.order === 'asc' ? 'ASC' : 'DESC';
        const rows = prepared(`SELECT summary FROM executions WHERE ${sql} ORDER BY started_at ${dir}, id ${dir} LIMIT ?`).all(
          ...params,
          q.limit,
        ) as string[];
        return rows.map((s) => JSON.parse(s) as ExecutionSummary);
      }),
    count: (tenantId, query) =>
      guard(() => {
        const { sql, params } = where(tenantId, normalizeExecutionQuery(query), false);
        return prepared(`SELECT count(*) FROM executions WHERE ${sql}`).get(...params) as number;
      }),
    delete: (tenantId, ids) => guard(() => remove(tenantId, ids)),
    tenants: () => guard(() => tenants.all() as string[]),
  };
}
