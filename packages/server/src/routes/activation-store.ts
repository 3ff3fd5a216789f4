/** One active workflow, as the activation store keeps it. */
export interface ActiveWorkflow {
  tenantId: string;
  workflowId: string;
}

/**
 * Which workflows are active, kept so a restarted server activates them
 * again (the engine keeps activations in memory only). Implement it over
 * your database; the memory store forgets on restart.
 */
export interface ActivationStore {
  /** Every active workflow, of every tenant. */
  list(): Promise<ActiveWorkflow[]>;
  add(tenantId: string, workflowId: string): Promise<void>;
  remove(tenantId: string, workflowId: string): Promise<void>;
}

/** Active workflows in memory: shared by servers of one process, lost on restart. */
export function createMemoryActivationStore(): ActivationStore {
  const active = new Map<string, ActiveWorkflow>();
  const key = (tenantId: string, workflowId: string) => `${tenantId}\u0000${workflowId}`;
  return {
    async list() {
      return [...active.values()].map((a) => ({ ...a }));
    },
    async add(tenantId, workflowId) {
      active.set(key(tenantId, workflowId), { tenantId, workflowId });
    },
    async remove(tenantId, workflowId) {
      active.delete(key(tenantId, workflowId));
    },
  };
}
