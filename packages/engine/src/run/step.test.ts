import { describe, expect, it } from 'vitest';
import type { SerializedError } from '../errors/flowloom.error.js';
import type { Item } from '../model/item.js';
import { coreNodeTypes } from '../nodes/core/index.js';
import { NodeRegistry } from '../nodes/node-registry.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { testNodeTypes } from '../testing/test-nodes.js';
import { CompiledWorkflow } from './compiled-workflow.js';
import {
  initialRunState,
  step,
  type CurrentActivation,
  type RecordedRun,
  type RunEffect,
  type RunEvent,
  type RunState,
  type StepConfig,
} from './step.js';

// `step` is tested alone: no engine, no storage, no timers. Each test plays the runner by hand:
// a node's "run" is a pure function of its activation, and sleeps are only noted.

const registry = new NodeRegistry([...coreNodeTypes, ...testNodeTypes]);
const config: StepConfig = { maxNodeRuns: 1000, inlineWaitMs: 65_000 };

type Behaviour = (a: CurrentActivation) => RunEvent;
const items = (...names: string[]): Item[] => names.map((name) => ({ json: { name } }));
const pass: Behaviour = (a) => ({ type: 'attempted', output: { main: a.inputs.main ?? Object.values(a.inputs)[0] ?? [] } });
const boom = (message: string, retryable = true): RunEvent => ({
  type: 'attempted',
  error: { name: 'Error', message } as SerializedError,
  retryable,
});

/** Deep-freezes a value, so a step that changed the state it was given would throw. */
function frozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) frozen(v);
  }
  return value;
}

/** Plays a run to its end: each `run` effect is answered by the node's behaviour; sleeps are answered at once. */
function play(
  graph: CompiledWorkflow,
  behaviours: Record<string, Behaviour>,
  first: RunEvent,
  options: { state?: RunState; config?: StepConfig; stopAfter?: (effects: RunEffect[]) => boolean } = {},
) {
  let state = options.state ?? initialRunState();
  const log: RunEffect[] = [];
  let event: RunEvent | undefined = first;
  for (let guard = 0; event && guard < 10_000; guard++) {
    const result = step(graph, options.config ?? config, frozen(state), event);
    state = result.state;
    log.push(...result.effects);
    event = undefined;
    for (const effect of result.effects) {
      if (effect.type === 'run') event = (behaviours[effect.activation.nodeId] ?? pass)(effect.activation);
      if (effect.type === 'sleep') event = { type: 'woke' };
    }
    if (options.stopAfter?.(result.effects)) break;
  }
  const records = log.filter((e): e is Extract<RunEffect, { type: 'record' }> => e.type === 'record').map((e) => e.run);
  const end = log.find((e): e is Extract<RunEffect, { type: 'end' }> => e.type === 'end');
  return { state, log, records, end, order: records.map((r) => `${r.nodeId}#${r.runIndex}`) };
}

const compile = (spec: Parameters<typeof buildWorkflow>[0]) => new CompiledWorkflow(buildWorkflow(spec), registry);
const start = (...names: string[]): RunEvent => ({ type: 'start', nodeId: 'start', items: items(...names) });
const names = (run: RecordedRun | undefined, port = 'main') => (run?.output[port] ?? []).map((i) => i.json.name);

describe('step', () => {
  it('runs a diamond depth first, upper branch first, and the join once with both inputs', () => {
    const graph = compile({
      nodes: [
        { id: 'start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
        { id: 'a', type: 'core.noOp', position: { x: 200, y: 0 } },
        { id: 'up', type: 'core.noOp', position: { x: 400, y: -100 } },
        { id: 'down', type: 'core.noOp', position: { x: 400, y: 100 } },
        { id: 'join', type: 'test.join', position: { x: 600, y: 0 } },
      ],
      connections: [
        ['start', 'a'],
        ['a', 'up'],
        ['a', 'down'],
        ['up', 'join:a'],
        ['down', 'join:b'],
      ],
    });
    const joined: Behaviour = (a) => ({ type: 'attempted', output: { main: [...(a.inputs.a ?? []), ...(a.inputs.b ?? [])] } });
    const run = play(graph, { join: joined }, start('x'));
    expect(run.order).toEqual(['start#0', 'a#0', 'up#0', 'down#0', 'join#0']);
    expect(run.records.at(-1)!.input).toEqual({ a: items('x'), b: items('x') });
    expect(run.records.map((r) => r.order)).toEqual([0, 1, 2, 3, 4]);
    expect(run.end?.outcome).toEqual({ status: 'success' });
  });

  it('goes round a loop until its node sends the items on done, counting the runs of each node', () => {
    const graph = compile({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'loop', type: 'test.countLoop', parameters: { times: 2 } },
        { id: 'body', type: 'core.noOp' },
        { id: 'after', type: 'core.noOp' },
      ],
      connections: [
        ['start', 'loop'],
        ['loop:loop', 'body'],
        ['body', 'loop'],
        ['loop:done', 'after'],
      ],
    });
    const loop: Behaviour = (a) => ({ type: 'attempted', output: { [a.runIndex < 2 ? 'loop' : 'done']: a.inputs.main! } });
    const run = play(graph, { loop }, start('x'));
    expect(run.order).toEqual(['start#0', 'loop#0', 'body#0', 'loop#1', 'body#1', 'loop#2', 'after#0']);
    expect(run.state.runCounts).toEqual({ start: 1, loop: 3, body: 2, after: 1 });
  });

  it('stops a loop that never ends at maxNodeRuns', () => {
    const graph = compile({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'loop', type: 'test.countLoop' },
        { id: 'body', type: 'core.noOp' },
      ],
      connections: [
        ['start', 'loop'],
        ['loop:loop', 'body'],
        ['body', 'loop'],
      ],
    });
    const forever: Behaviour = (a) => ({ type: 'attempted', output: { loop: a.inputs.main! } });
    const run = play(graph, { loop: forever }, start('x'), { config: { ...config, maxNodeRuns: 5 } });
    expect(run.records).toHaveLength(5);
    expect(run.end?.outcome.error?.code).toBe('TOO_MANY_NODE_RUNS');
  });

  it('makes a node with two inputs wait, and runs it with one when the other can get nothing more', () => {
    const graph = compile({
      nodes: [
        { id: 'start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
        { id: 'some', type: 'core.noOp', position: { x: 200, y: -100 } },
        { id: 'none', type: 'core.noOp', position: { x: 200, y: 100 } },
        { id: 'join', type: 'test.join', position: { x: 400, y: 0 } },
      ],
      connections: [
        ['start', 'some'],
        ['start', 'none'],
        ['some', 'join:a'],
        ['none', 'join:b'],
      ],
    });
    const empty: Behaviour = () => ({ type: 'attempted', output: { main: [] } });
    const states: RunState[] = [];
    const run = play(graph, { none: empty }, start('x'));
    for (const e of run.log) if (e.type === 'record') states.push(e.state);
    // After `some`, the join waits (parked) for input b...
    expect(states[1]!.parked).toEqual([{ nodeId: 'join', inputs: { a: items('x') } }]);
    // ...and once `none` sent nothing, it runs with input a alone.
    expect(run.order).toEqual(['start#0', 'some#0', 'none#0', 'join#0']);
    expect(run.records.at(-1)!.input).toEqual({ a: items('x') });
  });

  it('retries a failed node after its wait, and records the try that worked', () => {
    const graph = compile({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'call', type: 'core.noOp', retry: { maxTries: 3, waitMs: 500 } },
      ],
      connections: [['start', 'call']],
    });
    const flaky: Behaviour = (a) => (a.tries < 3 ? boom('busy') : pass(a));
    const run = play(graph, { call: flaky }, start('x'));
    expect(run.log.filter((e) => e.type === 'sleep')).toEqual([
      { type: 'sleep', ms: 500 },
      { type: 'sleep', ms: 500 },
    ]);
    expect(run.records.at(-1)).toMatchObject({ nodeId: 'call', status: 'success', tries: 3 });
    expect(run.end?.outcome.status).toBe('success');
  });

  it('does not retry an error that says another try cannot help', () => {
    const graph = compile({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'call', name: 'Call', type: 'core.noOp', retry: { maxTries: 3, waitMs: 500 } },
      ],
      connections: [['start', 'call']],
    });
    const run = play(graph, { call: () => boom('bad parameter', false) }, start('x'));
    expect(run.log.some((e) => e.type === 'sleep')).toBe(false);
    expect(run.records.at(-1)).toMatchObject({ status: 'error', tries: 1 });
    expect(run.end?.outcome).toMatchObject({ status: 'error', error: { message: "Node 'Call' failed: bad parameter" } });
  });

  describe('onError', () => {
    const graphWith = (onError: 'stop' | 'continue' | 'errorOutput') =>
      compile({
        nodes: [
          { id: 'start', type: 'core.manualTrigger' },
          { id: 'call', name: 'Call', type: 'core.noOp', onError, retry: { maxTries: 2, waitMs: 10 } },
          { id: 'next', type: 'core.noOp' },
          { id: 'handler', type: 'core.noOp' },
        ],
        connections: [
          ['start', 'call'],
          ['call', 'next'],
          ...(onError === 'errorOutput' ? [['call:error', 'handler'] as [string, string]] : []),
        ],
      });
    const failing: Behaviour = () => boom('down');

    it('stop: records the failure and ends the run with it', () => {
      const run = play(graphWith('stop'), { call: failing }, start('x'));
      expect(run.order).toEqual(['start#0', 'call#0']);
      expect(run.end?.outcome).toMatchObject({ status: 'error', error: { message: "Node 'Call' failed: down (after 2 tries)" } });
    });

    it('continue: sends the items with the error on the main output, and the run goes on', () => {
      const run = play(graphWith('continue'), { call: failing }, start('x'));
      expect(run.order).toEqual(['start#0', 'call#0', 'next#0']);
      expect(run.records[1]).toMatchObject({
        status: 'error',
        output: { main: [{ json: { name: 'x', error: { message: "Node 'Call' failed: down (after 2 tries)" } } }] },
      });
      expect(run.end?.outcome.status).toBe('success');
    });

    it('errorOutput: sends the items with the error on the error output only', () => {
      const run = play(graphWith('errorOutput'), { call: failing }, start('x'));
      expect(run.order).toEqual(['start#0', 'call#0', 'handler#0']);
      expect(Object.keys(run.records[1]!.output)).toEqual(['error']);
    });
  });

  describe('waits', () => {
    const graph = compile({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'pause', type: 'core.noOp' },
        { id: 'after', type: 'core.noOp' },
      ],
      connections: [
        ['start', 'pause'],
        ['pause', 'after'],
      ],
    });

    it('sleeps a short wait in place, then runs the node again, resumed', () => {
      const pause: Behaviour = (a) => (a.resumed ? pass(a) : { type: 'suspended', now: 1_000, resumeAt: 31_000 });
      const run = play(graph, { pause }, start('x'));
      expect(run.log.filter((e) => e.type === 'sleep')).toEqual([{ type: 'sleep', ms: 30_000 }]);
      expect(run.order).toEqual(['start#0', 'pause#0', 'after#0']);
    });

    it('stores a long wait with the state, and a resume goes on from it without running anything twice', () => {
      const pause: Behaviour = (a) => (a.resumed ? pass(a) : { type: 'suspended', now: 0, resumeAt: 86_400_000 });
      const first = play(graph, { pause }, start('x'));
      const stored = first.log.find((e): e is Extract<RunEffect, { type: 'wait' }> => e.type === 'wait')!.state;
      expect(first.order).toEqual(['start#0']);
      expect(stored.current).toMatchObject({ nodeId: 'pause', runIndex: 0, wait: { resumeAt: 86_400_000 } });
      expect(stored.outcome).toEqual({ status: 'waiting' });
      // The state crosses storage as JSON.
      const second = play(graph, { pause }, { type: 'resume' }, { state: JSON.parse(JSON.stringify(stored)) as RunState });
      expect(second.order).toEqual(['pause#0', 'after#0']);
      expect(second.records.map((r) => r.order)).toEqual([1, 2]);
      expect(second.end?.outcome.status).toBe('success');
    });

    it('waits for a webhook call however soon it might come', () => {
      const pause: Behaviour = () => ({ type: 'suspended', now: 0, webhook: { method: 'POST' } });
      const run = play(graph, { pause }, start('x'));
      expect(run.state.current?.wait).toEqual({ webhook: { method: 'POST' } });
      expect(run.log.some((e) => e.type === 'sleep')).toBe(false);
    });
  });

  describe('cancel', () => {
    const graph = compile({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'slow', type: 'core.noOp' },
        { id: 'after', type: 'core.noOp' },
      ],
      connections: [
        ['start', 'slow'],
        ['slow', 'after'],
      ],
    });
    const canceled = { name: 'FlowloomError', code: 'CANCELED', message: 'The execution was canceled.' };

    it('records the node that was running as canceled and runs nothing after it', () => {
      const run = play(graph, { slow: () => ({ type: 'abort', status: 'canceled', error: canceled, started: true }) }, start('x'));
      expect(run.order).toEqual(['start#0', 'slow#0']);
      expect(run.records[1]!.status).toBe('canceled');
      expect(run.end?.outcome).toEqual({ status: 'canceled', error: canceled });
    });

    it('records nothing for a node that had not started', () => {
      const run = play(graph, { slow: () => ({ type: 'abort', status: 'canceled', error: canceled, started: false }) }, start('x'));
      expect(run.order).toEqual(['start#0']);
      expect(run.end?.outcome.status).toBe('canceled');
      // Nothing happens after the end.
      expect(step(graph, config, run.state, { type: 'continue' }).effects).toEqual([]);
    });
  });

  it('passes disabled nodes through and uses pinned data, without running either', () => {
    const graph = compile({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'off', type: 'core.noOp', disabled: true },
        { id: 'pinned', type: 'core.noOp' },
      ],
      connections: [
        ['start', 'off'],
        ['off', 'pinned'],
      ],
    });
    const run = play(graph, { off: () => boom('must not run'), pinned: () => boom('must not run') }, start('x'), {
      config: { ...config, pinData: { pinned: items('pin') } },
    });
    expect(run.log.filter((e) => e.type === 'run').map((e) => (e as { activation: CurrentActivation }).activation.nodeId)).toEqual([
      'start',
    ]);
    expect(run.records.map((r) => [r.nodeId, r.flag, r.tries])).toEqual([
      ['start', undefined, 1],
      ['off', 'disabled', 0],
      ['pinned', 'pinned', 0],
    ]);
    expect(names(run.records[2])).toEqual(['pin']);
  });

  it('continues from the state saved with any record exactly as the run would have gone on', () => {
    const graph = compile({
      nodes: [
        { id: 'start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
        { id: 'loop', type: 'test.countLoop', parameters: { times: 2 }, position: { x: 200, y: 0 } },
        { id: 'body', type: 'core.noOp', position: { x: 400, y: -100 } },
        { id: 'side', type: 'core.noOp', position: { x: 400, y: 100 } },
        { id: 'join', type: 'test.join', position: { x: 600, y: 0 } },
      ],
      connections: [
        ['start', 'loop'],
        ['loop:loop', 'body'],
        ['body', 'loop'],
        ['loop:done', 'join:a'],
        ['start', 'side'],
        ['side', 'join:b'],
      ],
    });
    const loop: Behaviour = (a) => ({ type: 'attempted', output: { [a.runIndex < 2 ? 'loop' : 'done']: a.inputs.main! } });
    const whole = play(graph, { loop }, start('x', 'y'));
    const saved = whole.log.filter((e): e is Extract<RunEffect, { type: 'record' }> => e.type === 'record');
    for (let k = 0; k < saved.length; k++) {
      // As after a crash right after record k: the state saved with it, through JSON, then `continue`.
      const state = JSON.parse(JSON.stringify(saved[k]!.state)) as RunState;
      const rest = play(graph, { loop }, { type: 'continue' }, { state });
      expect(rest.order, `continuing after record ${k}`).toEqual(whole.order.slice(k + 1));
      expect(
        rest.records.map((r) => r.input),
        `continuing after record ${k}`,
      ).toEqual(whole.records.slice(k + 1).map((r) => r.input));
    }
  });

  it('keeps a node’s ctx.state in the run state, as the node’s own object', () => {
    const graph = compile({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'counter', type: 'core.noOp' },
      ],
      connections: [['start', 'counter']],
    });
    const own = { seen: 2 };
    const run = play(graph, { counter: (a) => ({ type: 'attempted', output: { main: a.inputs.main! }, nodeState: own }) }, start('x'));
    expect(run.state.nodeState.counter).toBe(own);
    const record = run.log.find((e): e is Extract<RunEffect, { type: 'record' }> => e.type === 'record' && e.run.nodeId === 'counter')!;
    expect(record.state.nodeState).toEqual({ counter: { seen: 2 } });
  });
});
