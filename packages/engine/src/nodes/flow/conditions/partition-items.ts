import type { Item } from '../../../model/item.js';
import type { NodeContext } from '../../node-context.js';
import type { ConditionGroup, ConditionOptions } from './condition-schema.js';
import { testConditions } from './evaluate-conditions.js';
import { loadRegex, mayUseRegex } from './regex.js';

/** The parameters of a node built on one conditions group (If, Filter). */
export type ConditionParams = ConditionGroup & ConditionOptions;

/**
 * Splits a node's input items into those that pass its conditions and those
 * that do not, resolving the parameters per item (so expressions see each
 * item). Items are passed on as they are, never copied.
 */
export async function partitionItems(ctx: NodeContext<ConditionParams>): Promise<{ kept: Item[]; discarded: Item[] }> {
  const items = ctx.input();
  const regex = mayUseRegex(ctx.node.parameters) ? await loadRegex() : undefined;
  const kept: Item[] = [];
  const discarded: Item[] = [];
  const site = {
    nodeName: ctx.node.name,
    parameter: 'conditions',
    itemIndex: 0,
    options: { ignoreCase: false, looseTypeValidation: false },
    regex,
  };
  for (let i = 0; i < items.length; i++) {
    const params = ctx.params(i);
    site.itemIndex = i;
    site.options = params;
    (testConditions(params, items[i]!, site) ? kept : discarded).push(items[i]!);
  }
  return { kept, discarded };
}
