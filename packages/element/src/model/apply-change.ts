import type { Connection, Workflow, WorkflowNode } from '@flowloom/engine';
import { applyNoteChange, checkNoteChange } from '../notes/note-changes.js';
import { connectionKey, sameConnection, type WorkflowChange, type WorkflowPatch } from './changes.js';

/**
 * Why a change cannot apply to a workflow, or `undefined` when it can
 * (the command's can-execute check).
 */
export function checkChange(workflow: Workflow, change: WorkflowChange): string | undefined {
  const ids = new Set(workflow.nodes.map((n) => n.id));
  switch (change.type) {
    case 'addNodes': {
      const names = new Set(workflow.nodes.map((n) => n.name));
      for (const n of change.nodes) {
        if (ids.has(n.id)) return `a node with id '${n.id}' already exists`;
        if (names.has(n.name)) return `a node named '${n.name}' already exists`;
        ids.add(n.id);
        names.add(n.name);
      }
      for (const c of change.connections) if (!ids.has(c.from.node) || !ids.has(c.to.node)) return 'a connection names a missing node';
      return undefined;
    }
    case 'removeNodes':
      for (const id of change.ids) if (!ids.has(id)) return `no node has id '${id}'`;
      return undefined;
    case 'moveNodes':
      for (const m of change.moves) if (!ids.has(m.id)) return `no node has id '${m.id}'`;
      return undefined;
    case 'updateNode': {
      if (!ids.has(change.id)) return `no node has id '${change.id}'`;
      const name = change.patch.name;
      if (name !== undefined) {
        if (name.trim() === '') return 'a node name must not be empty';
        if (workflow.nodes.some((n) => n.name === name && n.id !== change.id)) return `a node named '${name}' already exists`;
      }
      return undefined;
    }
    case 'addConnections':
      for (const c of change.connections) {
        if (!ids.has(c.from.node) || !ids.has(c.to.node)) return 'a connection names a missing node';
        if (workflow.connections.some((e) => sameConnection(e, c))) return 'these ports are already connected';
      }
      return undefined;
    case 'removeConnections':
      return undefined;
    case 'updateWorkflow':
      if (change.patch.name !== undefined && change.patch.name.length > 500) return 'a workflow name must be at most 500 characters';
      return undefined;
    case 'addNotes':
    case 'removeNotes':
    case 'updateNote':
      return checkNoteChange(workflow, change);
    case 'batch': {
      let current = workflow;
      for (const c of change.changes) {
        const problem = checkChange(current, c);
        if (problem) return problem;
        current = applyChange(current, c).workflow;
      }
      return undefined;
    }
  }
}

/** The result of applying a change: the new workflow and the change that undoes it. */
export interface AppliedChange {
  workflow: Workflow;
  inverse: WorkflowChange;
}

/**
 * Applies one change and returns a new workflow (the input is not modified)
 * with the change that reverts it. Call `checkChange` first.
 */
export function applyChange(workflow: Workflow, change: WorkflowChange): AppliedChange {
  switch (change.type) {
    case 'addNodes': {
      let nodes = [...workflow.nodes, ...change.nodes];
      if (change.indexes && change.indexes.length === change.nodes.length) {
        nodes = [...workflow.nodes];
        const placed = change.nodes.map((n, i) => [change.indexes![i]!, n] as const).sort((a, b) => a[0] - b[0]);
        for (const [index, node] of placed) nodes.splice(Math.min(index, nodes.length), 0, node);
      }
      return {
        workflow: { ...workflow, nodes, connections: [...workflow.connections, ...change.connections] },
        inverse: { type: 'removeNodes', ids: change.nodes.map((n) => n.id) },
      };
    }
    case 'removeNodes': {
      const gone = new Set(change.ids);
      const nodes = workflow.nodes.filter((n) => gone.has(n.id));
      const indexes = workflow.nodes.flatMap((n, i) => (gone.has(n.id) ? [i] : []));
      const connections = workflow.connections.filter((c) => gone.has(c.from.node) || gone.has(c.to.node));
      return {
        workflow: {
          ...workflow,
          nodes: workflow.nodes.filter((n) => !gone.has(n.id)),
          connections: workflow.connections.filter((c) => !gone.has(c.from.node) && !gone.has(c.to.node)),
          ...(workflow.pinData ? { pinData: withoutKeys(workflow.pinData, gone) } : {}),
        },
        inverse: { type: 'addNodes', nodes, connections, indexes },
      };
    }
    case 'moveNodes': {
      const to = new Map(change.moves.map((m) => [m.id, m.to]));
      return {
        workflow: { ...workflow, nodes: workflow.nodes.map((n) => (to.has(n.id) ? { ...n, position: { ...to.get(n.id)! } } : n)) },
        inverse: { type: 'moveNodes', moves: change.moves.map((m) => ({ id: m.id, from: m.to, to: m.from })) },
      };
    }
    case 'updateNode':
      return {
        workflow: { ...workflow, nodes: workflow.nodes.map((n) => (n.id === change.id ? patchNode(n, change.patch) : n)) },
        inverse: { type: 'updateNode', id: change.id, patch: change.before, before: change.patch },
      };
    case 'addConnections':
      return {
        workflow: { ...workflow, connections: [...workflow.connections, ...change.connections] },
        inverse: { type: 'removeConnections', connections: change.connections },
      };
    case 'removeConnections': {
      const keys = new Set(change.connections.map(connectionKey));
      const removed = workflow.connections.filter((c) => keys.has(connectionKey(c)));
      return {
        workflow: { ...workflow, connections: workflow.connections.filter((c) => !keys.has(connectionKey(c))) },
        inverse: { type: 'addConnections', connections: removed },
      };
    }
    case 'updateWorkflow':
      return {
        workflow: patchWorkflow(workflow, change.patch),
        inverse: { type: 'updateWorkflow', patch: change.before, before: change.patch },
      };
    case 'addNotes':
    case 'removeNotes':
    case 'updateNote':
      return applyNoteChange(workflow, change);
    case 'batch': {
      let current = workflow;
      const inverses: WorkflowChange[] = [];
      for (const c of change.changes) {
        const applied = applyChange(current, c);
        current = applied.workflow;
        inverses.unshift(applied.inverse);
      }
      return { workflow: current, inverse: { type: 'batch', changes: inverses } };
    }
  }
}

/** The values a patch would replace, to build an `updateNode` change. */
export function capturePatch(node: WorkflowNode, patch: Partial<Omit<WorkflowNode, 'id'>>): Partial<Omit<WorkflowNode, 'id'>> {
  const before: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) before[key] = (node as Record<string, unknown>)[key];
  return before as Partial<Omit<WorkflowNode, 'id'>>;
}

function patchNode(node: WorkflowNode, patch: Partial<Omit<WorkflowNode, 'id'>>): WorkflowNode {
  const next: Record<string, unknown> = { ...node };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  return next as WorkflowNode;
}

function patchWorkflow(workflow: Workflow, patch: WorkflowPatch): Workflow {
  const next: Record<string, unknown> = { ...workflow };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete next[key];
    else next[key] = value;
  }
  // `settings` is required in a workflow: clearing it leaves it empty.
  if (next['settings'] === undefined) next['settings'] = {};
  return next as Workflow;
}

function withoutKeys<T>(record: Record<string, T>, keys: Set<string>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !keys.has(k)));
}

/** Connections touching any of the given node ids. */
export function connectionsOf(workflow: Workflow, ids: Set<string>): Connection[] {
  return workflow.connections.filter((c) => ids.has(c.from.node) || ids.has(c.to.node));
}
