import type { CodeRunRequest, CodeRunResult } from './protocol.js';

/**
 * The port the Code node runs user code through. The engine's default starts
 * QuickJS in a killable worker (a Web Worker with `createEngine`, a
 * `worker_threads` Worker with `createNodeEngine`); hosts may pass their own
 * in `createEngine({ codeSandbox })`.
 */
export interface CodeSandbox {
  /**
   * Runs one Code node activation. Resolves with the output or a failure (as
   * data); rejects only when the signal aborts (the engine's own sandboxes
   * with `abortError(signal)`).
   */
  run(request: CodeRunRequest, signal?: AbortSignal): Promise<CodeRunResult>;
  /**
   * Starts a tenant's worker ahead of its first run, so QuickJS loads while
   * the nodes before a Code node run. Optional; never required for `run`.
   */
  prepare?(tenantId: string): void;
  /** Ends every worker. Runs after `close` start fresh workers. */
  close(): Promise<void>;
}
