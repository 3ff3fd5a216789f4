import type { RelayedNode, RelayedRun } from '../credentials/credential-relay.js';
import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';
import type { EngineEvent } from '../model/engine-event.js';
import type { Execution, ExecutionMode, NodeRun } from '../model/execution.js';
import type { WebhookReply } from '../nodes/node-services.js';
import type { ResumeRequest } from '../model/resume-request.js';
import type { HttpOptions } from '../ports/http.js';
import type { CodeLimits } from '../code-sandbox/code-limits.js';
import type { CodeLibraryData } from '../code-sandbox/code-libraries.js';

/** One execution to run in an isolated worker: plain data only. */
export interface IsolatedRunRequest {
  workflow: Workflow;
  executionId: string;
  tenantId: string;
  mode: ExecutionMode;
  /** Id of the trigger node to start at. */
  startNode: string;
  input: Item[];
  usePinData: boolean;
  /** Run only to this node, with `runData` (see `RunOptions.destinationNode`). */
  destinationNode?: string;
  runData?: Record<string, Item[]>;
  timeoutMs: number | undefined;
  vars: Record<string, unknown>;
  env: Record<string, unknown>;
  /** Module specifiers or URLs whose exports are node types (`defineNode` results, or arrays of them). */
  nodeModules: string[];
  maxNodeRuns: number;
  codeLimits: CodeLimits;
  /** The libraries Code nodes may `require` (`EngineOptions.codeLibraries`), as their source texts. */
  codeLibraries?: Record<string, CodeLibraryData>;
  /** The host's network policy for HTTP nodes (`EngineOptions.http`), applied inside the worker too. */
  http: HttpOptions;
  /** The host engine's instance id, recorded as the execution's owner so crash recovery judges the host's liveness. */
  owner?: string;
  /** Nesting level (a waiting sub-workflow resumed on its own keeps its level). */
  depth?: number;
  /** Continue this waiting execution (its stored record and wait state, and what resumed it) instead of starting one. */
  resume?: ResumeRequest;
  /** Continue this `running` execution from its stored run state (crash recovery) instead of starting one. */
  continueFrom?: Execution;
  /** A retry: the id of the execution it retries and that execution's successful node runs, reused until the first that failed. */
  replay?: { retryOf: string; runs: NodeRun[] };
  /** The run answers the webhook call that started it (Respond to Webhook): replies cross back as `respond` messages. */
  respond?: boolean;
  /**
   * Values the run must not keep (a webhook caller's credentials). The host redacts them from what comes
   * back; they cross too, so that an engine taking the request from a queue redacts them itself.
   */
  redactValues?: readonly string[];
}

/** A request signed by the host with a credential, as it crosses: text stays text (signers may read it), other bodies are bytes. */
export interface RelayedRequest {
  url: string;
  method: string;
  headers: [string, string][];
  body: string | Uint8Array<ArrayBuffer> | null;
  redirect?: 'follow' | 'error' | 'manual';
}

/**
 * What a worker asks of the host's credentials (see `CredentialRelay`).
 * `data` is the one call whose answer holds secrets: the fields of a
 * credential whose type hands them to nodes (SMTP, IMAP).
 */
export type CredentialCall =
  | { op: 'prepare'; run: RelayedRun; node: RelayedNode }
  | { op: 'fetch'; run: RelayedRun; node: RelayedNode; slot: string; request: RelayedRequest }
  | { op: 'data'; run: RelayedRun; node: RelayedNode; slot: string };

/** The head of an answer to a relayed request; its body follows in chunks, one per `credential-pull`. */
export interface RelayedResponse {
  status: number;
  statusText: string;
  headers: [string, string][];
  hasBody: boolean;
}

/** An error as it crosses the bridge. */
export interface CrossingError {
  name: string;
  code: string;
  message: string;
  retryable?: boolean;
}

/** Host to execution worker. */
export type ExecutionHostMessage =
  | { type: 'run'; request: IsolatedRunRequest }
  | { type: 'storage-result'; id: number; ok: true; value: unknown }
  | { type: 'storage-result'; id: number; ok: false; message: string }
  /** The run was canceled (its signal): the worker aborts it; one that holds the thread is stopped with its worker after a grace period. */
  | { type: 'cancel' }
  /** A write of the run's own record that the worker did not wait on (`noReply`) failed: the run's next write fails with it. */
  | { type: 'write-failed'; executionId: string; message: string }
  | { type: 'credential-result'; id: number; ok: true; response?: RelayedResponse; data?: Record<string, unknown> }
  | { type: 'credential-result'; id: number; ok: false; error: CrossingError }
  | { type: 'credential-chunk'; id: number; chunk?: Uint8Array; done?: boolean; error?: string };

/**
 * How many node runs the host keeps by number (`runRef`), the latest ones:
 * what crosses later names them instead of carrying them again.
 */
export const KEPT_RUN_REFS = 16;

/**
 * An execution record as it crosses: a node run the host has already (it
 * crossed with a `runRef`, among the last `KEPT_RUN_REFS`) is that number.
 */
export type CrossingExecution = Omit<Execution, 'nodes'> & { nodes: Record<string, (NodeRun | number)[]> };

/** Execution worker to host. */
export type ExecutionWorkerMessage =
  /**
   * `noReply`: a write the run does not wait on (the end of a record); the host performs it before what follows,
   * and logs a failure. `runRef`: the number the node run of an `appendNodeRun` goes by from now on.
   * `runWorkflow`: the run's own new record, its workflow snapshot left out: the host puts in the run's workflow.
   */
  | { type: 'storage'; id: number; store: string; method: string; args: unknown[]; noReply?: true; runRef?: number; runWorkflow?: true }
  /** Several messages, in order, crossing as one. */
  | { type: 'batch'; messages: ExecutionWorkerMessage[] }
  /**
   * `nested`: an event of a sub-workflow the run started (for `engine.on` listeners, not the run's own `onEvent`).
   * `runRef`: a `nodeFinish` whose run is left out, the one with that number. An `executionFinish` carries a crossing record.
   */
  | { type: 'event'; event: EngineEvent; nested?: true; runRef?: number }
  | { type: 'log'; level: 'warn' | 'error'; message: string }
  | { type: 'credential'; id: number; call: CredentialCall }
  | { type: 'credential-abort'; id: number }
  | { type: 'credential-pull'; id: number }
  | { type: 'credential-cancel'; id: number }
  | { type: 'respond'; reply: WebhookReply }
  /** `detached`: sub-workflows the run started without waiting still run; `idle` follows when they end. */
  | { type: 'done'; execution: CrossingExecution; detached?: true }
  | { type: 'idle' }
  | { type: 'failed'; message: string };
