import { describe, expect, it } from 'vitest';
import { createEngine } from '../run/engine.js';
import type { Execution } from '../model/execution.js';
import { silentLogger } from '../ports/logger.js';
import { importN8nWorkflow } from './import-workflow.js';

// n8n documents its legacy order (v0, the order of workflows saved without the setting) as running
// "the first node of each branch, then the second node of each branch", and v1 as completing one
// branch before starting another, the topmost first.

const noOp = (name: string, y: number) => ({
  id: name,
  name,
  type: 'n8n-nodes-base.noOp',
  typeVersion: 1,
  position: [200, y],
  parameters: {},
});

/** A Manual Trigger with two branches of two No-Ops; the lower branch is connected first. */
function n8nWorkflow(executionOrder?: string) {
  return {
    name: 'Two branches',
    nodes: [
      { id: 't', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      noOp('Upper 1', -100),
      noOp('Upper 2', -100),
      noOp('Lower 1', 100),
      noOp('Lower 2', 100),
    ],
    connections: {
      Start: {
        main: [
          [
            { node: 'Lower 1', type: 'main', index: 0 },
            { node: 'Upper 1', type: 'main', index: 0 },
          ],
        ],
      },
      'Upper 1': { main: [[{ node: 'Upper 2', type: 'main', index: 0 }]] },
      'Lower 1': { main: [[{ node: 'Lower 2', type: 'main', index: 0 }]] },
    },
    ...(executionOrder ? { settings: { executionOrder } } : {}),
  };
}

const engine = createEngine({ logger: silentLogger });
const order = (e: Execution) =>
  Object.values(e.nodes)
    .flat()
    .sort((a, b) => a.order - b.order)
    .map((r) => r.nodeName);

describe("n8n's execution order on import", () => {
  it.each([
    ['saved without the setting', undefined],
    ["saved with 'v0'", 'v0'],
  ])('runs a workflow %s breadth first, in connection order', async (_how, setting) => {
    const { workflow, report } = importN8nWorkflow(n8nWorkflow(setting));
    expect(workflow!.settings?.executionOrder).toBe('breadth-first');
    expect(report.settingsDropped).toEqual([]);
    expect(order(await engine.run(engine.parseWorkflow(workflow!)))).toEqual(['Start', 'Lower 1', 'Upper 1', 'Lower 2', 'Upper 2']);
  });

  it("runs a workflow saved with 'v1' depth first, the upper branch first", async () => {
    const { workflow } = importN8nWorkflow(n8nWorkflow('v1'));
    expect(workflow!.settings?.executionOrder).toBeUndefined();
    expect(order(await engine.run(engine.parseWorkflow(workflow!)))).toEqual(['Start', 'Upper 1', 'Upper 2', 'Lower 1', 'Lower 2']);
  });

  it('leaves a workflow without branches on the default order, and reports an unknown order as dropped', () => {
    const straight = n8nWorkflow();
    straight.connections.Start.main[0]!.splice(0, 1);
    expect(importN8nWorkflow(straight).workflow!.settings?.executionOrder).toBeUndefined();
    const odd = importN8nWorkflow(n8nWorkflow('v2'));
    expect(odd.report.settingsDropped).toEqual([expect.objectContaining({ setting: 'executionOrder', value: 'v2' })]);
  });
});
