import { describe, expect, it } from 'vitest';
import { createEngine } from '../../run/engine.js';
import { buildWorkflow } from '../../testing/build-workflow.js';
import { NodeRegistry, describeNodeType } from '../node-registry.js';
import { coreNodeTypes } from './index.js';
import { webCoreNodeTypes } from './lazy-core.js';

// The stand-ins are written by scripts/core-catalog.mjs; when this fails, run `npm run catalog -w @flowloom/engine`.
const STUB_KEYS = ['type', 'version', 'displayName', 'description', 'group', 'icon', 'inputs', 'inputCount', 'outputs', 'credentials'];
const MORE_KEYS = ['loop', 'subInputs', 'subOutputs', 'hidden', 'nodeOnly'];

describe("createEngine's core node types", () => {
  it('are the core node types, in their order, each in full or as a stand-in saying what the full type says', async () => {
    expect(webCoreNodeTypes.map((t) => t.type)).toEqual(coreNodeTypes.map((t) => t.type));
    for (const [i, light] of webCoreNodeTypes.entries()) {
      const full = coreNodeTypes[i]!;
      if (!light.load) {
        expect(light).toBe(full);
        continue;
      }
      for (const key of [...STUB_KEYS, ...MORE_KEYS])
        expect([light.type, key, light[key as keyof typeof light]]).toEqual([full.type, key, full[key as keyof typeof full]]);
      expect(await light.load()).toBe(full);
    }
  });

  it('describe each type as its full type does, but for the form, until it loads', async () => {
    const registry = new NodeRegistry(webCoreNodeTypes);
    const eager = new NodeRegistry(coreNodeTypes);
    for (const light of registry.describe()) {
      const full = describeNodeType(eager.get(light.type)!);
      const { properties: _p, lazy: _l, outputs: _o, ...rest } = full;
      expect(light).toMatchObject(rest);
      if (light.lazy) expect(light.properties).toEqual({ type: 'object', properties: {} });
    }
    await Promise.all(registry.list().map((t) => registry.load(t.type)));
    expect(registry.describe()).toEqual(eager.describe());
  });

  it('load only what a run uses, and check its parameters then', async () => {
    const engine = createEngine();
    const lazyTypes = () =>
      engine.nodeTypes
        .describe()
        .filter((d) => d.lazy)
        .map((d) => d.type);
    const before = lazyTypes();
    expect(before).toContain('core.set');
    expect(before).toContain('core.sort');
    const workflow = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'set', type: 'core.set', parameters: { fields: [{ name: 'greeting', type: 'string', value: 'hello' }] } },
      ],
      connections: [['start', 'set']],
    });
    const execution = await engine.run(workflow);
    expect(execution.nodes['set']![0]!.output['main']![0]!.json).toEqual({ greeting: 'hello' });
    expect(lazyTypes()).toEqual(before.filter((t) => t !== 'core.set'));
    const wrong = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'limit', type: 'core.limit', parameters: { maxItems: 'many' } },
      ],
      connections: [['start', 'limit']],
    });
    await expect(engine.run(wrong)).rejects.toThrow("node 'limit' (Limit): parameter 'maxItems'");
  });
});
