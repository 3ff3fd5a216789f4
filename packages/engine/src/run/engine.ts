import { FlowloomError } from '../errors/flowloom.error.js';
import { serializeError } from '../errors/node-execution.error.js';
import { WorkflowValidationError } from '../errors/workflow-validation.error.js';
import type { ParameterResolver } from '../expression/resolver.js';
import { lazyResolver } from '../expression/lazy-resolver.js';
import { createVariablesApi, type VariablesApi } from '../expression/variables.js';
import type { Item } from '../model/item.js';
import { safeParseWorkflow, type SafeParseWorkflowResult } from '../model/parse-workflow.js';
import type { Workflow } from '../model/workflow.js';
import { isTriggerType } from '../model/node-type-lookup.js';
import { partialRunOf } from './partial-run.js';
import { NodeRegistry } from '../nodes/node-registry.js';
import { systemClock, type Clock } from '../ports/clock.js';
import { randomId } from '../ports/id.js';
import { consoleLogger, type Logger } from '../ports/logger.js';
import { systemRandom } from '../ports/random.js';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import type { Storage } from '../storage/storage.js';
import { CompiledWorkflow } from './compiled-workflow.js';
import type { EngineEventType, EngineListener } from '../model/engine-event.js';
import { EventHub } from './events.js';
import type { Execution, ExecutionMode } from '../model/execution.js';
import { executeRun } from './execute-run.js';
import type { TriggeredRun } from './engine-internals.js';
import { EngineTriggers, type TenantOption } from './engine-triggers.js';
import type { WebhookCallOptions } from './webhooks.js';
import type { ActivationSummary } from './workflow-triggers.js';
import { findItemProblem } from './normalize-output.js';
import { pollNode } from './poll-node.js';
import type { LoadedOption } from '../nodes/define-node.js';
import { credentialsForEngine } from '../credentials/engine-credentials.js';
import type { CredentialsManager } from '../credentials/credentials-manager.js';
import { isolatedCodeOptions, sandboxBinding } from '../code-sandbox/code-options.js';
import type { ExecutionIsolation } from '../isolation/execution-isolation.js';
import { loadNodeTypes } from '../nodes/load-node-types.js';
import { ExecutionHistory, type RetryInternals } from '../executions/execution-history.js';
import { EngineLifecycle, type CloseOptions } from './engine-lifecycle.js';
import { executionDeadline } from './execution-deadline.js';
import { dispatchIsolated } from './isolated-dispatch.js';
import type { Engine, EngineOptions, RunOptions } from './engine-api.js';
import { webRuntime, type EngineRuntime } from './engine-runtime.js';
import { checkOptions } from '../options/check-options.js';
import { checkEngineOptions, CLOSE_OPTIONS, LOAD_OPTIONS_REQUEST, RESUME_OPTIONS, RUN_OPTIONS, TENANT_OPTION } from './engine-options.js';
import { loadNodeOptions, type LoadOptionsRequest } from './load-options.js';
import { RUN_JOB_OPTIONS, type RunJob, type RunJobOptions } from './run-job.js';
import { RunReplay } from '../executions/retry.js';

export type { Engine, EngineOptions, RunOptions } from './engine-api.js';

/**
 * Creates an engine. The core node types are always included; all but the
 * Manual Trigger, No-op and the Node-only descriptions are light stand-ins
 * whose full type loads on first use (`engine.nodeTypes.load`, or any run),
 * so their parameters are checked once loaded. Code nodes run
 * in module Web Workers, where the platform has them; in Node, use
 * `createNodeEngine` from `@flowloom/engine/node`, which brings
 * `worker_threads` and checks HTTP destinations after DNS resolution.
 *
 * @example
 * const engine = createEngine({ nodeTypes: [double] });
 * const execution = await engine.run(engine.parseWorkflow(json), { input: [{ json: { n: 1 } }] });
 */
export function createEngine(options: EngineOptions = {}): Engine {
  checkEngineOptions('createEngine', options);
  return new WorkflowEngine(options, webRuntime);
}

/**
 * An engine with a runtime's parts, for the entry of that runtime
 * (`createNodeEngine`), which checks the options first.
 */
export function createEngineWith(runtime: EngineRuntime, options: EngineOptions): Engine {
  return new WorkflowEngine(options, runtime);
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
  readonly #runtime: EngineRuntime;
  /** Where executions run, when not on this thread: the host's pool, or the one made for `isolation: 'worker'`. */
  readonly #isolationPort: ExecutionIsolation | undefined;

  constructor(options: EngineOptions, runtime: EngineRuntime) {
    this.#options = options;
    this.#runtime = runtime;
    const isolation = options.isolation;
    // Made now, so a runtime without workers says so at once; the pool itself starts on the first run.
    this.#isolationPort =
      isolation === 'worker' ? runtime.workerIsolation(options.isolationOptions ?? {}) : isolation === 'none' ? undefined : isolation;
    this.nodeTypes = new NodeRegistry(runtime.coreNodeTypes);
    for (const t of options.nodeTypes ?? []) this.nodeTypes.register(t);
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? consoleLogger;
    this.storage = options.storage ?? createMemoryStorage({ now: () => this.#clock.now() });
    // The expression languages load with the first template a run meets (see lazyResolver).
    this.#expressions =
      options.expressions ?? lazyResolver(() => import('../expression/expression-resolver.js').then((m) => m.createExpressionResolver()));
    this.variables = createVariablesApi(this.storage.variables, { now: () => this.#clock.now(), tenantId: options.tenantId ?? 'default' });
    this.credentials = credentialsForEngine(
      { ...options, storageGiven: options.storage !== undefined },
      {
        store: this.storage.credentials,
        clock: this.#clock,
        generateId: options.generateId,
        tenantId: options.tenantId,
        fetch: (input, init) => this.#triggers.fetch(input, init),
      },
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
        background: (work) => this.#lifecycle.asked(work),
        verifyWebhook: (tenantId, credentialId, call) => this.credentials.verifyWebhook(credentialId, call, { tenantId }),
        pollNode: (workflow, request) => this.#pollNode(workflow, request),
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
        continueRun: (execution) =>
          this.run(execution.workflow!, { tenantId: execution.tenantId, mode: execution.mode }, { continueFrom: execution }),
      },
      options.executions,
    );
    this.#lifecycle = new EngineLifecycle(() => this.#loadNodeModules());
  }

  readonly #lifecycle: EngineLifecycle;

  ready(): Promise<void> {
    return this.#lifecycle.ready();
  }

  #closing: Promise<void> | undefined;

  async close(options?: CloseOptions): Promise<void> {
    checkOptions('engine.close', options, CLOSE_OPTIONS);
    // A second call waits for the first to finish.
    return (this.#closing ??= (async () => {
      this.stopScheduler();
      await this.#lifecycle.close(options);
      // Only the pool made here for `isolation: 'worker'` is the engine's to close.
      if (this.#options.isolation === 'worker' && this.#isolationPort) await this.#isolationPort.close();
    })());
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

  #loadNodeModules(): Promise<void> {
    return (this.#nodeModulesLoaded ??= loadNodeTypes(this.#options.nodeModules ?? []).then((types) => {
      for (const t of types) if (!this.nodeTypes.get(t.type, t.version)) this.nodeTypes.register(t);
    }));
  }

  #isolation(): ExecutionIsolation | undefined {
    return this.#isolationPort;
  }

  /** Runs one execution in an isolated worker; validation, the start node, the deadline and `$vars` are settled here first. */
  async #runIsolated(workflowInput: Workflow, options: RunOptions, internal: Partial<TriggeredRun> & RetryInternals): Promise<Execution> {
    const compiled = this.#compile(workflowInput);
    const mode = options.mode ?? 'manual';
    const o = this.#options;
    const { resume } = internal;
    const execution = await dispatchIsolated(
      {
        isolation: this.#isolation()!,
        storage: this.storage,
        logger: this.#logger,
        credentials: this.credentials,
        fetch: this.#triggers.fetch,
        clock: this.#clock,
        emit: (event, nested) => this.#events.emit(event, nested ? undefined : options.onEvent),
      },
      {
        workflow: compiled.workflow,
        executionId: resume?.execution.id ?? internal.continueFrom?.id ?? internal.executionId ?? (o.generateId ?? randomId)(),
        tenantId: options.tenantId ?? o.tenantId ?? 'default',
        mode,
        startNode: resume
          ? resume.wait.nodeId
          : internal.continueFrom || options.destinationNode !== undefined
            ? compiled.workflow.nodes[0]!.id
            : this.#startNode(compiled, options.startNode, mode).node.id,
        input: options.input === undefined ? [] : normalizeRunInput(options.input),
        usePinData: options.usePinData ?? mode === 'manual',
        ...(options.destinationNode === undefined || resume || internal.continueFrom || internal.replay
          ? {}
          : { destinationNode: options.destinationNode, ...(options.runData ? { runData: options.runData } : {}) }),
        timeoutMs: executionDeadline(options.timeoutMs, compiled.workflow.settings.timeoutMs, o.limits),
        vars: resume
          ? (options.vars ?? {})
          : internal.varsResolved
            ? { ...options.vars }
            : await this.#runVars(compiled.workflow.id, options),
        env: o.env ?? {},
        nodeModules: o.nodeModules ?? [],
        maxNodeRuns: o.limits?.maxNodeRuns ?? 100_000,
        ...(await isolatedCodeOptions(o)),
        http: { ...o.http },
        owner: this.executions.instanceId,
        signal: options.signal,
      },
      internal,
    );
    if (execution.status === 'waiting') await this.#triggers.trackWait(execution);
    return execution;
  }

  async loadOptions(request: LoadOptionsRequest): Promise<LoadedOption[]> {
    checkOptions('engine.loadOptions', request, LOAD_OPTIONS_REQUEST);
    await this.#lifecycle.enter('loadOptions');
    const tenantId = request.tenantId ?? this.#options.tenantId ?? 'default';
    const vars = await this.#runVars(request.workflowId ?? '', { tenantId });
    return this.#lifecycle.track(request.signal, (signal) =>
      loadNodeOptions(this.#outsideRunDeps(), this.nodeTypes, {
        ...request,
        tenantId,
        vars,
        id: `options-${(this.#options.generateId ?? randomId)()}`,
        signal,
      }),
    );
  }

  /** What a node's `ctx` outside an execution needs: a trigger's poll, a parameter's choices. */
  #outsideRunDeps() {
    const o = this.#options;
    return {
      clock: this.#clock,
      logger: this.#logger,
      resolver: this.#expressions,
      env: o.env ?? {},
      credentials: this.credentials,
      fetch: this.#triggers.fetch,
      sandbox: sandboxBinding(o.codeSandbox ?? this.#runtime.codeSandbox(), o),
      random: o.random ?? systemRandom,
    };
  }

  /** One poll of a polling trigger, on this thread, with the node's credentials; the engine's close aborts it. */
  #pollNode(workflow: Workflow, request: { tenantId: string; nodeId: string; cursor: unknown; pollId: string }) {
    return this.#lifecycle.track(undefined, async (signal) =>
      pollNode(this.#outsideRunDeps(), this.#compile(workflow), {
        ...request,
        signal,
        vars: await this.#runVars(workflow.id, { tenantId: request.tenantId }),
      }),
    );
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
    checkOptions('engine.activate', options, TENANT_OPTION);
    // Node types from `nodeModules` must be known before a workflow using them is checked.
    await this.#lifecycle.enter('activate');
    return this.#triggers.activate(workflow, options);
  }

  deactivate(workflowId: string, options?: TenantOption): boolean {
    checkOptions('engine.deactivate', options, TENANT_OPTION);
    return this.#triggers.deactivate(workflowId, options);
  }

  async handleWebhook(request: Request, options?: WebhookCallOptions): Promise<Response> {
    await this.#triggers.checkWebhookCall(options);
    await this.#lifecycle.enter('handleWebhook');
    return this.#triggers.handleWebhook(request, options);
  }

  async startScheduler(): Promise<void> {
    await this.#lifecycle.enter('startScheduler');
    this.executions.startPruning();
    return this.#triggers.startScheduler();
  }

  stopScheduler(): void {
    this.executions.stopPruning();
    this.#triggers.stopScheduler();
  }

  async resume(executionId: string, options?: TenantOption & { item?: Item }): Promise<Execution> {
    checkOptions('engine.resume', options, RESUME_OPTIONS);
    await this.#lifecycle.enter('resume');
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

  run(workflowInput: Workflow, options: RunOptions = {}, internal: Partial<TriggeredRun> & RetryInternals = {}): Promise<Execution> {
    return this.#lifecycle.asked(this.#enterAndRun(workflowInput, options, internal));
  }

  idle(): Promise<void> {
    return this.#lifecycle.idle();
  }

  runJob(job: RunJob, options: RunJobOptions = {}): Promise<Execution> {
    checkOptions('engine.runJob', options, RUN_JOB_OPTIONS);
    const run: RunOptions = { tenantId: job.tenantId, mode: job.mode };
    if (job.startNode !== undefined) run.startNode = job.startNode;
    if (job.input !== undefined) run.input = job.input;
    if (job.usePinData !== undefined) run.usePinData = job.usePinData;
    if (job.destinationNode !== undefined) run.destinationNode = job.destinationNode;
    if (job.runData !== undefined) run.runData = job.runData;
    if (job.timeoutMs !== undefined) run.timeoutMs = job.timeoutMs;
    if (job.vars !== undefined) run.vars = job.vars;
    if (options.signal) run.signal = options.signal;
    if (options.onEvent) run.onEvent = options.onEvent;
    const internal: Partial<TriggeredRun> & RetryInternals = { executionId: job.executionId };
    if (job.vars !== undefined) internal.varsResolved = true;
    if (job.depth) internal.depth = job.depth;
    if (job.resume) internal.resume = job.resume;
    if (job.continueFrom) internal.continueFrom = job.continueFrom;
    if (job.replay) Object.assign(internal, { replay: new RunReplay(job.replay.runs), retryOf: job.replay.retryOf });
    if (job.redactValues?.length) internal.redactValues = job.redactValues;
    if (options.respond) internal.respond = options.respond;
    return this.run(job.workflow, run, internal);
  }

  async #enterAndRun(workflowInput: Workflow, options: RunOptions, internal: Partial<TriggeredRun> & RetryInternals): Promise<Execution> {
    checkOptions('engine.run', options, RUN_OPTIONS);
    // A sub-workflow belongs to an execution already running: a closing engine lets it start.
    if (internal.depth) await this.#lifecycle.ready();
    else await this.#lifecycle.enter('run');
    return this.#lifecycle.track(options.signal, (signal) => this.#runNow(workflowInput, { ...options, signal }, internal));
  }

  async #runNow(workflowInput: Workflow, options: RunOptions, internal: Partial<TriggeredRun> & RetryInternals): Promise<Execution> {
    const o = this.#options;
    // Lazy node types the workflow uses load now, so it is checked and run with their full definitions.
    await this.nodeTypes.loadFor(workflowInput);
    // Every run of an isolating engine goes to a worker: new runs, resumes, retries and webhook runs alike.
    // (Sub-workflows never get here: they run in their parent's worker, whose engine does not isolate.)
    if (this.#isolation()) return this.#runIsolated(workflowInput, options, internal);
    const compiled = this.#compile(workflowInput);
    const mode = options.mode ?? 'manual';
    const codePort = o.codeSandbox ?? this.#runtime.codeSandbox();
    const usePinData = options.usePinData ?? mode === 'manual';
    const input = options.input === undefined ? [] : normalizeRunInput(options.input);
    const goesOn = Boolean(internal.resume || internal.continueFrom || internal.replay);
    const partial = goesOn ? undefined : partialRunOf(compiled, options, usePinData ? compiled.workflow.pinData : undefined, input);
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
        sandbox: sandboxBinding(codePort, o),
        random: o.random ?? systemRandom,
        credentials: this.credentials,
        fetch: this.#triggers.fetch,
        runSubWorkflow: this.#triggers.runSubWorkflow,
        save: o.executions?.save,
      },
      compiled,
      {
        executionId: internal.continueFrom?.id ?? internal.executionId ?? (o.generateId ?? randomId)(),
        tenantId: options.tenantId ?? o.tenantId ?? 'default',
        mode,
        start: internal.resume
          ? compiled.nodes.get(internal.resume.wait.nodeId)!
          : internal.continueFrom
            ? compiled.nodes.get(compiled.workflow.nodes[0]!.id)!
            : partial
              ? compiled.nodes.get(partial.destination)!
              : this.#startNode(compiled, options.startNode, mode),
        input,
        usePinData,
        ...(partial ? { partial } : {}),
        timeoutMs: executionDeadline(options.timeoutMs, compiled.workflow.settings.timeoutMs, o.limits),
        vars: internal.resume
          ? (options.vars ?? {})
          : internal.varsResolved
            ? { ...options.vars }
            : await this.#runVars(compiled.workflow.id, options),
        signal: options.signal,
        onEvent: options.onEvent,
        depth: internal.depth ?? 0,
        ...(internal.respond ? { respond: internal.respond } : {}),
        ...(internal.resume ? { resume: internal.resume } : {}),
        ...(internal.redactValues ? { redactValues: internal.redactValues } : {}),
        ...(internal.continueFrom ? { continueFrom: internal.continueFrom } : {}),
        owner: this.executions.instanceId,
        ...(internal.replay ? { replay: internal.replay, retryOf: internal.retryOf } : {}),
      },
    );
    if (execution.status === 'waiting') await this.#triggers.trackWait(execution);
    return execution;
  }
}

function normalizeRunInput(input: unknown): Item[] {
  const problem = findItemProblem(input, 'input');
  if (problem) throw new WorkflowValidationError([{ code: 'invalid_input', path: ['input'], message: problem }], 'Run input');
  return input as Item[];
}
