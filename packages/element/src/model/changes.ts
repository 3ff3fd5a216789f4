import type { Connection, Workflow, WorkflowNode } from '@flowloom/engine';
import type { NoteChange } from '../notes/note-changes.js';

/** Where a node sits on the canvas. */
export interface Position {
  x: number;
  y: number;
}

/** Adds nodes (and connections between them or to existing nodes). */
export interface AddNodesChange {
  type: 'addNodes';
  nodes: WorkflowNode[];
  connections: Connection[];
  /** Where each node goes in the node list (undoing a removal puts nodes back in place); default: the end. */
  indexes?: number[];
}
/** Removes nodes and every connection touching them. */
export interface RemoveNodesChange {
  type: 'removeNodes';
  ids: string[];
}
/** Moves nodes to new positions. */
export interface MoveNodesChange {
  type: 'moveNodes';
  moves: { id: string; from: Position; to: Position }[];
}
/** Replaces fields of one node (parameters, name, settings...). `before` holds the replaced values. */
export interface UpdateNodeChange {
  type: 'updateNode';
  id: string;
  patch: Partial<Omit<WorkflowNode, 'id'>>;
  before: Partial<Omit<WorkflowNode, 'id'>>;
}
/** Adds connections. */
export interface AddConnectionsChange {
  type: 'addConnections';
  connections: Connection[];
}
/** Removes connections. */
export interface RemoveConnectionsChange {
  type: 'removeConnections';
  connections: Connection[];
}
/** The workflow's own fields an `updateWorkflow` change may replace. */
export type WorkflowPatch = Partial<Pick<Workflow, 'name' | 'settings' | 'meta' | 'pinData'>>;
/** Replaces fields of the workflow itself (name, settings, meta, pinned data). `before` holds the replaced values. */
export interface UpdateWorkflowChange {
  type: 'updateWorkflow';
  patch: WorkflowPatch;
  before: WorkflowPatch;
}
/** Several changes applied, undone and redone as one. */
export interface BatchChange {
  type: 'batch';
  changes: WorkflowChange[];
}

/**
 * One edit of a workflow, as plain data. Every edit the editor makes is one of
 * these, applied by `applyChange`; that single path gives undo/redo, the
 * `wf-workflow-change` event and the host's `wf-before-*` vetoes.
 */
export type WorkflowChange =
  | AddNodesChange
  | RemoveNodesChange
  | MoveNodesChange
  | UpdateNodeChange
  | AddConnectionsChange
  | RemoveConnectionsChange
  | UpdateWorkflowChange
  | BatchChange
  | NoteChange;

/** Whether two connections join the same ports. */
export function sameConnection(a: Connection, b: Connection): boolean {
  return a.from.node === b.from.node && a.from.port === b.from.port && a.to.node === b.to.node && a.to.port === b.to.port;
}

/** A stable string key for a connection. */
export function connectionKey(c: Connection): string {
  return `${c.from.node}:${c.from.port}->${c.to.node}:${c.to.port}`;
}
