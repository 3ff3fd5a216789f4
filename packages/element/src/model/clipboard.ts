import { WORKFLOW_SCHEMA_VERSION, type Connection, type Workflow, type WorkflowNode, type WorkflowNote } from '@flowloom/engine';
import type { AddNotesChange } from '../notes/note-changes.js';
import type { AddNodesChange, Position } from './changes.js';
import { GRID, NODE_HEIGHT, NODE_WIDTH } from './geometry.js';
import { newNodeId, uniqueName } from './names.js';

/** The notes lying wholly inside the box around the given nodes (notes written about a group of nodes). */
export function notesWithin(workflow: Workflow, nodes: readonly WorkflowNode[]): WorkflowNote[] {
  if (nodes.length === 0) return [];
  const left = Math.min(...nodes.map((n) => n.position.x));
  const top = Math.min(...nodes.map((n) => n.position.y));
  const right = Math.max(...nodes.map((n) => n.position.x + NODE_WIDTH));
  const bottom = Math.max(...nodes.map((n) => n.position.y + NODE_HEIGHT));
  return (workflow.notes ?? []).filter(({ position: [x, y], size: [w, h] }) => x >= left && y >= top && x + w <= right && y + h <= bottom);
}

/**
 * The selected nodes, the connections between them and the notes lying
 * within their bounds, as a workflow JSON document.
 */
export function copySelection(workflow: Workflow, ids: ReadonlySet<string>): string {
  const nodes = workflow.nodes.filter((n) => ids.has(n.id));
  const connections = workflow.connections.filter((c) => ids.has(c.from.node) && ids.has(c.to.node));
  const notes = notesWithin(workflow, nodes);
  const doc = {
    schemaVersion: WORKFLOW_SCHEMA_VERSION,
    id: 'clipboard',
    name: workflow.name,
    nodes,
    connections,
    ...(notes.length > 0 ? { notes } : {}),
  };
  return JSON.stringify(doc, null, 2);
}

/**
 * The notes of pasted text (a Flowloom workflow document) as an `addNotes`
 * change with fresh ids, moved by `offset`; undefined when it has none.
 */
export function pasteNotesChange(text: string, offset: Position): AddNotesChange | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  const notes = (doc as { notes?: unknown } | null)?.notes;
  if (!Array.isArray(notes)) return undefined;
  const pasted: WorkflowNote[] = [];
  for (const n of notes as WorkflowNote[]) {
    if (typeof n !== 'object' || n === null || !Array.isArray(n.position) || !Array.isArray(n.size)) continue;
    pasted.push({ ...n, id: `note-${newNodeId()}`, position: [n.position[0] + offset.x, n.position[1] + offset.y] });
  }
  return pasted.length > 0 ? { type: 'addNotes', notes: pasted } : undefined;
}

/**
 * Turns pasted text (a Flowloom workflow document) into an `addNodes` change
 * with fresh ids and names, offset from the originals. Returns undefined when
 * the text is not a workflow document.
 */
export function pasteChange(workflow: Workflow, text: string, offset: Position = { x: GRID * 2, y: GRID * 2 }): AddNodesChange | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { nodes?: unknown }).nodes)) return undefined;
  const source = doc as { nodes: WorkflowNode[]; connections?: Connection[] };
  const idMap = new Map<string, string>();
  const taken = new Set<string>();
  const nodes: WorkflowNode[] = [];
  for (const n of source.nodes) {
    if (typeof n !== 'object' || n === null || typeof n.id !== 'string' || typeof n.type !== 'string') return undefined;
    const id = newNodeId();
    idMap.set(n.id, id);
    const name = uniqueName(workflow, typeof n.name === 'string' && n.name ? n.name : n.type, taken);
    taken.add(name);
    const position = n.position ?? { x: 0, y: 0 };
    nodes.push({ ...n, id, name, position: { x: position.x + offset.x, y: position.y + offset.y } });
  }
  const connections: Connection[] = [];
  for (const c of source.connections ?? []) {
    const from = idMap.get(c.from?.node);
    const to = idMap.get(c.to?.node);
    if (from && to) connections.push({ from: { node: from, port: c.from.port }, to: { node: to, port: c.to.port } });
  }
  return { type: 'addNodes', nodes, connections };
}
