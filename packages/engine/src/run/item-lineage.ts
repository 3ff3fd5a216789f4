import type { Item, PortItems } from '../model/item.js';

interface RecordedLinks {
  /** The node's input ports in order: `pairedItem.input` indexes them. */
  readonly ports: readonly string[];
  readonly input: PortItems;
  readonly output: PortItems;
}

/**
 * Where each item of a run came from (n8n's paired items), so that
 * `$('Earlier').item` reads the item of `Earlier` that the current item
 * descends from rather than the one at the same index.
 *
 * Items are never copied between nodes, so an item a node passes on
 * unchanged (a Filter, an If, a Loop Over Items batch) is the same object in
 * its output as in its input and needs no link. A new item links to the
 * input items its `pairedItem` names; without one, to the input's only item,
 * or to the item at its own index when the output has as many items as the
 * input. An item met before keeps the links it had (a Loop Over Items gives
 * back items it kept from earlier runs).
 *
 * Recording a node run is one push; links are worked out only when an
 * expression first asks for an ancestor, so runs that never ask pay nothing.
 */
export class ItemLineage {
  #pending: RecordedLinks[] = [];
  /** Each node's last output (every port), by node id. */
  readonly #last = new Map<string, PortItems>();
  readonly #byItem = new WeakMap<PortItems, Map<Item, Item>>();
  /** Each linked item's parent, or parents when it has several (an Aggregate's, a Merge's). Plain maps: they live as long as the run. */
  readonly #parents = new Map<Item, Item | Item[]>();
  readonly #seen = new Set<Item>();

  /** Notes a finished run of node `nodeId`: the items that came in on `ports` and the items it gave. */
  record(nodeId: string, ports: readonly string[], input: PortItems, output: PortItems): void {
    this.#pending.push({ ports, input, output });
    this.#last.set(nodeId, output);
  }

  /**
   * The item of node `nodeId`'s last run, on any of its outputs, that `item`
   * descends from; undefined when the links do not reach it.
   */
  pairedItem(nodeId: string, item: Item): Item | undefined {
    const output = this.#last.get(nodeId);
    if (!output) return undefined;
    if (this.#pending.length > 0) this.#link();
    let index = this.#byItem.get(output);
    if (!index) {
      index = new Map();
      for (const port in output) for (const it of output[port] ?? []) index.set(it, it);
      this.#byItem.set(output, index);
    }
    return this.#search(index, item);
  }

  /** From `item` up its links, breadth first: the value `index` holds for the nearest ancestor it knows. */
  #search<T>(index: ReadonlyMap<Item, T>, item: Item): T | undefined {
    // Most items have one parent: walk the chain without allocating, until an item has several.
    let current: Item | undefined = item;
    for (let steps = 0; current && steps < 10_000; steps++) {
      const found = index.get(current);
      if (found !== undefined) return found;
      const parent: Item | Item[] | undefined = this.#parents.get(current);
      if (!Array.isArray(parent)) current = parent;
      else return this.#searchAll(index, parent);
    }
    return undefined;
  }

  #searchAll<T>(index: ReadonlyMap<Item, T>, start: readonly Item[]): T | undefined {
    const queue = start.slice();
    const visited = new Set<Item>(queue);
    for (let at = 0; at < queue.length; at++) {
      const current = queue[at]!;
      const found = index.get(current);
      if (found !== undefined) return found;
      const parent = this.#parents.get(current);
      for (const next of parent === undefined ? [] : Array.isArray(parent) ? parent : [parent]) {
        if (visited.has(next)) continue;
        visited.add(next);
        queue.push(next);
      }
    }
    return undefined;
  }

  #link(): void {
    const runs = this.#pending;
    this.#pending = [];
    for (const { ports, input, output } of runs) {
      for (const port in input) for (const item of input[port] ?? []) this.#seen.add(item);
      const first = input[ports[0] ?? 'main'] ?? Object.values(input)[0] ?? [];
      for (const port in output) {
        const items = output[port] ?? [];
        for (let i = 0; i < items.length; i++) {
          const item = items[i]!;
          if (this.#seen.has(item)) continue;
          this.#seen.add(item);
          const parents = this.#parentsOf(item, i, items.length, ports, input, first);
          if (parents !== undefined) this.#parents.set(item, parents);
        }
      }
    }
  }

  #parentsOf(
    item: Item,
    i: number,
    count: number,
    ports: readonly string[],
    input: PortItems,
    first: readonly Item[],
  ): Item | Item[] | undefined {
    const paired = item.pairedItem;
    if (paired !== undefined && !Array.isArray(paired)) return input[ports[paired.input ?? 0] ?? 'main']?.[paired.item];
    if (paired !== undefined) {
      const out: Item[] = [];
      for (const p of paired) {
        const from = input[ports[p.input ?? 0] ?? 'main']?.[p.item];
        if (from) out.push(from);
      }
      return out.length > 1 ? out : out[0];
    }
    if (first.length === 1) return first[0];
    if (first.length === count) return first[i];
    return undefined;
  }
}
