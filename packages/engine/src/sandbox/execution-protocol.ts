import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';
import type { EngineEvent } from '../run/events.js';
import type { Execution, ExecutionMode } from '../run/execution.js';
import type { HttpOptions } from '../ports/http.js';
import type { CodeLimits } from './code-limits.js';

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
  timeoutMs: number | undefined;
  vars: Record<string, unknown>;
  env: Record<string, unknown>;
  /** Module specifiers or URLs whose exports are node types (`defineNode` results, or arrays of them). */
  nodeModules: string[];
  maxNodeRuns: number;
  codeLimits: CodeLimits;
  /** The host's network policy for HTTP nodes (`EngineOptions.http`), applied inside the worker too. */
  http: HttpOptions;
  /** The host engine's instance id, recorded as the execution's owner so crash recovery judges the host's liveness. */
  owner?: string;
}

/** Host to execution worker. */
export type ExecutionHostMessage =
  | { type: 'run'; request: IsolatedRunRequest }
  | { type: 'storage-result'; id: number; ok: true; value: unknown }
  | { type: 'storage-result'; id: number; ok: false; message: string };

/** Execution worker to host. */
export type ExecutionWorkerMessage =
  | { type: 'storage'; id: number; store: string; method: string; args: unknown[] }
  | { type: 'event'; event: EngineEvent }
  | { type: 'log'; level: 'warn' | 'error'; message: string }
  | { type: 'done'; execution: Execution }
  | { type: 'failed'; message: string };
