import type { MapContext } from '../map-context.js';
import type { NodeMapping } from './mapping.js';

/**
 * What n8n gives code that Flowloom's Code node does not (see
 * docs/code-node.md for what it does give): code using one of these is kept
 * as a placeholder with its source.
 */
const UNSUPPORTED: readonly [RegExp, string][] = [
  [/\$\(\s*(['"`])[^]*?\1\s*\)\s*\.\s*(params|context)\b/, "$('…').$2"],
  [/\$evaluateExpression\b/, '$evaluateExpression'],
  [/\bthis\s*\.\s*(helpers|getNodeParameter|getInputData|getCredentials|getNode|getMode|getContext|getExecutionId)\b/, 'this.$1'],
  [/\$helpers\b|\bhelpers\s*\.\s*(httpRequest|request|getBinaryDataBuffer|prepareBinaryData)/, 'n8n helpers'],
  [/\bgetBinaryData(Buffer)?\s*\(|\bsetBinaryData\s*\(/, 'getBinaryData()'],
  [/\$binary\b/, '$binary'],
  [/\$secrets\b/, '$secrets'],
  [/\$input\s*\.\s*(params|context)\b/, '$input.$1'],
  [/\$execution\s*\.\s*(resumeUrl|resumeFormUrl|customData)\b/, '$execution.$1'],
  [/\$node\s*\[[^\]]*\]\s*\.\s*(context|parameter|data)\b/, '$node[…].$1'],
  [/\$parameter\b|\$position\b|\$mode\b|\$nodeVersion\b|\$nodeId\b|\$thisItem\b|\$workflow\s*\.\s*active\b/, 'n8n workflow metadata'],
  [/\bfetch\s*\(|\bXMLHttpRequest\b/, 'network requests'],
  [/\$ifEmpty\s*\(|\$max\s*\(|\$min\s*\(|\$average\s*\(/, 'n8n expression functions'],
  [/\bprocess\s*\.\s*(env|argv|cwd|exit)\b/, "Node's process"],
];

/** Node's own modules: a Code node can never require them. */
const NODE_MODULES = new Set(
  (
    'assert async_hooks buffer child_process cluster console constants crypto dgram diagnostics_channel dns domain events fs ' +
    'fs/promises http http2 https inspector module net os path perf_hooks process punycode querystring readline repl stream ' +
    'string_decoder sys timers tls trace_events tty url util v8 vm wasi worker_threads zlib'
  ).split(' '),
);

/** The n8n features a piece of code uses that Flowloom's Code node lacks. */
export function unsupportedCodeFeatures(code: string): string[] {
  const found = new Set<string>();
  for (const [pattern, label] of UNSUPPORTED) {
    const m = pattern.exec(code);
    if (m) found.add(label.replace('$1', m[1] ?? '').replace('$2', m[2] ?? ''));
  }
  for (const name of requiredModules(code).filter(isNodeModule)) found.add(`require('${name}')`);
  if (/\brequire\s*\(\s*[^'"`\s)]/.test(code)) found.add('require() of a name built at run time');
  return [...found];
}

function isNodeModule(name: string): boolean {
  return name.startsWith('node:') || NODE_MODULES.has(name);
}

/** The module names code requires with a plain string. */
function requiredModules(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/\brequire\s*\(\s*(['"`])([^'"`\\\n]+)\1\s*\)/g)) names.add(m[2]!);
  return [...names];
}

function code(ctx: MapContext, source: string, mode: 'allItems' | 'eachItem', path: string) {
  const missing = unsupportedCodeFeatures(source);
  if (missing.length > 0) ctx.fail(path, `the code uses ${missing.join(', ')}, which Flowloom's Code node does not provide`);
  if (/\$env\b/.test(source)) {
    ctx.warn(
      path,
      'code-env',
      "the code reads $env: it sees only the values the host exposes (createEngine({ env })), and nothing from the server's environment",
    );
  }
  const libraries = requiredModules(source);
  if (libraries.length > 0) {
    ctx.warn(
      path,
      'code-require',
      `the code requires ${libraries.map((n) => `'${n}'`).join(', ')}: it runs only where the host lets Code nodes require ${libraries.length > 1 ? 'these libraries' : 'this library'} (codeLibraries)`,
    );
  }
  return { type: 'core.code', parameters: { mode, code: source } };
}

function source(ctx: MapContext, path: string): string {
  const raw = ctx.raw(path);
  if (typeof raw !== 'string' || raw.trim() === '') ctx.fail(path, "the node has no code of its own (n8n's sample code)");
  return raw;
}

/** Code (JavaScript): the source is kept; run once for all items or once for each. */
export const codeMapping: NodeMapping = {
  versions: [1, 2],
  map(ctx) {
    const language = ctx.choice('language', ['javaScript', 'python', 'pythonNative'], 'javaScript');
    if (language !== 'javaScript') {
      ctx.fail('language', "the code is Python, and Flowloom's Code node runs JavaScript only (the source is kept with the node)");
    }
    ctx.ignore('pythonCode', 'notice');
    const mode = ctx.choice('mode', ['runOnceForAllItems', 'runOnceForEachItem'], 'runOnceForAllItems');
    return code(ctx, source(ctx, 'jsCode'), mode === 'runOnceForAllItems' ? 'allItems' : 'eachItem', 'jsCode');
  },
};

/**
 * n8n's legacy Function and Function Item nodes give workflow static data as
 * `getWorkflowStaticData` (the Code node as `$getWorkflowStaticData`): code
 * naming it gets a line binding that name to Flowloom's.
 */
function staticDataAlias(body: string): string {
  return /(?<![$\w.])getWorkflowStaticData\b/.test(body) ? 'const getWorkflowStaticData = $getWorkflowStaticData;\n' : '';
}

/** The field holding the list of an n8n item whose json is a list (see `functionMapping`). */
export const JSON_LIST_FIELD = 'jsonList';

/**
 * Function (legacy): the code sees `items` and returns them, as in a Code
 * node run once for all items. n8n's Function node lets an item's json be a
 * list, which a Flowloom item's json cannot be: such an item leaves the node
 * as `{ json: { jsonList: [...] } }`, and a Function node given one sees the
 * list again. The source runs unchanged inside a function.
 */
export const functionMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const body = source(ctx, 'functionCode');
    const mapped = code(ctx, body, 'allItems', 'functionCode');
    const list = JSON_LIST_FIELD;
    const wrapped =
      `// n8n Function: an item whose json is a list travels as { json: { ${list}: [...] } }; the code below is as written in n8n.\n` +
      `for (const item of items) if (item.json && Array.isArray(item.json.${list}) && Object.keys(item.json).length === 1) item.json = item.json.${list};\n` +
      staticDataAlias(body) +
      `const functionResult = await (async () => {\n${body}\n})();\n` +
      `return Array.isArray(functionResult) ? functionResult.map((item) => (item && Array.isArray(item.json) ? { ...item, json: { ${list}: item.json } } : item)) : functionResult;\n`;
    return { ...mapped, parameters: { ...mapped.parameters, code: wrapped } };
  },
};

/**
 * Function Item (legacy): `item` is the item's JSON and the code returns the
 * new JSON; the item's files stay with it. Flowloom's `item` is the whole
 * item, so the source runs inside a function that receives the JSON as
 * `item`; the source itself is unchanged.
 */
export const functionItemMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const body = source(ctx, 'functionCode');
    const wrapped =
      "// n8n Function Item: `item` is the item's JSON; the code below is as written in n8n.\n" +
      staticDataAlias(body) +
      `const functionItemResult = await (async (item) => {\n${body}\n})($json);\n` +
      'return functionItemResult === undefined ? undefined : { json: functionItemResult, ...($input.item.binary ? { binary: $input.item.binary } : {}) };\n';
    const mapped = code(ctx, body, 'eachItem', 'functionCode');
    return { ...mapped, parameters: { ...mapped.parameters, code: wrapped } };
  },
};
