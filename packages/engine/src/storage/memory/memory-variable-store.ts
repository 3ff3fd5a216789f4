import type { Variable, VariableStore } from '../variable-store.js';
import { tenantMap } from './tenant-map.js';

const keyOf = (key: string, workflowId?: string) => `${workflowId ?? ''}\u0000${key}`;

/** Variables in plain maps, per tenant. */
export function createMemoryVariableStore(): VariableStore {
  const variables = new Map<string, Map<string, Variable>>();
  return {
    async set(tenantId, variable) {
      tenantMap(variables, tenantId).set(keyOf(variable.key, variable.workflowId), { ...variable });
    },
    async get(tenantId, key, workflowId) {
      const v = variables.get(tenantId)?.get(keyOf(key, workflowId));
      return v ? { ...v } : undefined;
    },
    async list(tenantId, workflowId) {
      return [...(variables.get(tenantId)?.values() ?? [])].filter((v) => v.workflowId === workflowId).map((v) => ({ ...v }));
    },
    async delete(tenantId, key, workflowId) {
      return variables.get(tenantId)?.delete(keyOf(key, workflowId)) ?? false;
    },
  };
}
