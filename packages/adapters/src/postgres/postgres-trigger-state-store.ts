import type { TriggerState, TriggerStateStore } from '@flowloom/engine';
import type { PostgresDb } from './postgres-db.js';
import { fromJsonText, toJsonText } from './postgres-json.js';

/** Trigger state keyed by (tenant, workflow, node); each row the state as JSONB, replaced whole. */
export function createPostgresTriggerStateStore(db: PostgresDb): TriggerStateStore {
  const triggerState = db.table('trigger_state');
  const { guard } = db;
  const put = `INSERT INTO ${triggerState} (tenant_id, workflow_id, node_id, data) VALUES ($1, $2, $3, $4::jsonb)
    ON CONFLICT (tenant_id, workflow_id, node_id) DO UPDATE SET data = excluded.data`;
  const read = `SELECT data::text AS data FROM ${triggerState} WHERE tenant_id = $1 AND workflow_id = $2 AND node_id = $3`;
  const removeNode = `DELETE FROM ${triggerState} WHERE tenant_id = $1 AND workflow_id = $2 AND node_id = $3`;
  const removeWorkflow = `DELETE FROM ${triggerState} WHERE tenant_id = $1 AND workflow_id = $2`;
  return {
    get: (tenantId, workflowId, nodeId) =>
      guard(async () => {
        const { rows } = await db.query<{ data: string }>(tenantId, read, [tenantId, workflowId, nodeId]);
        return rows[0] ? fromJsonText<TriggerState>(rows[0].data) : undefined;
      }),
    set: (tenantId, workflowId, nodeId, state) =>
      guard(async () => void (await db.query(tenantId, put, [tenantId, workflowId, nodeId, toJsonText(state)]))),
    delete: (tenantId, workflowId, nodeId) =>
      guard(async () => {
        const result =
          nodeId === undefined
            ? await db.query(tenantId, removeWorkflow, [tenantId, workflowId])
            : await db.query(tenantId, removeNode, [tenantId, workflowId, nodeId]);
        return result.rowCount ?? 0;
      }),
  };
}
