import { ITEM_PRESERVING_TYPES, SINGLE_ITEM_TYPES } from './mappers/index.js';
import type { N8nEdge } from './n8n-connections.js';
import type { N8nNodeEntry } from './read-n8n.js';

const MULTI_OUTPUT_TYPES = new Set([
  'n8n-nodes-base.if',
  'n8n-nodes-base.switch',
  'n8n-nodes-base.splitInBatches',
  'n8n-nodes-base.filter',
]);

/**
 * Decides when n8n's `$('Earlier').item` (the item n8n pairs with the current
 * one) is Flowloom's `$node("Earlier").json` (the item at the same index):
 * when `Earlier` always outputs one item (a Webhook, an Aggregate, or an
 * Edit Fields fed by one), or when the only path from it to the current node
 * runs through nodes that output each input item at its own index (Edit
 * Fields, No Operation, Date & Time...).
 */
export function itemAlignment(
  nodes: readonly N8nNodeEntry[],
  edges: readonly N8nEdge[],
): (earlierN8nName: string, current: N8nNodeEntry) => boolean {
  const byName = new Map<string, N8nNodeEntry>();
  for (const node of nodes) if (!byName.has(node.n8nName)) byName.set(node.n8nName, node);
  const incoming = new Map<N8nNodeEntry, N8nEdge[]>();
  const outputsUsed = new Map<N8nNodeEntry, Set<number>>();
  for (const edge of edges) {
    incoming.set(edge.to, [...(incoming.get(edge.to) ?? []), edge]);
    outputsUsed.set(edge.from, (outputsUsed.get(edge.from) ?? new Set()).add(edge.output));
  }
  const singleOutput = (node: N8nNodeEntry) =>
    !MULTI_OUTPUT_TYPES.has(node.type) && [...(outputsUsed.get(node) ?? [])].every((output) => output === 0);

  const preserves = (node: N8nNodeEntry) => (ITEM_PRESERVING_TYPES.has(node.type) || node.disabled) && singleOutput(node);
  /** Whether a node always outputs exactly one item: by its type, or by passing on the one item of the node before it. */
  const singleItem = (node: N8nNodeEntry, seen = new Set<N8nNodeEntry>()): boolean => {
    if (seen.has(node)) return false;
    seen.add(node);
    if (node.disabled) {
      const into = incoming.get(node) ?? [];
      return into.length === 1 && into[0]!.output === 0 && singleItem(into[0]!.from, seen);
    }
    if (SINGLE_ITEM_TYPES.has(node.type)) return true;
    if (!preserves(node)) return false;
    if (node.executeOnce) return true;
    const into = incoming.get(node) ?? [];
    return into.length === 1 && into[0]!.output === 0 && singleOutput(into[0]!.from) && singleItem(into[0]!.from, seen);
  };

  return (earlierName, current) => {
    const earlier = byName.get(earlierName);
    if (!earlier || !singleOutput(earlier)) return false;
    if (singleItem(earlier)) return true;
    const visited = new Set<N8nNodeEntry>();
    let at = current;
    for (;;) {
      const into = incoming.get(at) ?? [];
      if (into.length !== 1 || into[0]!.output !== 0 || visited.has(at)) return false;
      visited.add(at);
      const from = into[0]!.from;
      if (from === earlier) return true;
      if (!preserves(from) || from.executeOnce) return false;
      at = from;
    }
  };
}

/**
 * Whether a node is before another over main connections (any path): n8n reads `$node["Earlier"]` only
 * from nodes connected after it, and fails otherwise.
 */
export function upstreamOf(edges: readonly N8nEdge[]): (earlierN8nName: string, current: N8nNodeEntry) => boolean {
  const into = new Map<N8nNodeEntry, N8nNodeEntry[]>();
  for (const edge of edges) into.set(edge.to, [...(into.get(edge.to) ?? []), edge.from]);
  const cache = new Map<N8nNodeEntry, Set<string>>();
  const before = (node: N8nNodeEntry): Set<string> => {
    let names = cache.get(node);
    if (names) return names;
    names = new Set();
    const queue = [...(into.get(node) ?? [])];
    const seen = new Set<N8nNodeEntry>();
    while (queue.length > 0) {
      const at = queue.shift()!;
      if (seen.has(at)) continue;
      seen.add(at);
      names.add(at.n8nName);
      queue.push(...(into.get(at) ?? []));
    }
    cache.set(node, names);
    return names;
  };
  return (earlierName, current) => before(current).has(earlierName);
}
