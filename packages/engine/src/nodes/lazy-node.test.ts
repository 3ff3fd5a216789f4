import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine } from '../run/engine.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { defineLazyNode, defineNode, type NodeType } from './define-node.js';
import { NodeRegistry } from './node-registry.js';

const full = defineNode({
  type: 'acme.greet',
  version: 1,
  displayName: 'Greet',
  group: 'transform',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ name: z.string().meta({ label: 'Name' }) }),
  execute: (ctx) => ctx.input().map((_, i) => ({ json: { greeting: `Hello, ${ctx.params(i).name}` } })),
});

/** A stand-in for `full` that counts its loads and can be made to fail or to load the wrong thing. */
function stub(load: () => Promise<NodeType> = () => Promise.resolve(full)) {
  const calls = { count: 0 };
  const type = defineLazyNode({
    type: 'acme.greet',
    version: 1,
    displayName: 'Greet',
    group: 'transform',
    inputs: ['main'],
    outputs: ['main'],
    load: () => {
      calls.count++;
      return load();
    },
  });
  return { type, calls };
}

const workflow = (name: unknown) =>
  buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'greet', type: 'acme.greet', parameters: { name } },
    ],
    connections: [['start', 'greet']],
  });

describe('lazy node types', () => {
  it('lists the stand-in without a form until it is loaded, then the full type', async () => {
    const { type } = stub();
    const registry = new NodeRegistry([type]);
    expect(registry.describe().find((d) => d.type === 'acme.greet')).toMatchObject({
      lazy: true,
      properties: { type: 'object', properties: {} },
    });
    expect(await registry.load('acme.greet')).toBe(full);
    const loaded = registry.describe().find((d) => d.type === 'acme.greet')!;
    expect(loaded.lazy).toBeUndefined();
    expect(Object.keys(loaded.properties['properties'] as object)).toEqual(['name']);
  });

  it('loads once, on the first run that uses it, and then checks and runs the full type', async () => {
    const { type, calls } = stub();
    const engine = createEngine({ nodeTypes: [type] });
    expect(calls.count).toBe(0);
    const [a, b] = await Promise.all([engine.run(workflow('Ada')), engine.run(workflow('Grace'))]);
    expect(calls.count).toBe(1);
    expect([a.nodes['greet']![0]!.output['main']![0]!.json, b.nodes['greet']![0]!.output['main']![0]!.json]).toEqual([
      { greeting: 'Hello, Ada' },
      { greeting: 'Hello, Grace' },
    ]);
    await expect(engine.run(workflow(42))).rejects.toThrow("node 'greet' (Greet): parameter 'name' expected a string");
  });

  it('names the type when loading fails, and tries again on the next use', async () => {
    let fail = true;
    const { type, calls } = stub(() => (fail ? Promise.reject(new Error('chunk not found')) : Promise.resolve(full)));
    const engine = createEngine({ nodeTypes: [type] });
    await expect(engine.run(workflow('Ada'))).rejects.toThrow("Node type 'acme.greet' could not be loaded: chunk not found");
    fail = false;
    expect((await engine.run(workflow('Ada'))).status).toBe('success');
    expect(calls.count).toBe(2);
  });

  it('refuses a load that brings another type', async () => {
    const other = defineNode({ ...full, type: 'acme.other' });
    const { type } = stub(() => Promise.resolve(other));
    await expect(new NodeRegistry([type]).load('acme.greet')).rejects.toThrow(
      "Node type 'acme.greet' version 1 loaded something else: its load() must resolve with the full type of the same id and version.",
    );
  });
});
