/**
 * Small JSON records that nodes keep across executions and restarts (an AI
 * chat memory's messages), one per (tenant, namespace, key). A namespace
 * groups the records of one kind (`ai.memory`); what a key means is the
 * namespace's own business. Values are plain JSON, copied in and out.
 */
export interface KeyValueStore {
  /** The value under a key, or undefined when there is none. */
  get(tenantId: string, namespace: string, key: string): Promise<unknown>;
  /** Creates or replaces the value under a key. */
  set(tenantId: string, namespace: string, key: string, value: unknown): Promise<void>;
  /** Forgets one key, or every key of the namespace when `key` is omitted; how many were forgotten. */
  delete(tenantId: string, namespace: string, key?: string): Promise<number>;
}
