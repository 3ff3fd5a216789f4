import type { Workflow, WorkflowNode } from '@flowloom/engine';
import type { WorkflowChange } from '../model/changes.js';

/**
 * What a host's `beforeSave` or `beforeRun` hook answers: nothing, `true` or
 * `undefined` lets the action go on; a sentence vetoes it and is shown to the
 * user; `false` vetoes it with the editor's own sentence. A hook that throws
 * vetoes with the error's message.
 */
export type PolicyVerdict = string | boolean | undefined | void;

/** A host hook asked before the workflow is saved or run. */
export type PolicyHook = (workflow: Workflow) => PolicyVerdict | Promise<PolicyVerdict>;

/** Why the policy refused an edit: a string key of the editor's dictionary and its parameters. */
export interface PolicyRefusal {
  key: 'policy.deniedType' | 'policy.deniedImport' | 'policy.lockedNode' | 'policy.lockedParameter' | 'policy.readonly';
  params: Record<string, string>;
}

/** What the host decides about edits, from the editor's properties. */
export interface PolicyOptions {
  /** When set, the only node types that may be added. */
  allowedNodeTypes?: readonly string[] | undefined;
  /** Node types that may never be added (palette, paste, import, templates). */
  deniedNodeTypes?: readonly string[] | undefined;
  /** Locked node ids, and `nodeId.parameterPath` for single locked parameters. */
  locked?: readonly string[] | undefined;
}

/**
 * The host's rules for what the user may do, checked in one place: the
 * store asks `refusal` before every change, the palette and sub-port menus ask
 * `allowsType`, the inspector asks `isLocked`, and save and run ask the hooks.
 * DOM-free, so the same rules hold for every part of the editor.
 */
export class EditorPolicy {
  #allowed: ReadonlySet<string> | undefined;
  #denied: ReadonlySet<string> = new Set();
  #lockedNodes: ReadonlySet<string> = new Set();
  /** Locked parameter paths by node id. */
  #lockedParams: ReadonlyMap<string, readonly string[]> = new Map();

  constructor(options: PolicyOptions = {}) {
    this.update(options);
  }

  /** Replaces the rules (a property of the editor changed). */
  update(options: PolicyOptions): void {
    if ('allowedNodeTypes' in options) this.#allowed = options.allowedNodeTypes ? new Set(options.allowedNodeTypes) : undefined;
    if ('deniedNodeTypes' in options) this.#denied = new Set(options.deniedNodeTypes ?? []);
    if ('locked' in options) {
      const nodes = new Set<string>();
      const params = new Map<string, string[]>();
      for (const entry of options.locked ?? []) {
        const dot = entry.indexOf('.');
        if (dot < 0) nodes.add(entry);
        else params.set(entry.slice(0, dot), [...(params.get(entry.slice(0, dot)) ?? []), entry.slice(dot + 1)]);
      }
      this.#lockedNodes = nodes;
      this.#lockedParams = params;
    }
  }

  /** Whether nodes of a type may be added. */
  allowsType(type: string): boolean {
    if (this.#denied.has(type)) return false;
    return !this.#allowed || this.#allowed.has(type);
  }

  /** Whether a whole node is locked (it cannot be deleted, renamed or changed). */
  isNodeLocked(nodeId: string): boolean {
    return this.#lockedNodes.has(nodeId);
  }

  /**
   * Whether a node, or one of its parameters, is locked. A parameter is locked
   * when its node is, when its path is listed, or when it lies inside a listed
   * path (`options` locks `options.subject`).
   */
  isLocked(nodeId: string, parameterPath?: string): boolean {
    if (this.#lockedNodes.has(nodeId)) return true;
    if (parameterPath === undefined) return false;
    return (this.#lockedParams.get(nodeId) ?? []).some((p) => parameterPath === p || parameterPath.startsWith(`${p}.`));
  }

  /**
   * Why the change breaks the rules, or undefined when it may apply.
   * `typeName` gives a node type's display name for the message.
   */
  refusal(workflow: Workflow, change: WorkflowChange, typeName: (type: string) => string = (type) => type): PolicyRefusal | undefined {
    switch (change.type) {
      case 'batch':
        for (const c of change.changes) {
          const refused = this.refusal(workflow, c, typeName);
          if (refused) return refused;
        }
        return undefined;
      case 'addNodes': {
        const denied = change.nodes.find((n) => !this.allowsType(n.type));
        return denied ? { key: 'policy.deniedType', params: { name: denied.name, type: typeName(denied.type) } } : undefined;
      }
      case 'removeNodes': {
        const locked = change.ids.find((id) => this.isNodeLocked(id));
        return locked ? { key: 'policy.lockedNode', params: { name: nodeName(workflow, locked) } } : undefined;
      }
      case 'updateNode': {
        if (this.isNodeLocked(change.id)) return { key: 'policy.lockedNode', params: { name: nodeName(workflow, change.id) } };
        const node = workflow.nodes.find((n) => n.id === change.id);
        const paths = this.#lockedParams.get(change.id);
        if (!node || !paths || !('parameters' in change.patch)) return undefined;
        const after = change.patch.parameters ?? {};
        const changed = paths.find((p) => JSON.stringify(valueAt(node.parameters, p)) !== JSON.stringify(valueAt(after, p)));
        return changed ? { key: 'policy.lockedParameter', params: { name: node.name, parameter: changed } } : undefined;
      }
      default:
        // Moving nodes and drawing connections leave every node's settings as they are.
        return undefined;
    }
  }
}

/**
 * Why a whole new document may not replace the one being edited (an import,
 * a template, a restored version): the editor is read-only, the document has
 * denied node types, or a locked node would be lost or changed.
 */
export function replaceRefusal(
  policy: EditorPolicy,
  readonly: boolean,
  current: Workflow,
  next: Pick<Workflow, 'nodes'>,
  typeName: (type: string) => string = (type) => type,
): PolicyRefusal | undefined {
  if (readonly) return { key: 'policy.readonly', params: {} };
  const denied = deniedTypesIn(policy, next.nodes);
  if (denied.length > 0) return { key: 'policy.deniedImport', params: { types: denied.map(typeName).join(', ') } };
  for (const node of current.nodes) {
    if (!policy.isNodeLocked(node.id)) continue;
    const kept = next.nodes.find((n) => n.id === node.id);
    if (!kept || JSON.stringify(kept) !== JSON.stringify(node)) return { key: 'policy.lockedNode', params: { name: node.name } };
  }
  return undefined;
}

/**
 * Asks a host hook; resolves with the veto's sentence (`fallback` when the
 * hook answered `false` or threw without a message), or undefined to go on.
 */
export async function askHook(hook: PolicyHook | undefined, workflow: Workflow, fallback: string): Promise<string | undefined> {
  if (!hook) return undefined;
  let verdict: PolicyVerdict;
  try {
    verdict = await hook(workflow);
  } catch (error) {
    return error instanceof Error && error.message ? error.message : fallback;
  }
  if (verdict === false) return fallback;
  if (typeof verdict === 'string' && verdict.trim() !== '') return verdict;
  return undefined;
}

/** The node types of a workflow document the rules refuse (for an import or a template), each once. */
export function deniedTypesIn(policy: EditorPolicy, nodes: readonly Pick<WorkflowNode, 'type'>[]): string[] {
  return [...new Set(nodes.map((n) => n.type).filter((type) => !policy.allowsType(type)))];
}

function nodeName(workflow: Workflow, id: string): string {
  return workflow.nodes.find((n) => n.id === id)?.name ?? id;
}

function valueAt(parameters: Record<string, unknown>, path: string): unknown {
  let at: unknown = parameters;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}
