import { FlowloomError, type SerializedError } from '../errors/flowloom.error.js';
import { serializeError } from '../errors/node-execution.error.js';
import type { ParameterResolver } from '../expression/resolver.js';
import type { Item } from '../model/item.js';
import { sleep, type Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Storage } from '../storage/storage.js';
import type { RunScope } from './activation-context.js';
import type { CompiledNode, CompiledWorkflow } from './compiled-workflow.js';
import type { EngineEvent, EventHub } from './events.js';
import type { Execution, ExecutionMode, NodeLogEntry, NodeRun } from './execution.js';
import { CredentialSession } from '../credentials/credential-session.js';
import type { CredentialsManager } from '../credentials/credentials-manager.js';
import { Redactor } from '../credentials/redactor.js';
import { RunPlan } from './run-plan.js';
import { runNode, type ActivationResult } from './run-node.js';
import { linkSignals } from './signals.js';
import type { FetchFunction } from '../ports/http.js';
import type { ExecutionWait } from './execution-wait.js';
import type { WebhookReply } from './node-services.js';
import { createRunServices, progressOf, resumedRecord, type ResumeRequest, type SubWorkflowRunner } from './run-services.js';
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
  /** Random numbers in [0, 1) for nodes (`ctx.random`); default `Math.random`. */
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
  /** Answers the webhook call that started the run (Respond to Webhook). */
  respond?: (reply: WebhookReply) => boolean;
  /** Continue this waiting execution instead of starting a new one. */
  resume?: ResumeRequest;
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
 * Runs a compiled workflow to its end: asks the plan what runs next, runs it,
 * records the NodeRun (in the returned record and in storage, node by node)
 * and emits events. Never throws: failures end up in the execution record.
 */
export async function executeRun(deps: RunDeps, compiled: CompiledWorkflow, request: RunRequest): Promise<Execution> {
  const { clock, events } = deps;
  const { workflow } = compiled;
  const { tenantId, mode, onEvent } = request;
  const storage = recordingStorage(deps.storage, resolveSaveSettings(deps.save, workflow.settings.saveExecutions), workflow, mode);

  const resume = request.resume;
  const execution: Execution = resume
    ? resumedRecord(resume.execution)
    : {
        id: request.executionId,
        workflowId: workflow.id,
        tenantId,
        status: 'running',
        mode,
        startedAt: new Date(clock.now()).toISOString(),
        ...(request.retryOf === undefined ? {} : { retryOf: request.retryOf }),
        ...(request.owner === undefined ? {} : { owner: request.owner }),
        nodes: {},
      };

  // The run's own deadline, linked with the caller's signal.
  const deadline = new AbortController();
  const timeoutMs = request.timeoutMs;
  const cancelDeadline =
    timeoutMs === undefined
      ? undefined
      : clock.setTimer(timeoutMs, () =>
          deadline.abort(
            new FlowloomError('EXECUTION_TIMEOUT', `The workflow exceeded its time limit of ${timeoutMs} ms and was stopped.`),
          ),
        );
  const linked = linkSignals([request.signal, deadline.signal]);
  const signal = linked.signal;

  const progress = resume ? progressOf(resume.execution, compiled) : undefined;
  const lastOutput = progress?.lastOutput ?? new Map<string, Item[]>();
  const runCounts = progress?.runCounts ?? new Map<string, number>();
  const depth = request.depth ?? 0;
  const services = createRunServices({
    fetch: deps.fetch,
    respond: request.respond,
    runSubWorkflow: deps.runSubWorkflow,
    parent: { tenantId, executionId: execution.id, workflowId: workflow.id, depth },
    clock,
  });
  let wait: ExecutionWait | undefined;
  // Nodes' `ctx.state`: kept in the wait record when the execution suspends, so a resume picks it up.
  const nodeStates = new Map<string, Record<string, unknown>>(Object.entries(resume?.wait.nodeState ?? {}));
  // Secrets decrypted during the run are replaced in whatever it records, emits or logs.
  const redactor = new Redactor();
  if (request.redactValues) redactor.addExact(request.redactValues);
  const credentials =
    deps.credentials &&
    new CredentialSession(deps.credentials, { tenantId, workflowId: workflow.id, executionId: execution.id }, redactor, (input, init) =>
      services.fetch(input, init),
    );
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
    random: deps.random ?? Math.random,
    nodeState: (nodeId) => {
      let state = nodeStates.get(nodeId);
      if (!state) nodeStates.set(nodeId, (state = {}));
      return state;
    },
    services,
    sandbox: deps.sandbox,
    appendLogs: (entries) => void nodeLogs.push(...entries),
  };
  let nodeLogs: NodeLogEntry[] = [];
  const abortOutcome = (): [Execution['status'], SerializedError] =>
    request.signal?.aborted
      ? ['canceled', { name: 'FlowloomError', code: 'CANCELED', message: 'The execution was canceled.' }]
      : ['error', serializeError(signal.reason)];

  let failure: SerializedError | undefined;
  let status: Execution['status'] = 'success';
  try {
    if (!resume) await storage.executions.create(execution);
    events.emit({ type: 'executionStart', execution }, onEvent);
    const plan = new RunPlan(compiled);
    if (resume) {
      plan.restore(resume.wait.plan, { nodeId: resume.wait.nodeId, inputs: resume.wait.inputs });
      services.setResumed(resume.wait.nodeId, resume.info);
    } else plan.start(request.start.node.id, request.input);
    let order = progress?.order ?? 0;
    for (let activation = plan.next(); activation; activation = plan.next()) {
      if (signal.aborted) {
        [status, failure] = abortOutcome();
        break;
      }
      if (order >= deps.maxNodeRuns) {
        status = 'error';
        failure = {
          name: 'FlowloomError',
          code: 'TOO_MANY_NODE_RUNS',
          message: `The execution stopped after ${deps.maxNodeRuns} node runs; a loop in the workflow may never end.`,
        };
        break;
      }
      const node = compiled.nodes.get(activation.nodeId)!;
      const nodeId = node.node.id;
      const runIndex = runCounts.get(nodeId) ?? 0;
      runCounts.set(nodeId, runIndex + 1);
      const startedAt = clock.now();
      events.emit(
        { type: 'nodeStart', executionId: execution.id, workflowId: workflow.id, nodeId, nodeName: node.node.name, runIndex },
        onEvent,
      );

      const firstOutput = node.outputs[0] ?? 'main';
      let result: ActivationResult;
      let flag: 'pinned' | 'disabled' | 'reused' | undefined;
      let reused: NodeRun | undefined;
      const pinned = request.usePinData ? workflow.pinData?.[nodeId] : undefined;
      if (node.node.disabled) {
        flag = 'disabled';
        const items = activation.inputs[node.inputs[0] ?? 'main'] ?? [];
        result = { status: 'success', output: { [firstOutput]: items }, tries: 0, stop: false };
      } else if (pinned) {
        flag = 'pinned';
        result = { status: 'success', output: { [firstOutput]: pinned }, tries: 0, stop: false };
      } else if ((reused = request.replay?.take(nodeId, runIndex))) {
        flag = 'reused';
        result = { status: 'success', output: reused.output, tries: 0, stop: false };
      } else {
        nodeLogs = [];
        result = await runNode(node, activation.inputs, scope, runIndex, signal, clock);
      }
      const suspension = services.takeSuspension(nodeId);
      if (suspension && result.status === 'success') {
        const until = suspension.resumeAt;
        if (!suspension.webhook && until !== undefined && until - clock.now() <= (deps.inlineWaitMs ?? 65_000)) {
          // A short wait is slept here; then the node runs again, resumed.
          try {
            if (until > clock.now()) await sleep(clock, until - clock.now(), signal);
          } catch {
            [status, failure] = abortOutcome();
            break;
          }
          runCounts.set(nodeId, runIndex);
          services.setResumed(nodeId, { reason: 'time' });
          plan.restore({ stack: [], parked: [] }, activation);
          continue;
        }
        wait = {
          nodeId,
          ...(until !== undefined ? { resumeAt: new Date(until).toISOString() } : {}),
          ...(suspension.webhook ? { webhook: suspension.webhook } : {}),
          inputs: activation.inputs,
          runIndex,
          plan: plan.snapshot(),
          workflow,
          vars: { ...request.vars },
          usePinData: request.usePinData,
          depth,
          ...(nodeStates.size > 0 ? { nodeState: Object.fromEntries(nodeStates) } : {}),
        };
        status = 'waiting';
        break;
      }

      const raw: NodeRun = {
        nodeId,
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
      if (result.error) raw.error = result.error;
      if (flag) raw[flag] = true;
      if (!flag && nodeLogs.length > 0) raw.logs = nodeLogs;
      const run = redactor.redact(raw);
      (execution.nodes[nodeId] ??= []).push(run);
      lastOutput.set(nodeId, result.output[firstOutput] ?? []);
      await storage.executions.appendNodeRun(tenantId, execution.id, run);
      events.emit({ type: 'nodeFinish', executionId: execution.id, workflowId: workflow.id, run }, onEvent);

      if (result.status === 'canceled') {
        [status, failure] = abortOutcome();
        break;
      }
      if (result.stop) {
        status = 'error';
        failure = result.error;
        break;
      }
      plan.complete(nodeId, result.output);
    }
  } catch (error) {
    // Only storage or a bug gets here: nodes' own failures are results.
    status = 'error';
    failure = serializeError(error);
    failure.message = `The execution could not be completed: ${failure.message}`;
    scope.logger.error(failure.message, { executionId: execution.id });
  } finally {
    cancelDeadline?.();
    linked.dispose();
  }

  execution.status = status;
  execution.finishedAt = new Date(clock.now()).toISOString();
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
