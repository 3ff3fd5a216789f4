// Sub-ports: nodes attached to another through a non-main port (an agent's model, memory and tools) are checked
// when the workflow is, never run as steps, and are called by the node they are attached to.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WorkflowValidationError } from '../errors/workflow-validation.error.js';
import { NodeExecutionError } from '../errors/node-execution.error.js';
import { defineLazyNode, defineNode } from '../nodes/define-node.js';
import { silentLogger } from '../ports/logger.js';
import { createMemoryStorage } from '../storage/memory/memory-storage.js';
import { buildWorkflow } from '../testing/build-workflow.js';
import { testNodeTypes } from '../testing/test-nodes.js';
import { createEngine } from './engine.js';

/** Supplies a label read from its parameters, resolved against the consumer's item. */
const config = defineNode({
  type: 'test.config',
  version: 1,
  displayName: 'Config',
  group: 'utility',
  inputs: [],
  outputs: [],
  subOutputs: ['config'],
  properties: z.object({ label: z.string() }),
  execute: () => [],
  supply: (ctx, itemIndex) => ({ label: ctx.params(itemIndex).label }),
});

/** A tool-like node: upper-cases `$json.q`. */
const upper = defineNode({
  type: 'test.upper',
  version: 1,
  displayName: 'Upper',
  group: 'transform',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ text: z.string() }),
  execute: (ctx) => ctx.input().map((_, i) => ({ json: { text: ctx.params(i).text.toUpperCase() } })),
});

const fails = defineNode({
  type: 'test.fails',
  version: 1,
  displayName: 'Fails',
  group: 'transform',
  inputs: ['main'],
  outputs: ['main'],
  execute: () => {
    throw new NodeExecutionError('the service is down', { code: 'DOWN', retryable: false });
  },
});

/** Calls what is attached to it: the config for each item, then every tool with the item's `q`. */
const consumer = defineNode({
  type: 'test.consumer',
  version: 1,
  displayName: 'Consumer',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  subInputs: [{ name: 'config', displayName: 'Config', max: 1 }, { name: 'tool' }],
  async execute(ctx) {
    const out = [];
    for (const [i, item] of ctx.input().entries()) {
      const [cfg] = ctx.attached('config');
      const supplied = (await cfg?.supply(i)) as { label: string } | undefined;
      const tools: unknown[] = [];
      for (const tool of ctx.attached('tool')) {
        try {
          tools.push((await tool.run([{ json: { q: item.json.q } }])).main?.map((it) => it.json));
        } catch (error) {
          tools.push(`${tool.node.name}: ${(error as Error).message}`);
        }
      }
      ctx.addLogs([{ level: 'info', message: 'called', data: { tools: ctx.attached('tool').map((t) => t.node.name) } }]);
      out.push({ json: { label: supplied?.label, tools } });
    }
    return out;
  },
});

/** Keeps a counter per key across executions. */
const counter = defineNode({
  type: 'test.counter',
  version: 1,
  displayName: 'Counter',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  async execute(ctx) {
    const store = ctx.keyValue;
    if (!store) return [{ json: { store: 'none' } }];
    const count = ((await store.get('test.counter', 'k')) as number | undefined) ?? 0;
    await store.set('test.counter', 'k', count + 1);
    return [{ json: { count: count + 1 } }];
  },
});

const types = [...testNodeTypes, config, upper, fails, consumer, counter];
const engineWith = (options: Parameters<typeof createEngine>[0] = {}) =>
  createEngine({ nodeTypes: types, logger: silentLogger, ...options });

const attachedWorkflow = (extra: { disabledTool?: boolean } = {}) =>
  buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'use', name: 'Use', type: 'test.consumer' },
      { id: 'cfg', name: 'Settings', type: 'test.config', parameters: { label: 'for {{ $json.q }}' } },
      { id: 'up', name: 'Shout', type: 'test.upper', parameters: { text: '{{ $json.q }}!' } },
      { id: 'bad', name: 'Broken', type: 'test.fails', ...(extra.disabledTool ? { disabled: true } : {}) },
    ],
    connections: [
      ['start', 'use'],
      ['cfg:config', 'use:config'],
      ['up:tool', 'use:tool'],
      ['bad:tool', 'use:tool'],
    ],
  });

describe('sub-ports: running', () => {
  it('runs attached nodes only when the node they are attached to calls them, and records no step of theirs', async () => {
    const e = await engineWith().run(attachedWorkflow(), { input: [{ json: { q: 'a' } }, { json: { q: 'b' } }] });
    expect(e.status).toBe('success');
    expect(Object.keys(e.nodes).sort()).toEqual(['start', 'use']);
    expect(e.nodes.use![0]!.output.main!.map((i) => i.json)).toEqual([
      { label: 'for a', tools: [[{ text: 'A!' }], "Broken: Node 'Broken' failed: the service is down"] },
      { label: 'for b', tools: [[{ text: 'B!' }], "Broken: Node 'Broken' failed: the service is down"] },
    ]);
    expect(e.nodes.use![0]!.logs).toEqual([
      { level: 'info', message: 'called', data: { tools: ['Shout', 'Broken'] } },
      { level: 'info', message: 'called', data: { tools: ['Shout', 'Broken'] } },
    ]);
  });

  it('leaves disabled attached nodes out', async () => {
    const e = await engineWith().run(attachedWorkflow({ disabledTool: true }), { input: [{ json: { q: 'a' } }] });
    expect(e.nodes.use![0]!.output.main![0]!.json).toEqual({ label: 'for a', tools: [[{ text: 'A!' }]] });
  });

  it('supplies through a lazy stand-in, loading the full type first', async () => {
    const stub = defineLazyNode({
      type: 'test.lazyConfig',
      version: 1,
      displayName: 'Lazy config',
      group: 'utility',
      inputs: [],
      outputs: [],
      subOutputs: ['config'],
      load: async () => defineNode({ ...config, type: 'test.lazyConfig', displayName: 'Lazy config' }),
    });
    const wf = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'use', type: 'test.consumer' },
        { id: 'cfg', type: 'test.lazyConfig', parameters: { label: 'lazy' } },
      ],
      connections: [
        ['start', 'use'],
        ['cfg:config', 'use:config'],
      ],
    });
    const e = await createEngine({ nodeTypes: [...types, stub], logger: silentLogger }).run(wf, { input: [{ json: { q: 'x' } }] });
    expect(e.nodes.use![0]!.output.main![0]!.json).toEqual({ label: 'lazy', tools: [] });
  });

  it('never starts a run at a node that only attaches to others', async () => {
    const engine = engineWith();
    await expect(engine.run(attachedWorkflow(), { startNode: 'cfg' })).rejects.toThrow(
      "Cannot start at 'Settings': it is not a trigger (test.config has inputs).",
    );
  });
});

describe('sub-ports: validation', () => {
  const issues = (connections: [string, string][], extraNodes: Parameters<typeof buildWorkflow>[0]['nodes'] = []) => {
    const wf = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'use', name: 'Use', type: 'test.consumer' },
        { id: 'cfg', name: 'Settings', type: 'test.config', parameters: { label: 'x' } },
        { id: 'cfg2', name: 'Other settings', type: 'test.config', parameters: { label: 'y' } },
        { id: 'up', name: 'Shout', type: 'test.upper', parameters: { text: 'x' } },
        ...extraNodes,
      ],
      connections: [['start', 'use'], ...connections],
    });
    const result = engineWith().validate(wf);
    return result.success ? [] : result.error.issues.map((i) => ({ code: i.code, message: i.message }));
  };

  it('accepts nodes attached through same-named sub-ports', () => {
    expect(
      issues([
        ['cfg:config', 'use:config'],
        ['up:tool', 'use:tool'],
      ]),
    ).toEqual([]);
  });

  it('refuses a node attached through another sub-port, or a sub-port led into an item input', () => {
    expect(
      issues([
        ['up:tool', 'use:config'],
        ['cfg:config', 'use:main'],
      ]),
    ).toEqual([
      {
        code: 'sub_port_mismatch',
        message:
          'node \'Shout\' is connected from its "tool" port to the "config" sub-port of node \'Use\'; a Upper node cannot be attached there (it attaches through: tool)',
      },
      {
        code: 'sub_port_mismatch',
        message:
          'node \'Settings\' is attached through its "config" sub-port, which only goes to the same sub-port of another node, not to the "main" input of node \'Use\'',
      },
    ]);
  });

  it('refuses more attached nodes than a sub-port takes', () => {
    expect(
      issues([
        ['cfg:config', 'use:config'],
        ['cfg2:config', 'use:config'],
      ]),
    ).toEqual([
      {
        code: 'too_many_attached',
        message: 'node \'Use\' takes at most 1 node on its "config" sub-port; remove one of the connections',
      },
    ]);
  });

  it('refuses an attached node that also takes items', () => {
    expect(
      issues([
        ['up:tool', 'use:tool'],
        ['start', 'up'],
      ]),
    ).toEqual([
      {
        code: 'attached_node_connected',
        message:
          "node 'Shout' is attached to another node through connections[1], so that node runs it; it cannot also take or pass on items: remove this connection, or use another node",
      },
    ]);
  });

  it('does not count a node that only attaches to others as a trigger', () => {
    const wf = buildWorkflow({
      nodes: [
        { id: 'use', type: 'test.consumer' },
        { id: 'cfg', type: 'test.config', parameters: { label: 'x' } },
      ],
      connections: [['cfg:config', 'use:config']],
    });
    const result = engineWith().validate(wf);
    expect(result.success ? [] : result.error.issues.map((i) => i.code)).toEqual(['no_trigger']);
  });

  it('describes a tool as an object the model may call, refusing a name model APIs reject', () => {
    const wf = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'use', type: 'test.consumer' },
        { id: 'up', type: 'test.upper', parameters: { text: 'x' }, tool: { name: 'shout it', description: 'Shouts.' } },
      ],
      connections: [
        ['start', 'use'],
        ['up:tool', 'use:tool'],
      ],
    });
    const error = (() => {
      try {
        engineWith().parseWorkflow(wf);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect((error as WorkflowValidationError).issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['nodes.2.tool.name', 'node \'up\': a tool name is 1 to 64 letters, digits, "_" or "-", as model APIs require'],
    ]);
  });
});

describe('ctx.keyValue', () => {
  it('keeps records across executions of one storage, per tenant', async () => {
    const storage = createMemoryStorage();
    const wf = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'count', type: 'test.counter' },
      ],
      connections: [['start', 'count']],
    });
    const engine = engineWith({ storage });
    const counts = [];
    for (const tenantId of ['t1', 't1', 't2']) counts.push((await engine.run(wf, { tenantId })).nodes.count![0]!.output.main![0]!.json);
    // A new engine over the same storage: what a restart keeps.
    counts.push((await engineWith({ storage }).run(wf, { tenantId: 't1' })).nodes.count![0]!.output.main![0]!.json);
    expect(counts).toEqual([{ count: 1 }, { count: 2 }, { count: 1 }, { count: 3 }]);
    expect(await storage.keyValue!.get('t1', 'test.counter', 'k')).toBe(3);
  });

  it('is absent when the storage keeps no key-value records', async () => {
    const { keyValue: _none, ...storage } = createMemoryStorage();
    const wf = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'count', type: 'test.counter' },
      ],
      connections: [['start', 'count']],
    });
    const e = await engineWith({ storage }).run(wf);
    expect(e.nodes.count![0]!.output.main![0]!.json).toEqual({ store: 'none' });
  });
});
