import type { Workflow, WorkflowStore, WorkflowSummary, WorkflowVersionSummary } from '@flowloom/engine';
import type { Database } from 'better-sqlite3';

interface VersionRow {
  workflow_id: string;
  version: number;
  name: string;
  saved_at: string;
}

const toVersion = (r: VersionRow): WorkflowVersionSummary => ({
  workflowId: r.workflow_id,
  version: r.version,
  name: r.name,
  savedAt: r.saved_at,
});

/** Workflows: the current version per workflow, and every version's document in `workflow_versions`. */
export function createSqliteWorkflowStore(db: Database, guard: <T>(fn: () => T) => Promise<T>, now: () => number): WorkflowStore {
  const current = db.prepare('SELECT version FROM workflows WHERE tenant_id = ? AND id = ?').pluck();
  const insertVersion = db.prepare(
    'INSERT INTO workflow_versions (tenant_id, workflow_id, version, name, saved_at, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const upsert = db.prepare(
    `INSERT INTO workflows (tenant_id, id, name, version, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, version = excluded.version, updated_at = excluded.updated_at`,
  );
  const readCurrent = db
    .prepare(
      `SELECT v.data FROM workflows w JOIN workflow_versions v
       ON v.tenant_id = w.tenant_id AND v.workflow_id = w.id AND v.version = w.version
       WHERE w.tenant_id = ? AND w.id = ?`,
    )
    .pluck();
  const readVersion = db.prepare('SELECT data FROM workflow_versions WHERE tenant_id = ? AND workflow_id = ? AND version = ?').pluck();
  const listAll = db.prepare('SELECT id, name, version, updated_at FROM workflows WHERE tenant_id = ? ORDER BY id');
  const listVersions = db.prepare(
    'SELECT workflow_id, version, name, saved_at FROM workflow_versions WHERE tenant_id = ? AND workflow_id = ? ORDER BY version DESC',
  );
  const deleteWorkflow = db.prepare('DELETE FROM workflows WHERE tenant_id = ? AND id = ?');
  const deleteVersions = db.prepare('DELETE FROM workflow_versions WHERE tenant_id = ? AND workflow_id = ?');

  const save = db.transaction((tenantId: string, workflow: Workflow, data: string): WorkflowVersionSummary => {
    const version = ((current.get(tenantId, workflow.id) as number | undefined) ?? 0) + 1;
    const savedAt = new Date(now()).toISOString();
    insertVersion.run(tenantId, workflow.id, version, workflow.name, savedAt, data);
    upsert.run(tenantId, workflow.id, workflow.name, version, savedAt);
    return { workflowId: workflow.id, version, name: workflow.name, savedAt };
  });
  const remove = db.transaction((tenantId: string, id: string) => {
    deleteVersions.run(tenantId, id);
    return deleteWorkflow.run(tenantId, id).changes > 0;
  });
  const restore = db.transaction((tenantId: string, id: string, version: number) => {
    const data = readVersion.get(tenantId, id, version) as string | undefined;
    return data === undefined ? undefined : save(tenantId, JSON.parse(data) as Workflow, data);
  });

  return {
    save: (tenantId, workflow) => guard(() => save(tenantId, workflow, JSON.stringify(workflow))),
    get: (tenantId, id) =>
      guard(() => {
        const data = readCurrent.get(tenantId, id) as string | undefined;
        return data === undefined ? undefined : (JSON.parse(data) as Workflow);
      }),
    list: (tenantId) =>
      guard(() =>
        (listAll.all(tenantId) as { id: string; name: string; version: number; updated_at: string }[]).map((r): WorkflowSummary => ({
          id: r.id,
          name: r.name,
          version: r.version,
          updatedAt: r.updated_at,
        })),
      ),
    delete: (tenantId, id) => guard(() => remove(tenantId, id)),
    listVersions: (tenantId, id) => guard(() => (listVersions.all(tenantId, id) as VersionRow[]).map(toVersion)),
    getVersion: (tenantId, id, version) =>
      guard(() => {
        const data = readVersion.get(tenantId, id, version) as string | undefined;
        return data === undefined ? undefined : (JSON.parse(data) as Workflow);
      }),
    restoreVersion: (tenantId, id, version) => guard(() => restore(tenantId, id, version)),
  };
}
