import { describe, expect, it } from 'vitest';
import { createEngine } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';

const workflow = (values: unknown) =>
  buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'save', name: 'Save ids', type: 'core.executionData', parameters: { values } },
    ],
    connections: [['start', 'save']],
  });

describe('Execution Data', () => {
  it('records the values on the stored execution and passes the items on', async () => {
    const engine = createEngine();
    const input = [{ json: { order: 'A-1', total: 12.5 } }, { json: { order: 'A-2', total: 7 } }];
    const e = await engine.run(
      workflow([
        { key: 'order_id', value: '{{ $json.order }}' },
        { key: 'source', value: 'shop' },
      ]),
      { input },
    );
    expect(e.status).toBe('success');
    expect(e.nodes.save![0]!.output.main).toEqual(input);
    const stored = await engine.storage.executions.get('default', e.id);
    // Each item's values are saved in turn: the last item's value of a key stays.
    expect(stored!.nodes.save![0]!.logs).toEqual([
      { level: 'info', message: 'Saved execution data: order_id, source', data: { customData: { order_id: 'A-2', source: 'shop' } } },
    ]);
  });

  it("keeps numbers as text and cuts keys past 50 characters and values past 512, as n8n's custom data does", async () => {
    const engine = createEngine();
    const long = 'k'.repeat(60);
    const e = await engine.run(
      workflow([
        { key: long, value: 'v'.repeat(600) },
        { key: 'count', value: 3 },
      ]),
    );
    expect(e.nodes.save![0]!.logs![0]!.data).toEqual({ customData: { ['k'.repeat(50)]: 'v'.repeat(512), count: '3' } });
  });

  it('fails naming the row when a key has other characters or a value is not text', async () => {
    const engine = createEngine();
    const badKey = await engine.run(workflow([{ key: 'order id', value: 'x' }]));
    expect(badKey.error?.message).toBe(
      "Node 'Save ids': parameter 'values[0]' has the key \"order id\": a key is letters, digits and _ only (item 0).",
    );
    const badValue = await engine.run(
      workflow([
        { key: 'ok', value: 'x' },
        { key: 'tags', value: '{{ [1, 2] }}' },
      ]),
    );
    expect(badValue.error?.message).toBe(
      "Node 'Save ids': parameter 'values[1]' holds an array for 'tags': a value is text or a number (item 0).",
    );
  });
});
