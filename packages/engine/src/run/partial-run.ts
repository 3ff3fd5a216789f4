import { FlowloomError } from '../errors/flowloom.error.js';
import type { Activation } from '../model/activation.js';
import type { Item } from '../model/item.js';
import { isTriggerType } from '../model/node-type-lookup.js';
import type { CompiledNode, CompiledWorkflow } from './compiled-workflow.js';
import { findItemProblem } from './normalize-output.js';

/**
 * What a partial run does ("execute step"): the destination and the nodes
 * before it that must run again, and where it starts.
 */
export interface PartialRunPlan {
  /** Id of the node the run ends at: it runs, and its output goes nowhere. */
  destination: string;
  /** The nodes items may be delivered to: the destination and the nodes before it that run again. */
  nodes: ReadonlySet<string>;
  /** Output of an earlier run (first output port) for the nodes that give it instead of running. */
  runData: Record<string, Item[]>;
  /** Every earlier output the run may read (`$('Node')`): the run data and the pinned data in use, but the destination's. */
  earlier: Record<string, Item[]>;
  /** The first activations: the nodes giving data (with no input) and the roots that must run. */
  start: Activation[];
}

/** What `planPartialRun` takes. */
export interface PartialRunRequest {
  /** Id or name of the destination. */
  destination: string;
  /** Earlier outputs by node id (first output port). */
  runData: Readonly<Record<string, Item[]>>;
  /** Pinned outputs in use for this run (the workflow's, when pin data is used). */
  pinData: Readonly<Record<string, Item[]>> | undefined;
  /** Items for a trigger that has to run. */
  input: Item[];
  /** The trigger asked for, if any (id or name), when several could start the run. */
  startNode: string | undefined;
}

/**
 * Plans a run that ends at one node. Walking back from the destination along
 * item connections, a node with pinned data or earlier run data gives that
 * data and the walk stops there; any other node must run, and so must the
 * nodes before it. Where the walk reaches a node with no incoming items, that
 * node starts the run: a trigger with the run's input (one trigger, the one
 * asked for, else the manual trigger, else the first), any other node with
 * one empty item. The destination always runs, even when earlier run data
 * has its output (pinned data still stands in for it, as in any run).
 *
 * Throws a `FlowloomError` (`DESTINATION_NODE_INVALID`) naming the node when
 * the destination is unknown, disabled or attached to another node, and
 * (`RUN_DATA_INVALID`) naming the node and path when run data is not items.
 */
export function planPartialRun(compiled: CompiledWorkflow, request: PartialRunRequest): PartialRunPlan {
  const target = compiled.nodes.get(request.destination) ?? compiled.byName.get(request.destination);
  if (!target) {
    throw new FlowloomError('DESTINATION_NODE_INVALID', `Cannot run to '${request.destination}': no node has that id or name.`);
  }
  const name = target.node.name;
  if (target.node.disabled) throw new FlowloomError('DESTINATION_NODE_INVALID', `Cannot run to '${name}': the node is disabled.`);
  if (target.type.inputs.length === 0 && target.type.subOutputs?.length) {
    throw new FlowloomError(
      'DESTINATION_NODE_INVALID',
      `Cannot run to '${name}': it is attached to another node and runs only with it; run to that node instead.`,
    );
  }
  checkRunData(compiled, request.runData);

  const destination = target.node.id;
  const hasData = (id: string) => id !== destination && (request.pinData?.[id] !== undefined || request.runData[id] !== undefined);
  const nodes = new Set<string>([destination]);
  const givers = new Set<string>();
  const roots: CompiledNode[] = [];
  const queue = [destination];
  while (queue.length > 0) {
    const id = queue.shift()!;
    const node = compiled.nodes.get(id)!;
    const incoming = (compiled.graph.incoming.get(id) ?? []).filter((e) => node.inputs.includes(e.toPort));
    if (incoming.length === 0 && !hasData(id)) roots.push(node);
    for (const edge of incoming) {
      if (nodes.has(edge.from) || givers.has(edge.from)) continue;
      if (hasData(edge.from)) givers.add(edge.from);
      else {
        nodes.add(edge.from);
        queue.push(edge.from);
      }
    }
  }

  const triggers = roots.filter((n) => isTriggerType(n.type));
  const asked =
    request.startNode === undefined ? undefined : (compiled.nodes.get(request.startNode) ?? compiled.byName.get(request.startNode));
  const trigger =
    triggers.find((n) => n === asked) ??
    triggers.find((n) => n.type.type === 'core.manualTrigger' && !n.node.disabled) ??
    triggers.find((n) => !n.node.disabled) ??
    triggers[0];
  for (const other of triggers) if (other !== trigger) nodes.delete(other.node.id);

  const runData: Record<string, Item[]> = {};
  const start: Activation[] = [];
  // In the workflow's order, so the first node of the document runs first.
  const order = new Map(compiled.workflow.nodes.map((n, i) => [n.id, i]));
  const starters = [...givers, ...roots.filter((n) => !isTriggerType(n.type) || n === trigger).map((n) => n.node.id)].sort(
    (a, b) => order.get(a)! - order.get(b)!,
  );
  for (const id of starters) {
    if (givers.has(id)) {
      const data = request.runData[id];
      if (data && request.pinData?.[id] === undefined) runData[id] = data;
      start.push({ nodeId: id, inputs: {} });
    } else {
      const node = compiled.nodes.get(id)!;
      start.push({ nodeId: id, inputs: { main: isTriggerType(node.type) ? request.input : [{ json: {} }] } });
    }
  }
  if (start.length === 0) {
    throw new FlowloomError(
      'DESTINATION_NODE_INVALID',
      `Cannot run to '${name}': nothing before it can start a run (no trigger, pinned data or earlier run data on the way to it).`,
    );
  }
  const earlier: Record<string, Item[]> = { ...request.runData, ...request.pinData };
  if (request.pinData?.[destination] === undefined) delete earlier[destination];
  return { destination, nodes, runData, earlier, start };
}

/**
 * The partial run a run's options ask for (`destinationNode`, with `runData`),
 * or undefined when they ask for none.
 */
export function partialRunOf(
  compiled: CompiledWorkflow,
  options: { destinationNode?: string; runData?: Record<string, Item[]>; startNode?: string },
  pinData: Readonly<Record<string, Item[]>> | undefined,
  input: Item[],
): PartialRunPlan | undefined {
  if (options.destinationNode === undefined) return undefined;
  return planPartialRun(compiled, {
    destination: options.destinationNode,
    runData: options.runData ?? {},
    pinData,
    input,
    startNode: options.startNode,
  });
}

function checkRunData(compiled: CompiledWorkflow, runData: Readonly<Record<string, Item[]>>): void {
  if (typeof runData !== 'object' || runData === null || Array.isArray(runData)) {
    throw new FlowloomError('RUN_DATA_INVALID', 'Run data must be an object of items by node id.');
  }
  for (const [id, items] of Object.entries(runData)) {
    const node = compiled.nodes.get(id);
    if (!node) throw new FlowloomError('RUN_DATA_INVALID', `Run data names '${id}', which is not the id of a node of this workflow.`);
    const problem = findItemProblem(items, `runData['${id}']`);
    if (problem) throw new FlowloomError('RUN_DATA_INVALID', `Run data of node '${node.node.name}': ${problem}.`);
  }
}
