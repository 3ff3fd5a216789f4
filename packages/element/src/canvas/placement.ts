import type { Connection, NodeTypeDescription, Workflow, WorkflowNode } from '@flowloom/engine';
import type { AddNodesChange, Position } from '../model/changes.js';
import { GRID, NODE_HEIGHT, NODE_WIDTH, snap } from '../model/geometry.js';

/** Horizontal distance from a node to the next one in a chain. */
export const COLUMN_STEP = NODE_WIDTH + GRID * 4;
/** Vertical distance between two branches leaving the same node. */
export const ROW_STEP = Math.ceil((NODE_HEIGHT + GRID * 2) / GRID) * GRID;
/** How far each paste or duplicate is moved from what it copies. */
export const PASTE_STEP: Position = { x: GRID * 2, y: GRID * 2 };

/** Whether a node at `p` would touch one of `nodes` (a grid step of air kept around each). */
export function overlapsAny(nodes: readonly WorkflowNode[], p: Position, ignore?: ReadonlySet<string>): boolean {
  return nodes.some(
    (n) => !ignore?.has(n.id) && Math.abs(n.position.x - p.x) < NODE_WIDTH + GRID && Math.abs(n.position.y - p.y) < NODE_HEIGHT + GRID,
  );
}

/**
 * The first free spot from `p` on: stepping down (a new branch goes below the
 * others) or right (a node added at the centre moves past the ones there).
 */
export function freeSpot(nodes: readonly WorkflowNode[], p: Position, direction: 'down' | 'right' = 'down'): Position {
  let q = snap(p);
  for (let i = 0; i < 200 && overlapsAny(nodes, q); i++) {
    q = direction === 'down' ? { x: q.x, y: q.y + ROW_STEP } : { x: q.x + COLUMN_STEP, y: q.y };
  }
  return q;
}

/**
 * Where a node added after output `port` of `source` goes: one column to the
 * right, level with the source for its first output and lower for later
 * ones (an If's false branch under its true branch), below every node the
 * source already feeds, and never on top of another node.
 */
export function placeAfter(
  workflow: Workflow,
  source: WorkflowNode,
  port: string,
  describe: (type: string) => NodeTypeDescription | undefined,
): Position {
  const outputs = describe(source.type)?.outputs ?? ['main'];
  const index = Math.max(0, outputs.indexOf(port));
  const x = source.position.x + COLUMN_STEP;
  let y = source.position.y + index * ROW_STEP;
  const fed = new Set(workflow.connections.filter((c: Connection) => c.from.node === source.id).map((c) => c.to.node));
  for (const n of workflow.nodes) if (fed.has(n.id)) y = Math.max(y, n.position.y + ROW_STEP);
  return freeSpot(workflow.nodes, { x, y }, 'down');
}

/**
 * Moves pasted nodes by a step, and by another each time that would put one
 * of them on a node already there: pasting twice (or duplicating) never
 * stacks copies on the originals or on each other.
 */
export function offsetPaste(workflow: Workflow, change: AddNodesChange): AddNodesChange {
  const onTop = (dx: number, dy: number) =>
    change.nodes.some((p) =>
      workflow.nodes.some(
        (n) => Math.abs(n.position.x - (p.position.x + dx)) < GRID && Math.abs(n.position.y - (p.position.y + dy)) < GRID,
      ),
    );
  let [dx, dy] = [PASTE_STEP.x, PASTE_STEP.y];
  for (let i = 0; i < 100 && onTop(dx, dy); i++) [dx, dy] = [dx + PASTE_STEP.x, dy + PASTE_STEP.y];
  return { ...change, nodes: change.nodes.map((n) => ({ ...n, position: { x: n.position.x + dx, y: n.position.y + dy } })) };
}
