import type { Variable, VariableStore } from '@flowloom/engine';
import type { Database } from 'better-sqlite3';

/** Variables keyed by (tenant, workflow or '' for tenant level, key); each row the variable as JSON. */
export function createSqliteVariableStore(db: Database, guard: <T>(fn: () => T) => Promise<T>): VariableStore {
  const put = db.prepare(
    'INSERT INTO variables (tenant_id, workflow_id, key, data) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET data = excluded.data',
  );
  const read = db.prepare('SELECT data FROM variables WHERE tenant_id = ? AND workflow_id = ? AND key = ?').pluck();
  const list = db.prepare('SELECT data FROM variables WHERE tenant_id = ? AND workflow_id = ? ORDER BY key').pluck();
  const remove = db.prepare('DELETE FROM variables WHERE tenant_id = ? AND workflow_id = ? AND key = ?');
  return {
    set: (tenantId, variable) => guard(() => void put.run(tenantId, variable.workflowId ?? '', variable.key, JSON.stringify(variable))),
    get: (tenantId, key, workflowId) =>
      guard(() => {
        const data = read.get(tenantId, workflowId ?? '', key) as string | undefined;
        return data === undefined ? undefined : (JSON.parse(data) as Variable);
      }),
    list: (tenantId, workflowId) => guard(() => (list.all(tenantId, workflowId ?? '') as string[]).map((d) => JSON.parse(d) as Variable)),
    delete: (tenantId, key, workflowId) => guard(() => remove.run(tenantId, workflowId ?? '', key).changes > 0),
  };
}
