import { subOutputPortsOf, TOOL_PORT, type Connection, type NodeTypeDescription, type Workflow, type WorkflowNode } from '@flowloom/engine';
import type { StringKey } from '../i18n/en.js';
import type { AddNodesChange } from './changes.js';
import { GRID, NODE_HEIGHT, NODE_WIDTH, snap } from './geometry.js';
import { newNodeId, uniqueName } from './names.js';

/** Looks a node type's description up by its id. */
export type DescribeType = (type: string) => NodeTypeDescription | undefined;

/** A sub-port other nodes are attached to (an agent's `model`, `memory`, `tool`), as a node type describes it. */
export type SubInput = NonNullable<NodeTypeDescription['subInputs']>[number];

/** Why a connection involving sub-ports is refused: a string key and its parameters, for a sentence. */
export interface SubPortProblem {
  key: StringKey;
  params: Record<string, string | number>;
}

/** The sub-inputs of a node type, in the order it declares them (none for a type without). */
export function subInputsOf(desc: NodeTypeDescription | undefined): readonly SubInput[] {
  return desc?.subInputs ?? [];
}

/** What a sub-input is called beside its port (`Chat Model`), its name when the type gives none. */
export function subInputLabel(port: SubInput): string {
  return port.displayName ?? port.name;
}

/** Whether a connection ends at a sub-input of its target, which attaches its source rather than feeding it items. */
export function isAttachment(workflow: Workflow, c: Connection, describe: DescribeType): boolean {
  const target = workflow.nodes.find((n) => n.id === c.to.node);
  return target !== undefined && subInputsOf(describe(target.type)).some((p) => p.name === c.to.port);
}

/** Whether a port of a node is one of the sub-ports it is attached through (not one of its item outputs). */
export function isSubOutput(node: WorkflowNode, port: string, describe: DescribeType): boolean {
  const desc = describe(node.type);
  if (!desc || port === 'error' || desc.outputs.includes(port)) return false;
  return subOutputPortsOf(desc).includes(port);
}

/** What deciding whether nodes show `tool` needs of a workflow, worked out once per version of it. */
const toolUse = new WeakMap<Workflow, { consumer: boolean; attached: ReadonlySet<string> }>();

/**
 * The sub-ports a node shows on its top edge: those its type declares (a chat
 * model's `model`), and `tool` for a node that takes items when the workflow
 * has a node that takes tools (or the node is attached as one already), so
 * workflows without an agent look as they always did.
 */
export function shownSubOutputs(workflow: Workflow, node: WorkflowNode, describe: DescribeType): string[] {
  const desc = describe(node.type);
  if (!desc) return [];
  const own = desc.subOutputs ?? [];
  if (own.includes(TOOL_PORT) || !subOutputPortsOf(desc).includes(TOOL_PORT)) return [...own];
  let use = toolUse.get(workflow);
  if (!use) {
    use = {
      consumer: workflow.nodes.some((n) => subInputsOf(describe(n.type)).some((p) => p.name === TOOL_PORT)),
      attached: new Set(workflow.connections.filter((c) => c.from.port === TOOL_PORT).map((c) => c.from.node)),
    };
    toolUse.set(workflow, use);
  }
  return use.consumer || use.attached.has(node.id) ? [...own, TOOL_PORT] : [...own];
}

/** The node types that can be attached to a sub-input named `port`: a Chat Model for `model`, any node taking items for `tool`. */
export function typesForSubInput(types: Iterable<NodeTypeDescription>, port: string): NodeTypeDescription[] {
  return [...types].filter((d) => !d.hidden && subOutputPortsOf(d).includes(port));
}

/** Nodes attached to one sub-input of a node. */
export function attachedTo(workflow: Workflow, nodeId: string, port: string): WorkflowNode[] {
  return workflow.connections
    .filter((c) => c.to.node === nodeId && c.to.port === port)
    .map((c) => workflow.nodes.find((n) => n.id === c.from.node))
    .filter((n): n is WorkflowNode => n !== undefined);
}

/** Whether a sub-input already holds as many nodes as it takes. */
export function isFull(workflow: Workflow, nodeId: string, port: SubInput): boolean {
  return port.max !== undefined && attachedTo(workflow, nodeId, port.name).length >= port.max;
}

/**
 * Why a connection that touches a sub-port may not be made, as the engine's
 * workflow checks would refuse it (`sub_port_mismatch`, `too_many_attached`,
 * `attached_node_connected`), or undefined. Connections between item ports
 * only are refused when one end is a node attached to another. Self-loops,
 * duplicates and cycles are the general connection rules'.
 */
export function subPortProblem(
  workflow: Workflow,
  c: Connection,
  describe: DescribeType,
  types: Iterable<NodeTypeDescription> = [],
): SubPortProblem | undefined {
  const source = workflow.nodes.find((n) => n.id === c.from.node);
  const target = workflow.nodes.find((n) => n.id === c.to.node);
  if (!source || !target) return undefined;
  const sourceDesc = describe(source.type);
  const targetDesc = describe(target.type);
  const sub = subInputsOf(targetDesc).find((p) => p.name === c.to.port);
  const fromSub = isSubOutput(source, c.from.port, describe);
  const typeName = sourceDesc?.displayName ?? source.type;
  if (!sub && !fromSub) {
    // Items between two nodes: neither may be attached to a node already.
    for (const node of [source, target]) {
      const consumer = workflow.connections.find((x) => x.from.node === node.id && isSubOutput(node, x.from.port, describe));
      if (consumer) {
        const name = workflow.nodes.find((n) => n.id === consumer.to.node)?.name ?? consumer.to.node;
        return { key: 'canvas.sub.attachedTakesNoItems', params: { name: node.name, consumer: name } };
      }
    }
    return undefined;
  }
  if (fromSub && !sub) return { key: 'canvas.sub.notAnInput', params: { type: typeName, port: c.from.port } };
  if (!sub) return undefined;
  const label = subInputLabel(sub);
  if (!fromSub) {
    const names = typesForSubInput(types, sub.name).map((d) => d.displayName);
    const examples = names.length > 3 ? `${names.slice(0, 3).join(', ')}…` : names.join(', ');
    return { key: 'canvas.sub.notItems', params: { port: label, types: examples || sub.name } };
  }
  if (c.from.port !== c.to.port) {
    return { key: 'canvas.sub.wrongPort', params: { type: typeName, from: c.from.port, port: label } };
  }
  const present = attachedTo(workflow, target.id, sub.name);
  if (sub.max !== undefined && present.length >= sub.max) {
    return {
      key: 'canvas.sub.full',
      params: { node: target.name, max: sub.max, port: label, attached: present.map((n) => n.name).join(', ') },
    };
  }
  const items = workflow.connections.find(
    (x) =>
      (x.to.node === source.id || x.from.node === source.id) &&
      !isAttachment(workflow, x, describe) &&
      !isSubOutput(source, x.from.port, describe),
  );
  if (items) return { key: 'canvas.sub.hasItems', params: { name: source.name } };
  return undefined;
}

/** Room kept at each end of a node's edge before its first and after its last sub-port. */
const SUB_PORT_MARGIN = 28;

/** How far from a node's left edge its sub-port `index` of `count` sits (spread out so their labels fit). */
export function subPortOffset(index: number, count: number): number {
  if (count <= 1) return NODE_WIDTH / 2;
  return SUB_PORT_MARGIN + ((NODE_WIDTH - 2 * SUB_PORT_MARGIN) / (count - 1)) * index;
}

const attachedIds = new WeakMap<Workflow, Set<string>>();

/** Whether a node is attached to another through one of its sub-ports (it then takes no items). */
export function isAttachedNode(workflow: Workflow, node: WorkflowNode, describe: DescribeType): boolean {
  let ids = attachedIds.get(workflow);
  if (!ids) {
    const byId = new Map(workflow.nodes.map((n) => [n.id, n]));
    const takes = (c: Connection) => {
      const target = byId.get(c.to.node);
      return target !== undefined && subInputsOf(describe(target.type)).some((p) => p.name === c.to.port);
    };
    ids = new Set(workflow.connections.filter(takes).map((c) => c.from.node));
    attachedIds.set(workflow, ids);
  }
  return ids.has(node.id);
}

/** How far below the node it serves an attached node is placed. */
export const ATTACHED_OFFSET_Y = NODE_HEIGHT + GRID * 8;

/**
 * The change that adds a node of type `desc` below `consumer`, under its
 * sub-input `port`, attached to it: one edit, undone as one. The node goes
 * to the first free spot to the right of that place.
 */
export function attachNewNode(
  workflow: Workflow,
  desc: NodeTypeDescription,
  consumer: WorkflowNode,
  port: SubInput,
  describe: DescribeType,
): AddNodesChange {
  const ports = subInputsOf(describe(consumer.type));
  const index = Math.max(
    0,
    ports.findIndex((p) => p.name === port.name),
  );
  let at = snap({
    x: consumer.position.x + subPortOffset(index, ports.length) - NODE_WIDTH / 2,
    y: consumer.position.y + ATTACHED_OFFSET_Y,
  });
  const taken = (q: { x: number; y: number }) =>
    workflow.nodes.some((n) => Math.abs(n.position.x - q.x) < NODE_WIDTH + GRID && Math.abs(n.position.y - q.y) < NODE_HEIGHT + GRID);
  for (let i = 0; i < 50 && taken(at); i++) at = { x: at.x + NODE_WIDTH + GRID * 2, y: at.y };
  const node: WorkflowNode = {
    id: newNodeId(),
    name: uniqueName(workflow, desc.displayName),
    type: desc.type,
    typeVersion: desc.version,
    position: at,
    parameters: {},
  };
  return {
    type: 'addNodes',
    nodes: [node],
    connections: [{ from: { node: node.id, port: port.name }, to: { node: consumer.id, port: port.name } }],
  };
}
