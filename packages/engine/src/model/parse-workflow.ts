import { checkOptions, type OptionSpec } from '../options/check-options.js';
import { describeValue } from '../errors/describe-value.js';
import { WorkflowValidationError, type ValidationIssue } from '../errors/workflow-validation.error.js';
import { checkParts, partsOf, type NodePart, type WorkflowParts } from './check-workflow.js';
import { connectionSchema } from './connection.js';
import { checkNesting } from './nesting-depth.js';
import { nodeSchema } from './node.js';
import type { NodeTypeLookup } from './node-type-lookup.js';
import { fromZodIssues } from './zod-issues.js';
import { workflowSchema, type Workflow } from './workflow.js';

/** How node types are looked up while validating. */
export interface ParseWorkflowOptions {
  /**
   * The node types the workflow will run with (`engine.nodeTypes`, or any
   * `NodeRegistry`). When given, unknown node types and versions, ports,
   * literal parameter values, cycles outside a loop node and the trigger are
   * checked too. When left out, only the document's shape and graph are:
   * the schema, unique ids and names, connections and pin data naming
   * existing nodes.
   */
  nodeTypes?: NodeTypeLookup;
}

const PARSE_OPTIONS: OptionSpec<ParseWorkflowOptions> = { nodeTypes: true };

export type SafeParseWorkflowResult = { success: true; workflow: Workflow } | { success: false; error: WorkflowValidationError };

/**
 * Validates a workflow document and returns it typed, with defaults filled in.
 * Throws a `WorkflowValidationError` listing every problem (path + sentence).
 * Node types are checked only against the `nodeTypes` given;
 * `engine.parseWorkflow(json)` checks against the engine's own.
 *
 * @example
 * const workflow = parseWorkflow(json, { nodeTypes: engine.nodeTypes });
 */
export function parseWorkflow(input: unknown, options: ParseWorkflowOptions = {}): Workflow {
  const result = safeParseWorkflow(input, options);
  if (!result.success) throw result.error;
  return result.workflow;
}

/**
 * Like `parseWorkflow`, but returns the error instead of throwing it.
 *
 * Every problem is found in one pass: the schema's, nesting deeper than
 * `MAX_NESTING_DEPTH` in free-form JSON, and the graph's (dangling
 * connections, duplicate ids, unknown ports...). When the schema refuses
 * part of the document, the graph checks still run on the nodes and
 * connections it accepted.
 */
export function safeParseWorkflow(input: unknown, options: ParseWorkflowOptions = {}): SafeParseWorkflowResult {
  checkOptions('parseWorkflow', options, PARSE_OPTIONS);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const issue = { code: 'invalid_type', path: [], message: `expected a workflow object, got ${describeValue(input)}` };
    return { success: false, error: new WorkflowValidationError([issue]) };
  }
  const doc = input as Record<string, unknown>;
  // Before the schema: what nests too deep is not looked into by anything after.
  const nesting = checkNesting(doc);
  const parsed = workflowSchema.safeParse(input, { reportInput: true });
  const issues: ValidationIssue[] = [];
  if (!parsed.success) {
    const schemaIssues = fromZodIssues(parsed.error.issues);
    nameNodesInIssues(schemaIssues, doc);
    issues.push(...schemaIssues);
  }
  issues.push(...nesting.issues);
  const parts = parsed.success ? partsOf(parsed.data, nesting.deepNodes) : partsFrom(doc, nesting.deepNodes);
  issues.push(...checkParts(parts, options.nodeTypes));
  if (issues.length > 0 || !parsed.success) return { success: false, error: new WorkflowValidationError(issues) };
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

/**
 * The parts of a document the schema refused that can still be checked:
 * each node and connection the schema accepts on its own, and the id, name
 * and type of the nodes it refuses, when those are right.
 */
function partsFrom(doc: Record<string, unknown>, deepNodes: ReadonlySet<number>): WorkflowParts {
  const parts: WorkflowParts = { pinDataNodeIds: [] };
  if (Array.isArray(doc.nodes)) {
    parts.nodes = doc.nodes.map((raw: unknown, i): NodePart => {
      const parsed = deepNodes.has(i) ? undefined : nodeSchema.safeParse(raw);
      if (parsed?.success) return { ...fieldsOf(parsed.data), node: parsed.data };
      return typeof raw === 'object' && raw !== null ? fieldsOf(raw as Record<string, unknown>) : {};
    });
  }
  if (doc.connections === undefined) parts.connections = [];
  else if (Array.isArray(doc.connections)) {
    parts.connections = doc.connections.map((raw: unknown) => {
      const parsed = connectionSchema.safeParse(raw);
      return parsed.success ? parsed.data : undefined;
    });
  }
  const pinData = doc.pinData;
  if (typeof pinData === 'object' && pinData !== null && !Array.isArray(pinData)) parts.pinDataNodeIds = Object.keys(pinData);
  if (Array.isArray(doc.notes)) {
    parts.noteIds = doc.notes.map((raw: unknown) => {
      const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
      return typeof id === 'string' && id !== '' ? id : undefined;
    });
  }
  return parts;
}

/** The fields of a node the checks use, each kept only when it is right. */
function fieldsOf(node: Record<string, unknown>): NodePart {
  const part: NodePart = {};
  if (typeof node.id === 'string' && node.id !== '') part.id = node.id;
  if (typeof node.name === 'string' && node.name.trim() !== '' && node.name.trim().length <= 200) part.name = node.name.trim();
  if (typeof node.type === 'string' && node.type !== '') part.type = node.type;
  const version = node.typeVersion ?? 1;
  if (typeof version === 'number' && version > 0) part.typeVersion = version;
  return part;
}
