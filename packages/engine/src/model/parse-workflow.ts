import { hasTemplate } from '../expression/detect.js';
import { WorkflowValidationError, type ValidationIssue } from '../errors/workflow-validation.error.js';
import { isTriggerType, outputPortsOf, type NodeType } from '../nodes/define-node.js';
import { NodeRegistry } from '../nodes/node-registry.js';
import { coreNodeTypes } from '../nodes/core/index.js';
import { buildGraph, findCycle } from './graph.js';
import { fromZodIssues, describeValue } from './zod-issues.js';
import { workflowSchema, type Workflow } from './workflow.js';

/** How node types are looked up while validating. */
export interface ParseWorkflowOptions {
  /**
   * The node types the workflow will run with. When given, unknown node types,
   * unknown ports, parameter values, cycles and the trigger are checked too.
   * When left out, the checks that need a node type run only for the core types.
   */
  nodeTypes?: Pick<NodeRegistry, 'get' | 'versions'>;
}

export type SafeParseWorkflowResult = { success: true; workflow: Workflow } | { success: false; error: WorkflowValidationError };

let coreRegistry: NodeRegistry | undefined;
/** The core node types, used for the type checks when no registry is given. */
function coreTypes(): NodeRegistry {
  return (coreRegistry ??= new NodeRegistry(coreNodeTypes));
}

/**
 * Validates a workflow document and returns it typed, with defaults filled in.
 * Throws a `WorkflowValidationError` listing every problem (path + sentence).
 */
export function parseWorkflow(input: unknown, options: ParseWorkflowOptions = {}): Workflow {
  const result = safeParseWorkflow(input, options);
  if (!result.success) throw result.error;
  return result.workflow;
}

/** Like `parseWorkflow`, but returns the error instead of throwing it. */
export function safeParseWorkflow(input: unknown, options: ParseWorkflowOptions = {}): SafeParseWorkflowResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const issue = { code: 'invalid_type', path: [], message: `expected a workflow object, got ${describeValue(input)}` };
    return { success: false, error: new WorkflowValidationError([issue]) };
  }
  const parsed = workflowSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    const issues = fromZodIssues(parsed.error.issues);
    nameNodesInIssues(issues, input as { nodes?: unknown });
    return { success: false, error: new WorkflowValidationError(issues) };
  }
  const issues = checkWorkflow(parsed.data, options);
  if (issues.length > 0) return { success: false, error: new WorkflowValidationError(issues) };
  return { success: true, workflow: parsed.data };
}

/** Adds "node 'X'" to messages whose path points inside a node, so a person can find it. */
function nameNodesInIssues(issues: ValidationIssue[], doc: { nodes?: unknown }): void {
  if (!Array.isArray(doc.nodes)) return;
  for (const issue of issues) {
    if (issue.path[0] !== 'nodes' || typeof issue.path[1] !== 'number') continue;
    const name = (doc.nodes[issue.path[1]] as { name?: unknown } | undefined)?.name;
    if (typeof name === 'string' && name.trim() && issue.path.length > 2) issue.message = `node '${name}': ${issue.message}`;
  }
}

/** The graph and node-type checks that run after the schema accepted the document. */
export function checkWorkflow(workflow: Workflow, options: ParseWorkflowOptions = {}): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const strict = options.nodeTypes !== undefined;
  const registry = options.nodeTypes ?? coreTypes();
  const typeOf = new Map<string, NodeType | undefined>();

  const ids = new Map<string, number>();
  const names = new Map<string, number>();
  workflow.nodes.forEach((node, i) => {
    const firstId = ids.get(node.id);
    if (firstId !== undefined) {
      issues.push({
        code: 'duplicate_id',
        path: ['nodes', i, 'id'],
        message: `node id ${JSON.stringify(node.id)} is already used by nodes[${firstId}]; node ids must be unique`,
      });
    } else ids.set(node.id, i);
    const key = node.name.trim();
    const firstName = names.get(key);
    if (firstName !== undefined) {
      issues.push({
        code: 'duplicate_name',
        path: ['nodes', i, 'name'],
        message: `node name ${JSON.stringify(node.name)} is already used by nodes[${firstName}]; expressions find nodes by name, so names must be unique`,
      });
    } else names.set(key, i);

    const type = registry?.get(node.type, node.typeVersion);
    typeOf.set(node.id, type);
    if (!type && registry) {
      const versions = registry.versions(node.type);
      if (versions.length > 0) {
        issues.push({
          code: 'unknown_version',
          path: ['nodes', i, 'typeVersion'],
          message: `node '${node.name}': type '${node.type}' has no version ${node.typeVersion} (available: ${versions.join(', ')})`,
        });
      } else if (strict) {
        issues.push({
          code: 'unknown_type',
          path: ['nodes', i, 'type'],
          message: `node '${node.name}': unknown node type '${node.type}'; register it with createEngine({ nodeTypes }) or fix the type id`,
        });
      }
    }
    if (type?.properties) checkParameters(node.parameters, type, ['nodes', i, 'parameters'], node.name, issues);
  });

  const nodeIndex = (id: string) => ids.get(id);
  const broken = new Set<number>();
  workflow.connections.forEach((c, i) => {
    const before = issues.length;
    for (const end of ['from', 'to'] as const) {
      const idx = nodeIndex(c[end].node);
      if (idx === undefined) {
        issues.push({
          code: 'unknown_node',
          path: ['connections', i, end, 'node'],
          message: `connection ${end === 'from' ? 'starts at' : 'ends at'} node id ${JSON.stringify(c[end].node)}, which is not in the workflow`,
        });
        continue;
      }
      const node = workflow.nodes[idx]!;
      const type = typeOf.get(node.id);
      if (!type) continue;
      if (end === 'from') {
        const ports = [...outputPortsOf(type, node.parameters)];
        if (node.onError === 'errorOutput') ports.push('error');
        if (!ports.includes(c.from.port)) {
          const hint = c.from.port === 'error' ? "; set the node's onError to 'errorOutput' to get an error port" : '';
          issues.push({
            code: 'unknown_port',
            path: ['connections', i, 'from', 'port'],
            message: `node '${node.name}' (${type.type}) has no output port ${JSON.stringify(c.from.port)} (its outputs: ${ports.map((p) => JSON.stringify(p)).join(', ') || 'none'})${hint}`,
          });
        }
      } else if (type.inputs.length === 0) {
        issues.push({
          code: 'unknown_port',
          path: ['connections', i, 'to', 'port'],
          message: `node '${node.name}' is a trigger (${type.type}) and cannot receive connections`,
        });
      } else if (!type.inputs.includes(c.to.port)) {
        issues.push({
          code: 'unknown_port',
          path: ['connections', i, 'to', 'port'],
          message: `node '${node.name}' (${type.type}) has no input port ${JSON.stringify(c.to.port)} (its inputs: ${type.inputs.map((p) => JSON.stringify(p)).join(', ')})`,
        });
      }
    }
    if (issues.length > before) broken.add(i);
  });

  const seen = new Set<string>();
  workflow.connections.forEach((c, i) => {
    const key = `${c.from.node}\u0000${c.from.port}\u0000${c.to.node}\u0000${c.to.port}`;
    if (seen.has(key))
      issues.push({ code: 'duplicate_connection', path: ['connections', i], message: 'the same connection appears twice; remove one' });
    seen.add(key);
  });

  for (const nodeId of Object.keys(workflow.pinData ?? {})) {
    if (!ids.has(nodeId))
      issues.push({
        code: 'unknown_node',
        path: ['pinData', nodeId],
        message: `pin data for node id ${JSON.stringify(nodeId)}, which is not in the workflow`,
      });
  }

  // Cycles must pass through a loop node. Nodes of unknown type might be one, so they break cycles too.
  // Connections already reported as broken are left out, so one mistake is not reported twice.
  const graph = buildGraph(workflow, (index) => broken.has(index));
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

  const allKnown = workflow.nodes.every((n) => typeOf.get(n.id) !== undefined);
  if (allKnown && !workflow.nodes.some((n) => isTriggerType(typeOf.get(n.id)!))) {
    issues.push({
      code: 'no_trigger',
      path: ['nodes'],
      message: 'the workflow has no trigger node, so a run has nowhere to start; add one such as Manual Trigger (core.manualTrigger)',
    });
  }
  return issues;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** Checks literal parameter values against the node type's schema; expressions are checked when they run. */
function checkParameters(
  parameters: Record<string, unknown>,
  type: NodeType,
  prefix: (string | number)[],
  nodeName: string,
  issues: ValidationIssue[],
): void {
  const result = type.properties!.safeParse(parameters, { reportInput: true });
  if (result.success) return;
  for (const issue of fromZodIssues(result.error.issues)) {
    const raw = valueAt(parameters, issue.path);
    if (typeof raw === 'string' && hasTemplate(raw)) continue;
    const param = issue.path.length > 0 ? `parameter '${issue.path.join('.')}'` : 'parameters';
    issues.push({ ...issue, path: [...prefix, ...issue.path], message: `node '${nodeName}': ${param} ${issue.message}` });
  }
}
