import type { SerializedError } from '../errors/flowloom.error.js';
import type { Item, PortItems } from '../model/item.js';
import type { CurrentActivation, RunOutcome, RunState } from '../model/run-state.js';
import type { CompiledWorkflow } from './compiled-workflow.js';
import { deliver, nextActivation, type Activation } from './run-plan.js';

export type { CurrentActivation, RunOutcome, RunState };

/** What the step needs besides the graph. */
export interface StepConfig {
  /** Activations per execution before it stops as a runaway loop. */
  maxNodeRuns: number;
  /** Waits ending within this many ms of `now` are slept in place; longer ones are stored. */
  inlineWaitMs: number;
  /** Pinned output of nodes (first output port), used instead of running them. */
  pinData?: Readonly<Record<string, Item[]>>;
  /** Output of an earlier run (first output port), given instead of running these nodes (recorded as reused). */
  runData?: Readonly<Record<string, Item[]>>;
  /** A partial run: only these nodes are activated, and the destination's output goes nowhere. */
  partial?: { nodes: ReadonlySet<string>; destination: string };
}

/** What happened, told to `step`. */
export type RunEvent =
  /** Start at a trigger with its items. */
  | { type: 'start'; nodeId: string; items: Item[] }
  /** Start a partial run with these activations (the first runs first). */
  | { type: 'startPartial'; activations: readonly Activation[] }
  /** Go on from a loaded state (after a crash or a move to another process). */
  | { type: 'continue' }
  /** A stored wait is over: run the waiting node again, resumed. */
  | { type: 'resume' }
  /** One try of the current activation ended. */
  | {
      type: 'attempted';
      /** The output, when the try succeeded. */
      output?: PortItems;
      /** Why it failed, when it did. */
      error?: SerializedError;
      /** False when another try cannot help (a bad parameter, a node timeout). */
      retryable?: boolean;
      /** The node's `ctx.state` after the try. */
      nodeState?: Record<string, unknown>;
      /** Set when the output was not computed by running the node (reused from the run retried). */
      reused?: boolean;
    }
  /** The current activation asked to wait (`ctx.suspend`), at time `now`. */
  | { type: 'suspended'; now: number; resumeAt?: number; webhook?: { method: string }; nodeState?: Record<string, unknown> }
  /** A sleep asked for by a `sleep` effect is over. */
  | { type: 'woke' }
  /**
   * The run was canceled or hit its deadline. `started` says whether the
   * current activation had begun (it is then recorded as canceled, with
   * `nodeError` when given); one that had not is dropped.
   */
  | { type: 'abort'; status: 'canceled' | 'error'; error: SerializedError; nodeError?: SerializedError; started: boolean };

/** What the runner must do, in order. */
export type RunEffect =
  /** Run one try of the current activation. */
  | { type: 'run'; activation: CurrentActivation }
  /** Sleep this long, then tell `woke` (between tries, or a short wait). */
  | { type: 'sleep'; ms: number }
  /** Record a node run, with the state to save beside it. */
  | { type: 'record'; run: RecordedRun; state: RunState }
  /** Store the execution as waiting for `state.current.wait`. */
  | { type: 'wait'; state: RunState }
  /** The run is over. */
  | { type: 'end'; outcome: RunOutcome };

/** A node run as the step decides it; the runner adds times, logs and redaction. */
export interface RecordedRun {
  nodeId: string;
  runIndex: number;
  order: number;
  status: 'success' | 'error' | 'canceled';
  tries: number;
  input: PortItems;
  output: PortItems;
  error?: SerializedError;
  /** How the output came without running the node. */
  flag?: 'pinned' | 'disabled' | 'reused';
}

/** The result of one step. */
export interface StepResult {
  state: RunState;
  effects: RunEffect[];
}

/** A state with nothing to run yet. */
export function initialRunState(): RunState {
  return { stack: [], parked: [], runCounts: {}, order: 0, nodeState: {} };
}

/**
 * Decides what the run does next: `step(state, event) → { state, effects }`.
 * Pure: no I/O, no timers, no clock (time comes in events), and the state it
 * is given is never changed. It decides which node runs next (depth first,
 * multi-input nodes waiting for their inputs), retries and the wait between
 * them, `onError`, disabled and pinned nodes, waits (slept in place or
 * stored), the runaway limit, cancellation and the end.
 */
export function step(graph: CompiledWorkflow, config: StepConfig, state: RunState, event: RunEvent): StepResult {
  if (state.outcome && state.outcome.status !== 'waiting') return { state, effects: [] };
  const effects: RunEffect[] = [];
  switch (event.type) {
    case 'start': {
      const started = update(state, { stack: [...state.stack, { nodeId: event.nodeId, inputs: { main: event.items } }] });
      return { state: advance(graph, config, started, effects), effects };
    }
    case 'startPartial': {
      const started = update(state, { stack: [...state.stack, ...[...event.activations].reverse()] });
      return { state: advance(graph, config, started, effects), effects };
    }
    case 'continue':
      return { state: state.current ? runCurrent(state, effects) : advance(graph, config, state, effects), effects };
    case 'resume': {
      if (!state.current?.wait) return { state, effects };
      const { wait: _wait, ...current } = state.current;
      return {
        state: runCurrent(update(state, { outcome: undefined, current: { ...current, tries: 1, resumed: true } }), effects),
        effects,
      };
    }
    case 'woke':
      if (!state.current) return { state, effects };
      return { state: runCurrent(state, effects), effects };
    case 'abort': {
      let next = state;
      if (state.current && !state.current.wait) {
        const current = state.current;
        if (event.started) {
          next = recordRun(
            graph,
            config,
            next,
            { status: 'canceled', output: {}, error: event.nodeError ?? event.error },
            current,
            effects,
          );
        } else {
          next = update(next, { current: undefined });
        }
      }
      return { state: end(next, { status: event.status, error: event.error }, effects), effects };
    }
    case 'suspended': {
      const current = state.current;
      if (!current) return { state, effects };
      const withNodeState = keepNodeState(state, current.nodeId, event.nodeState);
      const until = event.resumeAt;
      if (!event.webhook && until !== undefined && until - event.now <= config.inlineWaitMs) {
        // A short wait is slept here; then the node runs again, resumed.
        effects.push({ type: 'sleep', ms: Math.max(0, until - event.now) });
        return { state: update(withNodeState, { current: { ...current, tries: 1, resumed: true } }), effects };
      }
      const wait = { ...(until !== undefined ? { resumeAt: until } : {}), ...(event.webhook ? { webhook: event.webhook } : {}) };
      const waiting = update(withNodeState, { current: { ...current, wait }, outcome: { status: 'waiting' } });
      effects.push({ type: 'wait', state: waiting });
      return { state: waiting, effects };
    }
    case 'attempted': {
      const current = state.current;
      if (!current) return { state, effects };
      const node = graph.nodes.get(current.nodeId)!.node;
      let next = keepNodeState(state, current.nodeId, event.nodeState);
      if (!event.error) {
        let output = event.output ?? {};
        if (!event.reused && node.alwaysOutputData && isEmpty(output))
          output = { [graph.nodes.get(current.nodeId)!.outputs[0] ?? 'main']: [{ json: {} }] };
        next = recordRun(graph, config, next, { status: 'success', output, flag: event.reused ? 'reused' : undefined }, current, effects);
        return { state: advance(graph, config, next, effects), effects };
      }
      const maxTries = node.retry?.maxTries ?? 1;
      if (event.retryable !== false && current.tries < maxTries) {
        effects.push({ type: 'sleep', ms: node.retry?.waitMs ?? 1000 });
        return { state: update(next, { current: { ...current, tries: current.tries + 1 } }), effects };
      }
      return { state: failed(graph, config, next, current, event.error, effects), effects };
    }
  }
}

/** Applies the node's `onError` to a failure that no try fixed. */
function failed(
  graph: CompiledWorkflow,
  config: StepConfig,
  state: RunState,
  current: CurrentActivation,
  cause: SerializedError,
  effects: RunEffect[],
): RunState {
  const compiled = graph.nodes.get(current.nodeId)!;
  const { node } = compiled;
  const error = describeFailure(cause, node.name, current.tries);
  const items = errorItems(node.executeOnce ? firstItems(current.inputs) : current.inputs, error);
  if (node.onError === 'continue' || node.onError === 'errorOutput') {
    const port = node.onError === 'continue' ? (compiled.outputs[0] ?? 'main') : 'error';
    const next = recordRun(graph, config, state, { status: 'error', output: { [port]: items }, error }, current, effects);
    return advance(graph, config, next, effects);
  }
  return end(
    recordRun(graph, config, state, { status: 'error', output: {}, error }, current, effects),
    { status: 'error', error },
    effects,
  );
}

/** Records the current activation's result and delivers its output along the connections. */
function recordRun(
  graph: CompiledWorkflow,
  config: StepConfig,
  state: RunState,
  result: { status: RecordedRun['status']; output: PortItems; error?: SerializedError; flag?: RecordedRun['flag'] | undefined },
  current: CurrentActivation,
  effects: RunEffect[],
): RunState {
  const run: RecordedRun = {
    nodeId: current.nodeId,
    runIndex: current.runIndex,
    order: state.order,
    status: result.status,
    tries: result.flag ? 0 : current.tries,
    input: current.inputs,
    output: result.output,
  };
  if (result.error) run.error = result.error;
  if (result.flag) run.flag = result.flag;
  // One new state: the plan after delivery (a canceled run delivers nothing), the activation done.
  const plan = result.status === 'canceled' ? state : deliver(graph, state, current.nodeId, result.output, config.partial);
  const delivered = update(state, { stack: plan.stack, parked: plan.parked, current: undefined, order: state.order + 1 });
  effects.push({ type: 'record', run, state: delivered });
  return delivered;
}

/** Picks the next activation (running disabled and pinned nodes on the spot), or ends the run. */
function advance(graph: CompiledWorkflow, config: StepConfig, state: RunState, effects: RunEffect[]): RunState {
  let next = state;
  for (;;) {
    const picked = nextActivation(next);
    if (!picked) return end(next, { status: 'success' }, effects);
    if (next.order >= config.maxNodeRuns) {
      return end(
        next,
        {
          status: 'error',
          error: {
            name: 'FlowloomError',
            code: 'TOO_MANY_NODE_RUNS',
            message: `The execution stopped after ${config.maxNodeRuns} node runs; a loop in the workflow may never end.`,
          },
        },
        effects,
      );
    }
    const { activation, plan } = picked;
    const compiled = graph.nodes.get(activation.nodeId)!;
    const runIndex = next.runCounts[activation.nodeId] ?? 0;
    const current: CurrentActivation = { nodeId: activation.nodeId, inputs: activation.inputs, runIndex, tries: 1 };
    const runCounts = counted(next.runCounts, activation.nodeId, runIndex + 1);
    const pinned = config.pinData?.[activation.nodeId];
    const earlier = pinned ? undefined : config.runData?.[activation.nodeId];
    if (compiled.node.disabled || pinned || earlier) {
      const firstOutput = compiled.outputs[0] ?? 'main';
      const output = compiled.node.disabled
        ? { [firstOutput]: activation.inputs[compiled.inputs[0] ?? 'main'] ?? [] }
        : { [firstOutput]: (pinned ?? earlier)! };
      const flag = compiled.node.disabled ? 'disabled' : pinned ? 'pinned' : 'reused';
      next = update(next, { stack: plan.stack, parked: plan.parked, runCounts });
      next = recordRun(graph, config, next, { status: 'success', output, flag }, current, effects);
      continue;
    }
    return runCurrent(update(next, { stack: plan.stack, parked: plan.parked, runCounts, current }), effects);
  }
}

/** A new state: `state` with `changes` (a key given as undefined is removed). Always built in one shape, which keeps steps cheap. */
function update(state: RunState, changes: { [K in keyof RunState]?: RunState[K] | undefined }): RunState {
  const out: RunState = {
    stack: changes.stack ?? state.stack,
    parked: changes.parked ?? state.parked,
    runCounts: changes.runCounts ?? state.runCounts,
    order: changes.order ?? state.order,
    nodeState: changes.nodeState ?? state.nodeState,
  };
  const current = 'current' in changes ? changes.current : state.current;
  if (current) out.current = current;
  const outcome = 'outcome' in changes ? changes.outcome : state.outcome;
  if (outcome) out.outcome = outcome;
  return out;
}

/** The run counts with one node's set. */
function counted(counts: Record<string, number>, nodeId: string, value: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id in counts) out[id] = counts[id]!;
  out[nodeId] = value;
  return out;
}

function runCurrent(state: RunState, effects: RunEffect[]): RunState {
  effects.push({ type: 'run', activation: state.current! });
  return state;
}

function end(state: RunState, outcome: RunOutcome, effects: RunEffect[]): RunState {
  effects.push({ type: 'end', outcome });
  return update(state, { outcome });
}

/** The state with the node's `ctx.state` after a try (the node's own object, which it may change in place). */
function keepNodeState(state: RunState, nodeId: string, nodeState: Record<string, unknown> | undefined): RunState {
  if (nodeState === undefined || state.nodeState[nodeId] === nodeState) return state;
  const all: Record<string, Record<string, unknown>> = {};
  for (const id in state.nodeState) all[id] = state.nodeState[id]!;
  all[nodeId] = nodeState;
  return update(state, { nodeState: all });
}

function describeFailure(cause: SerializedError, nodeName: string, tries: number): SerializedError {
  const error = { ...cause };
  // Messages name the node so they make sense away from the canvas (logs, history lists).
  if (!error.message.includes(`'${nodeName}'`)) error.message = `Node '${nodeName}' failed: ${error.message}`;
  if (tries > 1) error.message += ` (after ${tries} tries)`;
  return error;
}

/** Items for the error paths: each input item with the error added, so it can be handled downstream. */
function errorItems(inputs: PortItems, error: SerializedError): Item[] {
  const info = { message: error.message, code: error.code, ...(error.details !== undefined ? { details: error.details } : {}) };
  const items = inputs.main ?? Object.values(inputs)[0] ?? [];
  if (items.length === 0) return [{ json: { error: info } }];
  return items.map((item, i) => ({ json: { ...item.json, error: info }, pairedItem: { item: i } }));
}

function isEmpty(output: PortItems): boolean {
  for (const port in output) if ((output[port]?.length ?? 0) > 0) return false;
  return true;
}

function firstItems(inputs: PortItems): PortItems {
  const out: PortItems = {};
  for (const port in inputs) out[port] = (inputs[port] ?? []).slice(0, 1);
  return out;
}
