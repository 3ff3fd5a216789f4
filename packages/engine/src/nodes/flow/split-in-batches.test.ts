import { describe, expect, it } from 'vitest';
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
