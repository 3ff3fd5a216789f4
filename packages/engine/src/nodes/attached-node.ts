import type { Item, PortItems } from '../model/item.js';
import type { WorkflowNode } from '../model/node.js';
import type { VectorMatch, VectorRecordInput } from '../storage/vector-store.js';

/**
 * A node attached to the running one through a sub-port (`ctx.attached(port)`):
 * a chat model, a memory, a tool. The run loop never runs it as a step of
 * its own; the node it is attached to calls it, within its own activation
 * (its signal, its deadline, its record).
 */
export interface AttachedNode {
  /** The attached node as the workflow document has it: its name, parameters and `tool` description. */
  readonly node: WorkflowNode;
  /** Its node type's id, name and description, and whether it supplies a value (`supply`) or runs on items. */
  readonly type: { readonly type: string; readonly displayName: string; readonly description?: string; readonly supplies: boolean };
  /**
   * What the node's type supplies (a chat model's configured model), with
   * the running node's item `itemIndex` as the attached node's `$json`.
   * Rejects when its credentials or parameters are wrong, or its type
   * supplies nothing.
   */
  supply(itemIndex?: number): Promise<unknown>;
  /**
   * Runs the node on `items` (a tool call's arguments, as one item) and
   * resolves with its output per port. Rejects with the node's error when it
   * fails; it is tried once (the caller decides what a failure means).
   */
  run(items: Item[]): Promise<PortItems>;
}

/**
 * Small JSON records a node keeps across executions (a chat's history),
 * through the engine's storage, in the run's tenant. `namespace` groups
 * the records of one kind (`ai.memory`); values are plain JSON.
 */
export interface NodeKeyValue {
  get(namespace: string, key: string): Promise<unknown>;
  set(namespace: string, key: string, value: unknown): Promise<void>;
  /** Whether there was a record to delete. */
  delete(namespace: string, key: string): Promise<boolean>;
}

/**
 * Texts with their embeddings kept in the engine's storage, in the run's
 * tenant, for similarity search (`VectorStore` without the tenant).
 */
export interface NodeVectors {
  insert(collection: string, records: readonly VectorRecordInput[]): Promise<string[]>;
  search(collection: string, vector: readonly number[], topK: number): Promise<VectorMatch[]>;
  delete(collection: string, ids?: readonly string[]): Promise<number>;
  count(collection: string): Promise<number>;
}
