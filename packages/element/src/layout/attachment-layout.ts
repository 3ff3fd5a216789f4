import type { NodeTypeDescription, Workflow } from '@flowloom/engine';
import type { Position } from '../model/changes.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/geometry.js';
import type { LayoutGraph } from './layout-engine.js';

/** Room between a node and the row of nodes attached under it (its sub-port labels sit there). */
export const ATTACHED_GAP_Y = 80;
/** Room between two nodes attached side by side. */
export const ATTACHED_GAP_X = 40;

interface Box {
  width: number;
  height: number;
}

/**
 * The graph auto-layout arranges, and how to place every node from its
 * answer. Nodes attached through a sub-port (a Chat Model, a memory, a tool)
 * do not take part in the left-to-right flow: each goes below the node it is
 * attached to, side by side in the order of that node's sub-ports. The layout
 * engine sees one box per top-level node, tall and wide enough for what hangs
 * under it, so nothing overlaps.
 */
export function attachmentLayout(
  workflow: Workflow,
  describe: (type: string) => NodeTypeDescription | undefined,
): { graph: LayoutGraph; place(boxes: ReadonlyMap<string, Position>): Map<string, Position> } {
  const byId = new Map(workflow.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<string, string>();
  const children = new Map<string, { id: string; rank: number; order: number }[]>();
  const rootOf = (id: string): string => {
    let at = id;
    for (let p = parentOf.get(at); p !== undefined; p = parentOf.get(at)) at = p;
    return at;
  };
  workflow.connections.forEach((c, order) => {
    const target = byId.get(c.to.node);
    const ports = target ? (describe(target.type)?.subInputs ?? []) : [];
    const rank = ports.findIndex((p) => p.name === c.to.port);
    const child = c.from.node;
    // Attached once, to an existing node, and never under itself.
    if (rank < 0 || !byId.has(child) || parentOf.has(child) || rootOf(c.to.node) === child) return;
    parentOf.set(child, c.to.node);
    const list = children.get(c.to.node) ?? [];
    list.push({ id: child, rank, order });
    children.set(c.to.node, list);
  });
  for (const list of children.values()) list.sort((a, b) => a.rank - b.rank || a.order - b.order);

  const boxes = new Map<string, Box>();
  const boxOf = (id: string): Box => {
    const known = boxes.get(id);
    if (known) return known;
    const kids = (children.get(id) ?? []).map((k) => boxOf(k.id));
    const row = kids.reduce((sum, k) => sum + k.width, 0) + ATTACHED_GAP_X * Math.max(0, kids.length - 1);
    const box =
      kids.length === 0
        ? { width: NODE_WIDTH, height: NODE_HEIGHT }
        : { width: Math.max(NODE_WIDTH, row), height: NODE_HEIGHT + ATTACHED_GAP_Y + Math.max(...kids.map((k) => k.height)) };
    boxes.set(id, box);
    return box;
  };

  const roots = workflow.nodes.filter((n) => !parentOf.has(n.id));
  const edges: LayoutGraph['edges'] = [];
  const seen = new Set<string>();
  for (const c of workflow.connections) {
    if (parentOf.get(c.from.node) === c.to.node) continue;
    const [from, to] = [rootOf(c.from.node), rootOf(c.to.node)];
    const key = `${from}\u0000${to}`;
    if (from === to || seen.has(key) || !byId.has(from) || !byId.has(to)) continue;
    seen.add(key);
    edges.push({ from, to });
  }
  const graph: LayoutGraph = { nodes: roots.map((n) => ({ id: n.id, ...boxOf(n.id) })), edges };

  const place = (placed: ReadonlyMap<string, Position>): Map<string, Position> => {
    const out = new Map<string, Position>();
    const put = (id: string, x: number, y: number) => {
      const box = boxOf(id);
      out.set(id, { x: x + (box.width - NODE_WIDTH) / 2, y });
      const kids = children.get(id) ?? [];
      const row = kids.reduce((sum, k) => sum + boxOf(k.id).width, 0) + ATTACHED_GAP_X * Math.max(0, kids.length - 1);
      let cx = x + (box.width - row) / 2;
      for (const k of kids) {
        put(k.id, cx, y + NODE_HEIGHT + ATTACHED_GAP_Y);
        cx += boxOf(k.id).width + ATTACHED_GAP_X;
      }
    };
    for (const root of roots) {
      const at = placed.get(root.id);
      if (at) put(root.id, at.x, at.y);
    }
    return out;
  };
  return { graph, place };
}
