import type { Activation, RunPlanSnapshot } from '../model/activation.js';
import type { PortItems } from '../model/item.js';
import type { CompiledWorkflow } from './compiled-workflow.js';

export type { Activation };

/**
 * The pending work of a run as plain data, and the rules for it: pure
 * functions that return a new plan and never change the one given.
 *
 * - Depth first: the items a node emits are followed to the end of their
 *   branch before the next branch starts (upper branch on the canvas first).
 *   Or breadth first, when the workflow's `executionOrder` says so: they
 *   wait behind every activation already pending.
 * - A node with one connected input runs once per arrival of items.
 * - A node with several connected inputs (Merge) waits until every input has
 *   items or can no longer receive any, then runs with what it has.
 * - A node that receives no items does not run.
 */
export type Plan = RunPlanSnapshot;

/** The next activation and the plan without it, or undefined when nothing is left to run. */
export function nextActivation(plan: Plan): { activation: Activation; plan: Plan } | undefined {
  const top = plan.stack.at(-1);
  if (top) return { activation: top, plan: { stack: plan.stack.slice(0, -1), parked: plan.parked } };
  // Only parked nodes feeding each other are left: run the one that waited longest.
  const parked = plan.parked[0];
  if (!parked) return undefined;
  return { activation: { nodeId: parked.nodeId, inputs: parked.inputs }, plan: { stack: plan.stack, parked: plan.parked.slice(1) } };
}

/** Where items may go in a partial run: only to these nodes, and nowhere from the destination. */
export interface DeliveryScope {
  readonly nodes: ReadonlySet<string>;
  readonly destination: string;
}

/** The plan after a finished node's output is delivered to the nodes connected to it (those in `scope`, when given). */
export function deliver(graph: CompiledWorkflow, plan: Plan, nodeId: string, output: PortItems, scope?: DeliveryScope): Plan {
  const node = graph.nodes.get(nodeId);
  if (!node) return plan;
  // A partial run ends at its destination: its items go nowhere.
  const delivered = scope?.destination === nodeId ? {} : output;
  const stack = plan.stack.slice();
  // Copied only when there is something parked (most workflows never park anything).
  const parked = plan.parked.length === 0 ? [] : plan.parked.map((p) => ({ nodeId: p.nodeId, inputs: { ...p.inputs } }));
  const fresh: Activation[] = [];
  for (const port of node.outputs) {
    const items = delivered[port];
    if (!items || items.length === 0) continue;
    for (const edge of node.edgesByPort.get(port) ?? []) {
      const target = graph.nodes.get(edge.to);
      if (!target || (scope && !scope.nodes.has(edge.to))) continue;
      if (target.connectedInputs.length <= 1) {
        fresh.push({ nodeId: edge.to, inputs: { [edge.toPort]: items } });
        continue;
      }
      let waiting = parked.find((p) => p.nodeId === edge.to && !(edge.toPort in p.inputs));
      if (!waiting) {
        waiting = { nodeId: edge.to, inputs: {} };
        parked.push(waiting);
      }
      waiting.inputs[edge.toPort] = items;
      if (target.connectedInputs.every((p) => p in waiting.inputs)) {
        parked.splice(parked.indexOf(waiting), 1);
        fresh.push({ nodeId: edge.to, inputs: waiting.inputs });
      }
    }
  }
  const released = releaseStarved(graph, stack, parked, fresh);
  // The stack runs from its end. Depth first, the fresh activations go on top; breadth first, under
  // everything already waiting. Either way, released nodes run after the fresh ones, which cannot feed them.
  if (graph.breadthFirst) return { stack: [...released.reverse(), ...fresh.reverse(), ...stack], parked };
  for (let i = released.length - 1; i >= 0; i--) stack.push(released[i]!);
  for (let i = fresh.length - 1; i >= 0; i--) stack.push(fresh[i]!);
  return { stack, parked };
}

/** Takes out of `parked` the activations whose missing inputs nothing pending can feed any more. */
function releaseStarved(
  graph: CompiledWorkflow,
  stack: readonly Activation[],
  parked: Activation[],
  fresh: readonly Activation[],
): Activation[] {
  const released: Activation[] = [];
  for (let i = 0; i < parked.length;) {
    const p = parked[i]!;
    if (canStillReceive(graph, p, stack, parked, fresh)) {
      i++;
      continue;
    }
    parked.splice(i, 1);
    released.push({ nodeId: p.nodeId, inputs: p.inputs });
  }
  return released;
}

function canStillReceive(
  graph: CompiledWorkflow,
  p: Activation,
  stack: readonly Activation[],
  parked: readonly Activation[],
  fresh: readonly Activation[],
): boolean {
  const node = graph.nodes.get(p.nodeId)!;
  for (const port of node.connectedInputs) {
    if (port in p.inputs) continue;
    const feeders = graph.feedersOf(p.nodeId, port);
    if (stack.some((a) => feeders.has(a.nodeId)) || fresh.some((a) => feeders.has(a.nodeId))) return true;
    if (parked.some((o) => o !== p && feeders.has(o.nodeId))) return true;
  }
  return false;
}
