import type { TriggerState, TriggerStateStore } from '../trigger-state-store.js';
import { tenantMap } from './tenant-map.js';

const keyOf = (workflowId: string, nodeId: string) => `${workflowId}\u0000${nodeId}`;

/** Trigger state in plain maps, per tenant; each state is copied in and out as JSON. */
export function createMemoryTriggerStateStore(): TriggerStateStore {
  const states = new Map<string, Map<string, string>>();
  return {
    async get(tenantId, workflowId, nodeId) {
      const json = states.get(tenantId)?.get(keyOf(workflowId, nodeId));
      return json === undefined ? undefined : (JSON.parse(json) as TriggerState);
    },
    async set(tenantId, workflowId, nodeId, state) {
      tenantMap(states, tenantId).set(keyOf(workflowId, nodeId), JSON.stringify(state));
    },
    async delete(tenantId, workflowId, nodeId) {
      const map = states.get(tenantId);
      if (!map) return 0;
      if (nodeId !== undefined) return map.delete(keyOf(workflowId, nodeId)) ? 1 : 0;
      let count = 0;
      for (const key of [...map.keys()]) if (key.startsWith(`${workflowId}\u0000`) && map.delete(key)) count++;
      return count;
    },
  };
}
