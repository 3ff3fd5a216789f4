import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FlowloomError } from '../errors/flowloom.error.js';
import { WorkflowValidationError } from '../errors/workflow-validation.error.js';
import { defineNode } from '../nodes/define-node.js';
import { silentLogger, type Logger } from '../ports/logger.js';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import type { Storage } from '../storage/storage.js';
import { buildWorkflow, type NodeShorthand } from '../testing/build-workflow.js';
import { createTestClock } from '../testing/test-clock.js';
import { testNodeTypes } from '../testing/test-nodes.js';
import { createEngine, type EngineOptions } from './engine.js';
import type { Execution } from '../model/execution.js';

const engineWith = (options: EngineOptions = {}) => createEngine({ nodeTypes: testNodeTypes, logger: silentLogger, ...options });

/** Node names in the order they ran. */
const order = (e: Execution) =>
  Object.values(e.nodes)
    .flat()
    .sort((a, b) => a.order - b.order)
    .map((r) => r.nodeName);

const json = (e: Execution, nodeId: string, port = 'main', run = 0) => e.nodes[nodeId]?.[run]?.output[port]?.map((i) => i.json);

const trigger: NodeShorthand = { id: 'start', type: 'core.manualTrigger' };
const emit = (id: string, items: Record<string, unknown>[], extra: Partial<NodeShorthand> = {}): NodeShorthand => ({
  id,
  type: 'test.emitItems',
  parameters: { items },
  ...extra,
});
const noop = (id: string, y = 0, extra: Partial<NodeShorthand> = {}): NodeShorthand => ({
  id,
  type: 'core.noOp',
  position: { x: 0, y },
  ...extra,
});

describe('engine.run: order', () => {
  it('follows a diamond branch to its end before starting the next one', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, noop('a'), noop('upper', -100), noop('lower', 100), noop('end')],
      connections: [
        ['start', 'a'],
        ['a', 'lower'],
        ['a', 'upper'],
        ['upper', 'end'],
        ['lower', 'end'],
      ],
    });
    const e = await engineWith().run(wf);
    expect(e.status).toBe('success');
    // A single-input node runs once per arrival: after the upper branch, then after the lower one.
    expect(order(e)).toEqual(['start', 'a', 'upper', 'end', 'lower', 'end']);
    expect(e.nodes.end!.map((r) => r.runIndex)).toEqual([0, 1]);
  });

  it('joins a diamond into a two-input node once, with both branches', async () => {
    const wf = buildWorkflow({
      nodes: [
        trigger,
        noop('a'),
        emit('upper', [{ from: 'upper' }], { position: { x: 0, y: -100 } }),
        emit('lower', [{ from: 'lower' }], { position: { x: 0, y: 100 } }),
        { id: 'join', type: 'test.join' },
      ],
      connections: [
        ['start', 'a'],
        ['a', 'upper'],
        ['a', 'lower'],
        ['lower', 'join:b'],
        ['upper', 'join:a'],
      ],
    });
    const e = await engineWith().run(wf);
    expect(order(e)).toEqual(['start', 'a', 'upper', 'lower', 'join']);
    expect(json(e, 'join')).toEqual([{ from: 'upper' }, { from: 'lower' }]);
  });

  it('runs output ports in declared order and each branch to its end', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, { id: 'p', type: 'test.parity' }, noop('e1'), noop('e2'), noop('o1')],
      connections: [
        ['start', 'p'],
        ['p:odd', 'o1'],
        ['p:even', 'e1'],
        ['e1', 'e2'],
      ],
    });
    const e = await engineWith().run(wf, { input: [{ json: { n: 1 } }, { json: { n: 2 } }, { json: { n: 4 } }] });
    expect(order(e)).toEqual(['start', 'p', 'e1', 'e2', 'o1']);
    expect(json(e, 'e2')).toEqual([{ n: 2 }, { n: 4 }]);
    expect(json(e, 'o1')).toEqual([{ n: 1 }]);
  });

  it('runs the upper of two branches from one port first, as the canvas shows them', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, noop('low', 300), noop('high', -300)],
      connections: [
        ['start', 'low'],
        ['start', 'high'],
      ],
    });
    expect(order(await engineWith().run(wf))).toEqual(['start', 'high', 'low']);
  });

  it('does not run a node that receives no items', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, { id: 'p', type: 'test.parity' }, noop('even'), noop('odd')],
      connections: [
        ['start', 'p'],
        ['p:even', 'even'],
        ['p:odd', 'odd'],
      ],
    });
    const e = await engineWith().run(wf, { input: [{ json: { n: 3 } }] });
    expect(order(e)).toEqual(['start', 'p', 'odd']);
  });

  it('gives the same order on every run', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, noop('a', 50), noop('b', -50), noop('c', 0), noop('d')],
      connections: [
        ['start', 'a'],
        ['start', 'b'],
        ['start', 'c'],
        ['b', 'd'],
        ['a', 'd'],
      ],
    });
    const engine = engineWith();
    const first = order(await engine.run(wf));
    for (let i = 0; i < 5; i++) expect(order(await engine.run(wf))).toEqual(first);
  });
});

describe('engine.run: nodes with several inputs', () => {
  const twoBranches = () =>
    buildWorkflow({
      nodes: [trigger, { id: 'p', type: 'test.parity' }, noop('a'), noop('b'), noop('b2'), { id: 'join', type: 'test.join' }],
      connections: [
        ['start', 'p'],
        ['p:even', 'a'],
        ['p:odd', 'b'],
        ['b', 'b2'],
        ['a', 'join:a'],
        ['b2', 'join:b'],
      ],
    });

  it('waits for an input whose longer branch is still running', async () => {
    const e = await engineWith().run(twoBranches(), { input: [{ json: { n: 2 } }, { json: { n: 3 } }] });
    expect(order(e)).toEqual(['start', 'p', 'a', 'b', 'b2', 'join']);
    expect(json(e, 'join')).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('runs with what it has once the other input can no longer receive items', async () => {
    const e = await engineWith().run(twoBranches(), { input: [{ json: { n: 2 } }] });
    expect(order(e)).toEqual(['start', 'p', 'a', 'join']);
    expect(Object.keys(e.nodes.join![0]!.input)).toEqual(['a']);
    expect(json(e, 'join')).toEqual([{ n: 2 }]);
  });

  it('runs at once when only one of its inputs is connected', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, { id: 'join', type: 'test.join' }],
      connections: [['start', 'join:b']],
    });
    const e = await engineWith().run(wf, { input: [{ json: { x: 1 } }] });
    expect(json(e, 'join')).toEqual([{ x: 1 }]);
  });
});

describe('engine.run: loops', () => {
  it('goes round a loop through a loop node, then leaves by its done port', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, { id: 'loop', type: 'test.countLoop', parameters: { times: 2 } }, noop('body'), noop('after')],
      connections: [
        ['start', 'loop'],
        ['loop:loop', 'body'],
        ['body', 'loop'],
        ['loop:done', 'after'],
      ],
    });
    const e = await engineWith().run(wf);
    expect(order(e)).toEqual(['start', 'loop', 'body', 'loop', 'body', 'loop', 'after']);
    expect(json(e, 'after')).toEqual([{ rounds: 2 }]);
  });

  it('stops a loop that never ends at the node-run limit, with a clear error', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, { id: 'loop', type: 'test.countLoop', parameters: { times: 1_000_000 } }, noop('body')],
      connections: [
        ['start', 'loop'],
        ['loop:loop', 'body'],
        ['body', 'loop'],
      ],
    });
    const e = await engineWith({ limits: { maxNodeRuns: 50 } }).run(wf);
    expect(e.status).toBe('error');
    expect(e.error).toMatchObject({ code: 'TOO_MANY_NODE_RUNS' });
    expect(e.error!.message).toBe('The execution stopped after 50 node runs; a loop in the workflow may never end.');
    expect(Object.values(e.nodes).flat()).toHaveLength(50);
  });
});

describe('engine.run: retries', () => {
  const flaky = (parameters: Record<string, unknown>, retry?: { maxTries: number; waitMs: number }) =>
    buildWorkflow({
      nodes: [trigger, { id: 'f', name: 'Flaky call', type: 'test.flaky', parameters, ...(retry ? { retry } : {}) }, noop('after')],
      connections: [
        ['start', 'f'],
        ['f', 'after'],
      ],
    });

  it('tries again until the node succeeds, waiting between tries on the clock', async () => {
    const clock = createTestClock({ autoAdvance: true });
    const before = clock.now();
    const e = await engineWith({ clock }).run(flaky({ failTimes: 2 }, { maxTries: 3, waitMs: 1000 }));
    expect(e.status).toBe('success');
    expect(e.nodes.f![0]!.tries).toBe(3);
    expect(json(e, 'f')).toEqual([{ tries: 3 }]);
    expect(clock.now() - before).toBe(2000);
  });

  it('fails after maxTries, saying how many tries it took', async () => {
    const clock = createTestClock({ autoAdvance: true });
    const e = await engineWith({ clock }).run(flaky({ failTimes: 5, message: 'upstream is down' }, { maxTries: 3, waitMs: 10 }));
    expect(e.status).toBe('error');
    expect(e.nodes.f![0]!.tries).toBe(3);
    expect(e.error!.message).toBe("Node 'Flaky call' failed: upstream is down (after 3 tries)");
    expect(e.error!.node).toEqual({ id: 'f', name: 'Flaky call' });
    expect(e.nodes.after).toBeUndefined();
  });

  it('does not retry an error the node marks as not retryable', async () => {
    const e = await engineWith().run(flaky({ failTimes: 5, retryable: false }, { maxTries: 4, waitMs: 10 }));
    expect(e.nodes.f![0]!.tries).toBe(1);
  });

  it('tries once when no retry is set', async () => {
    const e = await engineWith().run(flaky({ failTimes: 1 }));
    expect(e.status).toBe('error');
    expect(e.nodes.f![0]!.tries).toBe(1);
  });
});

describe('engine.run: onError', () => {
  const failing = (onError?: 'stop' | 'continue' | 'errorOutput') =>
    buildWorkflow({
      nodes: [
        trigger,
        { id: 'f', name: 'Charge card', type: 'test.flaky', parameters: { message: 'card declined' }, ...(onError ? { onError } : {}) },
        noop('next'),
        noop('handler'),
      ],
      connections: [['start', 'f'], ['f', 'next'], ...(onError === 'errorOutput' ? ([['f:error', 'handler']] as [string, string][]) : [])],
    });
  const input = [{ json: { order: 1 } }, { json: { order: 2 } }];

  it("'stop' (the default) ends the execution with the node's error", async () => {
    const e = await engineWith().run(failing(), { input });
    expect(e.status).toBe('error');
    expect(e.error).toMatchObject({ message: "Node 'Charge card' failed: card declined", node: { id: 'f', name: 'Charge card' } });
    expect(e.nodes.f![0]!.status).toBe('error');
    expect(order(e)).toEqual(['start', 'Charge card']);
  });

  it("'continue' passes each item on with the error attached and the run goes on", async () => {
    const e = await engineWith().run(failing('continue'), { input });
    expect(e.status).toBe('success');
    expect(e.nodes.f![0]!.status).toBe('error');
    expect(json(e, 'next')).toEqual([
      { order: 1, error: { message: "Node 'Charge card' failed: card declined", code: 'NODE_FAILED' } },
      { order: 2, error: { message: "Node 'Charge card' failed: card declined", code: 'NODE_FAILED' } },
    ]);
  });

  it("'errorOutput' routes the failed items to the error port only", async () => {
    const e = await engineWith().run(failing('errorOutput'), { input });
    expect(e.status).toBe('success');
    expect(order(e)).toEqual(['start', 'Charge card', 'handler']);
    expect(json(e, 'handler')?.map((j) => j.order)).toEqual([1, 2]);
    expect(e.nodes.f![0]!.output.main).toBeUndefined();
  });

  it('turns a thrown non-error value into a readable node error', async () => {
    const thrower = defineNode({
      type: 'test.throwString',
      version: 1,
      displayName: 'Throw',
      group: 'utility',
      inputs: ['main'],
      outputs: ['main'],
      execute() {
        throw 'plain string';
      },
    });
    const wf = buildWorkflow({ nodes: [trigger, { id: 't', type: 'test.throwString' }], connections: [['start', 't']] });
    const e = await engineWith({ nodeTypes: [thrower] }).run(wf);
    expect(e.error!.message).toBe("Node 't' failed: Non-error value thrown: plain string");
  });

  it('fails a node whose output is not items, naming the node and the bad item', async () => {
    const bad = defineNode({
      type: 'test.badOutput',
      version: 1,
      displayName: 'Bad',
      group: 'utility',
      inputs: ['main'],
      outputs: ['main'],
      execute: () => [{ json: { ok: 1 } }, { id: 2 } as never],
    });
    const wf = buildWorkflow({ nodes: [trigger, { id: 'b', name: 'Broken', type: 'test.badOutput' }], connections: [['start', 'b']] });
    const e = await engineWith({ nodeTypes: [bad] }).run(wf);
    expect(e.status).toBe('error');
    expect(e.error).toMatchObject({
      code: 'OUTPUT_INVALID',
      message: "Node 'Broken' returned invalid output: main[1].json must be an object, got nothing.",
    });
  });

  it('keeps working after a node fails', async () => {
    const engine = engineWith();
    expect((await engine.run(failing(), { input })).status).toBe('error');
    const ok = buildWorkflow({ nodes: [trigger, noop('a')], connections: [['start', 'a']] });
    expect((await engine.run(ok)).status).toBe('success');
  });
});

describe('engine.run: cancellation and deadlines', () => {
  const slow = (parameters: Record<string, unknown>, extra: Partial<NodeShorthand> = {}) =>
    buildWorkflow({
      nodes: [trigger, { id: 's', name: 'Slow', type: 'test.sleep', parameters, ...extra }, noop('after')],
      connections: [
        ['start', 's'],
        ['s', 'after'],
      ],
    });

  it('cancels mid-run: the running node is abandoned and nothing after it runs', async () => {
    const controller = new AbortController();
    const engine = engineWith();
    engine.on('nodeStart', (event) => {
      if (event.nodeId === 's') controller.abort();
    });
    const e = await engine.run(slow({ ms: 5000 }), { signal: controller.signal });
    expect(e.status).toBe('canceled');
    expect(e.error).toMatchObject({ code: 'CANCELED' });
    expect(e.nodes.s![0]!.status).toBe('canceled');
    expect(e.nodes.after).toBeUndefined();
  });

  it('returns promptly even when the node ignores its abort signal', async () => {
    // The node would sleep for an hour and ignores the signal: the run can only end if the engine
    // stops waiting for it as soon as the signal fires.
    const controller = new AbortController();
    const engine = engineWith();
    engine.on('nodeStart', (event) => {
      if (event.nodeId === 's') controller.abort();
    });
    const e = await engine.run(slow({ ms: 3_600_000, honourSignal: false }), { signal: controller.signal });
    expect(e.status).toBe('canceled');
    expect(e.nodes.s![0]!.status).toBe('canceled');
  });

  it('does not start at all with an already aborted signal', async () => {
    const e = await engineWith().run(slow({ ms: 10 }), { signal: AbortSignal.abort() });
    expect(e.status).toBe('canceled');
    expect(e.nodes).toEqual({});
  });

  it('stops the execution at the workflow time limit with an error', async () => {
    const wf = { ...slow({ ms: 5000 }), settings: { timeoutMs: 30 } };
    const e = await engineWith().run(wf);
    expect(e.status).toBe('error');
    expect(e.error).toMatchObject({ code: 'EXECUTION_TIMEOUT', message: 'The workflow exceeded its time limit of 30 ms and was stopped.' });
  });

  it('fails a node past its own time limit, without retrying it, and applies its onError', async () => {
    const wf = slow({ ms: 5000 }, { timeoutMs: 20, retry: { maxTries: 3, waitMs: 0 }, onError: 'continue' });
    const e = await engineWith().run(wf);
    expect(e.status).toBe('success');
    expect(e.nodes.s![0]).toMatchObject({ status: 'error', tries: 1 });
    expect(e.nodes.s![0]!.error!.message).toBe("Node 'Slow' exceeded its time limit of 20 ms.");
    expect(json(e, 'after')?.[0]?.error).toMatchObject({ code: 'NODE_TIMEOUT' });
  });
});

describe('engine.run: node settings', () => {
  it('passes items through a disabled node without running it', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, { id: 'f', type: 'test.flaky', disabled: true }, noop('after')],
      connections: [
        ['start', 'f'],
        ['f', 'after'],
      ],
    });
    const e = await engineWith().run(wf, { input: [{ json: { a: 1 } }] });
    expect(e.status).toBe('success');
    expect(e.nodes.f![0]).toMatchObject({ disabled: true, status: 'success', tries: 0 });
    expect(json(e, 'after')).toEqual([{ a: 1 }]);
  });

  it('runs an executeOnce node on the first item only', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, { id: 'f', type: 'test.flaky', parameters: { failTimes: 0 }, executeOnce: true }],
      connections: [['start', 'f']],
    });
    const e = await engineWith().run(wf, { input: [{ json: { i: 0 } }, { json: { i: 1 } }, { json: { i: 2 } }] });
    expect(json(e, 'f')).toEqual([{ i: 0, tries: 1 }]);
  });

  it('emits one empty item with alwaysOutputData when a node outputs nothing', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, emit('e', [], { alwaysOutputData: true }), noop('after')],
      connections: [
        ['start', 'e'],
        ['e', 'after'],
      ],
    });
    const e = await engineWith().run(wf);
    expect(json(e, 'after')).toEqual([{}]);
  });

  it('uses pinned data instead of running the node in manual runs only', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, emit('e', [{ live: true }]), noop('after')],
      connections: [
        ['start', 'e'],
        ['e', 'after'],
      ],
      pinData: { e: [{ json: { pinned: true } }] },
    });
    const manual = await engineWith().run(wf);
    expect(manual.nodes.e![0]!.pinned).toBe(true);
    expect(json(manual, 'after')).toEqual([{ pinned: true }]);
    const production = await engineWith().run(wf, { mode: 'trigger' });
    expect(json(production, 'after')).toEqual([{ live: true }]);
  });
});

describe('engine.run: start, input and validation', () => {
  it('emits the run input from the trigger', async () => {
    const wf = buildWorkflow({ nodes: [trigger], connections: [] });
    const e = await engineWith().run(wf, { input: [{ json: { email: 'a@example.com' } }] });
    expect(json(e, 'start')).toEqual([{ email: 'a@example.com' }]);
  });

  it('starts from the trigger named in startNode', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, { id: 'other', name: 'Other start', type: 'core.manualTrigger' }, noop('a'), noop('b')],
      connections: [
        ['start', 'a'],
        ['other', 'b'],
      ],
    });
    expect(order(await engineWith().run(wf, { startNode: 'Other start' }))).toEqual(['Other start', 'b']);
    await expect(engineWith().run(wf, { startNode: 'a' })).rejects.toThrow(
      "Cannot start at 'a': it is not a trigger (core.noOp has inputs).",
    );
    await expect(engineWith().run(wf, { startNode: 'nope' })).rejects.toThrow(FlowloomError);
  });

  it('rejects input that is not a list of items, before running anything', async () => {
    const wf = buildWorkflow({ nodes: [trigger] });
    const error = await engineWith()
      .run(wf, { input: [{ email: 'x' }] as never })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect((error as WorkflowValidationError).issues).toEqual([
      { code: 'invalid_input', path: ['input'], message: 'input[0].json must be an object, got nothing' },
    ]);
  });

  it('rejects a workflow that uses node types the engine does not have', async () => {
    const wf = buildWorkflow({ nodes: [trigger, { id: 'x', type: 'acme.missing' }], connections: [['start', 'x']] });
    await expect(engineWith().run(wf)).rejects.toThrow("unknown node type 'acme.missing'");
  });
});

describe('engine events', () => {
  it('emits start, each node start and finish, and finish, in order', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, noop('a'), noop('b')],
      connections: [
        ['start', 'a'],
        ['a', 'b'],
      ],
    });
    const engine = engineWith();
    const seen: string[] = [];
    engine.on('executionStart', (e) => seen.push(`start:${e.execution.status}`));
    engine.on('nodeStart', (e) => seen.push(`nodeStart:${e.nodeId}`));
    engine.on('nodeFinish', (e) => seen.push(`nodeFinish:${e.run.nodeId}:${e.run.status}`));
    engine.on('executionFinish', (e) => seen.push(`finish:${e.execution.status}`));
    const perRun: string[] = [];
    await engine.run(wf, { onEvent: (e) => perRun.push(e.type) });
    expect(seen).toEqual([
      'start:running',
      'nodeStart:start',
      'nodeFinish:start:success',
      'nodeStart:a',
      'nodeFinish:a:success',
      'nodeStart:b',
      'nodeFinish:b:success',
      'finish:success',
    ]);
    expect(perRun).toEqual([
      'executionStart',
      'nodeStart',
      'nodeFinish',
      'nodeStart',
      'nodeFinish',
      'nodeStart',
      'nodeFinish',
      'executionFinish',
    ]);
  });

  it('keeps running when a listener throws, and reports it to the logger', async () => {
    const errors: string[] = [];
    const logger: Logger = { ...silentLogger, error: (message) => errors.push(message) };
    const engine = engineWith({ logger });
    engine.on('nodeFinish', () => {
      throw new Error('listener bug');
    });
    const e = await engine.run(buildWorkflow({ nodes: [trigger, noop('a')], connections: [['start', 'a']] }));
    expect(e.status).toBe('success');
    expect(errors).toEqual(["A 'nodeFinish' listener threw; the run goes on.", "A 'nodeFinish' listener threw; the run goes on."]);
  });

  it('stops calling a listener once it unsubscribes', async () => {
    const engine = engineWith();
    let calls = 0;
    const off = engine.on('executionFinish', () => calls++);
    const wf = buildWorkflow({ nodes: [trigger] });
    await engine.run(wf);
    off();
    await engine.run(wf);
    expect(calls).toBe(1);
  });
});

describe('engine storage', () => {
  /** The real memory storage, with a log of the calls the engine makes. */
  function recordingStorage(): { storage: Storage; calls: string[] } {
    const inner = createMemoryStorage();
    const calls: string[] = [];
    const executions = inner.executions;
    return {
      calls,
      storage: {
        ...inner,
        executions: {
          ...executions,
          create: async (e) => (calls.push(`create:${e.status}`), executions.create(e)),
          appendNodeRun: async (t, id, run, state) => (calls.push(`node:${run.nodeId}`), executions.appendNodeRun(t, id, run, state)),
          finish: async (t, id, r) => (calls.push(`finish:${r.status}`), executions.finish(t, id, r)),
        },
      },
    };
  }

  it('records the execution node by node as it goes, then its end', async () => {
    const { storage, calls } = recordingStorage();
    const engine = engineWith({ storage, tenantId: 'acme' });
    const wf = buildWorkflow({ nodes: [trigger, noop('a')], connections: [['start', 'a']] });
    const e = await engine.run(wf, { input: [{ json: { k: 1 } }] });
    expect(calls).toEqual(['create:running', 'node:start', 'node:a', 'finish:success']);
    const stored = await storage.executions.get('acme', e.id);
    expect(stored).toMatchObject({ id: e.id, status: 'success', tenantId: 'acme', workflowId: 'wf' });
    expect(stored!.nodes.a![0]!.output.main).toEqual([{ json: { k: 1 } }]);
    expect(await storage.executions.get('other-tenant', e.id)).toBeUndefined();
    const [summary] = await storage.executions.list('acme');
    expect(summary).toMatchObject({ id: e.id, status: 'success' });
    expect(summary).not.toHaveProperty('nodes');
  });

  it('ends the execution with a clear error when storage fails mid-run', async () => {
    const inner = createMemoryStorage();
    const storage: Storage = {
      ...inner,
      executions: {
        ...inner.executions,
        appendNodeRun: async () => {
          throw new Error('disk full');
        },
      },
    };
    const e = await engineWith({ storage }).run(buildWorkflow({ nodes: [trigger, noop('a')], connections: [['start', 'a']] }));
    expect(e.status).toBe('error');
    expect(e.error!.message).toBe('The execution could not be completed: disk full');
    expect((await storage.executions.get('default', e.id))?.status).toBe('error');
  });
});

describe('custom node types', () => {
  it('lets a host add a node type in a few lines and run it', async () => {
    const double = defineNode({
      type: 'acme.double',
      version: 1,
      displayName: 'Double',
      group: 'transform',
      inputs: ['main'],
      outputs: ['main'],
      properties: z.object({ field: z.string() }),
      async execute(ctx) {
        const { field } = ctx.params(0);
        return { main: ctx.input().map((item) => ({ json: { ...item.json, [field]: Number(item.json[field]) * 2 } })) };
      },
    });
    const engine = createEngine({ nodeTypes: [double] });
    const wf = buildWorkflow({
      nodes: [trigger, { id: 'd', type: 'acme.double', parameters: { field: 'n' } }],
      connections: [['start', 'd']],
    });
    const e = await engine.run(engine.parseWorkflow(wf), { input: [{ json: { n: 1 } }, { json: { n: 21 } }] });
    expect(e.status).toBe('success');
    expect(e.nodes.d![0]!.output.main!.map((i) => i.json.n)).toEqual([2, 42]);
    expect(engine.nodeTypes.describe().find((t) => t.type === 'acme.double')).toMatchObject({
      displayName: 'Double',
      inputs: ['main'],
      outputs: ['main'],
      properties: { type: 'object', properties: { field: { type: 'string' } }, required: ['field'] },
    });
  });

  it('refuses a malformed node definition with every problem named', () => {
    expect(() =>
      defineNode({ type: 'nodots', version: 0, displayName: '', group: 'x', inputs: ['in put'], outputs: ['main'] } as never),
    ).toThrow(
      `Node type 'nodots' is not valid: type must be a dotted id such as "acme.double", got "nodots"; version must be a positive number; displayName must be a non-empty string; execute must be a function; input port "in put" is not a valid port name.`,
    );
  });

  it('refuses to register two definitions of the same type and version', () => {
    const a = defineNode({
      type: 'acme.x',
      version: 1,
      displayName: 'X',
      group: 'utility',
      inputs: ['main'],
      outputs: ['main'],
      execute: () => [],
    });
    const b = defineNode({ ...a, execute: () => [] });
    expect(() => createEngine({ nodeTypes: [a, b] })).toThrow("Node type 'acme.x' version 1 is registered twice");
  });
});

describe('parameters', () => {
  it('gives nodes a frozen copy of literal parameters, so one run cannot change the next', async () => {
    const mutator = defineNode({
      type: 'test.mutator',
      version: 1,
      displayName: 'Mutator',
      group: 'utility',
      inputs: ['main'],
      outputs: ['main'],
      properties: z.object({ tags: z.array(z.string()) }),
      execute(ctx) {
        const params = ctx.params(0);
        let changed = true;
        try {
          params.tags.push('extra');
        } catch {
          changed = false;
        }
        return [{ json: { tags: [...params.tags], changed } }];
      },
    });
    const wf = buildWorkflow({
      nodes: [trigger, { id: 'm', type: 'test.mutator', parameters: { tags: ['a'] } }],
      connections: [['start', 'm']],
    });
    const engine = engineWith({ nodeTypes: [...testNodeTypes, mutator] });
    const first = await engine.run(wf);
    const second = await engine.run(wf);
    expect(json(first, 'm')).toEqual([{ tags: ['a'], changed: false }]);
    expect(json(second, 'm')).toEqual([{ tags: ['a'], changed: false }]);
    expect(Object.isFrozen(wf.nodes[1]!.parameters.tags)).toBe(false);
  });
});
