import type { CredentialStore } from './credential-store.js';
import type { ExecutionStore } from './execution-store.js';
import type { KeyValueStore } from './key-value-store.js';
import type { TriggerStateStore } from './trigger-state-store.js';
import type { VariableStore } from './variable-store.js';
import type { VectorStore } from './vector-store.js';
import type { WorkflowStore } from './workflow-store.js';

/** The storage an engine writes to: one object per kind of record, all scoped by tenant. */
export interface Storage {
  workflows: WorkflowStore;
  executions: ExecutionStore;
  variables: VariableStore;
  credentials: CredentialStore;
  /** Where polling triggers left off (their cursors), so a restart neither loses nor repeats items. */
  triggerState: TriggerStateStore;
  /**
   * JSON records nodes keep across executions (an AI chat memory), per
   * tenant. Optional: an adapter without it runs every workflow whose nodes
   * keep nothing, and those that do fail with a clear error.
   */
  keyValue?: KeyValueStore;
  /**
   * Texts with their embeddings, for similarity search (an AI vector store),
   * per tenant and collection. Optional, like `keyValue`.
   */
  vectors?: VectorStore;
  /** Releases the back end (closes the database). Calls after it reject with a `StorageError`. */
  close?(): Promise<void>;
}
