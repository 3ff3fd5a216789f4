import { WORKFLOW_SCHEMA_VERSION, type Connection, type Workflow, type WorkflowNode } from '@flowloom/engine';
import type { AddNodesChange, Position } from './changes.js';
import { GRID } from './geometry.js';
import { newNodeId, uniqueName } from './names.js';

/** The selected nodes and the connections between them, as a workflow JSON document. */
export function copySelection(workflow: Workflow, ids: ReadonlySet<string>): string {
  const nodes = workflow.nodes.filter((n) => ids.has(n.id));
  const connections = workflow.connections.filter((c) => ids.has(c.from.node) && ids.has(c.to.node));
  const doc = { schemaVersion: WORKFLOW_SCHEMA_VERSION, id: 'clipboard', name: workflow.name, nodes, connections };
  return JSON.stringify(doc, null, 2);
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
