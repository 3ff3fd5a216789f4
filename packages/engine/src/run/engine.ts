import { FlowloomError, type SerializedError } from '../errors/flowloom.error.js';
import { serializeError } from '../errors/node-execution.error.js';
import { WorkflowValidationError } from '../errors/workflow-validation.error.js';
import { literalParameters, type ParameterResolver } from '../expression/resolver.js';
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
import type { RunScope } from './activation-context.js';
import { CompiledWorkflow } from './compiled-workflow.js';
import { EventHub, type EngineEvent, type EngineEventType, type EngineListener } from './events.js';
import type { Execution, ExecutionMode, NodeRun } from './execution.js';
import { findItemProblem } from './normalize-output.js';
import { RunPlan } from './run-plan.js';
import { runNode, type ActivationResult } from './run-node.js';
import { linkSignals } from './signals.js';

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
  /** Resolves `{{ }}` templates in parameters. */
  expressions?: ParameterResolver;
  /** Values exposed to expressions as `$env`. Nothing from the process environment unless given here. */
  env?: Record<string, unknown>;
  limits?: {
    /** Node activations per execution before it is stopped as a runaway loop (default 100,000). */
    maxNodeRuns?: number;
    /** Deadline for an execution whose workflow sets none (default: none). */
    executionTimeoutMs?: number;
  };
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
  /**
   * Runs a workflow to its end and returns the execution record. A failing
   * node makes a failed execution (`status: 'error'`), never a rejection; an
   * invalid workflow or input rejects with a `WorkflowValidationError` before
   * anything runs.
   */
  run(workflow: Workflow, options?: RunOptions): Promise<Execution>;
  /** Validates a document against this engine's node types. */
  validate(input: unknown): SafeParseWorkflowResult;
  /** Like `validate`, but throws a `WorkflowValidationError`. */
  parseWorkflow(input: unknown): Workflow;
  /** Subscribes to every run's events; returns the function that unsubscribes. */
  on<T extends EngineEventType>(type: T, listener: EngineListener<T>): () => void;
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
  readonly #options: EngineOptions;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #events: EventHub;
  readonly #compiled = new WeakMap<object, CompiledWorkflow>();

  constructor(options: EngineOptions) {
    this.#options = options;
    this.nodeTypes = new NodeRegistry(coreNodeTypes);
    for (const t of options.nodeTypes ?? []) this.nodeTypes.register(t);
    this.#clock = options.clock ?? systemClock;
    this.#logger = options.logger ?? consoleLogger;
    this.storage = options.storage ?? createMemoryStorage({ now: () => this.#clock.now() });
    this.#events = new EventHub((error, type) =>
      this.#logger.error(`A '${type}' listener threw; the run goes on.`, { error: serializeError(error) }),
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

  async run(workflowInput: Workflow, options: RunOptions = {}): Promise<Execution> {
    const compiled = this.#compile(workflowInput);
    const { workflow } = compiled;
    const mode = options.mode ?? 'manual';
    const start = this.#startNode(compiled, options.startNode, mode);
    const input = options.input === undefined ? [] : normalizeRunInput(options.input);
    const clock = this.#clock;
    const storage = this.storage;
    const tenantId = options.tenantId ?? this.#options.tenantId ?? 'default';
    const usePinData = options.usePinData ?? mode === 'manual';
    const maxNodeRuns = this.#options.limits?.maxNodeRuns ?? 100_000;
    const onEvent = options.onEvent;

    const execution: Execution = {
      id: (this.#options.generateId ?? randomId)(),
      workflowId: workflow.id,
      tenantId,
      status: 'running',
      mode,
      startedAt: new Date(clock.now()).toISOString(),
      nodes: {},
    };

    // The run's own controller: aborted by the caller's signal or by the deadline.
    const timeoutMs = options.timeoutMs ?? workflow.settings.timeoutMs ?? this.#options.limits?.executionTimeoutMs;
    const deadline = new AbortController();
    let cancelDeadline: (() => void) | undefined;
    if (timeoutMs !== undefined) {
      cancelDeadline = clock.setTimer(timeoutMs, () =>
        deadline.abort(new FlowloomError('EXECUTION_TIMEOUT', `The workflow exceeded its time limit of ${timeoutMs} ms and was stopped.`)),
      );
    }
    const linked = linkSignals([options.signal, deadline.signal]);
    const signal = linked.signal;

    const lastOutput = new Map<string, Item[]>();
    const runCounts = new Map<string, number>();
    const scope: RunScope = {
      workflow,
      execution: { id: execution.id, mode, tenantId },
      logger: this.#logger,
      resolver: this.#options.expressions ?? literalParameters,
      vars: options.vars ?? {},
      env: this.#options.env ?? {},
      now: () => clock.now(),
      nodeOutput: (name) => {
        const node = compiled.byName.get(name);
        return node ? lastOutput.get(node.node.id) : undefined;
      },
    };

    let failure: SerializedError | undefined;
    let status: Execution['status'] = 'success';
    try {
      await storage.executions.create(execution);
      this.#events.emit({ type: 'executionStart', execution }, onEvent);
      const plan = new RunPlan(compiled);
      plan.start(start.node.id, input);
      let order = 0;
      for (let activation = plan.next(); activation; activation = plan.next()) {
        if (signal.aborted) {
          [status, failure] = this.#abortOutcome(options.signal, signal.reason);
          break;
        }
        if (order >= maxNodeRuns) {
          status = 'error';
          failure = {
            name: 'FlowloomError',
            code: 'TOO_MANY_NODE_RUNS',
            message: `The execution stopped after ${maxNodeRuns} node runs; a loop in the workflow may never end.`,
          };
          break;
        }
        const node = compiled.nodes.get(activation.nodeId)!;
        const runIndex = runCounts.get(node.node.id) ?? 0;
        runCounts.set(node.node.id, runIndex + 1);
        const startedAt = clock.now();
        this.#events.emit(
          {
            type: 'nodeStart',
            executionId: execution.id,
            workflowId: workflow.id,
            nodeId: node.node.id,
            nodeName: node.node.name,
            runIndex,
          },
          onEvent,
        );

        let result: ActivationResult;
        let flag: 'pinned' | 'disabled' | undefined;
        const pinned = usePinData ? workflow.pinData?.[node.node.id] : undefined;
        if (node.node.disabled) {
          flag = 'disabled';
          const items = activation.inputs[node.inputs[0] ?? 'main'] ?? [];
          result = { status: 'success', output: { [node.outputs[0] ?? 'main']: items }, tries: 0, stop: false };
        } else if (pinned) {
          flag = 'pinned';
          result = { status: 'success', output: { [node.outputs[0] ?? 'main']: pinned }, tries: 0, stop: false };
        } else {
          result = await runNode(node, activation.inputs, scope, runIndex, signal, clock);
        }

        const run: NodeRun = {
          nodeId: node.node.id,
          nodeName: node.node.name,
          runIndex,
          order: order++,
          status: result.status,
          startedAt: new Date(startedAt).toISOString(),
          finishedAt: new Date(clock.now()).toISOString(),
          tries: result.tries,
          input: activation.inputs,
          output: result.output,
        };
        if (result.error) run.error = result.error;
        if (flag) run[flag] = true;
        (execution.nodes[run.nodeId] ??= []).push(run);
        lastOutput.set(run.nodeId, result.output[node.outputs[0] ?? 'main'] ?? []);
        await storage.executions.appendNodeRun(tenantId, execution.id, run);
        this.#events.emit({ type: 'nodeFinish', executionId: execution.id, workflowId: workflow.id, run }, onEvent);

        if (result.status === 'canceled') {
          [status, failure] = this.#abortOutcome(options.signal, signal.reason);
          break;
        }
        if (result.stop) {
          status = 'error';
          failure = result.error;
          break;
        }
        plan.complete(node.node.id, result.output);
      }
    } catch (error) {
      // Only storage or a bug gets here: nodes' own failures are results.
      status = 'error';
      failure = serializeError(error);
      failure.message = `The execution could not be completed: ${failure.message}`;
      this.#logger.error(failure.message, { executionId: execution.id });
    } finally {
      cancelDeadline?.();
      linked.dispose();
    }

    execution.status = status;
    execution.finishedAt = new Date(clock.now()).toISOString();
    if (failure) execution.error = failure;
    try {
      await storage.executions.finish(tenantId, execution.id, {
        status,
        finishedAt: execution.finishedAt,
        ...(failure ? { error: failure } : {}),
      });
    } catch (error) {
      this.#logger.error(`Could not save the end of execution '${execution.id}'.`, { error: serializeError(error) });
    }
    this.#events.emit({ type: 'executionFinish', execution }, onEvent);
    return execution;
  }

  /** Cancelled by the caller, or stopped by the deadline (an error). */
  #abortOutcome(callerSignal: AbortSignal | undefined, reason: unknown): [Execution['status'], SerializedError] {
    if (callerSignal?.aborted) {
      return ['canceled', { name: 'FlowloomError', code: 'CANCELED', message: 'The execution was canceled.' }];
    }
    return ['error', serializeError(reason)];
  }
}

function normalizeRunInput(input: unknown): Item[] {
  const problem = findItemProblem(input, 'input');
  if (problem) throw new WorkflowValidationError([{ code: 'invalid_input', path: ['input'], message: problem }], 'Run input');
  return input as Item[];
}
