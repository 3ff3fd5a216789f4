import type { NodeTypeDescription, WorkflowNode } from '@flowloom/engine';
import type { Position } from './changes.js';

/** Width of a node on the canvas, in canvas units. */
export const NODE_WIDTH = 200;
/** Height of a node on the canvas, in canvas units. */
export const NODE_HEIGHT = 64;
/** Snap grid step, in canvas units. */
export const GRID = 20;

/** A rectangle in canvas units. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The pan/zoom state: canvas point p is shown at `p * zoom + (x, y)`. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Rounds a position to the grid. */
export function snap(p: Position): Position {
  return { x: Math.round(p.x / GRID) * GRID, y: Math.round(p.y / GRID) * GRID };
}

/** Where a port sits: inputs spread down the left edge, outputs down the right. */
export function portPosition(node: WorkflowNode, side: 'in' | 'out', index: number, count: number): Position {
  const step = NODE_HEIGHT / (count + 1);
  return { x: node.position.x + (side === 'in' ? 0 : NODE_WIDTH), y: node.position.y + step * (index + 1) };
}

/** Output ports of a node given its type description (a missing type keeps one `main` port). */
export function outputsOf(desc: NodeTypeDescription | undefined): string[] {
  return desc ? desc.outputs : ['main'];
}

/** A type's rule for input ports whose number a parameter sets (the engine's `InputCount`), as its description carries it. */
interface InputCountRule {
  parameter: string;
  prefix: string;
  min: number;
  max: number;
}

/**
 * Input ports of a node given its type description and its parameters: as
 * many as the type's `inputCount` parameter says (a Merge of four inputs has
 * `input1` to `input4`), else the type's; one `main` port for a missing type.
 * The engine's `inputPortsOf` gives the same ports.
 */
export function inputsOf(desc: NodeTypeDescription | undefined, parameters: Readonly<Record<string, unknown>> = {}): string[] {
  if (!desc) return ['main'];
  const rule = (desc as { inputCount?: InputCountRule }).inputCount;
  const n = rule ? parameters[rule.parameter] : undefined;
  if (!rule || typeof n !== 'number' || !Number.isInteger(n) || n < rule.min || n > rule.max) return desc.inputs;
  return Array.from({ length: n }, (_, i) => `${rule.prefix}${i + 1}`);
}

/** An SVG path for an edge: a horizontal cubic curve from an output to an input. */
export function edgePath(a: Position, b: Position): string {
  const dx = Math.max(40, Math.abs(b.x - a.x) / 2);
  return `M${a.x},${a.y} C${a.x + dx},${a.y} ${b.x - dx},${b.y} ${b.x},${b.y}`;
}

/** The canvas rectangle visible through a viewport of the given pixel size. */
export function visibleRect(viewport: Viewport, width: number, height: number): Rect {
  return { x: -viewport.x / viewport.zoom, y: -viewport.y / viewport.zoom, width: width / viewport.zoom, height: height / viewport.zoom };
}

/** Whether two rectangles overlap. */
export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/** A node's rectangle. */
export function nodeRect(node: WorkflowNode): Rect {
  return { x: node.position.x, y: node.position.y, width: NODE_WIDTH, height: NODE_HEIGHT };
}

/** The rectangle around every node, or undefined when there are none. */
export function boundsOf(nodes: readonly WorkflowNode[]): Rect | undefined {
  if (nodes.length === 0) return undefined;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    minX = Math.min(minX, n.position.x);
    minY = Math.min(minY, n.position.y);
    maxX = Math.max(maxX, n.position.x + NODE_WIDTH);
    maxY = Math.max(maxY, n.position.y + NODE_HEIGHT);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The viewport that shows a rectangle centred in a pane, with padding, within zoom limits. */
export function fitViewport(bounds: Rect, width: number, height: number, min = 0.1, max = 1.5, padding = 40): Viewport {
  const zoom = Math.min(max, Math.max(min, Math.min((width - padding * 2) / bounds.width, (height - padding * 2) / bounds.height)));
  return { zoom, x: width / 2 - (bounds.x + bounds.width / 2) * zoom, y: height / 2 - (bounds.y + bounds.height / 2) * zoom };
}
