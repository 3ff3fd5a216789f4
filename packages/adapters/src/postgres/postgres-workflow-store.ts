import type { Workflow, WorkflowStore, WorkflowSummary, WorkflowVersionSummary } from '@flowloom/engine';
import type { PostgresDb } from './postgres-db.js';
import { fromJsonText, toJsonText } from './postgres-json.js';
import { isoText } from './postgres-sql.js';

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

/**
 * Workflows: the current version per workflow, and every version's document
 * in `workflow_versions`. Documents are `json`, not `jsonb`: a workflow is
 * authored, so it comes back exactly as saved, key order included, and is
 * never searched inside. A save is one statement that bumps the version and
 * inserts the document, so two saves at once get two versions.
 */
export function createPostgresWorkflowStore(db: PostgresDb, now: () => number): WorkflowStore {
  const workflows = db.table('workflows');
  const versions = db.table('workflow_versions');
  const { guard } = db;
  const bump = `INSERT INTO ${workflows} AS w (tenant_id, id, name, version, updated_at)`;
  const onConflict = `ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name, version = w.version + 1, updated_at = excluded.updated_at
    RETURNING w.version`;
  const save = `WITH w AS (${bump} VALUES ($1, $2, $3, 1, $4::timestamptz) ${onConflict})
    INSERT INTO ${versions} (tenant_id, workflow_id, version, name, saved_at, data)
    SELECT $1, $2, w.version, $3, $4::timestamptz, $5::json FROM w RETURNING version`;
  const restore = `WITH v AS (SELECT name, data FROM ${versions} WHERE tenant_id = $1 AND workflow_id = $2 AND version = $3),
      w AS (${bump} SELECT $1, $2, v.name, 1, $4::timestamptz FROM v ${onConflict})
    INSERT INTO ${versions} (tenant_id, workflow_id, version, name, saved_at, data)
    SELECT $1, $2, w.version, v.name, $4::timestamptz, v.data FROM w, v RETURNING version, name`;
  const readCurrent = `SELECT v.data::text AS data FROM ${workflows} w JOIN ${versions} v
      ON v.tenant_id = w.tenant_id AND v.workflow_id = w.id AND v.version = w.version
    WHERE w.tenant_id = $1 AND w.id = $2`;
  const readVersion = `SELECT data::text AS data FROM ${versions} WHERE tenant_id = $1 AND workflow_id = $2 AND version = $3`;
  const listAll = `SELECT id, name, version, ${isoText('updated_at')} AS updated_at FROM ${workflows} WHERE tenant_id = $1 ORDER BY id`;
  const listVersions = `SELECT workflow_id, version, name, ${isoText('saved_at')} AS saved_at FROM ${versions}
    WHERE tenant_id = $1 AND workflow_id = $2 ORDER BY version DESC`;
  // Versions go with their workflow (ON DELETE CASCADE).
  const remove = `DELETE FROM ${workflows} WHERE tenant_id = $1 AND id = $2`;

  const readDocument = async (tenantId: string, text: string, values: unknown[]) => {
    const { rows } = await db.query<{ data: string }>(tenantId, text, values);
    return rows[0] ? fromJsonText<Workflow>(rows[0].data) : undefined;
  };

  return {
    save: (tenantId, workflow) =>
      guard(async () => {
        const savedAt = new Date(now()).toISOString();
        const { rows } = await db.query<{ version: number }>(tenantId, save, [
          tenantId,
          workflow.id,
          workflow.name,
          savedAt,
          toJsonText(workflow),
        ]);
        return { workflowId: workflow.id, version: rows[0]!.version, name: workflow.name, savedAt };
      }),
    get: (tenantId, id) => guard(() => readDocument(tenantId, readCurrent, [tenantId, id])),
    list: (tenantId) =>
      guard(async () => {
        const { rows } = await db.query<{ id: string; name: string; version: number; updated_at: string }>(tenantId, listAll, [tenantId]);
        return rows.map((r): WorkflowSummary => ({ id: r.id, name: r.name, version: r.version, updatedAt: r.updated_at }));
      }),
    delete: (tenantId, id) => guard(async () => ((await db.query(tenantId, remove, [tenantId, id])).rowCount ?? 0) > 0),
    listVersions: (tenantId, id) =>
      guard(async () => (await db.query<VersionRow>(tenantId, listVersions, [tenantId, id])).rows.map(toVersion)),
    getVersion: (tenantId, id, version) => guard(() => readDocument(tenantId, readVersion, [tenantId, id, version])),
    restoreVersion: (tenantId, id, version) =>
      guard(async () => {
        const savedAt = new Date(now()).toISOString();
        const { rows } = await db.query<{ version: number; name: string }>(tenantId, restore, [tenantId, id, version, savedAt]);
        const row = rows[0];
        return row ? { workflowId: id, version: row.version, name: row.name, savedAt } : undefined;
      }),
  };
}
