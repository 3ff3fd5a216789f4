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
import { ALL_TENANTS, type PostgresDb } from './postgres-db.js';
import { sqlState } from './postgres-errors.js';
import { fromJsonText, toJsonOrNull, toJsonText } from './postgres-json.js';

/**
 * The lower-cased error message the `errorContains` filter searches. A text
 * column cannot hold NUL, so NUL becomes U+FFFD here and in the searched text.
 */
function searchable(text: string | undefined): string | undefined {
  return text?.toLowerCase().replaceAll('\0', '\uFFFD');
}

/** A statement and its values. */
export interface Statement {
  text: string;
  values: unknown[];
}

/**
 * The WHERE clause of a query (without the cursor unless asked). Each
 * filter is a plain comparison on its own column, so the indexes listed in
 * `migrations.ts` can serve it; the comment there says which serves which.
 */
function where(tenantId: string, q: NormalizedExecutionQuery, withCursor: boolean): Statement {
  const values: unknown[] = [tenantId];
  const parts = ['tenant_id = $1'];
  const add = (sql: (n: string) => string, value: unknown) => {
    if (value === undefined) return;
    values.push(value);
    parts.push(sql(`$${values.length}`));
  };
  // One value is an equality, so its index returns rows already in list order; several are an ANY, merged and sorted.
  const oneOf = (column: string, list: readonly string[] | undefined) =>
    list?.length === 1 ? add((n) => `${column} = ${n}`, list[0]) : add((n) => `${column} = ANY(${n}::text[])`, list);
  oneOf('workflow_id', q.workflowIds);
  oneOf('status', q.statuses);
  oneOf('mode', q.modes);
  add((n) => `started_at >= ${n}::timestamptz`, q.startedFrom);
  add((n) => `started_at < ${n}::timestamptz`, q.startedTo);
  add((n) => `duration_ms >= ${n}::float8`, q.minDurationMs);
  add((n) => `duration_ms <= ${n}::float8`, q.maxDurationMs);
  // Spelled out so the planner sees the partial index's condition.
  add((n) => `error_search IS NOT NULL AND strpos(error_search, ${n}) > 0`, searchable(q.errorContains));
  add((n) => `retry_of = ${n}`, q.retryOf);
  if (withCursor && q.after) {
    const op = q.order === 'asc' ? '>' : '<';
    values.push(q.after.startedAt, q.after.id);
    // A row comparison: one range on (started_at, id), read straight off the index.
    parts.push(`(started_at, id) ${op} ($${values.length - 1}::timestamptz, $${values.length})`);
  }
  return { text: parts.join(' AND '), values };
}

/** The statement `list` runs for a query; exported for the test that reads its plans. */
export function executionListStatement(table: string, tenantId: string, query?: ExecutionQuery): Statement {
  const q = normalizeExecutionQuery(query);
  const { text, values } = where(tenantId, q, true);
  const dir = q.order === 'asc' ? 'ASC' : 'DESC';
  values.push(q.limit);
  return {
    text: `SELECT summary::text AS summary FROM ${table} WHERE ${text} ORDER BY started_at ${dir}, id ${dir} LIMIT $${values.length}`,
    values,
  };
}

/** The statement `count` runs for a query. */
export function executionCountStatement(table: string, tenantId: string, query?: ExecutionQuery): Statement {
  const { text, values } = where(tenantId, normalizeExecutionQuery(query), false);
  return { text: `SELECT count(*) AS n FROM ${table} WHERE ${text}`, values };
}

/**
 * The statement `tenants` runs: a skip scan over the primary key, one index
 * probe per tenant, however many executions each has.
 */
export function executionTenantsStatement(table: string): string {
  return `WITH RECURSIVE t(tenant_id) AS (
      SELECT min(tenant_id) FROM ${table}
      UNION ALL
      SELECT (SELECT min(e.tenant_id) FROM ${table} e WHERE e.tenant_id > t.tenant_id) FROM t WHERE t.tenant_id IS NOT NULL
    )
    SELECT tenant_id FROM t WHERE tenant_id IS NOT NULL`;
}

/** The summary kept as JSONB beside the columns: everything but node runs, the workflow snapshot, the wait and the run state. */
function summaryOf(execution: Execution): ExecutionSummary {
  const { nodes: _nodes, workflow: _workflow, wait: _wait, state: _state, ...summary } = execution;
  return summary;
}

const notFound = (id: string) => new FlowloomError('NOT_FOUND', `Execution '${id}' was not found.`);

/** The duration column's value: a number of milliseconds, or null while running. */
function durationOf(execution: Execution): number | null {
  const ms = executionDurationMs(execution);
  return ms === undefined || !Number.isFinite(ms) ? null : ms;
}

/**
 * Executions in two tables: one row per execution (the summary as JSONB,
 * the columns queries filter and sort on, the workflow snapshot, wait and
 * run state as JSONB) and one row per node run (JSONB), read only when a
 * single execution is opened. Each write is one statement, or one
 * transaction where it takes several, so it is durable and whole when its
 * promise resolves. The owner is both in the summary and in a column: a
 * claim compares and sets the column and the summary in one statement.
 */
export function createPostgresExecutionStore(db: PostgresDb): ExecutionStore {
  const executions = db.table('executions');
  const nodeRuns = db.table('node_runs');
  const { guard } = db;

  const insert = `INSERT INTO ${executions}
    (tenant_id, id, workflow_id, status, mode, started_at, finished_at, duration_ms, error_search, retry_of, owner, summary, workflow, wait, state)
    VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7::timestamptz, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14::jsonb, $15::jsonb)`;
  const insertRun = `INSERT INTO ${nodeRuns} (tenant_id, execution_id, data) VALUES ($1, $2, $3::jsonb)`;
  // One statement: the node run and the state are written together or not at all.
  const insertRunWithState = `WITH run AS (${insertRun})
    UPDATE ${executions} SET state = $4::jsonb WHERE tenant_id = $1 AND id = $2`;
  const claim = `UPDATE ${executions} SET owner = $3, summary = jsonb_set(summary, '{owner}', $4::jsonb)
    WHERE tenant_id = $1 AND id = $2 AND status = 'running' AND owner IS NOT DISTINCT FROM $5`;
  const finish = `UPDATE ${executions} SET
      status = $3,
      finished_at = $4::timestamptz,
      duration_ms = round(extract(epoch FROM $4::timestamptz - started_at)::numeric * 1000, 3)::float8,
      error_search = coalesce($8, error_search),
      summary = summary || jsonb_build_object('status', $5::jsonb, 'finishedAt', $6::jsonb)
        || CASE WHEN $7::jsonb IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('error', $7::jsonb) END,
      wait = $9::jsonb,
      state = NULL
    WHERE tenant_id = $1 AND id = $2`;
  // One statement, so the summary and the node runs are read from the same snapshot.
  const readOne = `SELECT e.summary::text AS summary, e.workflow::text AS workflow, e.wait::text AS wait, e.state::text AS state,
      ARRAY(SELECT r.data::text FROM ${nodeRuns} r WHERE r.tenant_id = e.tenant_id AND r.execution_id = e.id ORDER BY r.seq) AS runs
    FROM ${executions} e WHERE e.tenant_id = $1 AND e.id = $2`;
  // Node runs go with their execution (ON DELETE CASCADE).
  const remove = `DELETE FROM ${executions} WHERE tenant_id = $1 AND id = ANY($2::text[])`;
  const tenants = executionTenantsStatement(executions);

  return {
    create: (execution) =>
      guard(async () => {
        const { tenantId, id } = execution;
        const values = [
          tenantId,
          id,
          execution.workflowId,
          execution.status,
          execution.mode,
          execution.startedAt,
          execution.finishedAt ?? null,
          durationOf(execution),
          searchable(execution.error?.message) ?? null,
          execution.retryOf ?? null,
          execution.owner ?? null,
          toJsonText(summaryOf(execution)),
          toJsonOrNull(execution.workflow),
          toJsonOrNull(execution.wait),
          toJsonOrNull(execution.state),
        ];
        const runs = Object.values(execution.nodes).flat();
        try {
          if (runs.length === 0) await db.query(tenantId, insert, values);
          else
            await db.transaction(tenantId, async (client) => {
              await client.query(insert, values);
              for (const run of runs) await client.query(insertRun, [tenantId, id, toJsonText(run)]);
            });
        } catch (error) {
          if (sqlState(error) === '23505') throw new FlowloomError('CONFLICT', `Execution '${id}' already exists.`);
          throw error;
        }
      }),
    appendNodeRun: (tenantId, executionId, run, state) =>
      guard(async () => {
        try {
          if (state) await db.query(tenantId, insertRunWithState, [tenantId, executionId, toJsonText(run), toJsonText(state)]);
          else await db.query(tenantId, insertRun, [tenantId, executionId, toJsonText(run)]);
        } catch (error) {
          // The node run's foreign key: there is no such execution in this tenant.
          if (sqlState(error) === '23503') throw notFound(executionId);
          throw error;
        }
      }),
    claim: (tenantId, executionId, owner, expectedOwner) =>
      guard(async () => {
        const result = await db.query(tenantId, claim, [tenantId, executionId, owner, toJsonText(owner), expectedOwner ?? null]);
        return result.rowCount === 1;
      }),
    finish: (tenantId, executionId, result) =>
      guard(async () => {
        const updated = await db.query(tenantId, finish, [
          tenantId,
          executionId,
          result.status,
          result.finishedAt,
          toJsonText(result.status),
          toJsonText(result.finishedAt),
          toJsonOrNull(result.error),
          searchable(result.error?.message) ?? null,
          toJsonOrNull(result.wait),
        ]);
        if (updated.rowCount === 0) throw notFound(executionId);
      }),
    get: (tenantId, id) =>
      guard(async () => {
        const { rows } = await db.query<{
          summary: string;
          workflow: string | null;
          wait: string | null;
          state: string | null;
          runs: string[];
        }>(tenantId, readOne, [tenantId, id]);
        const row = rows[0];
        if (!row) return undefined;
        const execution = fromJsonText<Execution>(row.summary);
        if (row.workflow !== null) execution.workflow = fromJsonText<Execution['workflow']>(row.workflow);
        if (row.wait !== null) execution.wait = fromJsonText<Execution['wait']>(row.wait);
        if (row.state !== null) execution.state = fromJsonText<RunState>(row.state);
        execution.nodes = {};
        for (const data of row.runs) {
          const run = fromJsonText<NodeRun>(data);
          (execution.nodes[run.nodeId] ??= []).push(run);
        }
        return execution;
      }),
    list: (tenantId, query) =>
      guard(async () => {
        const { text, values } = executionListStatement(executions, tenantId, query);
        const { rows } = await db.query<{ summary: string }>(tenantId, text, values);
        return rows.map((r) => fromJsonText<ExecutionSummary>(r.summary));
      }),
    count: (tenantId, query) =>
      guard(async () => {
        const { text, values } = executionCountStatement(executions, tenantId, query);
        const { rows } = await db.query<{ n: string }>(tenantId, text, values);
        return Number(rows[0]?.n ?? 0);
      }),
    delete: (tenantId, ids) =>
      guard(async () => {
        if (ids.length === 0) return 0;
        return (await db.query(tenantId, remove, [tenantId, [...ids]])).rowCount ?? 0;
      }),
    tenants: () => guard(async () => (await db.query<{ tenant_id: string }>(ALL_TENANTS, tenants)).rows.map((r) => r.tenant_id)),
  };
}
