import type { Item, PortItems } from '../model/item.js';
import type { WorkflowNode } from '../model/node.js';
import type { Workflow } from '../model/workflow.js';
import type { Logger } from '../ports/logger.js';
import type { ExecutionMode, NodeLogEntry } from '../model/execution.js';
import type { CodeSandboxBinding } from '../code-sandbox/code-sandbox.js';
import type { ResumeInfo } from '../model/execution-wait.js';
import type { SubWorkflowRequest, SubWorkflowResult, SuspendRequest, WebhookReply } from './node-services.js';
import type { AttachedNode, NodeKeyValue, NodeVectors } from './attached-node.js';

/** What a node's `execute` receives. */
export interface NodeContext<P = Record<string, unknown>> {
  /** The node being run, as written in the workflow document. */
  readonly node: WorkflowNode;
  readonly workflow: Workflow;
  readonly execution: { readonly id: string; readonly mode: ExecutionMode; readonly tenantId: string };
  /** How many times this node has run before in this execution (loops, several arrivals). */
  readonly runIndex: number;
  /** Aborted when the run is cancelled or a deadline passes; pass it to fetch and timers. */
  readonly signal: AbortSignal;
  readonly logger: Logger;
  /**
   * Items that arrived on an input port (`main` by default). For a trigger,
   * `input()` is the trigger event's items (the `input` given to `engine.run`).
   */
  input(port?: string): Item[];
  /** Every input port's items. */
  inputs(): Readonly<PortItems>;
  /**
   * This node's parameters for one item: expressions resolved against that
   * item, then validated and defaulted by the node type's schema. Throws a
   * NodeExecutionError naming the parameter when a value is wrong.
   */
  params(itemIndex?: number): P;
  /**
   * The engine's HTTP port: the platform's `fetch`, with the host's network
   * policy applied (private addresses refused unless allowed) and the run's
   * `signal` linked to the request. Nodes make every HTTP call through it.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /**
   * Answers the webhook call that started this execution (Respond to Webhook).
   * Returns false when there is no call waiting for an answer (another trigger
   * started the run, or it was answered already).
   */
  respondToWebhook(reply: WebhookReply): boolean;
  /**
   * Sends an HTTP request signed with the credential chosen in one of the
   * node's credential slots (header, query, basic, bearer, OAuth2 or custom
   * scheme). Refuses hosts the credential may not be sent to, after redirects
   * too; refreshes OAuth2 tokens before expiry and once after a 401; records
   * the use in the credential audit trail. Nodes never see the secret itself.
   */
  authenticatedFetch(slot: string, input: string | URL, init?: RequestInit): Promise<Response>;
  /**
   * The fields of the credential in one of the slots the node's type
   * declares, secrets included, for a service spoken to over another
   * protocol than HTTP (SMTP, IMAP, a database driver): the node connects
   * with them itself. Only credential types that allow it hand their fields
   * out (`readableByNodes`; an API key or an OAuth2 token never), and the
   * credential must be of the slot's type. Sharing rules apply, the read is
   * recorded in the audit trail, and the secrets are redacted from everything
   * the run records; in an isolated execution the host answers it.
   */
  credentialData(slot: string): Promise<Readonly<Record<string, unknown>>>;
  /** Runs another workflow with items (Execute Workflow); a failed sub-workflow rejects. */
  executeWorkflow(request: SubWorkflowRequest): Promise<SubWorkflowResult>;
  /**
   * Suspends the execution once this activation returns (Wait): the execution
   * is stored as `waiting` and this activation runs again when it resumes,
   * with `resumed` set. Its return value is ignored while suspending.
   */
  suspend(request: SuspendRequest): void;
  /** Set when this activation resumes a suspended one: what resumed it. */
  readonly resumed: ResumeInfo | undefined;
  /**
   * Evaluates a `{{ }}` template with the engine's expression resolver, as
   * parameters are, but with `json` as `$json` and as the expression's input
   * (HTTP Request evaluates its pagination expressions on each answer so).
   */
  evaluate(template: string, json: Record<string, unknown>, itemIndex?: number): Promise<unknown>;
  /** Waits on the engine's clock (tests use a simulated one); rejects when the run or `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** The engine's clock, in epoch milliseconds. */
  now(): number;
  /** A random number in [0, 1) from the engine's injected source (`createEngine({ random })`), so tests can seed it. */
  random(): number;
  /**
   * Scratch data this node keeps between its activations within one execution
   * (Loop Over Items keeps the items still to send here). Starts empty in each
   * execution and is not stored with the execution. It is private to the node
   * except `state.context`: an object there is what expressions read as this
   * node's context (`$node("Loop").context`, `$('Loop').context`, and
   * `$input.context` in the node after it), as Loop Over Items keeps
   * `noItemsLeft` and `currentRunIndex` there.
   */
  readonly state: Record<string, unknown>;
  /** Workflow and tenant variables (`$vars` in expressions and code). */
  readonly vars: Readonly<Record<string, unknown>>;
  /** The last main output of a node that already ran in this execution, by node name; undefined when it has not run. */
  nodeOutput(name: string): readonly Item[] | undefined;
  /** The item of a node's last run (on any output) that `item` descends from (n8n's paired items), when the run knows it. */
  pairedItem?(name: string, item: Item): Item | undefined;
  /** Adds console lines to this activation's record (`NodeRun.logs`); structured detail goes in an entry's `data`. */
  addLogs(entries: readonly NodeLogEntry[]): void;
  /**
   * The nodes attached to this one through a sub-port of its type
   * (`subInputs`: `model`, `memory`, `tool`), in the order of their
   * connections; disabled nodes are left out. Empty when none is.
   */
  attached(port: string): readonly AttachedNode[];
  /**
   * JSON records kept across executions in the engine's storage, in this
   * run's tenant (a chat memory's history); undefined when the storage keeps
   * none (its adapter has no `keyValue` store).
   */
  readonly keyValue: NodeKeyValue | undefined;
  /**
   * Vector collections in the engine's storage, in this run's tenant (an AI
   * vector store); undefined when the storage keeps none.
   */
  readonly vectors: NodeVectors | undefined;
  /** Where untrusted code runs (the Code node), with the host's ceilings and libraries for it. */
  readonly sandbox: CodeSandboxBinding;
}

/** What `execute` may return: items for the `main` port, items per port, or nothing. */
export type NodeOutput = Item[] | { [port: string]: Item[] | undefined } | undefined | void;
