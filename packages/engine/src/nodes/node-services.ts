import type { ResumeInfo } from '../model/execution-wait.js';
import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';

/** The HTTP answer a Respond to Webhook node gives to the call that started the run. */
export interface WebhookReply {
  status: number;
  headers: Record<string, string>;
  /** A string is sent as is, bytes as binary, anything else as JSON. */
  body?: unknown;
}

/** What Execute Workflow asks the engine to run. */
export interface SubWorkflowRequest {
  /** Id of a workflow in the engine's storage (same tenant), or a workflow document. */
  workflow: string | Workflow;
  /** Items the sub-workflow's trigger emits. */
  items: Item[];
  /** Wait for the sub-workflow and return its output (default true); false returns at once. */
  wait?: boolean;
}

/** The result of a sub-workflow run. */
export interface SubWorkflowResult {
  executionId: string;
  status: string;
  /** Output of the last node that ran (empty when not waited for). */
  items: Item[];
}

/**
 * What a node asks for when it suspends the execution (Wait): resume at a
 * time, on a call to the execution's resume webhook, or on whichever comes first.
 */
export interface SuspendRequest {
  /** Epoch milliseconds to resume at. */
  resumeAt?: number;
  /** Resume when `<waiting path>/<execution id>` is called. */
  webhook?: { method: string };
}

/**
 * What the run loop gives activation contexts for the node services above.
 * One per run; `nodeId` tells which node asks.
 */
export interface RunServices {
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  respondToWebhook(reply: WebhookReply): boolean;
  executeWorkflow(request: SubWorkflowRequest, signal: AbortSignal): Promise<SubWorkflowResult>;
  suspend(nodeId: string, request: SuspendRequest): void;
  resumed(nodeId: string): ResumeInfo | undefined;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}
