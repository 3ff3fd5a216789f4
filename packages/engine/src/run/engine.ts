import { FlowloomError } from '../errors/flowloom.error.js';
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
import { CompiledWorkflow } from './compiled-workflow.js';
import { EventHub, type EngineEvent, type EngineEventType, type EngineListener } from './events.js';
import type { Execution, ExecutionMode } from './execution.js';
import { executeRun } from './execute-run.js';
import { findItemProblem } from './normalize-output.js';

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
    const mode = options.mode ?? 'manual';
    const o = this.#options;
    return executeRun(
      {
        clock: this.#clock,
        storage: this.storage,
        logger: this.#logger,
        events: this.#events,
        resolver: o.expressions ?? literalParameters,
        env: o.env ?? {},
        maxNodeRuns: o.limits?.maxNodeRuns ?? 100_000,
      },
      compiled,
      {
        executionId: (o.generateId ?? randomId)(),
        tenantId: options.tenantId ?? o.tenantId ?? 'default',
        mode,
        start: this.#startNode(compiled, options.startNode, mode),
        input: options.input === undefined ? [] : normalizeRunInput(options.input),
        usePinData: options.usePinData ?? mode === 'manual',
        timeoutMs: options.timeoutMs ?? compiled.workflow.settings.timeoutMs ?? o.limits?.executionTimeoutMs,
        vars: options.vars ?? {},
        signal: options.signal,
        onEvent: options.onEvent,
      },
    );
  }
}

function normalizeRunInput(input: unknown): Item[] {
  const problem = findItemProblem(input, 'input');
  if (problem) throw new WorkflowValidationError([{ code: 'invalid_input', path: ['input'], message: problem }], 'Run input');
  return input as Item[];
}
