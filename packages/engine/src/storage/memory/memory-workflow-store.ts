import type { Workflow } from '../../model/workflow.js';
import type { WorkflowStore, WorkflowSummary, WorkflowVersionSummary } from '../workflow-store.js';
import { tenantMap } from './tenant-map.js';

interface Version {
  workflow: Workflow;
  summary: WorkflowVersionSummary;
}

/**
 * Workflows and every saved version of them, in plain maps per tenant. A save
 * keeps a copy; reads return the stored copy itself (do not mutate it), so the
 * engine's per-workflow compile cache keeps working.
 */
export function createMemoryWorkflowStore(now: () => number): WorkflowStore {
  const workflows = new Map<string, Map<string, Version[]>>();
  const versionsOf = (tenantId: string, id: string) => workflows.get(tenantId)?.get(id);
  const save = (tenantId: string, workflow: Workflow): WorkflowVersionSummary => {
    const m = tenantMap(workflows, tenantId);
    let versions = m.get(workflow.id);
    if (!versions) m.set(workflow.id, (versions = []));
    const summary = {
      workflowId: workflow.id,
      version: versions.length + 1,
      name: workflow.name,
      savedAt: new Date(now()).toISOString(),
    };
    versions.push({ workflow: structuredClone(workflow), summary });
    return { ...summary };
  };
  return {
    async save(tenantId, workflow) {
      return save(tenantId, workflow);
    },
    async get(tenantId, id) {
      const current = versionsOf(tenantId, id)?.at(-1);
      return current?.workflow;
    },
    async list(tenantId) {
      const out: WorkflowSummary[] = [];
      for (const versions of workflows.get(tenantId)?.values() ?? []) {
        const { summary } = versions.at(-1)!;
        out.push({ id: summary.workflowId, name: summary.name, updatedAt: summary.savedAt, version: summary.version });
      }
      return out;
    },
    async delete(tenantId, id) {
      return workflows.get(tenantId)?.delete(id) ?? false;
    },
    async listVersions(tenantId, id) {
      return (versionsOf(tenantId, id) ?? []).map((v) => ({ ...v.summary })).reverse();
    },
    async getVersion(tenantId, id, version) {
      const v = versionsOf(tenantId, id)?.[version - 1];
      return v?.workflow;
    },
    async restoreVersion(tenantId, id, version) {
      const v = versionsOf(tenantId, id)?.[version - 1];
      return v ? save(tenantId, v.workflow) : undefined;
    },
  };
}
