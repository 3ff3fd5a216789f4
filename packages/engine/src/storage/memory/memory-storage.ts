import { checkOptions, type OptionSpec } from '../../options/check-options.js';
import { systemClock } from '../../ports/clock.js';
import type { Storage } from '../storage.js';
import { createMemoryCredentialStore } from './memory-credential-store.js';
import { createMemoryExecutionStore } from './memory-execution-store.js';
import { createMemoryKeyValueStore } from './memory-key-value-store.js';
import { createMemoryTriggerStateStore } from './memory-trigger-state-store.js';
import { createMemoryVariableStore } from './memory-variable-store.js';
import { createMemoryVectorStore } from './memory-vector-store.js';
import { createMemoryWorkflowStore } from './memory-workflow-store.js';

/** What `createMemoryStorage` takes. */
export interface MemoryStorageOptions {
  /** Executions kept per tenant before the oldest are dropped (default 1,000). */
  maxExecutions?: number;
  /** Current time, for the dates storage stamps, in epoch milliseconds (default: `systemClock.now`, the platform's time). */
  now?: () => number;
}

const MEMORY_STORAGE_OPTIONS: OptionSpec<MemoryStorageOptions> = { maxExecutions: true, now: true };

/**
 * Keeps everything in plain objects, per tenant. The engine's default: fine
 * for tests, scripts and pages; nothing survives the process. Items are kept
 * by reference, not copied, so storing a run costs nothing per item.
 */
export function createMemoryStorage(options: MemoryStorageOptions = {}): Storage {
  checkOptions('createMemoryStorage', options, MEMORY_STORAGE_OPTIONS);
  const now = options.now ?? systemClock.now;
  return {
    workflows: createMemoryWorkflowStore(now),
    executions: createMemoryExecutionStore(options.maxExecutions ?? 1000),
    variables: createMemoryVariableStore(),
    credentials: createMemoryCredentialStore(),
    triggerState: createMemoryTriggerStateStore(),
    keyValue: createMemoryKeyValueStore(),
    vectors: createMemoryVectorStore(),
  };
}
