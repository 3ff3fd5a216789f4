import type { ValidationIssue } from '../errors/workflow-validation.error.js';
import type { Connection } from './connection.js';
import { outputPortsOf, subOutputPortsOf, type NodeTypeInfo } from './node-type-lookup.js';
import type { WorkflowNode } from './node.js';

/** What the attachment checks know of one node: its document entry and its type. */
export interface AttachmentNode {
  node: WorkflowNode;
  type: NodeTypeInfo;
}

/** Whether a connection ends at one of its target's sub-ports (a node attached to an agent), by the target's type. */
export function isAttachment(c: Connection, target: Pick<NodeTypeInfo, 'subInputs'> | undefined): boolean {
  return target?.subInputs?.some((p) => p.name === c.to.port) === true;
}

/**
 * Checks connections between sub-ports (see `SubInputPort`): a node is
 * attached through the sub-port of the same name on both ends, no sub-port
 * takes more nodes than its `max`, and an attached node takes no item
 * connections (the node it is attached to runs it, never the run loop).
 * Connections already reported broken (`skip`) are left out. Nodes not in
 * `byId` (unknown types, nodes the schema refused) are not judged.
 */
export function checkAttachments(
  connections: readonly (Connection | undefined)[],
  byId: ReadonlyMap<string, AttachmentNode>,
  skip: (index: number) => boolean,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const counts = new Map<string, number>();
  const attached = new Map<string, number>();
  const itemEdges = new Map<string, number>();
  connections.forEach((c, i) => {
    if (!c || skip(i)) return;
    const from = byId.get(c.from.node);
    const to = byId.get(c.to.node);
    if (!from || !to) return;
    const fromSub = !outputPortsOf(from.type, from.node.parameters).includes(c.from.port) && c.from.port !== 'error';
    const toSub = isAttachment(c, to.type);
    if (fromSub !== toSub || (toSub && c.from.port !== c.to.port)) {
      issues.push({
        code: 'sub_port_mismatch',
        path: ['connections', i],
        message: toSub
          ? `node '${from.node.name}' is connected from its ${JSON.stringify(c.from.port)} port to the ${JSON.stringify(c.to.port)} sub-port of node '${to.node.name}'; ` +
            (subOutputPortsOf(from.type).includes(c.to.port)
              ? `connect its ${JSON.stringify(c.to.port)} port instead`
              : `a ${from.type.displayName ?? from.type.type} node cannot be attached there (it attaches through: ${subOutputPortsOf(from.type).join(', ') || 'no sub-port'})`)
          : `node '${from.node.name}' is attached through its ${JSON.stringify(c.from.port)} sub-port, which only goes to the same sub-port of another node, not to the ${JSON.stringify(c.to.port)} input of node '${to.node.name}'`,
      });
      return;
    }
    if (!toSub) {
      itemEdges.set(c.from.node, i);
      itemEdges.set(c.to.node, i);
      return;
    }
    if (!attached.has(c.from.node)) attached.set(c.from.node, i);
    const key = `${c.to.node}\u0000${c.to.port}`;
    const count = (counts.get(key) ?? 0) + 1;
    counts.set(key, count);
    const max = to.type.subInputs!.find((p) => p.name === c.to.port)!.max;
    if (max !== undefined && count === max + 1) {
      issues.push({
        code: 'too_many_attached',
        path: ['connections', i],
        message: `node '${to.node.name}' takes at most ${max} node${max === 1 ? '' : 's'} on its ${JSON.stringify(c.to.port)} sub-port; remove one of the connections`,
      });
    }
  });
  for (const [id, at] of attached) {
    const edge = itemEdges.get(id);
    if (edge === undefined) continue;
    issues.push({
      code: 'attached_node_connected',
      path: ['connections', edge],
      message: `node '${byId.get(id)!.node.name}' is attached to another node through connections[${at}], so that node runs it; it cannot also take or pass on items: remove this connection, or use another node`,
    });
  }
  return issues;
}
