import type { Item } from '../../../model/item.js';

/**
 * The output item for input item `itemIndex` when a node replaces its `json`:
 * paired with that input and keeping its files, so later nodes still find them.
 */
export function withJson(item: Item, json: Record<string, unknown>, itemIndex: number): Item {
  const next: Item = { json, pairedItem: { item: itemIndex } };
  if (item.binary) next.binary = item.binary;
  return next;
}
