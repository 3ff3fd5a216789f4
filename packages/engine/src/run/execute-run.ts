import { FlowloomError, type SerializedError } from '../errors/flowloom.error.js';
import { serializeError } from '../errors/node-execution.error.js';
import type { ParameterResolver } from '../expression/resolver.js';
import type { Item } from '../model/item.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Storage } from '../storage/storage.js';
import type { RunScope } from './activation-context.js';
import type { CompiledNode, CompiledWorkflow } from './compiled-workflow.js';
import type { EngineEvent, EventHub } from './events.js';
import type { Execution, ExecutionMode, NodeRun } from './execution.js';
import { RunPlan } from './run-plan.js';
import { runNode, type ActivationResult } from './run-node.js';
import { linkSignals } from './signals.js';

/** What the run loop needs from the engine. */
export interface RunDeps {
  clock: Clock;
  storage: Storage;
  logger: Logger;
  events: EventHub;
  resolver: ParameterResolver;
  env: Readonly<Record<string, unknown>>;
  maxNodeRuns: number;
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
}

/**
 * Runs a compiled workflow to its end: asks the plan what runs next, runs it,
 * records the NodeRun (in the returned record and in storage, node by node)
 * and emits events. Never throws: failures end up in the execution record.
 */
export async function executeRun(deps: RunDeps, compiled: CompiledWorkflow, request: RunRequest): Promise<Execution> {
  const { clock, storage, events } = deps;
  const { workflow } = compiled;
  const { tenantId, mode, onEvent } = request;

  const execution: Execution = {
    id: request.executionId,
    workflowId: workflow.id,
    tenantId,
    status: 'running',
    mode,
    startedAt: new Date(clock.now()).toISOString(),
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

  const lastOutput = new Map<string, Item[]>();
  const runCounts = new Map<string, number>();
  const scope: RunScope = {
    workflow,
    execution: { id: execution.id, mode, tenantId },
    logger: deps.logger,
    resolver: deps.resolver,
    vars: request.vars,
    env: deps.env,
    now: () => clock.now(),
    nodeOutput: (name) => {
      const node = compiled.byName.get(name);
      return node ? lastOutput.get(node.node.id) : undefined;
    },
  };
  const abortOutcome = (): [Execution['status'], SerializedError] =>
    request.signal?.aborted
      ? ['canceled', { name: 'FlowloomError', code: 'CANCELED', message: 'The execution was canceled.' }]
      : ['error', serializeError(signal.reason)];

  let failure: SerializedError | undefined;
  let status: Execution['status'] = 'success';
  try {
    await storage.executions.create(execution);
    events.emit({ type: 'executionStart', execution }, onEvent);
    const plan = new RunPlan(compiled);
    plan.start(request.start.node.id, request.input);
    let order = 0;
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
      let flag: 'pinned' | 'disabled' | undefined;
      const pinned = request.usePinData ? workflow.pinData?.[nodeId] : undefined;
      if (node.node.disabled) {
        flag = 'disabled';
        const items = activation.inputs[node.inputs[0] ?? 'main'] ?? [];
        result = { status: 'success', output: { [firstOutput]: items }, tries: 0, stop: false };
      } else if (pinned) {
        flag = 'pinned';
        result = { status: 'success', output: { [firstOutput]: pinned }, tries: 0, stop: false };
      } else {
        result = await runNode(node, activation.inputs, scope, runIndex, signal, clock);
      }

      const run: NodeRun = {
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
      if (result.error) run.error = result.error;
      if (flag) run[flag] = true;
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
    deps.logger.error(failure.message, { executionId: execution.id });
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
    deps.logger.error(`Could not save the end of execution '${execution.id}'.`, { error: serializeError(error) });
  }
  events.emit({ type: 'executionFinish', execution }, onEvent);
  return execution;
}
