import type { TriggerState, TriggerStateStore } from '@flowloom/engine';
import type { Database } from 'better-sqlite3';

/** Trigger state keyed by (tenant, workflow, node); each row the state as JSON. */
export function createSqliteTriggerStateStore(db: Database, guard: <T>(fn: () => T) => Promise<T>): TriggerStateStore {
  const put = db.prepare(
    'INSERT INTO trigger_state (tenant_id, workflow_id, node_id, data) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET data = excluded.data',
  );
  const read = db.prepare('SELECT data FROM trigger_state WHERE tenant_id = ? AND workflow_id = ? AND node_id = ?').pluck();
  const removeNode = db.prepare('DELETE FROM trigger_state WHERE tenant_id = ? AND workflow_id = ? AND node_id = ?');
  const removeWorkflow = db.prepare('DELETE FROM trigger_state WHERE tenant_id = ? AND workflow_id = ?');
  return {
    get: (tenantId, workflowId, nodeId) =>
      guard(() => {
        const data = read.get(tenantId, workflowId, nodeId) as string | undefined;
        return data === undefined ? undefined : (JSON.parse(data) as TriggerState);
      }),
    set: (tenantId, workflowId, nodeId, state) => guard(() => void put.run(tenantId, workflowId, nodeId, JSON.stringify(state))),
    delete: (tenantId, workflowId, nodeId) =>
      guard(() => (nodeId === undefined ? removeWorkflow.run(tenantId, workflowId) : removeNode.run(tenantId, workflowId, nodeId)).changes),
  };
}
