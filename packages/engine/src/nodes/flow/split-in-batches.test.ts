import { afterAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../node/create-node-engine.js';
import { createEngine } from '../../run/engine.js';
import { silentLogger } from '../../ports/logger.js';
import { callNode, trialWorkflow } from '../../testing/node-test-harness.js';
import { splitInBatchesNode } from './split-in-batches.js';

const loopWorkflow = (batchSize: unknown) =>
  trialWorkflow(
    [
      ['start', 'core.manualTrigger'],
      ['loop', 'core.splitInBatches', { batchSize }],
      ['body', 'core.set', { fields: [{ name: 'seen', type: 'boolean', value: true }] }],
      ['after', 'core.noOp'],
    ],
    [
      ['start', 'loop'],
      ['loop:loop', 'body'],
      ['body', 'loop'],
      ['loop:done', 'after'],
    ],
  );

describe('Loop Over Items', () => {
  it('sends batches round the loop, then everything the loop returned on done', async () => {
    const engine = createEngine({ logger: silentLogger });
    const input = [1, 2, 3, 4, 5].map((n) => ({ json: { n } }));
    const execution = await engine.run(loopWorkflow(2), { input });
    expect(execution.status).toBe('success');
    expect(execution.nodes.body?.map((r) => r.output.main?.map((i) => i.json.n))).toEqual([[1, 2], [3, 4], [5]]);
    const done = execution.nodes.after?.[0]?.output.main?.map((i) => i.json);
    expect(done).toEqual(input.map((i) => ({ ...i.json, seen: true })));
  });

  it('keeps its state per execution, so a second run starts afresh', async () => {
    const engine = createEngine({ logger: silentLogger });
    const workflow = loopWorkflow(3);
    const input = [1, 2, 3, 4].map((n) => ({ json: { n } }));
    const first = await engine.run(workflow, { input });
    const second = await engine.run(workflow, { input });
    expect(second.nodes.after?.[0]?.output.main).toHaveLength(4);
    expect(first.nodes.after?.[0]?.output.main).toHaveLength(4);
    expect(second.nodes.body).toHaveLength(2);
  });

  it('is allowed a back edge by the graph checks', () => {
    const engine = createEngine({ logger: silentLogger });
    expect(engine.validate(loopWorkflow(1)).success).toBe(true);
  });

  it('refuses a batch size that is not a positive whole number, naming the parameter', async () => {
    const engine = createEngine({ logger: silentLogger });
    await engine.nodeTypes.load('core.splitInBatches');
    const result = engine.validate(loopWorkflow(0));
    expect(result.success).toBe(false);
    if (!result.success) expect(result.error.message).toMatch(/parameter 'batchSize'/);
    expect(engine.validate(loopWorkflow('ten')).success).toBe(false);
  });

  it('starts over on every arrival when reset is on', async () => {
    const state = {};
    const first = await callNode(
      splitInBatchesNode,
      { batchSize: 1, reset: true },
      { main: [{ json: { n: 1 } }, { json: { n: 2 } }] },
      { state },
    );
    expect(first.loop?.map((i) => i.json.n)).toEqual([1]);
    const again = await callNode(splitInBatchesNode, { batchSize: 1, reset: true }, { main: [{ json: { n: 9 } }] }, { state });
    expect(again.loop?.map((i) => i.json.n)).toEqual([9]);
  });

  it('sends an empty done when its input is empty', async () => {
    expect(await callNode(splitInBatchesNode, { batchSize: 2 }, { main: [] }, { state: {} })).toEqual({ done: [] });
  });
});

/** The fields a Set node adds from the loop's context, in both expression languages. */
const contextFields = [
  { name: 'run', type: 'expression', value: '{{ $node("loop").context.currentRunIndex }}' },
  { name: 'max', type: 'expression', value: '{{ $node("loop").context.maxRunIndex }}' },
  { name: 'left', type: 'expression', value: '{{ $node("loop").context.noItemsLeft }}' },
  { name: 'done', type: 'expression', value: '{{ $node("loop").context.done }}' },
  { name: 'jsLeft', type: 'expression', value: '{{js: $node["loop"].context["noItemsLeft"] }}' },
  { name: 'jsRun', type: 'expression', value: "{{js: $('loop').context.currentRunIndex }}" },
  { name: 'jsInput', type: 'expression', value: '{{js: $input.context.maxRunIndex }}' },
];

describe("Loop Over Items' context", () => {
  const engine = createNodeEngine({ logger: silentLogger });
  afterAll(() => engine.close());

  // n8n's Split In Batches (v1 to v3) sets, on each run, currentRunIndex (0 on the run that takes the input, then one
  // more per run), maxRunIndex (input size / batch size, rounded up), noItemsLeft (no item left after this run's
  // batch) and, from v2, done (this run sent the combined items instead of a batch).
  it('gives expressions the batch index, the batch count, noItemsLeft and done, with n8n values', async () => {
    const workflow = trialWorkflow(
      [
        ['start', 'core.manualTrigger'],
        ['loop', 'core.splitInBatches', { batchSize: 2 }],
        ['body', 'core.set', { fields: contextFields, include: 'none' }],
        ['after', 'core.set', { fields: contextFields, include: 'none' }],
      ],
      [
        ['start', 'loop'],
        ['loop:loop', 'body'],
        ['body', 'loop'],
        ['loop:done', 'after'],
      ],
    );
    const input = [1, 2, 3, 4, 5].map((n) => ({ json: { n } }));
    const execution = await engine.run(workflow, { input });
    expect(execution.status).toBe('success');
    const seen = (runs: typeof execution.nodes.body) => runs?.map((r) => r.output.main?.[0]?.json);
    const at = (run: number, left: boolean, done: boolean) => ({ run, max: 3, left, done, jsLeft: left, jsRun: run, jsInput: 3 });
    // Items 1-2, 3-4, then 5: the last batch leaves nothing behind.
    expect(seen(execution.nodes.body)).toEqual([at(0, false, false), at(1, false, false), at(2, true, false)]);
    // The run that sends everything on done is the fourth.
    expect(seen(execution.nodes.after)).toEqual([at(3, true, true)]);
  });

  it('starts its context over with a new input once a loop has ended', async () => {
    const state: Record<string, unknown> = {};
    await callNode(splitInBatchesNode, { batchSize: 1 }, { main: [{ json: { n: 1 } }] }, { state });
    await callNode(splitInBatchesNode, { batchSize: 1 }, { main: [{ json: { n: 1 } }] }, { state });
    expect(state.context).toEqual({ currentRunIndex: 1, maxRunIndex: 1, noItemsLeft: true, done: true });
    await callNode(splitInBatchesNode, { batchSize: 3 }, { main: [1, 2, 3, 4].map((n) => ({ json: { n } })) }, { state });
    expect(state.context).toEqual({ currentRunIndex: 0, maxRunIndex: 2, noItemsLeft: false, done: false });
  });

  it('has an empty input end the loop at once: nothing left, done, no batch', async () => {
    const state: Record<string, unknown> = {};
    await callNode(splitInBatchesNode, { batchSize: 2 }, { main: [] }, { state });
    expect(state.context).toEqual({ currentRunIndex: 0, maxRunIndex: 0, noItemsLeft: true, done: true });
  });

  // n8n reads a node's context without its having run: the context is then empty, and `isExecuted` false.
  it('reads as an empty context for a node that keeps none or has not run, in JavaScript as in n8n', async () => {
    const fields = [
      { name: 'kept', type: 'expression', value: '{{js: $node["plain"].context }}' },
      { name: 'later', type: 'expression', value: "{{js: $('later').context }}" },
      { name: 'ran', type: 'expression', value: "{{js: $('later').isExecuted }}" },
      { name: 'plainRan', type: 'expression', value: "{{js: $('plain').isExecuted }}" },
    ];
    const workflow = trialWorkflow(
      [
        ['start', 'core.manualTrigger'],
        ['plain', 'core.noOp'],
        ['read', 'core.set', { fields, include: 'none' }],
        ['later', 'core.noOp'],
      ],
      [
        ['start', 'plain'],
        ['plain', 'read'],
        ['read', 'later'],
      ],
    );
    const execution = await engine.run(workflow, { input: [{ json: {} }] });
    expect(execution.nodes.read?.[0]?.output.main?.[0]?.json).toEqual({ kept: {}, later: {}, ran: false, plainRan: true });
  });
});
