import type { Item } from '../../model/item.js';
import type { WorkflowNode } from '../../model/node.js';
import { ExpressionError } from '../expression.error.js';
import type { ExpressionScope } from '../resolver.js';
import { resumeUrlOf, zoneOf } from '../bindings.js';
import { systemRandom } from '../../ports/random.js';
import type { PreparedJs } from './js-rewrite.js';

/** One JavaScript part of a template, as the sandbox runs it. */
export interface JsPart {
  readonly prepared: PreparedJs;
  /** The template has other parts: the value is turned into text the way n8n does (`String(v)`, nothing for null). */
  readonly text: boolean;
}

/** One evaluation's outcome. */
export type JsOutcome = { readonly value: unknown } | { readonly error: ExpressionError };

/** The code sandbox an evaluation may use, and its limits. */
export type { ExpressionSandbox } from './expression-sandbox.js';

interface Entry {
  v?: unknown;
  u?: 1;
  e?: string;
  n?: string;
}

const TAG = /^\s*js:/;
/** Draws of the engine's random source handed to the sandbox for `Math.random()`; later calls continue from a generator they seed. */
const RANDOM_DRAWS = 16;

/** Whether the inside of a `{{ }}` is a JavaScript expression (`{{js: … }}`), and its code without the tag. */
export function jsSource(source: string): string | undefined {
  const m = TAG.exec(source);
  return m ? source.slice(m[0].length) : undefined;
}

/** The names of the nodes upstream of `node` (connected into it, directly or not). */
function upstreamOf(scope: ExpressionScope): string[] {
  const { workflow, node } = scope;
  const byId = new Map(workflow.nodes.map((n) => [n.id, n]));
  const into = new Map<string, string[]>();
  for (const c of workflow.connections) {
    const list = into.get(c.to.node) ?? [];
    list.push(c.from.node);
    into.set(c.to.node, list);
  }
  const seen = new Set<string>();
  const queue = [node.id];
  while (queue.length > 0) {
    for (const from of into.get(queue.shift()!) ?? []) {
      if (seen.has(from)) continue;
      seen.add(from);
      queue.push(from);
    }
  }
  return [...seen].flatMap((id) => (byId.has(id) ? [byId.get(id)!.name] : []));
}

/** A node's parameters as expressions read them: a placeholder's are the original n8n ones. */
function parametersOf(node: WorkflowNode): unknown {
  const p = node.parameters;
  return node.type.startsWith('core.placeholder') && typeof p.originalParameters === 'object' ? p.originalParameters : p;
}

/** The node whose output comes into this one first, as `$prevNode`. */
function previousNode(scope: ExpressionScope): { name: string; outputIndex: number; runIndex: number } | null {
  const { workflow, node } = scope;
  const edge = workflow.connections.find((c) => c.to.node === node.id);
  const from = edge && workflow.nodes.find((n) => n.id === edge.from.node);
  return from ? { name: from.name, outputIndex: 0, runIndex: 0 } : null;
}

const READS_PAIRED = /\.item\b|itemMatching|pairedItem/;

/** Per input item, where the item of one node it descends from is (see `pairedIndexes`). */
interface Paired {
  /** An index in the node's output as `$('X').all()` gives it, -1 when not known, -2 - k for `extra[k]`. */
  at: number[];
  /** Ancestors on the node's other outputs (a Loop Over Items' loop output). */
  extra: Item[];
}

/**
 * For each node read through `$('X').item`, `.itemMatching(i)` or
 * `.pairedItem()`: per input item, the item of X it descends from, as the
 * run recorded it (the guest pairs by position where it is not known). Left
 * out when no part reads one, so other expressions pay nothing.
 */
function pairedIndexes(
  parts: readonly JsPart[],
  nodes: Readonly<Record<string, readonly Item[]>>,
  items: readonly Item[],
  scope: ExpressionScope,
): Record<string, Paired> | undefined {
  const pairedItem = scope.pairedItem;
  if (!pairedItem || !parts.some((p) => READS_PAIRED.test(p.prepared.code))) return undefined;
  const out: Record<string, Paired> = {};
  for (const name in nodes) {
    const output = nodes[name]!;
    if (output.length === 1) continue;
    const extra: Item[] = [];
    const at = items.map((item) => {
      const found = pairedItem(name, item);
      if (!found) return -1;
      const index = output.indexOf(found);
      if (index >= 0) return index;
      let k = extra.indexOf(found);
      if (k < 0) k = extra.push(found) - 1;
      return -2 - k;
    });
    out[name] = { at, extra };
  }
  return out;
}

const READS_CONTEXT = /\bcontext\b/;

/**
 * The contexts of the nodes the parts name, and of the node before this one
 * (`$input.context`), for `.context` reads (n8n's node context); left out when
 * no part mentions one.
 */
function nodeContexts(
  parts: readonly JsPart[],
  wanted: ReadonlySet<string>,
  previous: string | undefined,
  scope: ExpressionScope,
): Record<string, Readonly<Record<string, unknown>>> | undefined {
  const nodeContext = scope.nodeContext;
  if (!nodeContext || !parts.some((p) => READS_CONTEXT.test(p.prepared.code))) return undefined;
  const out: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const name of previous === undefined ? wanted : [...wanted, previous]) {
    const context = nodeContext(name);
    if (context) out[name] = context;
  }
  return out;
}

/**
 * Evaluates JavaScript parts for several scopes of one activation (the same
 * node, input and run; one scope per item) in one sandbox run. Returns, for
 * each scope, each part's outcome. A failure of the sandbox itself (its
 * limits, its absence) rejects with an ExpressionError.
 */
export async function evaluateJs(
  parts: readonly JsPart[],
  scopes: readonly ExpressionScope[],
  signal?: AbortSignal,
): Promise<JsOutcome[][]> {
  const first = scopes[0]!;
  const sandbox = first.sandbox;
  if (!sandbox) {
    throw new ExpressionError(
      'EXPRESSION_ERROR',
      'JavaScript expressions ({{js: … }}) run in the code sandbox, and this evaluation has none: run them through an engine (createNodeEngine in Node), or pass a codeSandbox.',
    );
  }
  let items: readonly Item[] = first.items;
  const indexes: number[] = [];
  for (const scope of scopes) {
    let index = scope.itemIndex;
    // An item given apart from the input (ctx.evaluate with its own JSON) is evaluated in its place.
    if (scope.item !== undefined && items[index] !== scope.item) {
      const copy = items.slice();
      if (index >= copy.length) index = copy.length;
      copy[index] = scope.item;
      items = copy;
    }
    indexes.push(index);
  }
  const names = first.workflow.nodes.map((n) => n.name);
  const wanted = new Set<string>();
  for (const part of parts) {
    if (part.prepared.dynamicNodes) for (const name of names) wanted.add(name);
    for (const name of part.prepared.nodes) wanted.add(name);
  }
  const nodes: Record<string, readonly Item[]> = {};
  const parameters: Record<string, unknown> = { [first.node.name]: parametersOf(first.node) };
  for (const name of wanted) {
    const output = first.nodeOutput(name);
    if (output) nodes[name] = output;
    const node = first.workflow.nodes.find((n) => n.name === name);
    if (node) parameters[name] = parametersOf(node);
  }
  const prevNode = previousNode(first);
  const data = {
    items,
    indexes,
    paired: pairedIndexes(parts, nodes, items, first),
    contexts: nodeContexts(parts, wanted, prevNode?.name, first),
    names,
    nodes,
    upstream: upstreamOf(first),
    parameters,
    node: { name: first.node.name, typeVersion: first.node.typeVersion },
    vars: first.vars,
    env: first.env,
    execution: { id: first.execution.id, mode: first.execution.mode, resumeUrl: resumeUrlOf(first) },
    workflow: { id: first.workflow.id, name: first.workflow.name, active: false },
    runIndex: first.runIndex,
    emptyOnError: first.workflow.settings.javascriptErrors === 'empty',
    prevNode,
    now: first.now,
    zone: zoneOf(first),
    randoms: Array.from({ length: RANDOM_DRAWS }, () => (first.random ?? systemRandom)()),
  };
  let dataJson: string;
  try {
    dataJson = JSON.stringify(data);
  } catch {
    throw new ExpressionError('EXPRESSION_ERROR', 'The data JavaScript expressions read is not JSON (a cycle?).');
  }
  const result = await sandbox.port.run(
    {
      tenantId: first.execution.tenantId,
      nodeName: first.node.name,
      mode: 'expressions',
      code: JSON.stringify(parts.map((p) => ({ code: p.prepared.code, text: p.text }))),
      dataJson,
      limits: sandbox.limits,
    },
    signal,
  );
  if (!result.ok) {
    const code =
      result.error.code === 'CODE_TIMEOUT' || result.error.code === 'CODE_MEMORY' || result.error.code === 'CODE_OUTPUT_TOO_LARGE'
        ? 'EXPRESSION_BUDGET'
        : 'EXPRESSION_ERROR';
    throw new ExpressionError(code, `JavaScript expressions could not run: ${result.error.message} (${result.error.code}).`);
  }
  const rows = ('output' in result ? result.output : (JSON.parse(result.outputJson) as unknown[])) as Entry[][];
  return rows.map((row) => row.map(outcome));
}

function outcome(entry: Entry): JsOutcome {
  if ('v' in entry) return { value: entry.v };
  if (entry.u === 1) return { value: undefined };
  const name = entry.n ?? 'Error';
  const message = entry.e ?? 'the expression failed';
  if (name === 'SyntaxError') return { error: new ExpressionError('EXPRESSION_SYNTAX', `JavaScript syntax error: ${message}.`) };
  if (name === 'ExpressionError' && /^(Referenced node|Node '|Can't get data)/.test(message)) {
    return { error: new ExpressionError('EXPRESSION_REFERENCE', message) };
  }
  const prefix = name === 'Error' || name === 'ExpressionError' || name === 'ExpressionExtensionError' ? '' : `${name}: `;
  return { error: new ExpressionError('EXPRESSION_ERROR', `${prefix}${message}`) };
}
