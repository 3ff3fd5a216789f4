import { FlowloomError } from '../errors/flowloom.error.js';
import { serializeError } from '../errors/node-execution.error.js';
import { WorkflowValidationError } from '../errors/workflow-validation.error.js';
import type { ParameterResolver } from '../expression/resolver.js';
import { createExpressionResolver } from '../expression/expression-resolver.js';
import { createVariablesApi, type VariablesApi } from '../expression/variables.js';
import type { Item } from '../model/item.js';
import { safeParseWorkflow, type SafeParseWorkflowResult } from '../model/parse-workflow.js';
import type { Workflow } from '../model/workflow.js';
import { coreNodeTypes } from '../nodes/core/index.js';
import { isTriggerType, type NodeType, type NodeTypeDefinition } from '../nodes/define-node.js';
import { NodeRegistry } from '../nodes/node-registry.js';
import { systemClock, type Clock } from '../ports/clock.js';
import { randomId, type IdGenerator } from '../ports/id.js';
import { consoleLogger, type Logger } from '../ports/logger.js';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import type { Storage } from '../storage/storage.js';
import { CompiledWorkflow } from './compiled-workflow.js';
import { EventHub, type EngineEvent, type EngineEventType, type EngineListener } from './events.js';
import type { Execution, ExecutionMode } from './execution.js';
import { executeRun } from './execute-run.js';
import type { TriggeredRun } from './engine-internals.js';
import { EngineTriggers, type TenantOption } from './engine-triggers.js';
import type { FetchFunction, HttpOptions } from '../ports/http.js';
import type { WebhookOptions } from './webhooks.js';
import type { ActivationSummary } from './workflow-triggers.js';
import { findItemProblem } from './normalize-output.js';
import { credentialsForEngine, type EngineCredentialOptions } from '../credentials/engine-credentials.js';
import type { CredentialsManager } from '../credentials/credentials-manager.js';
import { effectiveLimits, type CodeLimits } from '../sandbox/code-limits.js';
import type { CodeSandbox } from '../sandbox/code-sandbox.js';
import { defaultCodeSandbox, defaultExecutionIsolation } from '../sandbox/default-sandbox.js';
import type { ExecutionIsolation } from '../sandbox/execution-isolation.js';
import type { IsolatedRunRequest } from '../sandbox/execution-protocol.js';
import { hostCredentialRelay } from '../credentials/host-credential-relay.js';
import { Redactor } from '../credentials/redactor.js';
import { runsInOrder } from '../executions/retry.js';
import { loadNodeTypes } from '../sandbox/load-node-types.js';
import { ExecutionHistory, type ExecutionHistoryOptions, type RetryInternals } from '../executions/execution-history.js';

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
  /** Random numbers in [0, 1) for nodes that need them (default `Math.random`). */
  random?: () => number;
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
     * Ceilings for each Code node run (defaults 64 MiB, 5,000 ms, 16 MiB of
     * output). A node may set lower limits, never higher ones.
     */
    code?: Partial<CodeLimits>;
  };
  /**
   * Where Code nodes run user JavaScript. Default: QuickJS in a killable worker,
   * started on first use (Web Workers in browsers, worker_threads in Node).
   */
  codeSandbox?: CodeSandbox;
  /**
   * Where executions run. `'none'` (the default): on the caller's thread, with
   * Code nodes still in their worker. `'worker'`: each execution in a pooled
   * worker with heap limits and a deadline, killed if it runs away (Node:
   * `worker_threads` from `@flowloom/engine/node`; browsers: module Web Workers; loaded on first use). An `ExecutionIsolation`
   * object: your own pool. Isolated executions load their node types from
   * `nodeModules` and reach storage only through a data-only bridge.
   */
  isolation?: 'none' | 'worker' | ExecutionIsolation;
  /**
   * Module specifiers or URLs (package names, `file:` or `https:` URLs) whose
   * exports are node types; loaded on first run, in the host and in each
   * isolated worker.
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
  /** Validates a document against this engine's node types. */
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
   *
   * @example
   * const response = await engine.handleWebhook(new Request('https://example.com/webhook/orders', { method: 'POST', body }));
   */
  handleWebhook(request: Request, options?: TenantOption): Promise<Response>;
  /** Starts firing Schedule Triggers and resuming timed waits (also those stored before a restart). */
  startScheduler(): Promise<void>;
  /** Stops the timers; nothing is lost, and a tick missed meanwhile fires once on the next start. */
  stopScheduler(): void;
  /** Resumes a waiting execution now, optionally as if its resume webhook had been called with `item`. */
  resume(executionId: string, options?: TenantOption & { item?: Item }): Promise<Execution>;
}

/**
 * Creates an engine. The core node types are always included.
 *
 * @example
 * const engine = createEngine({ nodeTypes: [double] });
 * const execution = await engine.run(parseWorkflow(json), { input: [{ json: { n: 1 } }] });
 */
export function createEngine(options: EngineOptions = {}): Engine {
  return new WorkflowEngine(options);
}

class WorkflowEngine implements Engine {
  readonly nodeTypes: NodeRegistry;
  readonly storage: Storage;
  readonly credentials: CredentialsManager;
  readonly #options: EngineOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #events: EventHub;
  readonly #compiled = new WeakMap<object, CompiledWorkflow>();
  readonly #triggers: EngineTriggers;
  readonly executions: ExecutionHistory;
  readonly variables: VariablesApi;
  readonly #expressions: ParameterResolver;

  constructor(options: EngineOptions) {
    this.#options = options;
    this.nodeTypes = new NodeRegistry(coreNodeTypes);
    for (const t of options.nodeTypes ?? []) this.nodeTypes.register(t);
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? consoleLogger;
    this.storage = options.storage ?? createMemoryStorage({ now: () => this.#clock.now() });
    this.#expressions = options.expressions ?? createExpressionResolver();
    this.variables = createVariablesApi(this.storage.variables, { now: () => this.#clock.now(), tenantId: options.tenantId ?? 'default' });
    this.credentials = credentialsForEngine(
      { ...options, storageGiven: options.storage !== undefined },
      { store: this.storage.credentials, clock: this.#clock, generateId: options.generateId, tenantId: options.tenantId },
    );
    this.#triggers = new EngineTriggers(
      {
        storage: this.storage,
        clock: this.#clock,
        logger: this.#logger,
        nodeTypes: this.nodeTypes,
        defaultTenant: options.tenantId ?? 'default',
        parse: (doc) => this.parseWorkflow(doc),
        execute: (workflow, run) => this.#runTriggered(workflow, run),
        newId: () => (options.generateId ?? randomId)(),
      },
      { fetch: options.fetch, http: options.http, webhooks: options.webhooks, maxWorkflowDepth: options.limits?.maxWorkflowDepth },
    );
    this.#events = new EventHub((error, type) =>
      this.#logger.error(`A '${type}' listener threw; the run goes on.`, { error: serializeError(error) }),
    );
    this.executions = new ExecutionHistory(
      {
        storage: this.storage,
        clock: this.#clock,
        logger: this.#logger,
        defaultTenant: options.tenantId ?? 'default',
        newId: () => (options.generateId ?? randomId)(),
        run: (workflow, runOptions, internal) => this.run(workflow, runOptions, internal),
      },
      options.executions,
    );
  }

  on<T extends EngineEventType>(type: T, listener: EngineListener<T>): () => void {
    return this.#events.on(type, listener);
  }

  validate(input: unknown): SafeParseWorkflowResult {
    return safeParseWorkflow(input, { nodeTypes: this.nodeTypes });
  }

  parseWorkflow(input: unknown): Workflow {
    const result = this.validate(input);
    if (!result.success) throw result.error;
    return result.workflow;
  }

  #compile(input: Workflow): CompiledWorkflow {
    if (typeof input === 'object' && input !== null) {
      const cached = this.#compiled.get(input);
      if (cached) return cached;
    }
    const workflow = this.parseWorkflow(input);
    const compiled = new CompiledWorkflow(workflow, this.nodeTypes);
    if (typeof input === 'object' && input !== null) this.#compiled.set(input, compiled);
    return compiled;
  }

  #nodeModulesLoaded: Promise<void> | undefined;
  #isolationPort: ExecutionIsolation | undefined;

  #loadNodeModules(): Promise<void> {
    return (this.#nodeModulesLoaded ??= loadNodeTypes(this.#options.nodeModules ?? []).then((types) => {
      for (const t of types) if (!this.nodeTypes.get(t.type, t.version)) this.nodeTypes.register(t);
    }));
  }

  #isolation(): ExecutionIsolation | undefined {
    const chosen = this.#options.isolation;
    if (chosen === undefined || chosen === 'none') return undefined;
    return (this.#isolationPort ??= chosen === 'worker' ? defaultExecutionIsolation() : chosen);
  }

  /**
   * Runs one execution in an isolated worker; validation and the start node
   * are settled here first. Resumes, retries and webhook runs go too: what
   * they continue from crosses as data, a webhook reply comes back as data,
   * and credentials are used through the host's manager (`hostCredentialRelay`).
   */
  async #runIsolated(workflowInput: Workflow, options: RunOptions, internal: Partial<TriggeredRun> & RetryInternals): Promise<Execution> {
    const compiled = this.#compile(workflowInput);
    const mode = options.mode ?? 'manual';
    const o = this.#options;
    const tenantId = options.tenantId ?? o.tenantId ?? 'default';
    const { resume, respond } = internal;
    const request: IsolatedRunRequest = {
      workflow: compiled.workflow,
      executionId: resume?.execution.id ?? internal.executionId ?? (o.generateId ?? randomId)(),
      tenantId,
      mode,
      startNode: resume ? resume.wait.nodeId : this.#startNode(compiled, options.startNode, mode).node.id,
      input: options.input === undefined ? [] : normalizeRunInput(options.input),
      usePinData: options.usePinData ?? mode === 'manual',
      timeoutMs: options.timeoutMs ?? compiled.workflow.settings.timeoutMs ?? o.limits?.executionTimeoutMs,
      vars: resume ? (options.vars ?? {}) : await this.#runVars(compiled.workflow.id, options),
      env: o.env ?? {},
      nodeModules: o.nodeModules ?? [],
      maxNodeRuns: o.limits?.maxNodeRuns ?? 100_000,
      codeLimits: effectiveLimits(o.limits?.code, undefined),
      http: { ...o.http },
      owner: this.executions.instanceId,
      ...(internal.depth ? { depth: internal.depth } : {}),
      ...(resume ? { resume } : {}),
      ...(respond ? { respond: true } : {}),
    };
    if (internal.replay && internal.retryOf !== undefined) {
      // The replay's runs are those of the execution retried: read again here, to cross as plain data.
      const original = await this.storage.executions.get(tenantId, internal.retryOf);
      const runs = original ? runsInOrder(original).filter((r) => r.status === 'success') : [];
      request.replay = { retryOf: internal.retryOf, runs };
    }
    const redactor = new Redactor();
    redactor.add(this.credentials.knownSecrets(tenantId));
    const execution = await this.#isolation()!.run(
      request,
      {
        storage: this.storage,
        logger: this.#logger,
        emit: (event, nested) => this.#events.emit(event, nested ? undefined : options.onEvent),
        credentials: hostCredentialRelay(this.credentials, { tenantId, redactor, fetch: this.#triggers.fetch }),
        redactor,
        ...(respond ? { respond } : {}),
      },
      options.signal,
    );
    if (execution.status === 'waiting') this.#triggers.waits.track(execution);
    return execution;
  }

  /** `$vars` for a run: tenant variables, overridden by the workflow's, then by the run's own. */
  #runVars(workflowId: string, options: RunOptions): Promise<Record<string, unknown>> {
    return this.variables.forRun(workflowId, {
      tenantId: options.tenantId ?? this.#options.tenantId ?? 'default',
      ...(options.vars ? { overrides: options.vars } : {}),
    });
  }

  #startNode(compiled: CompiledWorkflow, requested: string | undefined, mode: ExecutionMode) {
    const { workflow } = compiled;
    if (requested !== undefined) {
      const node = compiled.nodes.get(requested) ?? compiled.byName.get(requested);
      if (!node) throw new FlowloomError('START_NODE_INVALID', `Cannot start at '${requested}': no node has that id or name.`);
      if (!isTriggerType(node.type)) {
        throw new FlowloomError(
          'START_NODE_INVALID',
          `Cannot start at '${node.node.name}': it is not a trigger (${node.type.type} has inputs).`,
        );
      }
      if (node.node.disabled) throw new FlowloomError('START_NODE_INVALID', `Cannot start at '${node.node.name}': the node is disabled.`);
      return node;
    }
    const triggers = workflow.nodes.map((n) => compiled.nodes.get(n.id)!).filter((n) => isTriggerType(n.type) && !n.node.disabled);
    const chosen = (mode === 'manual' ? triggers.find((n) => n.type.type === 'core.manualTrigger') : undefined) ?? triggers[0];
    if (!chosen)
      throw new FlowloomError('START_NODE_INVALID', `Workflow '${workflow.name || workflow.id}' has no enabled trigger to start from.`);
    return chosen;
  }

  async activate(workflow: Workflow | string, options?: TenantOption): Promise<ActivationSummary> {
    // Node types from `nodeModules` must be known before a workflow using them is checked.
    if (this.#options.nodeModules?.length) await this.#loadNodeModules();
    return this.#triggers.activate(workflow, options);
  }

  deactivate(workflowId: string, options?: TenantOption): boolean {
    return this.#triggers.deactivate(workflowId, options);
  }

  handleWebhook(request: Request, options?: TenantOption): Promise<Response> {
    return this.#triggers.handleWebhook(request, options);
  }

  startScheduler(): Promise<void> {
    this.executions.startPruning();
    return this.#triggers.startScheduler();
  }

  stopScheduler(): void {
    this.executions.stopPruning();
    this.#triggers.stopScheduler();
  }

  resume(executionId: string, options?: TenantOption & { item?: Item }): Promise<Execution> {
    return this.#triggers.resume(executionId, options);
  }

  #runTriggered(workflow: Workflow, run: TriggeredRun): Promise<Execution> {
    const wait = run.resume?.wait;
    const options: RunOptions = { tenantId: run.tenantId, mode: run.mode, input: run.input ?? [] };
    if (run.startNode !== undefined) options.startNode = run.startNode;
    if (run.signal) options.signal = run.signal;
    if (wait) Object.assign(options, { vars: wait.vars, usePinData: wait.usePinData });
    return this.run(workflow, options, run);
  }

  async run(workflowInput: Workflow, options: RunOptions = {}, internal: Partial<TriggeredRun> & RetryInternals = {}): Promise<Execution> {
    const o = this.#options;
    if (o.nodeModules?.length) await this.#loadNodeModules();
    // Every run of an isolating engine goes to a worker: new runs, resumes, retries and webhook runs alike.
    // (Sub-workflows never get here: they run in their parent's worker, whose engine does not isolate.)
    if (this.#isolation()) return this.#runIsolated(workflowInput, options, internal);
    const compiled = this.#compile(workflowInput);
    const mode = options.mode ?? 'manual';
    const codePort = o.codeSandbox ?? defaultCodeSandbox();
    // A Code node ahead: start its worker now, so QuickJS loads while the nodes before it run.
    if (compiled.workflow.nodes.some((n) => n.type === 'core.code' && !n.disabled))
      codePort.prepare?.(options.tenantId ?? o.tenantId ?? 'default');
    const execution = await executeRun(
      {
        clock: this.#clock,
        storage: this.storage,
        logger: this.#logger,
        events: this.#events,
        resolver: this.#expressions,
        env: o.env ?? {},
        maxNodeRuns: o.limits?.maxNodeRuns ?? 100_000,
        sandbox: { port: codePort, limits: effectiveLimits(o.limits?.code, undefined) },
        random: o.random ?? Math.random,
        credentials: this.credentials,
        fetch: this.#triggers.fetch,
        runSubWorkflow: this.#triggers.runSubWorkflow,
        save: o.executions?.save,
      },
      compiled,
      {
        executionId: internal.executionId ?? (o.generateId ?? randomId)(),
        tenantId: options.tenantId ?? o.tenantId ?? 'default',
        mode,
        start: internal.resume ? compiled.nodes.get(internal.resume.wait.nodeId)! : this.#startNode(compiled, options.startNode, mode),
        input: options.input === undefined ? [] : normalizeRunInput(options.input),
        usePinData: options.usePinData ?? mode === 'manual',
        timeoutMs: options.timeoutMs ?? compiled.workflow.settings.timeoutMs ?? o.limits?.executionTimeoutMs,
        vars: internal.resume ? (options.vars ?? {}) : await this.#runVars(compiled.workflow.id, options),
        signal: options.signal,
        onEvent: options.onEvent,
        depth: internal.depth ?? 0,
        ...(internal.respond ? { respond: internal.respond } : {}),
        ...(internal.resume ? { resume: internal.resume } : {}),
        owner: this.executions.instanceId,
        ...(internal.replay ? { replay: internal.replay, retryOf: internal.retryOf } : {}),
      },
    );
    if (execution.status === 'waiting') this.#triggers.waits.track(execution);
    return execution;
  }
}

function normalizeRunInput(input: unknown): Item[] {
  const problem = findItemProblem(input, 'input');
  if (problem) throw new WorkflowValidationError([{ code: 'invalid_input', path: ['input'], message: problem }], 'Run input');
  return input as Item[];
}
