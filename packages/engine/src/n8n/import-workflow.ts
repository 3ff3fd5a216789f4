import type { ValidationIssue } from '../errors/workflow-validation.error.js';
import { formatPath } from '../errors/workflow-validation.error.js';
import type { WorkflowNode } from '../model/node.js';
import { safeParseWorkflow } from '../model/parse-workflow.js';
import { WORKFLOW_SCHEMA_VERSION, type Workflow, type WorkflowInput } from '../model/workflow.js';
import { coreNodeTypes } from '../nodes/core/index.js';
import type { NodeType } from '../nodes/define-node.js';
import { NodeRegistry } from '../nodes/node-registry.js';
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import { buildConnections, buildNode, usedOutputsOf, type BuiltConnection } from './assemble.js';
import { emptyReport, refusedReport, type ImportReport } from './import-report.js';
import { itemAlignment, upstreamOf } from './item-alignment.js';
import { countExpressions, mapNode, toPlaceholder, type NodeOutcome } from './map-node.js';
import type { NodeMapping } from './mappers/mapping.js';
import { readConnections } from './n8n-connections.js';
import { mapNodeSettings, type NodeSettings } from './node-settings.js';
import { mapStickyNotes } from './sticky-notes.js';
import { readN8nDocument, readNodes, uniqueIn, type N8nNodeEntry } from './read-n8n.js';
import { mapPinData, mapWorkflowSettings } from './workflow-settings.js';

/** Options of `importN8nWorkflow`. */
export interface ImportN8nOptions {
  /** Where the workflow came from (a file name), written into the report. */
  source?: string;
  /** The id of the Flowloom workflow; default: the n8n workflow's id, else one made from its name. */
  id?: string;
  /**
   * Mappings of more n8n node types, keyed by n8n type (`n8n-nodes-base.slack`), used before the core ones: a node
   * package supplies those of its own nodes (`n8nMappings` of `@flowloom/integrations/n8n`). The Flowloom node types
   * they make must be given in `nodeTypes`.
   */
  mappings?: Readonly<Record<string, NodeMapping>>;
  /** The node types the `mappings` make; the imported workflow validates against them and the core ones. */
  nodeTypes?: readonly NodeType[];
}

/** The imported workflow (absent when the input was refused) and the report of what happened. */
export interface ImportN8nResult {
  workflow?: Workflow;
  report: ImportReport;
}

const OPTIONS: OptionSpec<ImportN8nOptions> = { source: true, id: true, mappings: true, nodeTypes: true };
const TRIGGER_TYPES = new Set([
  'core.manualTrigger',
  'core.webhook',
  'core.scheduleTrigger',
  'core.executeWorkflowTrigger',
  'core.emailTrigger',
  'core.formTrigger',
  'core.chatTrigger',
  'core.placeholderTrigger',
]);

let registry: NodeRegistry | undefined;
/**
 * The core node types, placeholders and Node-only ones (Send Email, files, commands) included: an imported
 * workflow validates against them, and every engine knows them; with the node types the caller's mappings make.
 */
function registryOf(extra: readonly NodeType[] | undefined): NodeRegistry {
  if (extra && extra.length > 0) return new NodeRegistry([...coreNodeTypes, ...extra]);
  registry ??= new NodeRegistry(coreNodeTypes);
  return registry;
}

/**
 * Imports an n8n workflow export (the parsed JSON or its text) as a Flowloom
 * workflow document, with a report of every node mapped or kept as a
 * placeholder, every expression translated or left for later, the
 * credentials to fill, the settings dropped and the problems found. Never
 * throws on bad input: a file that is not an n8n workflow gives no
 * `workflow` and a report whose `status` is `refused`. The workflow returned
 * always validates against the core node types.
 *
 * @example
 * const { workflow, report } = importN8nWorkflow(await readFile('export.json', 'utf8'), { source: 'export.json' });
 * if (workflow) await storage.workflows.save('default', workflow);
 * console.log(report.status, report.placeholders.map((p) => p.n8nType));
 */
export function importN8nWorkflow(json: unknown, options: ImportN8nOptions = {}): ImportN8nResult {
  checkOptions('importN8nWorkflow', options, OPTIONS);
  try {
    return importDocument(json, options);
  } catch (error) {
    // Only a fault of the importer itself lands here; it is reported, never thrown.
    const report = refusedReport(
      `the importer failed on this file: ${error instanceof Error ? error.message : String(error)}`,
      options.source,
    );
    report.problems[0]!.code = 'internal-error';
    return { report };
  }
}

function workflowId(doc: Record<string, unknown>, options: ImportN8nOptions): string {
  if (options.id !== undefined && options.id !== '') return options.id;
  if ((typeof doc.id === 'string' && doc.id.trim() !== '') || typeof doc.id === 'number') return String(doc.id).trim();
  const name = typeof doc.name === 'string' ? doc.name : '';
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug === '' ? 'n8n-workflow' : slug;
}

function importDocument(json: unknown, options: ImportN8nOptions): ImportN8nResult {
  const read = readN8nDocument(json);
  if ('refused' in read) return { report: refusedReport(read.refused, options.source) };
  const { doc } = read;
  const report = emptyReport(options.source);
  if (typeof doc.name === 'string') report.workflowName = doc.name;
  const problems = report.problems;

  const { nodes, stickies } = readNodes(doc.nodes as unknown[], problems);
  const byN8nName = new Map<string, N8nNodeEntry>();
  for (const node of nodes) if (!byN8nName.has(node.n8nName)) byN8nName.set(node.n8nName, node);
  const stickyNames = new Set(stickies.map((s) => s.name));
  const { edges, other } = readConnections(doc.connections, byN8nName, stickyNames, problems);
  const workflowSettings = mapWorkflowSettings(doc.settings, problems);
  report.settingsDropped.push(...workflowSettings.dropped);
  const aligned = itemAlignment(nodes, edges);
  const before = upstreamOf(edges);
  const usedOutputs = usedOutputsOf(edges);
  const withIncoming = new Set(edges.map((e) => e.to.id));

  const outcomes = nodes.map((entry) =>
    mapNode(
      entry,
      {
        nodeName: (name) => byN8nName.get(name)?.name,
        itemAligned: (name) => aligned(name, entry),
        upstream: (name) => before(name, entry),
        usedOutputs: usedOutputs.get(entry.id) ?? [],
        timezone: workflowSettings.settings.timezone,
      },
      withIncoming.has(entry.id),
      options.mappings,
    ),
  );
  const settings = new Map<string, NodeSettings>();
  for (const entry of nodes) {
    const mapped = mapNodeSettings(entry.raw, entry.name);
    settings.set(entry.id, mapped.settings);
    report.settingsDropped.push(...mapped.dropped);
    problems.push(...mapped.problems);
  }
  // n8n runs workflows without the setting, and those saved with 'v0', in its legacy order: breadth first,
  // in the order connections are written. It differs from depth first only where a node feeds several.
  if (workflowSettings.executionOrder !== 'v1' && edges.some((e, i) => edges.findIndex((f) => f.from === e.from) !== i)) {
    workflowSettings.settings.executionOrder = 'breadth-first';
  }

  // n8n gives nothing for an expression whose code throws a plain JavaScript error; the ones kept as JavaScript do the same.
  if (outcomes.some((o) => o.counts.javascript > 0)) workflowSettings.settings.javascriptErrors = 'empty';

  const pinData = mapPinData(doc.pinData, byN8nName, problems);
  const meta = metaOf(doc, other, workflowSettings.unmapped);
  const notes = mapStickyNotes(stickies, problems);

  const assembled = validate(
    {
      id: workflowId(doc, options),
      name: typeof doc.name === 'string' ? doc.name.slice(0, 500) : '',
      settings: workflowSettings.settings,
      pinData,
      meta,
      ...(notes.length > 0 ? { notes } : {}),
    },
    outcomes,
    settings,
    edges,
    usedOutputs,
    withIncoming,
    report,
    registryOf(options.nodeTypes),
  );
  finishReport(report, outcomes, stickies.length, assembled !== undefined);
  return assembled ? { workflow: assembled, report } : { report };
}

function metaOf(doc: Record<string, unknown>, other: unknown[], settings: Record<string, unknown>): Record<string, unknown> {
  const n8n: Record<string, unknown> = {};
  if (doc.id !== undefined) n8n.id = doc.id;
  if (doc.versionId !== undefined) n8n.versionId = doc.versionId;
  if (typeof doc.active === 'boolean') n8n.active = doc.active;
  if (other.length > 0) n8n.otherConnections = other;
  if (Object.keys(settings).length > 0) n8n.settings = settings;
  const meta: Record<string, unknown> = { importedFrom: 'n8n', n8n };
  if (Array.isArray(doc.tags)) {
    const tags = doc.tags.flatMap((t: unknown) =>
      typeof t === 'string'
        ? [t]
        : typeof t === 'object' && t !== null && typeof (t as { name?: unknown }).name === 'string'
          ? [(t as { name: string }).name]
          : [],
    );
    if (tags.length > 0) meta.tags = tags;
  }
  return meta;
}

type DocumentFields = Pick<WorkflowInput, 'id' | 'name' | 'settings' | 'pinData' | 'meta' | 'notes'>;

/**
 * Builds the document and validates it against the core node types,
 * repairing what validation refuses (a node whose parameters Flowloom
 * refuses becomes a placeholder; a connection that closes a cycle outside a
 * loop node, or ends at a trigger, is left out) until it validates. Returns
 * undefined when it cannot be made valid.
 */
function validate(
  fields: DocumentFields,
  outcomes: NodeOutcome[],
  settings: ReadonlyMap<string, NodeSettings>,
  edges: Parameters<typeof buildConnections>[0],
  usedOutputs: ReadonlyMap<string, number[]>,
  withIncoming: ReadonlySet<string>,
  report: ImportReport,
  types: NodeRegistry,
): Workflow | undefined {
  const dropped = new Set<string>();
  let pinData = fields.pinData ? { ...fields.pinData } : undefined;
  let meta = fields.meta;
  for (let round = 0; round < 200; round++) {
    const connectionProblems: ImportReport['problems'] = [];
    const built = outcomes.map((o) => buildNode(o, settings.get(o.entry.id) ?? {}, usedOutputs.get(o.entry.id) ?? []));
    const ports = new Map(built.map((b, i) => [outcomes[i]!.entry.id, { ...b, placeholder: outcomes[i]!.mapped === undefined }]));
    const connections = buildConnections(edges, ports, dropped, connectionProblems);
    const nodes = built.map((b) => b.node);
    const added = addTriggerIfMissing(nodes, connections, types);
    const doc: WorkflowInput = {
      schemaVersion: WORKFLOW_SCHEMA_VERSION,
      ...fields,
      nodes: [...nodes, ...(added ? [added.node] : [])],
      connections: [...connections.map((c) => c.connection), ...(added?.connections ?? [])],
      ...(pinData ? { pinData } : {}),
      ...(meta ? { meta } : {}),
    };
    const result = safeParseWorkflow(doc, { nodeTypes: types });
    if (result.success) {
      report.problems.push(...connectionProblems);
      if (added) {
        report.problems.push({
          code: 'no-trigger',
          severity: 'warning',
          node: added.node.name,
          message: `the workflow has no trigger Flowloom can start from; a Manual Trigger was added before ${added.connections.length} node${added.connections.length === 1 ? '' : 's'}`,
        });
      }
      report.credentials.push(...built.flatMap((b) => b.credentials));
      return result.workflow;
    }
    const fixed = repair(result.error.issues, outcomes, connections, dropped, withIncoming, report);
    if (fixed.pinData.size > 0 && pinData) pinData = Object.fromEntries(Object.entries(pinData).filter(([id]) => !fixed.pinData.has(id)));
    if (fixed.meta) meta = { importedFrom: 'n8n' };
    if (!fixed.any) {
      const shown = result.error.issues.slice(0, 3).map((i) => `${formatPath(i.path)}: ${i.message}`);
      report.problems.push({
        code: 'invalid-result',
        severity: 'error',
        message: `the imported workflow does not validate: ${shown.join('; ')}`,
      });
      report.refusedReason = `the imported workflow does not validate (${shown[0] ?? 'unknown problem'})`;
      return undefined;
    }
  }
  report.refusedReason = 'the imported workflow could not be made valid';
  return undefined;
}

/** Applies fixes for validation issues; returns what was fixed. */
function repair(
  issues: readonly ValidationIssue[],
  outcomes: NodeOutcome[],
  connections: readonly BuiltConnection[],
  dropped: Set<string>,
  withIncoming: ReadonlySet<string>,
  report: ImportReport,
): { any: boolean; pinData: Set<string>; meta: boolean } {
  let any = false;
  let meta = false;
  const pinData = new Set<string>();
  // A node is repaired once per round: once it is a placeholder, its other issues are about parameters it no longer has.
  const repairedNodes = new Set<number>();
  for (const issue of issues) {
    const [where, index] = issue.path;
    if (where === 'connections' && typeof index === 'number' && connections[index]) {
      const c = connections[index];
      if (dropped.has(c.key)) continue;
      dropped.add(c.key);
      any = true;
      const code = issue.code === 'cycle' ? 'cycle' : issue.code === 'unknown_port' ? 'connection-refused' : issue.code;
      report.problems.push({
        code,
        severity: 'error',
        node: c.edge.from.name,
        message: `the connection from '${c.edge.from.name}' to '${c.edge.to.name}' was left out: ${issue.message}`,
      });
    } else if (
      where === 'nodes' &&
      typeof index === 'number' &&
      outcomes[index] &&
      (issue.path[2] === 'parameters' || issue.code === 'too_deep' || issue.code === 'unknown_type' || issue.code === 'unknown_version')
    ) {
      const outcome = outcomes[index];
      if (repairedNodes.has(index)) continue;
      repairedNodes.add(index);
      if (outcome.mapped) {
        toPlaceholder(
          outcome,
          `Flowloom refuses ${issue.path[2] === 'parameters' || issue.code === 'too_deep' ? 'its translated parameters' : 'the node type it maps to (give it in nodeTypes)'}: ${issue.message}`,
          withIncoming.has(outcome.entry.id),
          formatPath(issue.path.slice(3)),
        );
      } else {
        // The original parameters themselves are refused (nested too deep): the placeholder keeps none.
        outcome.originalParameters = {};
        report.problems.push({
          code: 'parameters-dropped',
          severity: 'error',
          node: outcome.entry.name,
          message: `its parameters were left out: ${issue.message}`,
        });
      }
      any = true;
    } else if (where === 'pinData' && typeof index === 'string') {
      pinData.add(index);
      report.problems.push({
        code: 'pin-data-dropped',
        severity: 'error',
        parameter: formatPath(issue.path),
        message: `pinned data left out: ${issue.message}`,
      });
      any = true;
    } else if (where === 'meta' && !meta) {
      meta = true;
      any = true;
      report.problems.push({
        code: 'meta-dropped',
        severity: 'warning',
        message: `the n8n details kept in meta were left out: ${issue.message}`,
      });
    }
  }
  return { any, pinData, meta };
}

/** A Manual Trigger before every node nothing is connected into, when the workflow has no trigger at all. */
function addTriggerIfMissing(
  nodes: readonly WorkflowNode[],
  connections: readonly BuiltConnection[],
  types: NodeRegistry,
): { node: WorkflowNode; connections: { from: { node: string; port: string }; to: { node: string; port: string } }[] } | undefined {
  if (nodes.some((n) => TRIGGER_TYPES.has(n.type) || types.get(n.type, n.typeVersion)?.inputs.length === 0)) return undefined;
  const ids = new Set(nodes.map((n) => n.id));
  const names = new Set(nodes.map((n) => n.name));
  const id = uniqueIn(ids, 'manual-trigger');
  const name = uniqueIn(names, 'Manual Trigger', ' ');
  const targets = new Set(connections.map((c) => c.connection.to.node));
  const roots = nodes.filter((n) => !targets.has(n.id));
  const x = Math.min(0, ...nodes.map((n) => n.position?.x ?? 0)) - 240;
  const y = roots[0]?.position?.y ?? 0;
  return {
    node: { id, name, type: 'core.manualTrigger', typeVersion: 1, position: { x, y }, parameters: {} },
    connections: roots.map((r) => ({
      from: { node: id, port: 'main' },
      to: { node: r.id, port: types.get(r.type, 1)?.inputs[0] ?? 'main' },
    })),
  };
}

function finishReport(report: ImportReport, outcomes: readonly NodeOutcome[], stickyNotes: number, imported: boolean): void {
  report.nodes = {
    total: outcomes.length,
    mapped: outcomes.filter((o) => o.mapped).length,
    placeholders: outcomes.filter((o) => !o.mapped).length,
    stickyNotes,
  };
  for (const o of outcomes) {
    const { entry } = o;
    if (o.mapped) {
      report.mapped.push({ node: entry.name, n8nType: entry.type, typeVersion: entry.typeVersion, flowloomType: o.mapped.type });
      for (const key of ['total', 'translated', 'javascript', 'parseFailed'] as const) report.expressions[key] += o.counts[key];
      report.notTranslated.push(...o.pending);
      report.problems.push(...o.problems);
    } else {
      const p = o.placeholder!;
      report.placeholders.push({
        node: entry.name,
        n8nType: entry.type,
        typeVersion: entry.typeVersion,
        reason: p.reason,
        cause: p.cause,
        ...(p.parameter ? { parameter: p.parameter } : {}),
      });
      report.problems.push(...o.problems);
      const inPlaceholder = countExpressions(o.originalParameters);
      report.expressions.inPlaceholders += inPlaceholder;
      report.expressions.total += inPlaceholder;
    }
  }
  if (!imported) {
    report.status = 'refused';
    return;
  }
  const clean =
    report.placeholders.length === 0 && report.expressions.parseFailed === 0 && !report.problems.some((p) => p.severity === 'error');
  report.status = clean ? 'imported' : 'partial';
}
