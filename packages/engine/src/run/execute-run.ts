// One file past 400 lines: the runner that performs `step`'s effects (run, sleep, record, wait, end) shares one
// run's record, signals and redactor across them; the decisions themselves live in step.ts.
import { FlowloomError, type SerializedError } from '../errors/flowloom.error.js';
import { serializeError } from '../errors/node-execution.error.js';
import type { ParameterResolver } from '../expression/resolver.js';
import type { Item } from '../model/item.js';
import { sleep, type Clock } from '../ports/clock.js';
import { systemRandom } from '../ports/random.js';
import { abortError } from '../errors/canceled.error.js';
import type { Logger } from '../ports/logger.js';
import type { Storage } from '../storage/storage.js';
import type { RunScope } from './activation-context.js';
import type { CompiledNode, CompiledWorkflow } from './compiled-workflow.js';
import type { EngineEvent } from '../model/engine-event.js';
import type { EventHub } from './events.js';
import type { Execution, ExecutionMode, NodeLogEntry, NodeRun } from '../model/execution.js';
import { CredentialSession } from '../credentials/credential-session.js';
import type { CredentialsManager } from '../credentials/credentials-manager.js';
import { Redactor } from '../credentials/redactor.js';
import type { CurrentActivation, RunState } from '../model/run-state.js';
import { activationSignal, attemptNode, type AttemptResult } from './run-node.js';
import { attachedNodes } from './attached-nodes.js';
import type { PartialRunPlan } from './partial-run.js';
import { initialRunState, step, type RecordedRun, type RunEffect, type RunEvent, type StepConfig } from './step.js';
import { linkSignals } from './signals.js';
import { ItemLineage } from './item-lineage.js';
import type { FetchFunction } from '../ports/http.js';
import type { ExecutionWait, ResumeInfo } from '../model/execution-wait.js';
import type { ResumeRequest } from '../model/resume-request.js';
import type { WebhookReply } from '../nodes/node-services.js';
import { createRunServices, progressOf, resumedRecord, type SubWorkflowRunner } from './run-services.js';
import { recordingStorage } from '../executions/recording-storage.js';
import type { RunReplay } from '../executions/retry.js';
import { resolveSaveSettings, type ExecutionSaveSettings } from '../executions/save-settings.js';

/** What the run loop needs from the engine. */
export interface RunDeps {
  clock: Clock;
  storage: Storage;
  logger: Logger;
  events: EventHub;
  resolver: ParameterResolver;
  env: Readonly<Record<string, unknown>>;
  maxNodeRuns: number;
  /** Where the Code node runs user code, with the host's ceilings (default: the engine's worker sandbox). */
  sandbox?: RunScope['sandbox'];
  /** Random numbers in [0, 1) for nodes (`ctx.random`); default `systemRandom`. */
  random?: () => number;
  /** The engine's HTTP port behind `ctx.fetch` (default: the global fetch). */
  fetch?: FetchFunction;
  /** Runs sub-workflows for `ctx.executeWorkflow`. */
  runSubWorkflow?: SubWorkflowRunner;
  /** Waits (`ctx.suspend`) that end within this many ms are slept in place instead of stored (default 65,000). */
  inlineWaitMs?: number;
  /** The engine's defaults for what to keep of executions (a workflow's `settings.saveExecutions` wins). */
  save?: Partial<ExecutionSaveSettings>;
  /** Decrypts credentials for `ctx.authenticatedFetch`; their secrets are redacted from everything the run records. */
  credentials?: CredentialsManager;
}

/** One run's settings, already checked by the engine. */
export interface RunRequest {
  executionId: string;
  tenantId: string;
  mode: ExecutionMode;
  start: CompiledNode;
  input: Item[];
  usePinData: boolean;
  timeoutMs: number | undefined;
  vars: Readonly<Record<string, unknown>>;
  signal: AbortSignal | undefined;
  onEvent: ((event: EngineEvent) => void) | undefined;
  /** Nesting level: 0 for a top-level run, 1 for its sub-workflows... */
  depth?: number;
  /** Run only to this node, reusing earlier outputs (see `planPartialRun`). */
  partial?: PartialRunPlan;
  /** Answers the webhook call that started the run (Respond to Webhook). */
  respond?: (reply: WebhookReply) => boolean;
  /** Continue this waiting execution instead of starting a new one. */
  resume?: ResumeRequest;
  /**
   * Continue this `running` execution from its stored `state` (after the
   * engine that ran it stopped): recorded node runs are kept and never run again.
   */
  continueFrom?: Execution;
  /** Stored node runs of the execution this one retries, reused until the first that failed. */
  replay?: RunReplay;
  /** Id of the execution this one retries. */
  retryOf?: string;
  /** The engine instance running it (for crash recovery). */
  owner?: string;
  /** Values the run must not keep (a webhook caller's credentials), replaced in everything it records and emits. */
  redactValues?: readonly string[];
}

/**
 * Runs a compiled workflow to its end. `step` decides what happens; this
 * runner performs its effects (run a node, sleep, record a node run with the
 * run state, store a wait, end) and tells `step` what came of them. Records
 * go to storage node by node, with the state after each, so another engine
 * can continue the run. Never throws: failures end up in the execution record.
 */
export async function executeRun(deps: RunDeps, compiled: CompiledWorkflow, request: RunRequest): Promise<Execution> {
  const { clock, events } = deps;
  const { workflow } = compiled;
  const { tenantId, mode, onEvent } = request;
  const storage = recordingStorage(deps.storage, resolveSaveSettings(deps.save, workflow.settings.saveExecutions), workflow, mode);

  const resume = request.resume;
  const continued = request.continueFrom;
  const execution: Execution = resume
    ? resumedRecord(resume.execution)
    : continued
      ? runningRecord(continued, request.owner)
      : {
          id: request.executionId,
          workflowId: workflow.id,
          tenantId,
          status: 'running',
          mode,
          startedAt: isoTime(clock.now()),
          ...(request.retryOf === undefined ? {} : { retryOf: request.retryOf }),
          ...(request.owner === undefined ? {} : { owner: request.owner }),
          nodes: {},
        };

  // The run's own deadline, when it has one, linked with the caller's signal (no new signal when there is only one).
  const timeoutMs = request.timeoutMs;
  const deadline = timeoutMs === undefined && request.signal ? undefined : new AbortController();
  const cancelDeadline =
    timeoutMs === undefined
      ? undefined
      : clock.setTimer(timeoutMs, () =>
          deadline!.abort(
            new FlowloomError('EXECUTION_TIMEOUT', `The workflow exceeded its time limit of ${timeoutMs} ms and was stopped.`),
          ),
        );
  const linked = linkSignals([request.signal, deadline?.signal]);
  const signal = linked.signal;

  const earlier = resume?.execution ?? continued;
  const lastOutput = earlier
    ? progressOf(earlier, compiled).lastOutput
    : new Map<string, Item[]>(request.partial ? Object.entries(request.partial.earlier) : []);
  const lineage = new ItemLineage();
  const depth = request.depth ?? 0;
  const services = createRunServices({
    fetch: deps.fetch,
    respond: request.respond,
    runSubWorkflow: deps.runSubWorkflow,
    parent: { tenantId, executionId: execution.id, workflowId: workflow.id, depth },
    clock,
  });
  // Secrets decrypted during the run are replaced in whatever it records, emits or logs.
  const redactor = new Redactor();
  if (request.redactValues) redactor.addExact(request.redactValues);
  const credentials =
    deps.credentials &&
    new CredentialSession(deps.credentials, { tenantId, workflowId: workflow.id, executionId: execution.id }, redactor, (input, init) =>
      services.fetch(input, init),
    );
  // The nodes' `ctx.state` objects, shared with the run state (no copies: Loop Over Items keeps its items there).
  let nodeStates = new Map<string, Record<string, unknown>>();
  let touched: Record<string, unknown> | undefined;
  const scope: RunScope = {
    workflow,
    execution: { id: execution.id, mode, tenantId },
    logger: redactor.logger(deps.logger),
    credentials,
    resolver: deps.resolver,
    vars: request.vars,
    env: deps.env,
    now: () => clock.now(),
    nodeOutput: (name) => {
      const node = compiled.byName.get(name);
      return node ? lastOutput.get(node.node.id) : undefined;
    },
    pairedItem: (name, item) => {
      const node = compiled.byName.get(name);
      return node ? lineage.pairedItem(node.node.id, item) : undefined;
    },
    // Read without creating or marking the node's state: the state a try changed is what `touched` records.
    nodeContext: (name) => {
      const node = compiled.byName.get(name);
      const context = node && nodeStates.get(node.node.id)?.context;
      return typeof context === 'object' && context !== null ? (context as Record<string, unknown>) : undefined;
    },
    random: deps.random ?? systemRandom,
    nodeState: (nodeId) => {
      let state = nodeStates.get(nodeId);
      if (!state) nodeStates.set(nodeId, (state = {}));
      touched = state;
      return state;
    },
    services,
    sandbox: deps.sandbox,
    appendLogs: (entries) => void nodeLogs.push(...entries),
    attached: (consumer, port, inputs, runIndex, signal) => attachedNodes(compiled, scope, consumer, port, inputs, runIndex, signal),
    keyValue: deps.storage.keyValue,
    vectors: deps.storage.vectors,
  };
  let nodeLogs: NodeLogEntry[] = [];
  const abortEvent = (started: boolean): RunEvent => {
    const canceled = request.signal?.aborted === true;
    const error: SerializedError = canceled
      ? { name: 'FlowloomError', code: 'CANCELED', message: 'The execution was canceled.' }
      : serializeError(signal.reason);
    const node = state.current && compiled.nodes.get(state.current.nodeId)?.node;
    const nodeError = serializeError(abortError(signal), node ? { id: node.id, name: node.name } : undefined);
    return { type: 'abort', status: canceled ? 'canceled' : 'error', error, nodeError, started };
  };
  const config: StepConfig = {
    maxNodeRuns: deps.maxNodeRuns,
    inlineWaitMs: deps.inlineWaitMs ?? 65_000,
    ...(request.usePinData && workflow.pinData ? { pinData: workflow.pinData } : {}),
    ...(request.partial ? { runData: request.partial.runData, partial: request.partial } : {}),
  };

  let state: RunState = initialRunState();
  let wait: ExecutionWait | undefined;
  let failure: SerializedError | undefined;
  let status: Execution['status'] = 'success';
  // The activation under way: when it started, what resumed it, and its own deadline over all its tries.
  let startedAt = 0;
  let resumeInfo: ResumeInfo | undefined;
  let activation: { signal: AbortSignal; dispose(): void } | undefined;
  const endActivation = () => {
    activation?.dispose();
    activation = undefined;
  };

  const emitNodeStart = (nodeId: string, nodeName: string, runIndex: number) => {
    if (!events.listening('nodeStart', onEvent)) return;
    events.emit({ type: 'nodeStart', executionId: execution.id, workflowId: workflow.id, nodeId, nodeName, runIndex }, onEvent);
  };

  /** Before a try of the current activation: what comes of it without running the node (canceled, reused), if anything. */
  const beforeTry = (node: CompiledNode, current: CurrentActivation): RunEvent | undefined => {
    if (signal.aborted) return abortEvent(current.tries > 1);
    if (current.tries === 1) {
      startedAt = clock.now();
      nodeLogs = [];
      endActivation();
      activation = activationSignal(node, signal, clock);
      emitNodeStart(current.nodeId, node.node.name, current.runIndex);
      if (current.resumed && resumeInfo) services.setResumed(current.nodeId, resumeInfo);
      const reused = current.resumed ? undefined : request.replay?.take(current.nodeId, current.runIndex);
      if (reused) return { type: 'attempted', output: reused.output, reused: true };
    }
    touched = undefined;
    return undefined;
  };

  /** What came of a try, told to `step`. */
  const afterTry = (current: CurrentActivation, result: AttemptResult): RunEvent => {
    const nodeState = touched;
    if (signal.aborted) return abortEvent(true);
    const suspension = services.takeSuspension(current.nodeId);
    if (suspension && result.ok) {
      resumeInfo = { reason: 'time' };
      const suspended: Extract<RunEvent, { type: 'suspended' }> = { type: 'suspended', now: clock.now() };
      if (suspension.resumeAt !== undefined) suspended.resumeAt = suspension.resumeAt;
      if (suspension.webhook) suspended.webhook = suspension.webhook;
      if (nodeState) suspended.nodeState = nodeState;
      return suspended;
    }
    const attempted: Extract<RunEvent, { type: 'attempted' }> = result.ok
      ? { type: 'attempted', output: result.output }
      : { type: 'attempted', error: result.error, retryable: result.retryable };
    if (nodeState) attempted.nodeState = nodeState;
    return attempted;
  };

  /** The node run as recorded and stored: times, logs and flags added, secrets redacted. */
  const recorded = (decided: RecordedRun): NodeRun => {
    const node = compiled.nodes.get(decided.nodeId)!;
    // Given in place, never started: disabled and pinned nodes, and a partial run's earlier data (a retry's reused runs were started).
    if (decided.flag === 'disabled' || decided.flag === 'pinned' || (decided.flag === 'reused' && !request.replay)) {
      startedAt = clock.now();
      emitNodeStart(decided.nodeId, node.node.name, decided.runIndex);
    }
    endActivation();
    const raw: NodeRun = {
      nodeId: decided.nodeId,
      nodeName: node.node.name,
      runIndex: decided.runIndex,
      order: decided.order,
      status: decided.status,
      startedAt: isoTime(startedAt),
      finishedAt: isoTime(clock.now()),
      tries: decided.tries,
      input: decided.input,
      output: decided.output,
    };
    if (decided.error) raw.error = decided.error;
    if (decided.flag) raw[decided.flag] = true;
    if (!decided.flag && nodeLogs.length > 0) raw.logs = nodeLogs;
    const run = redactor.redact(raw);
    (execution.nodes[decided.nodeId] ??= []).push(run);
    lastOutput.set(decided.nodeId, decided.output[node.outputs[0] ?? 'main'] ?? []);
    lineage.record(decided.nodeId, node.inputs, decided.input, decided.output);
    return run;
  };

  /**
   * Performs the effects of one step in order, until one of them has
   * something to tell `step`. Written as one loop with the awaits in it
   * (not a function per effect): each activation then costs two awaits, the
   * node's try and its record's storage write.
   */
  const performAll = async (effects: readonly RunEffect[]): Promise<RunEvent | undefined> => {
    for (const effect of effects) {
      switch (effect.type) {
        case 'run': {
          const current = effect.activation;
          const node = compiled.nodes.get(current.nodeId)!;
          const early = beforeTry(node, current);
          if (early) return early;
          return afterTry(current, await attemptNode(node, current.inputs, scope, current.runIndex, activation!.signal));
        }
        case 'sleep':
          if (effect.ms <= 0) return { type: 'woke' };
          try {
            await sleep(clock, effect.ms, signal);
            return { type: 'woke' };
          } catch {
            return abortEvent(true);
          }
        case 'record': {
          const run = recorded(effect.run);
          await storage.executions.appendNodeRun(tenantId, execution.id, run, redactor.redact(effect.state));
          if (events.listening('nodeFinish', onEvent)) {
            events.emit({ type: 'nodeFinish', executionId: execution.id, workflowId: workflow.id, run }, onEvent);
          }
          break;
        }
        case 'wait':
          endActivation();
          wait = waitRecord(effect.state);
          status = 'waiting';
          break;
        case 'end':
          endActivation();
          if (effect.outcome.status !== 'waiting') {
            status = effect.outcome.status;
            failure = effect.outcome.error;
          }
          break;
      }
    }
    return undefined;
  };

  const waitRecord = (waiting: RunState): ExecutionWait => {
    const current = waiting.current!;
    const resumeAt = current.wait?.resumeAt;
    return {
      nodeId: current.nodeId,
      ...(resumeAt !== undefined ? { resumeAt: new Date(resumeAt).toISOString() } : {}),
      ...(current.wait?.webhook ? { webhook: current.wait.webhook } : {}),
      inputs: current.inputs,
      runIndex: current.runIndex,
      plan: { stack: waiting.stack, parked: waiting.parked },
      workflow,
      vars: { ...request.vars },
      usePinData: request.usePinData,
      depth,
      ...(Object.keys(waiting.nodeState).length > 0 ? { nodeState: waiting.nodeState } : {}),
      state: waiting,
    };
  };

  try {
    let event: RunEvent | undefined;
    if (resume) {
      state = resume.wait.state ?? stateOfOldWait(resume.wait, earlier!, compiled);
      resumeInfo = resume.info;
      event = { type: 'resume' };
    } else if (continued?.state) {
      state = continued.state;
      event = { type: 'continue' };
    } else if (request.partial) {
      event = { type: 'startPartial', activations: request.partial.start };
    } else {
      event = { type: 'start', nodeId: request.start.node.id, items: request.input };
    }
    nodeStates = new Map(Object.entries(state.nodeState));
    let result = step(compiled, config, state, event);
    state = result.state;
    if (!resume && !continued) {
      await storage.executions.create({ ...execution, state: redactor.redact(state) });
      events.emit({ type: 'executionStart', execution }, onEvent);
    }
    for (;;) {
      const next = await performAll(result.effects);
      if (!next) break;
      result = step(compiled, config, state, next);
      state = result.state;
    }
  } catch (error) {
    // Only storage or a bug gets here: nodes' own failures are results.
    status = 'error';
    failure = serializeError(error);
    failure.message = `The execution could not be completed: ${failure.message}`;
    scope.logger.error(failure.message, { executionId: execution.id });
  } finally {
    endActivation();
    cancelDeadline?.();
    linked.dispose();
  }

  execution.status = status;
  execution.finishedAt = isoTime(clock.now());
  failure = redactor.redact(failure);
  wait = redactor.redact(wait);
  if (failure) execution.error = failure;
  if (wait) execution.wait = wait;
  try {
    await storage.executions.finish(tenantId, execution.id, {
      status,
      finishedAt: execution.finishedAt,
      ...(failure ? { error: failure } : {}),
      ...(wait ? { wait } : {}),
    });
  } catch (error) {
    scope.logger.error(`Could not save the end of execution '${execution.id}'.`, { error: serializeError(error) });
  }
  events.emit({ type: 'executionFinish', execution }, onEvent);
  return execution;
}

let lastMs = NaN;
let lastIso = '';

/** A time as ISO 8601 text; the last one is kept, since a node run's start and end, and the next run's, often fall in the same millisecond. */
function isoTime(ms: number): string {
  if (ms !== lastMs) {
    lastIso = new Date(ms).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

/** The record of a `running` execution taken over from a stopped engine: its runs kept, its state left with storage. */
function runningRecord(execution: Execution, owner: string | undefined): Execution {
  const { state: _state, workflow: _workflow, wait: _wait, ...rest } = execution;
  const nodes: Execution['nodes'] = {};
  for (const [id, runs] of Object.entries(execution.nodes)) nodes[id] = [...runs];
  return { ...rest, status: 'running', nodes, ...(owner === undefined ? {} : { owner }) };
}

/** The run state of a wait stored before waits kept their state: rebuilt from its plan and the recorded runs. */
function stateOfOldWait(wait: ExecutionWait, execution: Execution, compiled: CompiledWorkflow): RunState {
  const { order, runCounts } = progressOf(execution, compiled);
  const counts = Object.fromEntries(runCounts);
  counts[wait.nodeId] = Math.max(counts[wait.nodeId] ?? 0, wait.runIndex + 1);
  return {
    stack: wait.plan.stack,
    parked: wait.plan.parked,
    runCounts: counts,
    order,
    nodeState: wait.nodeState ?? {},
    current: { nodeId: wait.nodeId, inputs: wait.inputs, runIndex: wait.runIndex, tries: 1, wait: {} },
    outcome: { status: 'waiting' },
  };
}
