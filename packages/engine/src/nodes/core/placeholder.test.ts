import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import { buildWorkflow } from '../../testing/build-workflow.js';

const engine = createEngine({ logger: silentLogger });

const placeholder = {
  source: 'n8n',
  originalType: 'n8n-nodes-base.googleSheets',
  originalTypeVersion: 4.5,
  originalParameters: { sheetName: '={{ $json.sheet.toUpperCase() }}', range: 'A1:{{ not a template }}' },
  outputs: ['main', 'output1'],
  reason: 'Flowloom has no node of this kind yet',
};

function workflow(extra: Record<string, unknown> = {}) {
  return buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'sheet', name: 'Read sheet', type: 'core.placeholder', parameters: placeholder, ...extra },
      { id: 'a', type: 'core.noOp' },
      { id: 'b', type: 'core.noOp' },
    ],
    connections: [
      ['start', 'sheet'],
      ['sheet', 'a'],
      ['sheet:output1', 'b'],
    ],
  });
}

describe('placeholder nodes', () => {
  it('are not offered in the palette, unlike the other core types', () => {
    const hidden = engine.nodeTypes
      .describe()
      .filter((d) => d.hidden)
      .map((d) => d.type);
    expect(hidden.sort()).toEqual(['core.placeholder', 'core.placeholderTrigger']);
  });

  it('validate with the outputs they were imported with, their original parameters taken as written', () => {
    expect(engine.validate(workflow()).success).toBe(true);
  });

  it('fail clearly, naming the original node type and version, if they run', async () => {
    const execution = await engine.run(workflow());
    expect(execution.status).toBe('error');
    expect(execution.error).toMatchObject({
      code: 'NODE_NOT_SUPPORTED',
      message: expect.stringContaining(
        "n8n node 'Read sheet' (n8n-nodes-base.googleSheets v4.5) has no Flowloom equivalent yet (Flowloom has no node of this kind yet)",
      ),
    });
  });

  it('pass their items on when disabled, as the original node would', async () => {
    const execution = await engine.run(workflow({ disabled: true }), { input: [{ json: { row: 1 } }] });
    expect(execution.status).toBe('success');
    expect(execution.nodes.a?.[0]?.output.main).toEqual([{ json: { row: 1 } }]);
  });

  it('can stand for a trigger, which fails if a run starts there', async () => {
    const trigger = buildWorkflow({
      nodes: [
        {
          id: 't',
          name: 'Telegram Trigger',
          type: 'core.placeholderTrigger',
          parameters: { ...placeholder, originalType: 'n8n-nodes-base.telegramTrigger', outputs: ['main'] },
        },
        { id: 'a', type: 'core.noOp' },
      ],
      connections: [['t', 'a']],
    });
    expect(engine.validate(trigger).success).toBe(true);
    const execution = await engine.run(trigger);
    expect(execution.error?.message).toContain(
      "n8n node 'Telegram Trigger' (n8n-nodes-base.telegramTrigger v4.5) has no Flowloom equivalent yet",
    );
  });
});
