import type { WorkflowNode, WorkflowNote } from '@flowloom/engine';
import { boundsOf, NODE_HEIGHT, NODE_WIDTH, type Rect } from '../model/geometry.js';
import { withNotes } from '../notes/note-actions.js';

/** How the minimap maps canvas units to its pixels. */
export interface MinimapScale {
  bounds: Rect;
  scale: number;
  offsetX: number;
  offsetY: number;
}

/** The scale that fits the nodes, the notes and the visible area into a minimap of the given size. */
export function minimapScale(
  nodes: readonly WorkflowNode[],
  view: Rect,
  width: number,
  height: number,
  notes: readonly WorkflowNote[] = [],
): MinimapScale {
  const b = withNotes(boundsOf(nodes), notes) ?? view;
  const x = Math.min(b.x, view.x);
  const y = Math.min(b.y, view.y);
  const bounds = {
    x,
    y,
    width: Math.max(b.x + b.width, view.x + view.width) - x,
    height: Math.max(b.y + b.height, view.y + view.height) - y,
  };
  const scale = Math.min(width / bounds.width, height / bounds.height);
  return { bounds, scale, offsetX: (width - bounds.width * scale) / 2, offsetY: (height - bounds.height * scale) / 2 };
}

/** Draws the notes (under the nodes), the nodes (as small rectangles) and the visible area onto a 2D canvas. */
export function drawMinimap(
  ctx: CanvasRenderingContext2D,
  nodes: readonly WorkflowNode[],
  view: Rect,
  s: MinimapScale,
  colors: { node: string; view: string; note?: string },
  notes: readonly WorkflowNote[] = [],
): void {
  const { width, height } = ctx.canvas;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = colors.note ?? '#fde68a';
  for (const n of notes) {
    const [x, y] = n.position;
    const [w, h] = n.size;
    ctx.fillRect(
      s.offsetX + (x - s.bounds.x) * s.scale,
      s.offsetY + (y - s.bounds.y) * s.scale,
      Math.max(1, w * s.scale),
      Math.max(1, h * s.scale),
    );
  }
  ctx.fillStyle = colors.node;
  const w = Math.max(1, NODE_WIDTH * s.scale);
  const h = Math.max(1, NODE_HEIGHT * s.scale);
  for (const n of nodes) {
    ctx.fillRect(s.offsetX + (n.position.x - s.bounds.x) * s.scale, s.offsetY + (n.position.y - s.bounds.y) * s.scale, w, h);
  }
  ctx.strokeStyle = colors.view;
  ctx.lineWidth = 1.5;
  ctx.strokeRect(
    s.offsetX + (view.x - s.bounds.x) * s.scale,
    s.offsetY + (view.y - s.bounds.y) * s.scale,
    view.width * s.scale,
    view.height * s.scale,
  );
}
