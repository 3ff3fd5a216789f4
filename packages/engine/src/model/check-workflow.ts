import type { ValidationIssue } from '../errors/workflow-validation.error.js';
import { checkAttachments, type AttachmentNode } from './check-attachments.js';
import type { Connection } from './connection.js';
import { buildGraph, findCycle } from './graph.js';
import type { WorkflowNode } from './node.js';
import {
  inputPortsOf,
  isTriggerType,
  outputPortsOf,
  subOutputPortsOf,
  type NodeTypeInfo,
  type NodeTypeLookup,
} from './node-type-lookup.js';
import { planParameters } from './parameter-plan.js';
import type { Workflow } from './workflow.js';
import { fromZodIssues } from './zod-issues.js';

/** The lookup used when the caller gives none: it knows no type, so the checks that need one are skipped. */
const NO_TYPES: NodeTypeLookup = { get: () => undefined, versions: () => [] };

/**
 * What the checks know of one node. A node the schema refused still gives
 * its id, name and type when those are right, so connections to it are not
 * reported as dangling and its type is still checked.
 */
export interface NodePart {
  id?: string;
  name?: string;
  type?: string;
  typeVersion?: number;
  /** The node as the schema parsed it; absent when the schema refused it or its parameters nest too deep. */
  node?: WorkflowNode;
}

/** A document as far as it could be read: whole when the schema accepted it, in parts when not. */
export interface WorkflowParts {
  /** Absent when `nodes` is not a list. */
  nodes?: NodePart[];
  /** Each connection the schema accepted; `undefined` where it refused one. Absent when `connections` is not a list. */
  connections?: (Connection | undefined)[];
  /** Node ids that pin data is given for. */
  pinDataNodeIds: string[];
  /** The id of each canvas note (undefined where a note has none); only their uniqueness is checked, runs never read notes. */
  noteIds?: (string | undefined)[];
}

/** The parts of a document the schema accepted whole. */
export function partsOf(workflow: Workflow, skipNodes: ReadonlySet<number> = new Set()): WorkflowParts {
  return {
    nodes: workflow.nodes.map((node, i) => {
      const part: NodePart = { id: node.id, name: node.name, type: node.type, typeVersion: node.typeVersion };
      if (!skipNodes.has(i)) part.node = node;
      return part;
    }),
    connections: workflow.connections,
    pinDataNodeIds: Object.keys(workflow.pinData ?? {}),
    noteIds: (workflow.notes ?? []).map((n) => n.id),
  };
}

/** How a node is named in a message: by its name, else by its place. */
function label(part: NodePart, index: number): string {
  return part.name !== undefined ? `node '${part.name}'` : `nodes[${index}]`;
}

/**
 * The graph and node-type checks: unique ids and names, connections between
 * existing nodes, pin data for existing nodes; and, with `nodeTypes`, known
 * types and versions, literal parameters, ports, no cycle outside a loop, a
 * trigger. They run on whatever parts of the document could be read, so
 * schema problems and graph problems are reported together.
 */
export function checkParts(parts: WorkflowParts, nodeTypes: NodeTypeLookup | undefined): ValidationIssue[] {
  const registry = nodeTypes ?? NO_TYPES;
  const issues: ValidationIssue[] = [];
  const typeOf = new Map<string, NodeTypeInfo | undefined>();
  const nodes = parts.nodes ?? [];

  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  nodes.forEach((part, i) => {
    if (part.id !== undefined) {
      const firstId = ids.get(part.id);
      if (firstId !== undefined) {
        issues.push({
          code: 'duplicate_id',
          path: ['nodes', i, 'id'],
          message: `node id ${JSON.stringify(part.id)} is already used by nodes[${firstId}]; node ids must be unique`,
        });
      } else ids.set(part.id, i);
    }
    if (part.name !== undefined) {
      const key = part.name.trim();
      const firstName = names.get(key);
      if (firstName !== undefined) {
        issues.push({
          code: 'duplicate_name',
          path: ['nodes', i, 'name'],
          message: `node name ${JSON.stringify(part.name)} is already used by nodes[${firstName}]; expressions find nodes by name, so names must be unique`,
        });
      } else names.set(key, i);
    }

    if (part.type === undefined || part.typeVersion === undefined) return;
    const type = registry.get(part.type, part.typeVersion);
    if (part.id !== undefined && !typeOf.has(part.id)) typeOf.set(part.id, type);
    if (!type) {
      const versions = registry.versions(part.type);
      if (versions.length > 0) {
        issues.push({
          code: 'unknown_version',
          path: ['nodes', i, 'typeVersion'],
          message: `${label(part, i)}: type '${part.type}' has no version ${part.typeVersion} (available: ${versions.join(', ')})`,
        });
      } else if (nodeTypes) {
        issues.push({
          code: 'unknown_type',
          path: ['nodes', i, 'type'],
          message: `${label(part, i)}: unknown node type '${part.type}'; register it with createEngine({ nodeTypes }) or fix the type id`,
        });
      }
    }
    if (type?.properties && part.node) checkParameters(part.node.parameters, type, ['nodes', i, 'parameters'], part.node.name, issues);
  });

  // Without a list of nodes, no connection or pin data can be checked against it.
  const connections = parts.connections ?? [];
  const broken = new Set<number>();
  if (parts.nodes) {
    connections.forEach((c, i) => {
      if (!c) return;
      const before = issues.length;
      for (const end of ['from', 'to'] as const) {
        const idx = ids.get(c[end].node);
        if (idx === undefined) {
          issues.push({
            code: 'unknown_node',
            path: ['connections', i, end, 'node'],
            message: `connection ${end === 'from' ? 'starts at' : 'ends at'} node id ${JSON.stringify(c[end].node)}, which is not in the workflow`,
          });
          continue;
        }
        const node = nodes[idx]!.node;
        const type = typeOf.get(c[end].node);
        // Ports depend on the node's parameters and settings: checked only for nodes the schema accepted.
        if (!type || !node) continue;
        checkPort(c, end, i, node, type, issues);
      }
      if (issues.length > before) broken.add(i);
    });
    const typed = new Map<string, AttachmentNode>();
    for (const part of nodes) {
      const type = part.id === undefined ? undefined : typeOf.get(part.id);
      if (type && part.node && !typed.has(part.node.id)) typed.set(part.node.id, { node: part.node, type });
    }
    issues.push(...checkAttachments(connections, typed, (index) => broken.has(index)));
  }

  const seen = new Set<string>();
  connections.forEach((c, i) => {
    if (!c) return;
    const key = `${c.from.node}\u0000${c.from.port}\u0000${c.to.node}\u0000${c.to.port}`;
    if (seen.has(key))
      issues.push({ code: 'duplicate_connection', path: ['connections', i], message: 'the same connection appears twice; remove one' });
    seen.add(key);
  });

  if (parts.nodes) {
    for (const nodeId of parts.pinDataNodeIds) {
      if (!ids.has(nodeId))
        issues.push({
          code: 'unknown_node',
          path: ['pinData', nodeId],
          message: `pin data for node id ${JSON.stringify(nodeId)}, which is not in the workflow`,
        });
    }
  }

  checkNoteIds(parts.noteIds ?? [], issues);

  // Cycles must pass through a loop node. Nodes of unknown type might be one, so they break cycles too.
  // Connections already reported as broken are left out, so one mistake is not reported twice.
  const graphNodes = nodes.flatMap((part) => (part.id === undefined ? [] : [{ id: part.id, name: part.name ?? part.id }]));
  const graph = buildGraph({ nodes: graphNodes, connections }, (index) => broken.has(index));
  const cycle = findCycle(graph, (id) => {
    const type = typeOf.get(id);
    return type !== undefined && !type.loop;
  });
  if (cycle) {
    const nodeName = (id: string) => graph.byId.get(id)?.name ?? id;
    const route = [...cycle.map((e) => `'${nodeName(e.from)}'`), `'${nodeName(cycle[cycle.length - 1]!.to)}'`].join(' -> ');
    issues.push({
      code: 'cycle',
      path: ['connections', cycle[cycle.length - 1]!.index],
      message: `connections form a cycle (${route}) that passes through no loop node; loop with a Loop Over Items node or remove this connection`,
    });
  }

  // Whether a trigger is missing is known only when every node's type is.
  const types = nodes.map((part) =>
    part.type === undefined || part.typeVersion === undefined ? undefined : registry.get(part.type, part.typeVersion),
  );
  if (parts.nodes && types.every((t) => t !== undefined) && !types.some((t) => isTriggerType(t!))) {
    issues.push({
      code: 'no_trigger',
      path: ['nodes'],
      message: 'the workflow has no trigger node, so a run has nowhere to start; add one such as Manual Trigger (core.manualTrigger)',
    });
  }
  return issues;
}

/** Notes are found by id in edits (undo, collaboration): two notes may not share one. */
function checkNoteIds(noteIds: readonly (string | undefined)[], issues: ValidationIssue[]): void {
  const first = new Map<string, number>();
  noteIds.forEach((id, i) => {
    if (id === undefined) return;
    const at = first.get(id);
    if (at === undefined) return void first.set(id, i);
    issues.push({
      code: 'duplicate_id',
      path: ['notes', i, 'id'],
      message: `note id ${JSON.stringify(id)} is already used by notes[${at}]; note ids must be unique`,
    });
  });
}

/** Checks one end of a connection against the ports of the node it names. */
function checkPort(
  c: Connection,
  end: 'from' | 'to',
  index: number,
  node: WorkflowNode,
  type: NodeTypeInfo,
  issues: ValidationIssue[],
): void {
  if (end === 'from') {
    const ports = [...outputPortsOf(type, node.parameters)];
    if (node.onError === 'errorOutput') ports.push('error');
    // A sub-port (a chat model's `model`, any action's `tool`): where it may go is checked with the attachments.
    if (!ports.includes(c.from.port) && !subOutputPortsOf(type).includes(c.from.port)) {
      const hint = c.from.port === 'error' ? "; set the node's onError to 'errorOutput' to get an error port" : '';
      issues.push({
        code: 'unknown_port',
        path: ['connections', index, 'from', 'port'],
        message: `node '${node.name}' (${type.type}) has no output port ${JSON.stringify(c.from.port)} (its outputs: ${ports.map((p) => JSON.stringify(p)).join(', ') || 'none'})${hint}`,
      });
    }
  } else if (type.subInputs?.some((p) => p.name === c.to.port)) {
    return;
  } else if (type.inputs.length === 0) {
    issues.push({
      code: 'unknown_port',
      path: ['connections', index, 'to', 'port'],
      message: `node '${node.name}' is a trigger (${type.type}) and cannot receive connections`,
    });
  } else if (!inputPortsOf(type, node.parameters).includes(c.to.port)) {
    const inputs = inputPortsOf(type, node.parameters);
    const count = type.inputCount
      ? ` with ${type.inputCount.parameter} ${JSON.stringify(node.parameters[type.inputCount.parameter] ?? inputs.length)}`
      : '';
    issues.push({
      code: 'unknown_port',
      path: ['connections', index, 'to', 'port'],
      message: `node '${node.name}' (${type.type}) has no input port ${JSON.stringify(c.to.port)} (its inputs${count}: ${inputs.map((p) => JSON.stringify(p)).join(', ')}${type.subInputs?.length ? `; its sub-ports: ${type.subInputs.map((p) => JSON.stringify(p.name)).join(', ')}` : ''})`,
    });
  }
}

/** Checks literal parameter values against the node type's schema; templates are checked when they run. */
function checkParameters(
  parameters: Record<string, unknown>,
  type: NodeTypeInfo,
  prefix: (string | number)[],
  nodeName: string,
  issues: ValidationIssue[],
): void {
  const result = type.properties!.safeParse(parameters, { reportInput: true });
  if (result.success) return;
  // Strings a node type marks `noExpression` are literal values here, whatever braces they hold.
  const plan = planParameters(type.properties, parameters);
  const templated = new Set(plan.templates.filter((leaf) => leaf.expression).map((leaf) => pathKey(leaf.path)));
  const asWritten = new Set(plan.asWritten.map(pathKey));
  for (const issue of fromZodIssues(result.error.issues)) {
    const key = pathKey(issue.path);
    if (templated.has(key)) continue;
    const param = issue.path.length > 0 ? `parameter '${issue.path.join('.')}'` : 'parameters';
    const hint = asWritten.has(key) ? ' ({{ }} is text here: this parameter takes no expressions)' : '';
    // A node named otherwise than its type says which type it is (`node 'Notify' (Slack)`).
    const what = type.displayName && type.displayName !== nodeName ? ` (${type.displayName})` : '';
    issues.push({ ...issue, path: [...prefix, ...issue.path], message: `node '${nodeName}'${what}: ${param} ${issue.message}${hint}` });
  }
}

const pathKey = (path: readonly PropertyKey[]): string => path.map(String).join('\u0000');
