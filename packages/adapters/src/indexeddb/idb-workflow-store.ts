import type { Workflow, WorkflowStore, WorkflowSummary, WorkflowVersionSummary } from '@flowloom/engine';
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { STORES } from './idb-schema.js';

interface WorkflowRecord {
  tenantId: string;
  id: string;
  name: string;
  version: number;
  updatedAt: string;
}

interface VersionRecord {
  tenantId: string;
  workflowId: string;
  version: number;
  name: string;
  savedAt: string;
  workflow: Workflow;
}

type Guard = <T>(fn: () => Promise<T>) => Promise<T>;

const toSummary = (v: VersionRecord): WorkflowVersionSummary => ({
  workflowId: v.workflowId,
  version: v.version,
  name: v.name,
  savedAt: v.savedAt,
});
const versionsOf = (tenantId: string, id: string) => IDBKeyRange.bound([tenantId, id], [tenantId, id, []]);

/** Workflows: one record per workflow pointing at its current version, and every version's document. */
export function createIdbWorkflowStore(db: () => IDBPDatabase, guard: Guard, now: () => number): WorkflowStore {
  /** Saves `workflow` as the next version inside an open transaction over both stores. */
  const saveIn = async (tx: IDBPTransaction<unknown, string[], 'readwrite'>, tenantId: string, workflow: Workflow) => {
    const workflows = tx.objectStore(STORES.workflows);
    const current = (await workflows.get([tenantId, workflow.id])) as WorkflowRecord | undefined;
    const version: VersionRecord = {
      tenantId,
      workflowId: workflow.id,
      version: (current?.version ?? 0) + 1,
      name: workflow.name,
      savedAt: new Date(now()).toISOString(),
      workflow,
    };
    await tx.objectStore(STORES.workflowVersions).add(version);
    await workflows.put({ tenantId, id: workflow.id, name: workflow.name, version: version.version, updatedAt: version.savedAt });
    return toSummary(version);
  };
  const both = () => db().transaction([STORES.workflows, STORES.workflowVersions], 'readwrite');
  const getVersion = async (tenantId: string, id: string, version: number) =>
    (await db().get(STORES.workflowVersions, [tenantId, id, version])) as VersionRecord | undefined;

  return {
    save: (tenantId, workflow) =>
      guard(async () => {
        const tx = both();
        const summary = await saveIn(tx, tenantId, workflow);
        await tx.done;
        return summary;
      }),
    get: (tenantId, id) =>
      guard(async () => {
        const tx = db().transaction([STORES.workflows, STORES.workflowVersions], 'readonly');
        const current = (await tx.objectStore(STORES.workflows).get([tenantId, id])) as WorkflowRecord | undefined;
        if (!current) return undefined;
        return ((await tx.objectStore(STORES.workflowVersions).get([tenantId, id, current.version])) as VersionRecord | undefined)
          ?.workflow;
      }),
    list: (tenantId) =>
      guard(async () => {
        const records = (await db().getAll(STORES.workflows, IDBKeyRange.bound([tenantId], [tenantId, []]))) as WorkflowRecord[];
        return records.map((r): WorkflowSummary => ({ id: r.id, name: r.name, version: r.version, updatedAt: r.updatedAt }));
      }),
    delete: (tenantId, id) =>
      guard(async () => {
        const tx = both();
        const existed = (await tx.objectStore(STORES.workflows).count([tenantId, id])) > 0;
        await tx.objectStore(STORES.workflows).delete([tenantId, id]);
        await tx.objectStore(STORES.workflowVersions).delete(versionsOf(tenantId, id));
        await tx.done;
        return existed;
      }),
    listVersions: (tenantId, id) =>
      guard(async () => {
        const records = (await db().getAll(STORES.workflowVersions, versionsOf(tenantId, id))) as VersionRecord[];
        return records.map(toSummary).reverse();
      }),
    getVersion: (tenantId, id, version) => guard(async () => (await getVersion(tenantId, id, version))?.workflow),
    restoreVersion: (tenantId, id, version) =>
      guard(async () => {
        const tx = both();
        const old = (await tx.objectStore(STORES.workflowVersions).get([tenantId, id, version])) as VersionRecord | undefined;
        const summary = old ? await saveIn(tx, tenantId, old.workflow) : undefined;
        await tx.done;
        return summary;
      }),
  };
}
