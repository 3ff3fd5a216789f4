import type { CodeLimits } from './code-limits.js';

/**
 * How a run treats `code`: a Code node's code run once for all items or once
 * per item, or `expressions`: n8n-compatible JavaScript expressions (the JSON
 * text of `[{ code, text }]`), each evaluated for every item index that
 * `dataJson` lists, whose result is the JSON of their values (see `GUEST_N8N`).
 */
export type CodeMode = 'allItems' | 'eachItem' | 'expressions';

/** One console line the user code wrote. */
export interface CodeLogEntry {
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
}

/**
 * One Code node activation, as sent to a sandbox worker. Everything is data:
 * `dataJson` is a JSON string the guest parses itself.
 */
export interface CodeRunRequest {
  /** The tenant the run belongs to; a worker and a WebAssembly module serve one tenant only. */
  tenantId: string;
  /** Node name, for messages. */
  nodeName: string;
  mode: CodeMode;
  code: string;
  /**
   * JSON text of `{ items, nodes, vars, execution, workflow, runIndex }`:
   * input items, other nodes' outputs by name, and the bindings' values
   * (for a Code node also `names`, `ran`, `upstream`, `prevNode`, `now`
   * and `zone`, and `staticData` for code that names
   * `$getWorkflowStaticData`: see `GUEST_PRELUDE` and `GUEST_CODE_N8N`).
   */
  dataJson: string;
  limits: CodeLimits;
  /**
   * The host's libraries for `require` (see `CodeLibraries`): the names it
   * allows, and the source of each the code requires by a name written as a
   * plain string. Without it, every `require` is refused.
   */
  libraries?: CodeRunLibraries;
}

/** The libraries one run may `require`: CommonJS or UMD sources, evaluated in the guest on first `require`. */
export interface CodeRunLibraries {
  /** Every name the host allows. */
  allowed: string[];
  /** Source text by name, for the allowed names the code requires. */
  sources: Record<string, string>;
}

/** Why a run failed, as data. */
export interface CodeRunFailure {
  /** `CODE_ERROR` (user code threw), `CODE_SYNTAX`, `CODE_TIMEOUT`, `CODE_MEMORY`, `CODE_OUTPUT_TOO_LARGE`, `CODE_OUTPUT_INVALID`, `CODE_STACK`, `CODE_TIMERS` (its timers would wait past `waitMs`), `CODE_STATIC_DATA_INVALID` (the static data it left is not JSON), `CODE_SANDBOX`. */
  code: string;
  message: string;
  /** Position in the user's code, from 1, when known. */
  line?: number;
  column?: number;
}

/**
 * What a sandbox answers: the output, or a failure; logs either way, and the
 * size of the tenant's WebAssembly memory after the run. The output is the
 * JSON text the guest produced (`outputJson`), or, from a sandbox that
 * received a large array output in parts and parsed each as it arrived, the
 * parsed array (`output`). `staticDataJson` is the JSON text of the
 * workflow static data as the code left it (`{ global, node }`), present only
 * when the request's data carried static data (see `GUEST_PRELUDE`).
 */
export type CodeRunResult =
  | {
      ok: true;
      outputJson: string;
      /** Worker to host only: the output came as this many `part` messages before the result, and `outputJson` is empty. */
      streamedParts?: number;
      logs: CodeLogEntry[];
      memoryBytes?: number;
      staticDataJson?: string;
    }
  | { ok: true; output: unknown[]; logs: CodeLogEntry[]; memoryBytes?: number; staticDataJson?: string }
  | { ok: false; error: CodeRunFailure; logs: CodeLogEntry[]; fatal?: boolean; memoryBytes?: number };

/**
 * Host to worker: a run, or `wake`: the wait the run asked for (a `wait`
 * message) is over on the engine's clock.
 */
export type SandboxRequestMessage = { type: 'run'; id: number; request: CodeRunRequest } | { type: 'wake'; id: number };

/**
 * Worker to host. A large array output arrives as `part` messages (the JSON
 * text of consecutive elements) before its `result`. `wait`: the run has
 * nothing to do until its next timer, due in `ms`; the host answers `wake`
 * when that time has passed on the engine's clock.
 */
export type SandboxResponseMessage =
  | { type: 'result'; id: number; result: CodeRunResult }
  | { type: 'part'; id: number; json: string }
  | { type: 'wait'; id: number; ms: number }
  | { type: 'ready' };
