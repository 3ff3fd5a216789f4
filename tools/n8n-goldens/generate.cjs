// Records n8n's own value for every expression string of the n8n corpus, as test data for
// Flowloom's importer (see README.md). Run: `npm install && TZ=UTC node generate.cjs` in this folder.
'use strict';

const { readdirSync, readFileSync, writeFileSync, mkdirSync } = require('node:fs');
const { join, relative, resolve } = require('node:path');
const { requirementsOf, sample } = require('./scope.cjs');

if (process.env.TZ !== 'UTC') {
  console.error('Run with TZ=UTC (n8n reads dates in the server time zone).');
  process.exit(1);
}

/** The fixed clock both sides use: `$now`, `new Date()`, `Date.now()`. */
const NOW = Date.parse('2024-03-31T22:30:00.000Z');
const RealDate = Date;
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(NOW);
    else super(...args);
  }
  static now() {
    return NOW;
  }
}
globalThis.Date = FixedDate;
process.env.N8N_BLOCK_ENV_ACCESS_IN_NODE = 'false';
// Random numbers are the same on both sides: Flowloom's test gives its engine a random source that answers 0.5.
Math.random = () => 0.5;

const luxon = require('luxon');
luxon.Settings.now = () => NOW;
const { Workflow, createRunExecutionData, setGlobalState } = require('n8n-workflow');
const { setErrorHandler } = require('n8n-workflow/dist/cjs/expression-evaluator-proxy.js');
// A workflow without a time zone runs in the server's; these goldens take a server on UTC.
setGlobalState({ defaultTimezone: 'UTC' });

const ROOT = resolve(__dirname, '../..');
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? resolve(ROOT, '../shared/corpus/n8n-workflows');
const OUT = resolve(ROOT, 'packages/engine/src/n8n/goldens/corpus-expressions.json');
const MAX_PINNED = 3;

/** What n8n hid: errors its evaluator swallows (the value is then undefined). */
let swallowed;
setErrorHandler((error) => {
  if (error && (error.constructor?.name === 'ExpressionError' || error.constructor?.name === 'ExpressionExtensionError')) throw error;
  swallowed ??= error;
});

/**
 * Node types as the evaluator needs them: a name, and as properties the top-level parameters the workflow's
 * nodes of that type set (n8n keeps only declared parameters, which `$node["X"].parameter` reads).
 */
function nodeTypesOf(doc) {
  const properties = new Map();
  for (const node of doc.nodes ?? []) {
    if (!node || typeof node.type !== 'string') continue;
    const list = properties.get(node.type) ?? new Map();
    for (const [name, value] of Object.entries(node.parameters ?? {})) {
      if (list.has(name)) continue;
      const type =
        typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : typeof value === 'string' ? 'string' : 'json';
      list.set(name, {
        displayName: name,
        name,
        type,
        default: type === 'number' ? 0 : type === 'boolean' ? false : type === 'string' ? '' : {},
      });
    }
    properties.set(node.type, list);
  }
  const describe = (type) => ({
    description: {
      name: type,
      displayName: type,
      properties: [...(properties.get(type) ?? new Map()).values()],
      inputs: ['main'],
      outputs: ['main'],
    },
  });
  return { getByName: describe, getByNameAndVersion: describe, getKnownTypes: () => ({}) };
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.json') ? [join(dir, e.name)] : []));
}

/** Every `=` string holding `{{` in a node's parameters, with its path. */
function expressionStrings(parameters) {
  const out = [];
  const visit = (v, path) => {
    if (typeof v === 'string') {
      if (v.startsWith('=') && v.includes('{{')) out.push({ path, value: v });
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(x, `${path}[${i}]`));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, path === '' ? k : `${path}.${k}`);
  };
  visit(parameters, '');
  return out;
}

/** JSON-safe copy of n8n's value, as a node would store it. */
function plain(value) {
  if (value === undefined) return { undefined: true };
  const text = JSON.stringify(value);
  return text === undefined ? { undefined: true } : { value: JSON.parse(text) };
}

/** Main-connection parents of each node: name -> [{ from, output, input }]. */
function parentsOf(connections) {
  const parents = new Map();
  for (const [from, kinds] of Object.entries(connections ?? {})) {
    (kinds?.main ?? []).forEach((targets, output) => {
      for (const t of targets ?? []) {
        if (!t || typeof t.node !== 'string') continue;
        if (!parents.has(t.node)) parents.set(t.node, []);
        parents.get(t.node).push({ from, output, input: t.index ?? 0 });
      }
    });
  }
  return parents;
}

/** The shortest way back from `start` to `target` over main connections: the edges, nearest first; undefined when none. */
function pathBack(start, target, parents) {
  const via = new Map([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const at = queue.shift();
    if (at === target && at !== start) break;
    for (const edge of parents.get(at) ?? []) {
      if (via.has(edge.from)) continue;
      via.set(edge.from, { ...edge, to: at });
      queue.push(edge.from);
    }
  }
  if (!via.has(target) || target === start) return undefined;
  const edges = [];
  for (let at = target; at !== start; at = via.get(at).to) edges.unshift(via.get(at));
  return edges;
}

/**
 * Which parents each node's items came from, so n8n can follow paired items back from the node evaluated to
 * every node it names: node name -> (input index -> { from, output, input, to }). The first way found wins.
 */
function chainOf(start, names, parents) {
  const chain = new Map();
  for (const name of names) {
    for (const edge of pathBack(start, name, parents) ?? []) {
      const inputs = chain.get(edge.to) ?? new Map();
      if (!inputs.has(edge.input)) inputs.set(edge.input, edge);
      chain.set(edge.to, inputs);
    }
  }
  return chain;
}

const edgesInto = (chain, name) => [...(chain.get(name)?.values() ?? [])];

/** An item's pairing: to item `item` of each input its node was reached through. */
function pairingOf(edges, item) {
  if (edges.length <= 1) return { item, input: edges[0]?.input ?? 0 };
  return edges.map((e) => ({ item, input: e.input }));
}

function pinnedItems(doc, name) {
  const list = doc.pinData?.[name];
  if (!Array.isArray(list) || list.length === 0) return undefined;
  return list.slice(0, MAX_PINNED).map((item) => ({ json: item && typeof item.json === 'object' ? item.json : item }));
}

/** Adds what `from` requires to `into`. */
function mergeShape(into, from) {
  into.kind ??= from.kind;
  into.special ??= from.special;
  if (from.minLength) into.minLength = Math.max(into.minLength ?? 1, from.minLength);
  if (from.element) mergeShape((into.element ??= { fields: new Map(), kind: undefined, element: undefined }), from.element);
  for (const [key, child] of from.fields) {
    if (!into.fields.has(key)) into.fields.set(key, { fields: new Map(), kind: undefined, element: undefined });
    mergeShape(into.fields.get(key), child);
  }
}

/** The scope for one expression string, with sample data of `variant`. */
function buildScope(doc, node, req, variant, usePins) {
  const parents = parentsOf(doc.connections);
  const chain = chainOf(node.name, [...req.nodes.keys()], parents);
  const parent = edgesInto(chain, node.name)[0] ?? (parents.get(node.name) ?? [])[0];
  const items = (name, shapeOf) => {
    const pinned = usePins ? pinnedItems(doc, name) : undefined;
    if (pinned) return pinned;
    return [{ json: shapeOf ? sample(shapeOf, name, variant) : {} }];
  };
  let input = parent && usePins ? pinnedItems(doc, parent.from) : undefined;
  req.input.kind ??= 'object';
  // The node whose output is the input: what the expression reads through it shapes the input too.
  const throughParent = parent && req.nodes.get(parent.from);
  if (throughParent) mergeShape(req.input, throughParent.shape);
  input ??= [{ json: sample(req.input, 'json', variant) }];
  // Items carry the pairing n8n follows back: each to the item of the node before it on the way.
  const paired = (list, edges) =>
    list.map((item, i) => ({ ...item, pairedItem: edges.length > 0 ? pairingOf(edges, 0) : { item: i, input: 0 } }));
  if (req.binary.size > 0) {
    input = input.map((item) => ({
      ...item,
      binary: Object.fromEntries(
        [...req.binary.keys()].map((key) => [
          key,
          { data: 'aGVsbG8=', mimeType: 'text/plain', fileName: `${key}.txt`, fileExtension: 'txt', fileType: 'text' },
        ]),
      ),
    }));
  }
  const intoNode = edgesInto(chain, node.name);
  input = input.map((item, i) => ({
    ...item,
    pairedItem: intoNode.length > 0 ? pairingOf(intoNode, i) : { item: i, input: parent?.input ?? 0 },
  }));
  const outputs = {};
  const exists = new Set((doc.nodes ?? []).map((n) => n && n.name));
  for (const [name, r] of req.nodes) {
    if (!exists.has(name)) continue;
    outputs[name] = parent && name === parent.from ? input : paired(items(name, r.shape), edgesInto(chain, name));
  }
  return { input, outputs, parent, chain };
}

/** n8n's value of `value` for node `node` of `doc`, or its error. */
function evaluate(doc, node, value, scope, req) {
  const { input, outputs, parent, chain } = scope;

  const nodes = doc.nodes.filter((n) => n && typeof n.name === 'string');
  const workflow = new Workflow({
    id: String(doc.id ?? 'n8n-workflow'),
    name: doc.name ?? '',
    nodes: nodes.map((n) => ({ ...n, parameters: n.parameters ?? {}, position: n.position ?? [0, 0] })),
    connections: doc.connections ?? {},
    active: false,
    nodeTypes: nodeTypesOf(doc),
    settings: doc.settings?.timezone ? { timezone: doc.settings.timezone } : {},
  });
  // Run data: the referenced nodes' outputs, and along the way back to them, one item each paired with the ones before.
  const edges = [...chain.values()].flatMap((inputs) => [...inputs.values()]);
  const runData = {};
  const task = (name, list) => {
    const into = edgesInto(chain, name);
    const source = [];
    for (const e of into) source[e.input] = { previousNode: e.from, previousNodeOutput: e.output };
    // The items leave by every output that leads towards the node evaluated (If's false branch is output 1...).
    const used = new Set(edges.filter((e) => e.from === name).map((e) => e.output));
    if (parent && parent.from === name) used.add(parent.output);
    if (used.size === 0) used.add(0);
    const main = [];
    const withPairing = list.map((item, i) => ({
      ...item,
      pairedItem: item.pairedItem ?? (into.length > 0 ? pairingOf(into, 0) : { item: i, input: 0 }),
    }));
    for (let o = 0; o <= Math.max(...used); o++) main.push(used.has(o) ? withPairing : []);
    return { startTime: 0, executionTime: 0, executionIndex: 0, source: source.map((s) => s ?? null), data: { main } };
  };
  const wanted = new Set([...Object.keys(outputs), ...edges.map((edge) => edge.from)]);
  if (parent) wanted.add(parent.from);
  for (const name of wanted) {
    if (!nodes.some((n) => n.name === name)) continue;
    const list = outputs[name] ?? (parent && name === parent.from ? input : [{ json: {} }]);
    runData[name] = [task(name, list)];
  }
  const connectionInput = input;
  const source = [];
  for (const e of edgesInto(chain, node.name)) source[e.input] = { previousNode: e.from, previousNodeOutput: e.output };
  if (parent) source[parent.input] = { previousNode: parent.from, previousNodeOutput: parent.output };
  const executeData = { node, data: { main: [connectionInput] }, source: parent ? { main: source.map((s) => s ?? null) } : null };
  const red = createRunExecutionData({ resultData: { runData } });
  const additionalKeys = {
    $execution: { id: 'execution-1', mode: 'test', resumeUrl: 'https://flowloom.example/webhook-waiting/execution-1' },
    $vars: Object.fromEntries([...req.vars].map((k) => [k, `var ${k}`])),
  };
  for (const key of req.env) process.env[key] = `env ${key}`;
  swallowed = undefined;
  try {
    const result = workflow.expression.getParameterValue(
      value,
      red,
      0,
      0,
      node.name,
      connectionInput,
      'manual',
      additionalKeys,
      executeData,
    );
    if (swallowed !== undefined) return { swallowed: `${swallowed.name ?? 'Error'}: ${swallowed.message ?? swallowed}` };
    return plain(result);
  } catch (error) {
    return { error: String(error?.message ?? error), ...(error?.description ? { description: String(error.description) } : {}) };
  } finally {
    for (const key of req.env) delete process.env[key];
  }
}

function main() {
  const files = walk(join(CORPUS, 'workflows'));
  const goldens = [];
  const tally = { value: 0, undefined: 0, error: 0, swallowed: 0 };
  for (const path of files) {
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    const file = relative(join(CORPUS, 'workflows'), path);
    for (const node of doc.nodes ?? []) {
      if (!node || node.type === 'n8n-nodes-base.stickyNote') continue;
      for (const { path: parameter, value } of expressionStrings(node.parameters ?? {})) {
        const req = requirementsOf(value);
        let outcome;
        let scope;
        let first;
        // Pinned data first where the workflow has it, then sample data of a few kinds, until n8n gives a value.
        const attempts = [
          [0, true],
          [0, false],
          [1, false],
          [2, false],
          [3, false],
        ];
        for (const [variant, pins] of attempts) {
          scope = buildScope(doc, node, req, variant, pins);
          // What the goldens keep is the data before n8n ran: an expression may change it (`$json.count++`).
          const before = JSON.parse(JSON.stringify({ input: scope.input, outputs: scope.outputs }));
          outcome = evaluate(doc, node, value, scope, req);
          scope = { ...scope, ...before };
          if (!('error' in outcome) && !('swallowed' in outcome)) break;
          first ??= { scope, outcome };
        }
        // When every kind of data fails, the goldens keep the first (the most likely data) and its error.
        if ('error' in outcome || 'swallowed' in outcome) ({ scope, outcome } = first);
        tally[Object.keys(outcome)[0]]++;
        goldens.push({
          workflow: file,
          node: node.name,
          parameter,
          expression: value,
          scope: {
            input: scope.input,
            ...(scope.parent ? { parent: scope.parent.from } : {}),
            nodes: scope.outputs,
            ...(req.env.size ? { env: Object.fromEntries([...req.env].map((k) => [k, `env ${k}`])) } : {}),
            ...(req.vars.size ? { vars: Object.fromEntries([...req.vars].map((k) => [k, `var ${k}`])) } : {}),
          },
          n8n: outcome,
        });
      }
    }
  }
  mkdirSync(resolve(OUT, '..'), { recursive: true });
  const header = {
    about: 'n8n-workflow 2.41.0 evaluating every expression string of the n8n corpus; made by tools/n8n-goldens (see README.md there)',
    now: new RealDate(NOW).toISOString(),
    timezone: 'UTC unless the workflow sets one',
    execution: { id: 'execution-1', mode: 'test' },
    count: goldens.length,
    outcomes: tally,
  };
  writeFileSync(OUT, `${JSON.stringify({ ...header, goldens }, null, 0).replace(/\},\{"workflow"/g, '},\n{"workflow"')}\n`);
  console.log(`${goldens.length} expression strings -> ${relative(ROOT, OUT)}`, tally);
}

main();
