import type { Connection, Execution, NodeRun, NodeTypeDescription, Workflow, WorkflowNode } from '@flowloom/engine';
import { applyChange, checkChange } from './apply-change.js';
import { connectionKey, type WorkflowChange } from './changes.js';
import { History } from './history.js';
import { EditorPolicy, type PolicyRefusal } from '../policy/policy.js';

/** Live status of a node during or after a run. */
export type NodeRunStatus = 'running' | 'success' | 'error';

/** Hooks the element plugs in so the host can veto edits (`wf-before-*` events). */
export interface StoreHooks {
  /** Return false to keep the nodes. */
  beforeRemove?(nodes: WorkflowNode[]): boolean;
  /** Return false to refuse the connection. */
  beforeConnect?(connection: Connection): boolean;
  /** Called after every applied change. */
  changed?(workflow: Workflow, change: WorkflowChange, origin: 'edit' | 'undo' | 'redo' | 'replace'): void;
  /** Called when the selection changed. */
  selectionChanged?(nodeIds: string[], connections: Connection[]): void;
  /** Called when the host's policy refused an edit. */
  refused?(refusal: PolicyRefusal): void;
}

/** The empty workflow the editor starts with. */
export function emptyWorkflow(): Workflow {
  return { schemaVersion: 1, id: 'untitled', name: '', nodes: [], connections: [], settings: {} };
}

/**
 * The editor's state, free of the DOM: the workflow, the selection, the
 * undo history and the last run. Components read it and call its methods;
 * it notifies subscribers after each change.
 */
export class EditorStore {
  workflow: Workflow = emptyWorkflow();
  readonly history = new History();
  /** Selected node ids. */
  selectedNodes: ReadonlySet<string> = new Set();
  /** Selected connection keys (see `connectionKey`). */
  selectedConnections: ReadonlySet<string> = new Set();
  /** Node type descriptions by type id (what the palette offers and the inspector renders). */
  types = new Map<string, NodeTypeDescription>();
  /** Node type ids the palette shows (undefined: all). */
  allowedTypes: ReadonlySet<string> | undefined;
  readonly = false;
  /** The host's rules (denied node types, locked nodes and parameters), checked before every change. */
  readonly policy = new EditorPolicy();
  /** The last refusal shown to the user (policy, `beforeSave`, `beforeRun`); empty when there is none. */
  notice = '';
  /** Live run state. */
  running = false;
  nodeStatus = new Map<string, NodeRunStatus>();
  execution: Execution | undefined;
  /** Validation messages by node id (and '' for the workflow), with the engine's issue code. */
  issues = new Map<string, { path: string; message: string; code?: string }[]>();
  /** Whether the user has tried to run this workflow: from then on every problem shows, not only those of visited fields. */
  runAttempted = false;
  /** Positions shown while a drag is in progress (not yet a change). */
  dragPositions: ReadonlyMap<string, { x: number; y: number }> | undefined;
  /** The last message for screen readers. */
  announcement = '';
  hooks: StoreHooks = {};
  /** Bumped on every notification; lets views skip work when nothing changed. */
  version = 0;
  readonly #listeners = new Set<() => void>();
  #nodeIndex: Map<string, WorkflowNode> | undefined;

  /** Calls `fn` after every change; returns the unsubscribe function. */
  subscribe(fn: () => void): () => void {
    this.#listeners.add(fn);
    return () => this.#listeners.delete(fn);
  }

  /** Tells subscribers the state changed. */
  notify(): void {
    this.version++;
    for (const fn of this.#listeners) fn();
  }

  /** A node by id. */
  node(id: string): WorkflowNode | undefined {
    this.#nodeIndex ??= new Map(this.workflow.nodes.map((n) => [n.id, n]));
    return this.#nodeIndex.get(id);
  }

  /** Whether the palette and menus offer a node type: the host's `node-types` and its policy. */
  offers(type: string): boolean {
    return (!this.allowedTypes || this.allowedTypes.has(type)) && this.policy.allowsType(type);
  }

  /** Whether a node, or one of its parameters, may not be edited (read-only editor, or locked by the host). */
  isLocked(nodeId: string, parameterPath?: string): boolean {
    return this.readonly || this.policy.isLocked(nodeId, parameterPath);
  }

  /** A node type description by type id. */
  describe(type: string): NodeTypeDescription | undefined {
    return this.types.get(type);
  }

  /** Replaces the workflow (from the host); clears history, selection and run state. */
  setWorkflow(workflow: Workflow): void {
    this.workflow = workflow;
    this.#nodeIndex = undefined;
    this.history.clear();
    this.nodeStatus = new Map();
    this.execution = undefined;
    this.runAttempted = false;
    this.selectedNodes = new Set();
    this.selectedConnections = new Set();
    this.notify();
  }

  /**
   * Applies an edit: checks it, asks the host (`wf-before-*`), applies it,
   * records it for undo and notifies. Returns whether it was applied.
   */
  dispatch(change: WorkflowChange, coalesceKey?: string): boolean {
    if (this.readonly) return false;
    if (checkChange(this.workflow, change) !== undefined) return false;
    const refused = this.policy.refusal(this.workflow, change, (type) => this.describe(type)?.displayName ?? type);
    if (refused) {
      this.hooks.refused?.(refused);
      return false;
    }
    if (!this.#allowed(change)) return false;
    const { workflow, inverse } = applyChange(this.workflow, change);
    this.history.push(change, inverse, coalesceKey);
    this.#commit(workflow, change, 'edit');
    return true;
  }

  /** Reverts the last edit. */
  undo(): boolean {
    if (this.readonly) return false;
    const entry = this.history.takeUndo();
    if (!entry) return false;
    this.#commit(applyChange(this.workflow, entry.inverse).workflow, entry.inverse, 'undo');
    return true;
  }

  /** Re-applies the last undone edit. */
  redo(): boolean {
    if (this.readonly) return false;
    const entry = this.history.takeRedo();
    if (!entry) return false;
    this.#commit(applyChange(this.workflow, entry.change).workflow, entry.change, 'redo');
    return true;
  }

  #allowed(change: WorkflowChange): boolean {
    if (change.type === 'batch') return change.changes.every((c) => this.#allowed(c));
    if (change.type === 'removeNodes' && this.hooks.beforeRemove) {
      const nodes = change.ids.map((id) => this.node(id)).filter((n): n is WorkflowNode => n !== undefined);
      return this.hooks.beforeRemove(nodes);
    }
    if (change.type === 'addConnections' && this.hooks.beforeConnect) {
      return change.connections.every((c) => this.hooks.beforeConnect!(c));
    }
    return true;
  }

  #commit(workflow: Workflow, change: WorkflowChange, origin: 'edit' | 'undo' | 'redo'): void {
    this.workflow = workflow;
    this.#nodeIndex = undefined;
    // Drop selected things that no longer exist.
    const ids = new Set(workflow.nodes.map((n) => n.id));
    const keys = new Set(workflow.connections.map(connectionKey));
    const nodes = [...this.selectedNodes].filter((id) => ids.has(id));
    const conns = [...this.selectedConnections].filter((k) => keys.has(k));
    if (nodes.length !== this.selectedNodes.size || conns.length !== this.selectedConnections.size) {
      this.select(nodes, conns, false);
    }
    this.hooks.changed?.(workflow, change, origin);
    this.notify();
  }

  /** Sets the selection. */
  select(nodeIds: Iterable<string>, connectionKeys: Iterable<string> = [], notify = true): void {
    this.selectedNodes = new Set(nodeIds);
    this.selectedConnections = new Set(connectionKeys);
    const connections = this.workflow.connections.filter((c) => this.selectedConnections.has(connectionKey(c)));
    this.hooks.selectionChanged?.([...this.selectedNodes], connections);
    if (notify) this.notify();
  }

  /** Adds or removes one node from the selection. */
  toggleNode(id: string): void {
    const next = new Set(this.selectedNodes);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    this.select(next, this.selectedConnections);
  }

  /** Sets a message for the aria-live region. */
  announce(message: string): void {
    this.announcement = message;
    this.notify();
  }

  /** The last run of a node in the current execution. */
  lastRun(nodeId: string): NodeRun | undefined {
    const runs = this.execution?.nodes[nodeId];
    return runs ? runs[runs.length - 1] : undefined;
  }
}
