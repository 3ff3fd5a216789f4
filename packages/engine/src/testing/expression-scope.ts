import type { Item } from '../model/item.js';
import type { Workflow } from '../model/workflow.js';
import type { ExpressionScope } from '../expression/resolver.js';

/** Builds an ExpressionScope for tests and benchmarks of expressions, without running a workflow. */
export function makeExpressionScope(
  options: {
    items?: Item[];
    itemIndex?: number;
    outputs?: Record<string, Item[]>;
    nodes?: string[];
    vars?: Record<string, unknown>;
    env?: Record<string, unknown>;
    now?: number;
    timezone?: string;
  } = {},
): ExpressionScope {
  const items = options.items ?? [{ json: {} }];
  const itemIndex = options.itemIndex ?? 0;
  const outputs = options.outputs ?? {};
  const names = options.nodes ?? [...Object.keys(outputs), 'Current'];
  const workflow = {
    schemaVersion: 1,
    id: 'wf-1',
    name: 'Orders',
    nodes: names.map((name, i) => ({ id: `n${i}`, name, type: 'core.noOp', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} })),
    connections: [],
    settings: options.timezone ? { timezone: options.timezone } : {},
  } as unknown as Workflow;
  return {
    item: items[itemIndex],
    itemIndex,
    items,
    runIndex: 0,
    node: workflow.nodes[workflow.nodes.length - 1]!,
    workflow,
    execution: { id: 'ex-1', mode: 'manual', tenantId: 't1' },
    nodeOutput: (name) => outputs[name],
    vars: options.vars ?? {},
    env: options.env ?? {},
    now: options.now ?? Date.UTC(2024, 2, 31, 12, 0, 0),
  };
}
