import type { CodeLibraries } from './code-libraries.js';
import type { CodeLimits } from './code-limits.js';
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
   * with `abortError(signal)`). The code's timers (`setTimeout`...) wait
   * through `wait`: the Code node passes one on the engine's clock, so a
   * test clock drives them; without it they wait in real time.
   */
  run(request: CodeRunRequest, signal?: AbortSignal, wait?: CodeTimerWait): Promise<CodeRunResult>;
  /**
   * Starts a tenant's worker ahead of its first run, so QuickJS loads while
   * the nodes before a Code node run. Optional; never required for `run`.
   */
  prepare?(tenantId: string): void;
  /** Ends every worker. Runs after `close` start fresh workers. */
  close(): Promise<void>;
}

/**
 * How a Code run's timers wait: resolves when `ms` have passed, rejects when
 * `signal` aborts (the run ended or was cancelled).
 */
export type CodeTimerWait = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * The sandbox as a node's `ctx` carries it: the port, the host's ceilings,
 * the libraries code may `require` (`createEngine({ codeLibraries })`), and
 * the values the host exposes as `$env` (`createEngine({ env })`, the same
 * that expressions read).
 */
export interface CodeSandboxBinding {
  readonly port: CodeSandbox;
  readonly limits: Readonly<CodeLimits>;
  readonly libraries?: CodeLibraries;
  /** What code reads as `$env`; undefined when the host exposes nothing. */
  readonly env?: Readonly<Record<string, unknown>>;
}
