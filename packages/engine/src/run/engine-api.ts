import type { ParameterResolver } from '../expression/resolver.js';
import type { VariablesApi } from '../expression/variables.js';
import type { Item } from '../model/item.js';
import type { SafeParseWorkflowResult } from '../model/parse-workflow.js';
import type { Workflow } from '../model/workflow.js';
import type { NodeType, NodeTypeDefinition } from '../nodes/define-node.js';
import type { NodeRegistry } from '../nodes/node-registry.js';
import type { Clock } from '../ports/clock.js';
import type { IdGenerator } from '../ports/id.js';
import type { Logger } from '../ports/logger.js';
import type { Random } from '../ports/random.js';
import type { Storage } from '../storage/storage.js';
import type { EngineEvent, EngineEventType, EngineListener } from '../model/engine-event.js';
import type { Execution, ExecutionMode } from '../model/execution.js';
import type { LoadedOption } from '../nodes/define-node.js';
import type { LoadOptionsRequest } from './load-options.js';
import type { TenantOption } from './engine-triggers.js';
import type { FetchFunction, HttpOptions } from '../ports/http.js';
import type { WebhookCallOptions, WebhookOptions } from './webhooks.js';
import type { ActivationSummary } from './workflow-triggers.js';
import type { EngineCredentialOptions } from '../credentials/engine-credentials.js';
import type { CredentialsManager } from '../credentials/credentials-manager.js';
import type { CodeLimits } from '../code-sandbox/code-limits.js';
import type { CodeLibraries } from '../code-sandbox/code-libraries.js';
import type { CodeSandbox } from '../code-sandbox/code-sandbox.js';
import type { ExecutionIsolation } from '../isolation/execution-isolation.js';
import type { IsolationPoolOptions } from '../workers/shared-workers.js';
import type { ExecutionHistory, ExecutionHistoryOptions } from '../executions/execution-history.js';
import type { CloseOptions } from './engine-lifecycle.js';
import type { RunJob, RunJobOptions } from './run-job.js';

/** What `createEngine` takes. Everything is optional. */
export interface EngineOptions {
  /** Node types added to the core ones. */
  nodeTypes?: Iterable<NodeType | NodeTypeDefinition>;
  /** Where workflows and executions are kept (default: in memory). */
  storage?: Storage;
  /** Tenant used when a call names none (default `'default'`). */
  tenantId?: string;
  clock?: Clock;
  generateId?: IdGenerator;
  /**
   * Random numbers in [0, 1) for nodes (`ctx.random()`) and expressions (`$random()`, `$randomItem()`);
   * default `systemRandom` (`Math.random`). Tests pass a seeded one.
   */
  random?: Random;
  logger?: Logger;
  /**
   * Resolves `{{ }}` templates in parameters (default: JSONata with the
   * function library and default budgets; `createExpressionResolver({ budgets, allowEval })`
   * to change them, `literalParameters` to turn expressions off).
   */
  expressions?: ParameterResolver;
  /** Values exposed to expressions as `$env`. Nothing from the process environment unless given here. */
  env?: Record<string, unknown>;
  /**
   * The HTTP port behind `ctx.fetch` (default: the platform's fetch). In Node,
   * `createNodeEngine` from `@flowloom/engine/node` wraps it with a DNS check.
   */
  fetch?: FetchFunction;
  /** HTTP policy; private networks are refused unless `allowPrivateNetworks`. */
  http?: HttpOptions;
  /** Where `handleWebhook` serves webhooks and resume calls. */
  webhooks?: WebhookOptions;
  limits?: {
    /** How deeply Execute Workflow may nest sub-workflows (default 10). */
    maxWorkflowDepth?: number;
    /** Node activations per execution before it is stopped as a runaway loop (default 100,000). */
    maxNodeRuns?: number;
    /** Deadline for an execution whose workflow sets none (default: none). */
    executionTimeoutMs?: number;
    /**
     * The longest deadline any execution may have (default: none): a run's
     * `timeoutMs` or a workflow's `settings.timeoutMs` above it is capped at
     * it, silently, and the time-limit message names the deadline that applied.
     * Applies to every execution: manual, webhook, schedule, resume, retry,
     * sub-workflow, in process or isolated.
     */
    maxExecutionTimeoutMs?: number;
    /**
     * Ceilings for each Code node run (defaults 64 MiB, 5,000 ms, 16 MiB of
     * output). A node may set lower limits, never higher ones.
     */
    code?: Partial<CodeLimits>;
  };
  /**
   * Where Code nodes run user JavaScript. Default: QuickJS in a killable worker,
   * started on first use: module Web Workers with `createEngine` (where the
   * platform has them), `worker_threads` with `createNodeEngine` from
   * `@flowloom/engine/node`. Without either, Code nodes fail with
   * `CODE_SANDBOX_UNAVAILABLE`.
   */
  codeSandbox?: CodeSandbox;
  /**
   * Libraries Code nodes may `require`, by name, each as its single-file
   * CommonJS or UMD source or a function giving it (in Node,
   * `nodeModuleLibrary('lodash')` from `@flowloom/engine/node`). A library is
   * evaluated inside the sandbox on a run's first `require` of it, under the
   * run's limits; any other name is refused (default: none).
   *
   * @example
   * createNodeEngine({ codeLibraries: { lodash: nodeModuleLibrary('lodash', { file: 'lodash.min.js' }) } });
   */
  codeLibraries?: CodeLibraries;
  /**
   * Where executions run. `'none'` (the default): on the caller's thread, with
   * Code nodes still in their worker. `'worker'`: each execution in a pooled
   * worker with heap limits and a deadline, killed if it runs away
   * (`createNodeEngine`: `worker_threads`; `createEngine`: module Web Workers,
   * refused with `ISOLATION_UNAVAILABLE` where there are none; started on
   * first use). An `ExecutionIsolation` object: your own pool. Isolated
   * executions load their node types from `nodeModules` and reach storage
   * only through a data-only bridge.
   */
  isolation?: 'none' | 'worker' | ExecutionIsolation;
  /**
   * The pool `isolation: 'worker'` creates: `maxWorkers` (default 8),
   * `maxWorkersPerTenant` (default 4), `maxIdleWorkers`, `heapMb` (Node,
   * default 256) and `executionsPerWorker` (default 1: with more, a tenant's
   * executions share worker threads, and the caps count executions).
   * Executions beyond the caps wait for a worker, in order.
   */
  isolationOptions?: IsolationPoolOptions;
  /**
   * Module specifiers or URLs (package names, `file:` or `https:` URLs) whose
   * exports are node types; loading starts when the engine is created
   * (`engine.ready()` resolves once they are registered), in the host and in
   * each isolated worker.
   */
  nodeModules?: string[];
  /**
   * Supplies the keys credentials are encrypted with (`rawKeyProvider`,
   * `passphraseKeyProvider`, `kmsKeyProvider`, `keyRing`). Required with a
   * persistent `storage`; without one, an in-memory engine uses a random key.
   */
  keyProvider?: EngineCredentialOptions['keyProvider'];
  /** Credential types added to the built-in generic ones. */
  credentialTypes?: EngineCredentialOptions['credentialTypes'];
  /** A ready-made credentials manager, instead of one built from the options above. */
  credentials?: EngineCredentialOptions['credentials'];
  /**
   * Where started OAuth2 connections wait for the provider's callback
   * (default: this process's memory). Engines in several processes behind one
   * callback URL share a store (`@flowloom/server/standalone`'s Redis one).
   */
  oauth2States?: EngineCredentialOptions['oauth2States'];
  /** Execution history: what to keep, retention, crash recovery on start. */
  executions?: ExecutionHistoryOptions;
}

/** What `engine.run` takes. */
export interface RunOptions {
  /** Items the trigger node emits (the trigger event). */
  input?: Item[];
  /** Cancels the run: the running node is abandoned and the execution ends `canceled`. */
  signal?: AbortSignal;
  mode?: ExecutionMode;
  /** Id or name of the trigger to start at (default: the manual trigger, else the first trigger). */
  startNode?: string;
  /** Deadline for this run, over the workflow's own `settings.timeoutMs`. */
  timeoutMs?: number;
  tenantId?: string;
  /** Use the workflow's pin data (default: in manual runs only). */
  usePinData?: boolean;
  /**
   * Id or name of the node to run to ("execute step"): only it and the nodes
   * before it that it needs run; a node before it with pinned data (when pin
   * data is used) or with `runData` gives that data instead of running, and
   * nothing after it runs. An unknown, disabled or attached node rejects with
   * a `FlowloomError` (`DESTINATION_NODE_INVALID`).
   *
   * @example
   * // Run 'Format' again with what 'Fetch' returned last time:
   * await engine.run(workflow, { destinationNode: 'Format', runData: { fetch: last.nodes.fetch!.at(-1)!.output.main! } });
   */
  destinationNode?: string;
  /**
   * Outputs of an earlier run (first output port) by node id, given by those
   * nodes instead of running them again; used with `destinationNode`.
   */
  runData?: Record<string, Item[]>;
  /** Variables visible as `$vars`. */
  vars?: Record<string, unknown>;
  /** Receives this run's events only. */
  onEvent?: (event: EngineEvent) => void;
}

/** A workflow engine: runs workflows with a set of node types and a storage. */
export interface Engine {
  readonly nodeTypes: NodeRegistry;
  readonly storage: Storage;
  /** Execution history: paged queries, retry from the failed node, crash recovery, retention, analytics, export. */
  readonly executions: ExecutionHistory;
  /** Credentials: create, list (masked), test, share, OAuth2 connections, key rotation, audit trail. */
  readonly credentials: CredentialsManager;
  /** Workflow and tenant variables (`$vars`): set, get, list, delete. */
  readonly variables: VariablesApi;
  /**
   * Runs a workflow to its end and returns the execution record. A failing
   * node makes a failed execution (`status: 'error'`), never a rejection; an
   * invalid workflow or input rejects with a `WorkflowValidationError` before
   * anything runs.
   *
   * The workflow is validated and compiled once per object and cached by
   * identity: treat workflow objects as immutable and pass a new object after
   * a change (the editor does).
   */
  run(workflow: Workflow, options?: RunOptions): Promise<Execution>;
  /**
   * Performs a run another engine handed out (a queue's worker takes it from
   * the queue): with the execution id it was given, the wait it resumes, the
   * run it continues or the retry it replays. The run is this engine's: its
   * owner, isolation, limits, node modules and network policy apply. Like
   * `run`, it resolves with the record when the run ends or starts waiting.
   *
   * @example
   * const execution = await engine.runJob({ workflow, executionId: job.id, tenantId: 'acme', mode: 'webhook', input });
   */
  runJob(job: RunJob, options?: RunJobOptions): Promise<Execution>;
  /**
   * Validates a document against this engine's node types. The parameters of
   * a node type that loads on first use (most core types of `createEngine`,
   * the integrations) are checked once it has loaded: `await
   * engine.nodeTypes.loadFor(doc)` first to check them all; every run does.
   */
  validate(input: unknown): SafeParseWorkflowResult;
  /** Like `validate`, but throws a `WorkflowValidationError`. */
  parseWorkflow(input: unknown): Workflow;
  /** Subscribes to every run's events; returns the function that unsubscribes. */
  on<T extends EngineEventType>(type: T, listener: EngineListener<T>): () => void;
  /**
   * Makes a workflow (a document, or the id of a stored one) answer webhooks
   * and fire on its schedules; activating it again replaces the earlier
   * version. Rejects naming the node and parameter when a trigger is wrong, or
   * when another workflow holds the same method and path.
   */
  activate(workflow: Workflow | string, options?: TenantOption): Promise<ActivationSummary>;
  /** Stops a workflow's webhooks and schedules; returns whether it was active. */
  deactivate(workflowId: string, options?: TenantOption): boolean;
  /**
   * Answers an HTTP call (Fetch API types) for the workflow listening on its
   * method and path, or resumes a waiting execution; 404 and 405 as JSON errors.
   * A host serving webhooks under a prefix of its own passes the path after it
   * as `path` (see `WebhookCallOptions`) instead of building another request.
   *
   * @example
   * const response = await engine.handleWebhook(new Request('https://example.com/webhook/orders', { method: 'POST', body }));
   * // The same call received as https://example.com/t/acme/webhook/orders:
   * await engine.handleWebhook(request, { tenantId: 'acme', path: '/webhook/orders' });
   */
  handleWebhook(request: Request, options?: WebhookCallOptions): Promise<Response>;
  /** Starts firing Schedule Triggers and resuming timed waits (also those stored before a restart). */
  startScheduler(): Promise<void>;
  /** Stops the timers; nothing is lost, and a tick missed meanwhile fires once on the next start. */
  stopScheduler(): void;
  /** Resumes a waiting execution now, optionally as if its resume webhook had been called with `item`. */
  resume(executionId: string, options?: TenantOption & { item?: Item }): Promise<Execution>;
  /**
   * A parameter's choices from the service (the fields of a Salesforce
   * object, the tables of an Airtable base): calls the `loadOptions` method
   * the parameter's hint names, with the node's credential and its current
   * parameters, outside any execution. Rejects with a clear error for an
   * unknown method or a failing call.
   */
  loadOptions(request: LoadOptionsRequest): Promise<LoadedOption[]>;
  /**
   * Resolves once every `nodeModules` entry is loaded and its node types are
   * registered (loading starts at creation); rejects naming the module that
   * failed. Every async method waits for it; await it before the synchronous
   * `validate`/`parseWorkflow` of workflows that use module node types.
   */
  ready(): Promise<void>;
  /**
   * Resolves once no execution is running or starting: runs, webhook and
   * schedule runs, resumes and retries alike (a rejected run counts as ended).
   * Tests with a test clock use it after `clock.advance` to let the runs that
   * fired finish; a host can use it before reading the history.
   */
  idle(): Promise<void>;
  /**
   * Shuts the engine down: refuses new work (every later call rejects with
   * `ENGINE_CLOSED`), stops the scheduler, timed waits and pruning, waits for
   * the executions running now (`cancelRunning` cancels them at once,
   * `graceMs` after that long; they end `canceled`), then closes the worker
   * pool `isolation: 'worker'` created. A pool or sandbox you passed in stays
   * yours to close; the process-wide default Code sandbox is shared by
   * engines and left alone (its idle workers do not keep Node alive).
   */
  close(options?: CloseOptions): Promise<void>;
}
