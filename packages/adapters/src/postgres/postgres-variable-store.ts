import type { Variable, VariableStore } from '@flowloom/engine';
import type { PostgresDb } from './postgres-db.js';
import { fromJsonText, toJsonText } from './postgres-json.js';

/** Variables keyed by (tenant, workflow or '' for tenant level, key); each row the variable as JSONB. */
export function createPostgresVariableStore(db: PostgresDb): VariableStore {
  const variables = db.table('variables');
  const { guard } = db;
  const put = `INSERT INTO ${variables} (tenant_id, workflow_id, key, data) VALUES ($1, $2, $3, $4::jsonb)
    ON CONFLICT (tenant_id, workflow_id, key) DO UPDATE SET data = excluded.data`;
  const read = `SELECT data::text AS data FROM ${variables} WHERE tenant_id = $1 AND workflow_id = $2 AND key = $3`;
  const list = `SELECT data::text AS data FROM ${variables} WHERE tenant_id = $1 AND workflow_id = $2 ORDER BY key`;
  const remove = `DELETE FROM ${variables} WHERE tenant_id = $1 AND workflow_id = $2 AND key = $3`;
  return {
    set: (tenantId, variable) =>
      guard(async () => void (await db.query(tenantId, put, [tenantId, variable.workflowId ?? '', variable.key, toJsonText(variable)]))),
    get: (tenantId, key, workflowId) =>
      guard(async () => {
        const { rows } = await db.query<{ data: string }>(tenantId, read, [tenantId, workflowId ?? '', key]);
        return rows[0] ? fromJsonText<Variable>(rows[0].data) : undefined;
      }),
    list: (tenantId, workflowId) =>
      guard(async () =>
        (await db.query<{ data: string }>(tenantId, list, [tenantId, workflowId ?? ''])).rows.map((r) => fromJsonText<Variable>(r.data)),
      ),
    delete: (tenantId, key, workflowId) =>
      guard(async () => ((await db.query(tenantId, remove, [tenantId, workflowId ?? '', key])).rowCount ?? 0) > 0),
  };
}
