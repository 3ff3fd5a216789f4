import { describe, expect, it } from 'vitest';
import type { Execution } from '../model/execution.js';
import { silentLogger } from '../ports/logger.js';
import { buildWorkflow, type NodeShorthand } from '../testing/build-workflow.js';
import { testNodeTypes } from '../testing/test-nodes.js';
import { createEngine } from './engine.js';

// n8n documents its two orders this way: in the legacy order (v0) it "executes the first node of each
// branch, then the second node of each branch, and so on"; in v1 it "executes each branch in turn,
// completing one branch before starting another", ordering branches by canvas position, top to bottom.

const engine = createEngine({ nodeTypes: testNodeTypes, logger: silentLogger });

const order = (e: Execution) =>
  Object.values(e.nodes)
    .flat()
    .sort((a, b) => a.order - b.order)
    .map((r) => r.nodeName);

const node = (id: string, y: number): NodeShorthand => ({ id, type: 'core.noOp', position: { x: 0, y } });

/** Two branches of three nodes from the trigger; the lower branch's connection is written first. */
function twoBranches(executionOrder?: 'depth-first' | 'breadth-first') {
  return buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      node('upper1', -100),
      node('upper2', -100),
      node('upper3', -100),
      node('lower1', 100),
      node('lower2', 100),
      node('lower3', 100),
    ],
    connections: [
      ['start', 'lower1'],
      ['start', 'upper1'],
      ['upper1', 'upper2'],
      ['upper2', 'upper3'],
      ['lower1', 'lower2'],
      ['lower2', 'lower3'],
    ],
    ...(executionOrder ? { settings: { executionOrder } } : {}),
  });
}

describe('settings.executionOrder', () => {
  it('runs each branch to its end, the upper one first, by default and when depth-first', async () => {
    const depthFirst = ['start', 'upper1', 'upper2', 'upper3', 'lower1', 'lower2', 'lower3'];
    expect(order(await engine.run(twoBranches()))).toEqual(depthFirst);
    expect(order(await engine.run(twoBranches('depth-first')))).toEqual(depthFirst);
  });

  it('runs the first node of each branch, then the second of each, in connection order, when breadth-first', async () => {
    const e = await engine.run(twoBranches('breadth-first'));
    expect(e.status).toBe('success');
    expect(order(e)).toEqual(['start', 'lower1', 'upper1', 'lower2', 'upper2', 'lower3', 'upper3']);
  });

  it('still joins two branches into a two-input node once when breadth-first', async () => {
    const wf = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        node('a', -100),
        node('b1', 100),
        node('b2', 100),
        { id: 'join', type: 'test.join' },
      ],
      connections: [
        ['start', 'a'],
        ['start', 'b1'],
        ['b1', 'b2'],
        ['a', 'join:a'],
        ['b2', 'join:b'],
      ],
      settings: { executionOrder: 'breadth-first' },
    });
    const e = await engine.run(wf);
    expect(order(e)).toEqual(['start', 'a', 'b1', 'b2', 'join']);
    expect(e.nodes.join).toHaveLength(1);
  });

  it('refuses an unknown order with the setting named', () => {
    const bad = { ...twoBranches(), settings: { executionOrder: 'v0' } };
    expect(() => engine.parseWorkflow(bad)).toThrow(/executionOrder/);
  });
});
