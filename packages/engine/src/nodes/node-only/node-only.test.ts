import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import { buildWorkflow } from '../../testing/build-workflow.js';
import { defineNode, implementNode } from '../define-node.js';
import { NodeRegistry } from '../node-registry.js';
import { coreNodeTypes } from '../core/index.js';
import { executeCommandDescription } from './execute-command.js';
import { nodeOnlyNodeTypes } from './index.js';

const commandWorkflow = (command: unknown) =>
  buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'cmd', name: 'Command', type: 'core.executeCommand', parameters: { command } },
    ],
    connections: [['start', 'cmd']],
  });

describe('Node-only node types on every engine', () => {
  it('are core types, described for palettes with their forms and marked nodeOnly', () => {
    const described = new NodeRegistry(coreNodeTypes).describe().filter((d) => d.nodeOnly);
    expect(described.map((d) => d.type).sort()).toEqual([
      'core.emailTrigger',
      'core.executeCommand',
      'core.readWriteFile',
      'core.sendEmail',
    ]);
    expect(described.find((d) => d.type === 'core.sendEmail')).toMatchObject({
      credentials: [{ name: 'smtp', type: 'smtp', required: true }],
      properties: { properties: { from: { type: 'string' }, attachments: { type: 'string' } } },
    });
    expect(nodeOnlyNodeTypes.every((t) => coreNodeTypes.includes(t))).toBe(true);
  });

  it("validate a workflow's parameters on an engine that cannot run them", () => {
    const engine = createEngine({ logger: silentLogger });
    expect(engine.validate(commandWorkflow('ls -la')).success).toBe(true);
    const refused = engine.validate(commandWorkflow(''));
    expect(refused.success ? '' : refused.error.message).toContain(
      "nodes[1].parameters.command: node 'Command' (Execute Command): parameter 'command' must not be empty",
    );
  });

  it('fail to run there with NODE_UNAVAILABLE, naming createNodeEngine', async () => {
    const engine = createEngine({ logger: silentLogger });
    const execution = await engine.run(commandWorkflow('ls -la'));
    expect(execution.error).toMatchObject({ code: 'NODE_UNAVAILABLE' });
    expect(execution.error?.message).toBe(
      "Node 'Command': Execute Command runs only in Node.js, on an engine made with createNodeEngine from @flowloom/engine/node; this engine cannot run it.",
    );
  });
});

describe('implementNode', () => {
  const echo = implementNode(executeCommandDescription, { execute: (ctx) => [{ json: { ran: ctx.params(0).command } }] });

  it('gives a type that takes the description’s place on an engine, and runs there', async () => {
    const engine = createEngine({ logger: silentLogger, nodeTypes: [echo, executeCommandDescription] });
    expect(engine.nodeTypes.get('core.executeCommand', 1)).toBe(echo);
    const execution = await engine.run(commandWorkflow('ls -la'));
    expect(execution.nodes.cmd?.[0]?.output.main).toEqual([{ json: { ran: 'ls -la' } }]);
  });

  it('is the only way to replace a core type: another definition of the same id and version is refused', () => {
    const other = defineNode({ ...executeCommandDescription, execute: () => [] });
    expect(() => createEngine({ logger: silentLogger, nodeTypes: [other] })).toThrow(
      "Node type 'core.executeCommand' version 1 is registered twice; give the second one another type id or version.",
    );
  });

  it('takes only the description of a nodeOnly type', () => {
    const noOp = coreNodeTypes.find((t) => t.type === 'core.noOp')!;
    expect(() => implementNode(noOp, { execute: () => [] })).toThrow(/nodeOnly/);
    expect(() => implementNode(echo, { execute: () => [] })).toThrow(/nodeOnly/);
  });
});
