import { z } from 'zod';
import { NodeExecutionError } from '../errors/node-execution.error.js';
import { defineNode } from '../nodes/define-node.js';
import { silentLogger } from '../ports/logger.js';
import { createEngine, type EngineOptions } from '../run/engine.js';
import type { Execution } from '../model/execution.js';
import { buildWorkflow } from './build-workflow.js';
import { testNodeTypes } from './test-nodes.js';

/** How many times each node ran for real, by node id; tests reset it. */
export const invocations = new Map<string, number>();

/** Adds `add` to field `n` of each item and counts its invocations; fails while `fail` is true. */
export const stepNode = defineNode({
  type: 'test.step',
  version: 1,
  displayName: 'Step',
  description: 'Test helper: adds a number to n, counting its runs; fails on request.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ add: z.number().default(1), fail: z.boolean().default(false) }),
  execute(ctx) {
    invocations.set(ctx.node.id, (invocations.get(ctx.node.id) ?? 0) + 1);
    const { add, fail } = ctx.params();
    if (fail) throw new NodeExecutionError(`step ${ctx.node.name} was told to fail`, { retryable: false });
    return ctx.input().map((item) => ({ json: { ...item.json, n: Number(item.json['n'] ?? 0) + add, [ctx.node.id]: true } }));
  },
});

/** An engine with the test node types and no console output. */
export const historyEngine = (options: EngineOptions = {}) =>
  createEngine({ nodeTypes: [...testNodeTypes, stepNode], logger: silentLogger, ...options });

/** start -> a -> b -> c (c fails when `failAt` is 'c'...), with an id. */
export function chain(failAt?: string, settings: Parameters<typeof buildWorkflow>[0]['settings'] = {}) {
  const step = (id: string, add: number) => ({ id, type: 'test.step', parameters: { add, fail: id === failAt } });
  return buildWorkflow({
    id: 'chain',
    nodes: [{ id: 'start', type: 'core.manualTrigger' }, step('a', 1), step('b', 10), step('c', 100)],
    connections: [
      ['start', 'a'],
      ['a', 'b'],
      ['b', 'c'],
    ],
    settings,
  });
}

/** The JSON items of a node's last run on `main`. */
export const lastOutput = (e: Execution | undefined, nodeId: string) => e?.nodes[nodeId]?.at(-1)?.output['main']?.map((i) => i.json);
