import type { Workflow } from '../../model/workflow.js';
import type { WorkflowStore, WorkflowSummary } from '../workflow-store.js';
import { tenantMap } from './tenant-map.js';

/** Workflows in plain maps, per tenant. */
export function createMemoryWorkflowStore(now: () => number): WorkflowStore {
  const workflows = new Map<string, Map<string, { workflow: Workflow; updatedAt: string }>>();
  return {
    async save(tenantId, workflow) {
      tenantMap(workflows, tenantId).set(workflow.id, {
        workflow,
        updatedAt: new Date(now()).toISOString(),
      });
    },
    async get(tenantId, id) {
      return workflows.get(tenantId)?.get(id)?.workflow;
    },
    async list(tenantId) {
      const out: WorkflowSummary[] = [];
      for (const { workflow, updatedAt } of workflows.get(tenantId)?.values() ?? []) {
        out.push({ id: workflow.id, name: workflow.name, updatedAt });
      }
      return out;
    },
    async delete(tenantId, id) {
      return workflows.get(tenantId)?.delete(id) ?? false;
    },
  };
}
