import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FlowloomError } from '../errors/flowloom.error.js';
import type { Execution } from '../model/execution.js';
import type { Item } from '../model/item.js';
import { defineNode } from '../nodes/define-node.js';
import { silentLogger } from '../ports/logger.js';
import { buildWorkflow, type NodeShorthand } from '../testing/build-workflow.js';
import { testNodeTypes } from '../testing/test-nodes.js';
import { createEngine } from './engine.js';

// The oracle for each partial run is a full run of the same workflow: the destination must give what it gave
// there, while only the nodes it needs run.

/** Emits its `items`, and counts its runs in `runs` (by node id), so a test sees which nodes really ran. */
const runs = new Map<string, number>();
const countedNode = defineNode({
  type: 'test.counted',
  version: 1,
  displayName: 'Counted',
  description: 'Emits its items and counts its runs.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ items: z.array(z.record(z.string(), z.unknown())).default([]) }),
  execute(ctx) {
    runs.set(ctx.node.id, (runs.get(ctx.node.id) ?? 0) + 1);
    return ctx.params().items.map((json) => ({ json }));
  },
});

const engine = () => createEngine({ nodeTypes: [...testNodeTypes, countedNode], logger: silentLogger });

const trigger: NodeShorthand = { id: 'start', name: 'Start', type: 'core.manualTrigger' };
const fetch: NodeShorthand = {
  id: 'fetch',
  name: 'Fetch',
  type: 'test.counted',
  parameters: {
    items: [
      { n: 1, city: 'Lyon' },
      { n: 2, city: 'Nantes' },
    ],
  },
};
const setNode = (id: string, name: string, field: string, value: string): NodeShorthand => ({
  id,
  name,
  type: 'core.set',
  parameters: { include: 'all', fields: [{ name: field, type: 'string', value }] },
});
const double = setNode('double', 'Double', 'double', '{{ $json.n * 2 }}');
const label = setNode('label', 'Label', 'label', '{{ $json.city }}: {{ $json.double }}');
const after = setNode('after', 'After', 'seen', 'yes');

const chain = buildWorkflow({
  nodes: [trigger, fetch, double, label, after],
  connections: [
    ['start', 'fetch'],
    ['fetch', 'double'],
    ['double', 'label'],
    ['label', 'after'],
  ],
});

const ran = (e: Execution) =>
  Object.values(e.nodes)
    .flat()
    .sort((a, b) => a.order - b.order)
    .map((r) => `${r.nodeName}${r.pinned ? ' (pinned)' : r.reused ? ' (reused)' : ''}`);
const out = (e: Execution, id: string): Item[] | undefined => e.nodes[id]?.at(-1)?.output.main;

describe('engine.run with destinationNode', () => {
  it('runs the destination and every node before it, and nothing after it, when there is no earlier data', async () => {
    runs.clear();
    const full = await engine().run(chain);
    const partial = await engine().run(chain, { destinationNode: 'Label' });
    expect(partial.status).toBe('success');
    expect(ran(partial)).toEqual(['Start', 'Fetch', 'Double', 'Label']);
    expect(partial.nodes.after).toBeUndefined();
    expect(out(partial, 'label')).toEqual(out(full, 'label'));
    expect(out(partial, 'label')!.map((i) => i.json.label)).toEqual(['Lyon: 2', 'Nantes: 4']);
  });

  it('takes the output of an earlier run from runData instead of running those nodes again', async () => {
    const full = await engine().run(chain);
    runs.clear();
    const partial = await engine().run(chain, {
      destinationNode: 'label',
      runData: { start: out(full, 'start')!, fetch: out(full, 'fetch')!, double: out(full, 'double')! },
    });
    expect(ran(partial)).toEqual(['Double (reused)', 'Label']);
    expect(runs.get('fetch')).toBeUndefined();
    expect(partial.nodes.double![0]!.tries).toBe(0);
    expect(out(partial, 'label')).toEqual(out(full, 'label'));
  });

  it('runs again the nodes between the data it has and the destination', async () => {
    const full = await engine().run(chain);
    runs.clear();
    const partial = await engine().run(chain, { destinationNode: 'label', runData: { fetch: out(full, 'fetch')! } });
    expect(ran(partial)).toEqual(['Fetch (reused)', 'Double', 'Label']);
    expect(runs.get('fetch')).toBeUndefined();
    expect(out(partial, 'double')).toEqual(out(full, 'double'));
    expect(out(partial, 'label')).toEqual(out(full, 'label'));
  });

  it('runs the destination itself again even when runData has its output', async () => {
    runs.clear();
    const partial = await engine().run(chain, { destinationNode: 'fetch', runData: { fetch: [{ json: { stale: true } }] } });
    expect(ran(partial)).toEqual(['Start', 'Fetch']);
    expect(runs.get('fetch')).toBe(1);
    expect(out(partial, 'fetch')!.map((i) => i.json)).toEqual([
      { n: 1, city: 'Lyon' },
      { n: 2, city: 'Nantes' },
    ]);
  });

  it('gives pinned data of a node before the destination, over its runData, in manual runs', async () => {
    const pinned = { ...chain, pinData: { fetch: [{ json: { n: 10, city: 'Brest' } }] } };
    runs.clear();
    const partial = await engine().run(pinned, { destinationNode: 'double', runData: { fetch: [{ json: { n: 99, city: 'Old' } }] } });
    expect(ran(partial)).toEqual(['Fetch (pinned)', 'Double']);
    expect(runs.get('fetch')).toBeUndefined();
    expect(out(partial, 'double')!.map((i) => i.json)).toEqual([{ n: 10, city: 'Brest', double: '20' }]);
  });

  it('waits at a Merge for its inputs from earlier data and from nodes that run again', async () => {
    const wf = buildWorkflow({
      nodes: [
        trigger,
        fetch,
        { id: 'other', name: 'Other', type: 'test.counted', parameters: { items: [{ extra: true }] } },
        { id: 'merge', name: 'Merge', type: 'core.merge', parameters: { mode: 'append' } },
        after,
      ],
      connections: [
        ['start', 'fetch'],
        ['start', 'other'],
        ['fetch', 'merge:input1'],
        ['other', 'merge:input2'],
        ['merge', 'after'],
      ],
    });
    const full = await engine().run(wf);
    runs.clear();
    const partial = await engine().run(wf, { destinationNode: 'merge', runData: { fetch: out(full, 'fetch')! } });
    expect(runs.get('fetch')).toBeUndefined();
    expect(runs.get('other')).toBe(1);
    expect(partial.nodes.merge).toHaveLength(1);
    expect(partial.nodes.after).toBeUndefined();
    expect(out(partial, 'merge')).toEqual(out(full, 'merge'));
  });

  it('starts a node with no incoming items and no trigger before it from one empty item', async () => {
    const lone = buildWorkflow({ nodes: [trigger, setNode('solo', 'Solo', 'hello', 'world')] });
    const partial = await engine().run(lone, { destinationNode: 'Solo' });
    expect(out(partial, 'solo')!.map((i) => i.json)).toEqual([{ hello: 'world' }]);
  });

  it('makes $() of a node before the destination read its earlier data', async () => {
    const wf = buildWorkflow({
      nodes: [trigger, fetch, double, setNode('ref', 'Ref', 'first', '{{ $node("Fetch").first.json.city }}')],
      connections: [
        ['start', 'fetch'],
        ['fetch', 'double'],
        ['double', 'ref'],
      ],
    });
    const partial = await engine().run(wf, {
      destinationNode: 'ref',
      runData: { fetch: [{ json: { n: 5, city: 'Paris' } }], double: [{ json: { double: 10 } }] },
    });
    expect(partial.nodes.ref?.[0]?.error).toBeUndefined();
    expect(ran(partial)).toEqual(['Double (reused)', 'Ref']);
    expect(out(partial, 'ref')!.map((i) => i.json.first)).toEqual(['Paris']);
  });

  it('refuses an unknown destination, naming it', async () => {
    const run = engine().run(chain, { destinationNode: 'Nope' });
    await expect(run).rejects.toThrow(FlowloomError);
    await expect(run).rejects.toThrow("Cannot run to 'Nope': no node has that id or name.");
  });

  it('refuses run data that is not items, naming the node and the path', async () => {
    const run = engine().run(chain, { destinationNode: 'label', runData: { fetch: [{ json: 'x' }] as unknown as Item[] } });
    await expect(run).rejects.toThrow("Run data of node 'Fetch': runData['fetch'][0].json must be an object, got");
  });

  it('refuses run data for a node the workflow does not have', async () => {
    const run = engine().run(chain, { destinationNode: 'label', runData: { gone: [] } });
    await expect(run).rejects.toThrow("Run data names 'gone', which is not the id of a node of this workflow.");
  });
});
