import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';
import type { NodeRegistry } from '../nodes/node-registry.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Storage } from '../storage/storage.js';
import type { Execution, ExecutionMode } from '../model/execution.js';
import type { WebhookReply } from '../nodes/node-services.js';
import type { ResumeRequest } from '../model/resume-request.js';
import type { WebhookCall } from '../credentials/credential-type.js';
import type { PollResult } from '../nodes/define-node.js';

/** How the trigger machinery (webhooks, scheduler, waits, sub-workflows) starts runs. */
export interface TriggeredRun {
  tenantId: string;
  mode: ExecutionMode;
  startNode?: string;
  input?: Item[];
  signal?: AbortSignal;
  executionId?: string;
  depth?: number;
  respond?: (reply: WebhookReply) => boolean;
  resume?: ResumeRequest;
  /** Values the run must not keep (a webhook caller's credentials): redacted from its records and events. */
  redactValues?: readonly string[];
  /** Continue this `running` execution from its stored run state (crash recovery) instead of starting one. */
  continueFrom?: Execution;
  /** The run's `vars` are its whole `$vars`, resolved by the engine that handed out the job: no lookup again. */
  varsResolved?: boolean;
}

/** The part of the engine that webhooks, the scheduler, waits and sub-workflows use. */
export interface EngineInternals {
  readonly storage: Storage;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly nodeTypes: NodeRegistry;
  /** The tenant used when a call names none. */
  readonly defaultTenant: string;
  /** Validates a workflow document against the engine's node types (throws WorkflowValidationError). */
  parse(input: unknown): Workflow;
  /** Starts a run and resolves with its record when it ends or starts waiting. */
  execute(workflow: Workflow, run: TriggeredRun): Promise<Execution>;
  /** A fresh execution id. */
  newId(): string;
  /** Checks a webhook call's signature with a tenant's credential: why it is refused, or undefined. */
  verifyWebhook(tenantId: string, credentialId: string, call: WebhookCall): Promise<string | undefined>;
  /** Runs one poll of a polling trigger (see `pollNode`); rejects with the node's error. */
  pollNode(workflow: Workflow, request: { tenantId: string; nodeId: string; cursor: unknown; pollId: string }): Promise<PollResult>;
  /** Counts work started in the background (a timer's or a webhook's resume) until it ends, for `engine.idle()`. */
  background<T>(work: Promise<T>): Promise<T>;
}
