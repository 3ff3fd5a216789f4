/**
 * The workflows the services' tests run, in shorthand: a Manual Trigger
 * and nodes in a straight line, an Edit Fields node, a trigger with an If
 * before the node acting on its events.
 */
import type { Workflow } from '@flowloom/engine';
import { buildWorkflow, type NodeShorthand } from '@flowloom/engine/testing';

/** A Manual Trigger (`trigger`) followed by `nodes` in a straight line: the everyday shape of a workflow that uses a service. */
export function lineAfterTrigger(nodes: NodeShorthand[]): Workflow {
  const ids = ['trigger', ...nodes.map((n) => n.id)];
  return buildWorkflow({
    nodes: [{ id: 'trigger', type: 'core.manualTrigger' }, ...nodes],
    connections: ids.slice(1).map((id, i) => [ids[i]!, id] as [string, string]),
  });
}

/**
 * An Edit Fields node (`core.set`) setting `fields`, name to value
 * (expressions allowed; `{ type, value }` for another type than text). With
 * `only`, the item keeps no other field.
 */
export function editFields(
  node: { id: string; name?: string },
  fields: Record<string, string | { type: string; value: string }>,
  options: { only?: boolean } = {},
): NodeShorthand {
  return {
    ...node,
    type: 'core.set',
    parameters: {
      ...(options.only ? { include: 'none' } : {}),
      fields: Object.entries(fields).map(([name, value]) => (typeof value === 'string' ? { name, value } : { name, ...value })),
    },
  };
}

/**
 * The workflow a trigger's tests run: the trigger (`trigger`), an If (`big`)
 * that lets through the items meeting its condition, and the node `then`
 * acting on them.
 */
export function triggerIfThen(options: {
  id: string;
  trigger: Omit<NodeShorthand, 'id'>;
  test: { name: string; parameters: Record<string, unknown> };
  then: NodeShorthand;
}): Workflow {
  return buildWorkflow({
    id: options.id,
    nodes: [{ id: 'trigger', ...options.trigger }, { id: 'big', type: 'core.if', ...options.test }, options.then],
    connections: [
      ['trigger', 'big'],
      ['big:true', options.then.id],
    ],
  });
}
