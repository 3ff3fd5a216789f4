import type { Item, PortItems } from '../model/item.js';
import type { CompiledWorkflow } from './compiled-workflow.js';

/** A node ready to run with the items that arrived on its inputs. */
export interface Activation {
  readonly nodeId: string;
  readonly inputs: PortItems;
}

interface Parked {
  nodeId: string;
  inputs: PortItems;
}

/** The plan's pending work as plain data, to store with a waiting execution. */
export interface RunPlanSnapshot {
  stack: Activation[];
  parked: Parked[];
}

/**
 * Decides what runs next. It performs no I/O and knows nothing of time: the
 * runner asks `next()`, runs that node, and reports its output with
 * `complete()`. Same graph and outputs, same order, every time.
 *
 * - Depth first: the items a node emits are followed to the end of their
 *   branch before the next branch starts (upper branch on the canvas first).
 * - A node with one connected input runs once per arrival of items.
 * - A node with several connected inputs (Merge) waits until every input has
 *   items or can no longer receive any, then runs with what it has.
 * - A node that receives no items does not run.
 */
export class RunPlan {
  readonly #stack: Activation[] = [];
  readonly #parked: Parked[] = [];

  constructor(private readonly graph: CompiledWorkflow) {}

  /** Schedules the start node with the trigger's items. */
  start(nodeId: string, items: Item[]): void {
    this.#stack.push({ nodeId, inputs: { main: items } });
  }

  /** The pending work as plain data (items are shared, not copied). */
  snapshot(): RunPlanSnapshot {
    return {
      stack: this.#stack.map((a) => ({ nodeId: a.nodeId, inputs: a.inputs })),
      parked: this.#parked.map((p) => ({ nodeId: p.nodeId, inputs: p.inputs })),
    };
  }

  /** Puts back pending work taken with `snapshot`, plus `top` to run first. */
  restore(snapshot: RunPlanSnapshot, top?: Activation): void {
    this.#stack.push(...snapshot.stack.map((a) => ({ nodeId: a.nodeId, inputs: a.inputs })));
    this.#parked.push(...snapshot.parked.map((p) => ({ nodeId: p.nodeId, inputs: p.inputs })));
    if (top) this.#stack.push(top);
  }

  /** The next activation, or undefined when the run is complete. */
  next(): Activation | undefined {
    const top = this.#stack.pop();
    if (top) return top;
    // Only parked nodes feeding each other are left: run the one that waited longest.
    const parked = this.#parked.shift();
    return parked ? { nodeId: parked.nodeId, inputs: parked.inputs } : undefined;
  }

  /** Whether anything is left to run. */
  get pending(): number {
    return this.#stack.length + this.#parked.length;
  }

  /** Delivers a finished node's output to the nodes connected to it. */
  complete(nodeId: string, output: PortItems): void {
    const node = this.graph.nodes.get(nodeId);
    if (!node) return;
    const fresh: Activation[] = [];
    for (const port of node.outputs) {
      const items = output[port];
      if (!items || items.length === 0) continue;
      for (const edge of node.edgesByPort.get(port) ?? []) this.#deliver(edge.to, edge.toPort, items, fresh);
    }
    const released = this.#releaseStarved(fresh);
    // Released nodes run after the fresh branch, which cannot feed them.
    for (let i = released.length - 1; i >= 0; i--) this.#stack.push(released[i]!);
    for (let i = fresh.length - 1; i >= 0; i--) this.#stack.push(fresh[i]!);
  }

  #deliver(nodeId: string, port: string, items: Item[], fresh: Activation[]): void {
    const target = this.graph.nodes.get(nodeId);
    if (!target) return;
    if (target.connectedInputs.length <= 1) {
      fresh.push({ nodeId, inputs: { [port]: items } });
      return;
    }
    let parked = this.#parked.find((p) => p.nodeId === nodeId && !(port in p.inputs));
    if (!parked) {
      parked = { nodeId, inputs: {} };
      this.#parked.push(parked);
    }
    parked.inputs[port] = items;
    if (target.connectedInputs.every((p) => p in parked.inputs)) {
      this.#parked.splice(this.#parked.indexOf(parked), 1);
      fresh.push({ nodeId, inputs: parked.inputs });
    }
  }

  /** Parked activations whose missing inputs nothing pending can feed any more. */
  #releaseStarved(fresh: readonly Activation[]): Activation[] {
    const released: Activation[] = [];
    for (let i = 0; i < this.#parked.length;) {
      const p = this.#parked[i]!;
      if (this.#canStillReceive(p, fresh)) {
        i++;
        continue;
      }
      this.#parked.splice(i, 1);
      released.push({ nodeId: p.nodeId, inputs: p.inputs });
    }
    return released;
  }

  #canStillReceive(p: Parked, fresh: readonly Activation[]): boolean {
    const node = this.graph.nodes.get(p.nodeId)!;
    for (const port of node.connectedInputs) {
      if (port in p.inputs) continue;
      const feeders = this.graph.feedersOf(p.nodeId, port);
      if (this.#stack.some((a) => feeders.has(a.nodeId)) || fresh.some((a) => feeders.has(a.nodeId))) return true;
      if (this.#parked.some((o) => o !== p && feeders.has(o.nodeId))) return true;
    }
    return false;
  }
}
