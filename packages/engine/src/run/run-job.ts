import type { Execution, ExecutionMode, NodeRun } from '../model/execution.js';
import type { EngineEvent } from '../model/engine-event.js';
import type { Item } from '../model/item.js';
import type { ResumeRequest } from '../model/resume-request.js';
import type { Workflow } from '../model/workflow.js';
import type { WebhookReply } from '../nodes/node-services.js';
import type { OptionSpec } from '../options/check-options.js';

/**
 * A run as plain data, so that it can cross from the engine that started it
 * to the one that performs it: another process's engine, taking it from a
 * queue. An `IsolatedRunRequest` is one (the engine that runs it applies its
 * own limits, node modules and network policy, not those of the request).
 */
export interface RunJob {
  workflow: Workflow;
  /** The execution's id, chosen when the run was handed out: the same job run twice finds the same record. */
  executionId: string;
  tenantId: string;
  mode: ExecutionMode;
  /** Id or name of the trigger to start at (ignored when resuming or continuing). */
  startNode?: string;
  input?: Item[];
  usePinData?: boolean;
  /** Run only to this node (see `RunOptions.destinationNode`). */
  destinationNode?: string;
  /** Earlier outputs by node id, with `destinationNode` (see `RunOptions.runData`). */
  runData?: Record<string, Item[]>;
  timeoutMs?: number;
  /** `$vars` of the run, as the engine that handed it out resolved them. */
  vars?: Record<string, unknown>;
  /** Nesting level (a waiting sub-workflow resumed on its own keeps its level). */
  depth?: number;
  /** Continue this waiting execution (its stored record and wait state, and what resumed it). */
  resume?: ResumeRequest;
  /** Continue this `running` execution from its stored run state; its recorded node runs never run again. */
  continueFrom?: Execution;
  /** A retry: the execution it retries and that execution's successful node runs, reused until the first that failed. */
  replay?: { retryOf: string; runs: NodeRun[] };
  /** Values the run must not keep (a webhook caller's credentials): redacted from its records and events. */
  redactValues?: readonly string[];
}

/** What `engine.runJob` takes besides the job. */
export interface RunJobOptions {
  /** Cancels the run: the running node is abandoned and the execution ends `canceled`. */
  signal?: AbortSignal;
  /** Receives this run's events only. */
  onEvent?: (event: EngineEvent) => void;
  /** Answers the webhook call that started the run (Respond to Webhook); false when it was answered already. */
  respond?: (reply: WebhookReply) => boolean;
}

/** The keys `engine.runJob` accepts in its options. */
export const RUN_JOB_OPTIONS: OptionSpec<RunJobOptions> = { signal: true, onEvent: true, respond: true };
