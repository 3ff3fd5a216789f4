// Builds, for one n8n expression string, the data it reads: sample items shaped from the paths it
// reads ($json, other nodes' outputs, $binary), the names it reads from $env and $vars, and the
// nodes it refers to. Dev-only (see README.md).
'use strict';

const esprima = require('esprima-next');

/** Method names that say what kind of value they are called on. */
const STRING_METHODS = new Set(
  (
    'toUpperCase toLowerCase trim trimStart trimEnd split replace replaceAll match matchAll substring substr padStart padEnd ' +
    'startsWith endsWith charAt charCodeAt normalize localeCompare search codePointAt toLocaleUpperCase toLocaleLowerCase ' +
    'extractEmail extractDomain extractUrl extractUrlPath isEmail isUrl isDomain removeMarkdown removeTags toTitleCase ' +
    'toSnakeCase toSentenceCase replaceSpecialChars quote urlEncode urlDecode base64Encode hash isNumeric toBoolean ' +
    'toNumber toInt toFloat toDecimalNumber toWholeNumber parseJson base64Decode toDateTime toDate isBlank isNotBlank'
  ).split(' '),
);
const ARRAY_METHODS = new Set(
  (
    'map filter find findIndex findLast forEach reduce reduceRight some every flatMap flat join sort reverse push pop shift ' +
    'unshift splice toSorted toReversed fill first last sum max min average unique removeDuplicates pluck chunk compact ' +
    'difference intersection union smartJoin renameKeys randomItem append entries'
  ).split(' '),
);
const NUMBER_METHODS = new Set('toFixed toPrecision round ceil floor abs isEven isOdd isInteger format toExponential'.split(' '));
const OBJECT_METHODS = new Set('hasField removeField removeFieldsContaining keepFieldsContaining keys values merge'.split(' '));
/** Methods whose callback's first parameter is an element of the array. */
const CALLBACK_METHODS = new Set('map filter find findIndex findLast forEach some every flatMap sort toSorted'.split(' '));

const SPECIAL_STRINGS = {
  parseJson: '{"a":1,"b":"two"}',
  base64Decode: 'aGVsbG8gd29ybGQ=',
  toNumber: '42',
  toInt: '42',
  toFloat: '42.5',
  toDecimalNumber: '42.5',
  toWholeNumber: '42',
  isNumeric: '42',
  toBoolean: 'true',
  toDateTime: '2024-03-15T09:30:00.000Z',
  toDate: '2024-03-15T09:30:00.000Z',
};

/** Parses the inside of `{{ }}` as n8n does: an expression, or a first statement. */
function parse(source) {
  for (const text of [`(${source}\n)`, source]) {
    try {
      return esprima.parseScript(text);
    } catch {
      /* try the next form */
    }
  }
  return undefined;
}

/** Splits an n8n template body into its `{{ }}` sources (strings, template literals and brackets respected). */
function expressionsOf(body) {
  const out = [];
  let i = 0;
  while (i < body.length) {
    const open = body.indexOf('{{', i);
    if (open === -1) break;
    let depth = 0;
    let j = open + 2;
    let end = -1;
    for (; j < body.length; j++) {
      const c = body[j];
      if (c === '"' || c === "'" || c === '`') {
        j++;
        while (j < body.length && body[j] !== c) j += body[j] === '\\' ? 2 : 1;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0 && body[j + 1] === '}') {
          end = j;
          break;
        }
        depth--;
      }
    }
    if (end === -1) break;
    out.push(body.slice(open + 2, end));
    i = end + 2;
  }
  return out;
}

/** A tree of requirements: `fields` by name, `kind` of the value, `element` for arrays. */
function shape() {
  return { fields: new Map(), kind: undefined, element: undefined };
}

function child(node, step) {
  if (typeof step === 'number') {
    node.kind ??= 'array';
    if (node.kind !== 'array') return shape();
    node.element ??= shape();
    node.minLength = Math.max(node.minLength ?? 1, step + 1);
    return node.element;
  }
  node.kind ??= 'object';
  if (node.kind === 'array' && /^\d+$/.test(step)) return child(node, Number(step));
  let next = node.fields.get(step);
  if (!next) node.fields.set(step, (next = shape()));
  return next;
}

function staticKey(member) {
  if (!member.computed) return member.property.type === 'Identifier' ? member.property.name : undefined;
  const p = member.property;
  if (p.type === 'Literal' && (typeof p.value === 'string' || typeof p.value === 'number')) return p.value;
  return undefined;
}

const isId = (n, name) => n && n.type === 'Identifier' && n.name === name;
const stringArg = (call) => {
  const a = call.arguments[0];
  if (a && a.type === 'Literal' && typeof a.value === 'string') return a.value;
  if (a && a.type === 'TemplateLiteral' && a.expressions.length === 0) return a.quasis[0].value.cooked;
  return undefined;
};
const calls = (n, name) =>
  n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && !n.callee.computed && n.callee.property.name === name;

/**
 * Where a chain starts: `{ target: 'input' | node name, rest: steps consumed }`, for the member chain
 * `node` (the innermost object first). Returns the shape to continue from, or undefined.
 */
function rootShape(node, scope) {
  if (isId(node, '$json')) return scope.input;
  if (node.type === 'MemberExpression' && !node.computed && node.property.name === 'json') {
    const o = node.object;
    if (o.type === 'MemberExpression' && isId(o.object, '$input') && !o.computed && o.property.name === 'item') return scope.input;
    if (calls(o, 'first') || calls(o, 'last')) {
      const base = o.callee.object;
      if (isId(base, '$input')) return scope.input;
      const name = nodeCall(base);
      if (name !== undefined) return scope.node(name);
    }
    if (o.type === 'MemberExpression' && !o.computed && o.property.name === 'item') {
      const name = nodeCall(o.object);
      if (name !== undefined) return scope.node(name, true);
    }
    if (o.type === 'CallExpression' && calls(o, 'itemMatching')) {
      const name = nodeCall(o.callee.object);
      if (name !== undefined) return scope.node(name, true);
    }
    const legacy = legacyNode(o);
    if (legacy !== undefined) return scope.node(legacy);
    // $input.all()[0].json, $('X').all()[0].json, $items('X')[0].json
    if (o.type === 'MemberExpression' && o.computed) {
      const all = o.object;
      if (calls(all, 'all')) {
        const base = all.callee.object;
        if (isId(base, '$input')) return scope.input;
        const name = nodeCall(base);
        if (name !== undefined) return scope.node(name);
      }
      if (all.type === 'CallExpression' && isId(all.callee, '$items')) {
        const name = stringArg(all);
        return name === undefined ? scope.input : scope.node(name);
      }
    }
  }
  return undefined;
}

/** `$('Name')` -> 'Name'. */
function nodeCall(n) {
  if (n.type === 'CallExpression' && isId(n.callee, '$')) return stringArg(n);
  return undefined;
}

/** `$node["Name"]`, `$node.Name`, `$item(0).$node["Name"]` -> 'Name'. */
function legacyNode(n) {
  if (n.type !== 'MemberExpression') return undefined;
  const base = n.object;
  const isNodeRoot =
    isId(base, '$node') ||
    (base.type === 'MemberExpression' &&
      !base.computed &&
      base.property.name === '$node' &&
      base.object.type === 'CallExpression' &&
      isId(base.object.callee, '$item'));
  if (!isNodeRoot) return undefined;
  const key = staticKey(n);
  return typeof key === 'string' ? key : undefined;
}

/** The outermost member chain starting at `node` with static keys: its steps and the node it ends at. */
function walkUp(path, index) {
  const steps = [];
  let i = index;
  for (;;) {
    const cur = path[i];
    const parent = path[i - 1];
    if (!parent) break;
    if (parent.type === 'ChainExpression') {
      i--;
      continue;
    }
    if (parent.type !== 'MemberExpression' || parent.object !== cur) break;
    const key = staticKey(parent);
    if (key === undefined) break;
    // A method call ends the data path: `.length` and `x.method()` say what kind the value is.
    const grand = path[i - 2];
    if (!parent.computed && grand && grand.type === 'CallExpression' && grand.callee === parent) {
      return { steps, end: cur, method: key, call: grand, at: i };
    }
    steps.push(key);
    i--;
  }
  return { steps, end: path[i], at: i };
}

/** Records what the use of a value says about its kind. */
function hint(target, use, path, at, scope) {
  if (use.method !== undefined) {
    const m = use.method;
    if (ARRAY_METHODS.has(m)) {
      target.kind ??= 'array';
      if ((target.kind === 'array' && CALLBACK_METHODS.has(m)) || m === 'reduce') {
        const fn = m === 'reduce' ? use.call.arguments[0] : use.call.arguments[0];
        const param =
          fn && (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') ? fn.params[m === 'reduce' ? 1 : 0] : undefined;
        target.element ??= shape();
        if (param && param.type === 'Identifier') scope.bind(param.name, target.element, fn.body);
        else if (param && param.type === 'ArrayPattern') target.element.kind ??= 'array';
      }
      if (m === 'join' || m === 'sum' || m === 'max' || m === 'min' || m === 'average') target.element ??= shape();
      if (m === 'sum' || m === 'max' || m === 'min' || m === 'average') target.element.kind ??= 'number';
    } else if (STRING_METHODS.has(m)) {
      target.kind ??= 'string';
      if (SPECIAL_STRINGS[m] !== undefined) target.special ??= SPECIAL_STRINGS[m];
    } else if (NUMBER_METHODS.has(m)) target.kind ??= 'number';
    else if (OBJECT_METHODS.has(m)) target.kind ??= 'object';
    return;
  }
  const end = use.end;
  const parent = path[use.at - 1];
  if (!parent) return;
  if (parent.type === 'MemberExpression' && parent.object === end && !parent.computed && parent.property.name === 'length') {
    target.kind ??= 'string';
    return;
  }
  if (parent.type === 'BinaryExpression' && ['-', '*', '/', '%', '**', '<', '>', '<=', '>='].includes(parent.operator)) {
    target.kind ??= 'number';
    return;
  }
  if (parent.type === 'NewExpression' && isId(parent.callee, 'Date')) target.special ??= '2024-03-15T09:30:00.000Z';
  if (parent.type === 'CallExpression' && parent.callee.type === 'MemberExpression') {
    const callee = parent.callee;
    if (isId(callee.object, 'DateTime') && !callee.computed && callee.property.name === 'fromISO')
      target.special ??= '2024-03-15T09:30:00.000Z';
    if (isId(callee.object, 'JSON') && !callee.computed && callee.property.name === 'parse') target.special ??= '{"a":1,"b":"two"}';
    if (isId(callee.object, 'Object') && !callee.computed) target.kind ??= 'object';
  }
  if (parent.type === 'ForOfStatement' || parent.type === 'SpreadElement') target.kind ??= 'array';
}

/** Visits every node of a tree with the path from the root (innermost last). */
function visit(node, path, fn) {
  if (!node || typeof node.type !== 'string') return;
  path.push(node);
  fn(node, path);
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'range') continue;
    const v = node[key];
    if (Array.isArray(v)) for (const c of v) visit(c, path, fn);
    else if (v && typeof v.type === 'string') visit(v, path, fn);
  }
  path.pop();
}

/**
 * Reads one n8n parameter string and returns what its expressions read:
 * `input` (the current item's shape), `nodes` (name -> { shape, paired }), `binary`, `env`, `vars`.
 */
function requirementsOf(value) {
  const input = shape();
  const nodes = new Map();
  const binary = new Map();
  const env = new Set();
  const vars = new Set();
  let parsed = true;
  const scope = {
    input,
    node(name, paired = false) {
      let entry = nodes.get(name);
      if (!entry) nodes.set(name, (entry = { shape: shape(), paired: false }));
      entry.paired ||= paired;
      return entry.shape;
    },
    bound: [],
    bind(name, target, body) {
      this.bound.push({ name, target, body });
    },
  };
  const analyse = (ast, bindings) => {
    visit(ast, [], (node, path) => {
      let target;
      if (node.type === 'Identifier' && bindings.has(node.name)) {
        const parent = path[path.length - 2];
        if (parent && parent.type === 'MemberExpression' && parent.property === node && !parent.computed) return;
        target = bindings.get(node.name);
      } else target = rootShape(node, scope);
      if (node.type === 'Identifier' && (node.name === '$env' || node.name === '$vars')) {
        const parent = path[path.length - 2];
        if (parent && parent.type === 'MemberExpression' && parent.object === node) {
          const key = staticKey(parent);
          if (typeof key === 'string') (node.name === '$env' ? env : vars).add(key);
        }
      }
      if (isId(node, '$binary')) {
        const parent = path[path.length - 2];
        if (parent && parent.type === 'MemberExpression' && parent.object === node) {
          const key = staticKey(parent);
          if (typeof key === 'string') binary.set(key, true);
        }
      }
      if (node.type === 'CallExpression' && isId(node.callee, '$items')) {
        const name = stringArg(node);
        if (name !== undefined) scope.node(name);
      }
      if (node.type === 'CallExpression' && isId(node.callee, '$')) {
        const name = stringArg(node);
        if (name !== undefined) scope.node(name);
      }
      const legacy = legacyNode(node);
      if (legacy !== undefined) scope.node(legacy);
      if (!target) return;
      const use = walkUp(path, path.length - 1);
      let at = target;
      for (const step of use.steps) at = child(at, step);
      hint(at, use, path, use.at, scope);
    });
  };
  for (const source of expressionsOf(value.slice(1))) {
    const ast = parse(source);
    if (!ast) {
      parsed = false;
      continue;
    }
    scope.bound = [];
    analyse(ast, new Map());
    // Callback parameters (`items.map(i => i.name)`) read the elements' fields.
    for (let round = 0; round < 3 && scope.bound.length > 0; round++) {
      const bound = scope.bound;
      scope.bound = [];
      for (const b of bound) analyse(b.body, new Map([[b.name, b.target]]));
    }
  }
  return { input, nodes, binary, env, vars, parsed };
}

const SAMPLE_DATE = '2024-03-15T09:30:00.000Z';

/** A sample value for a field name, of the kind asked (`variant` changes what an unknown kind becomes). */
function sample(node, name, variant) {
  if (node.kind === 'array') {
    const n = node.minLength ?? 2;
    return Array.from({ length: Math.max(2, n) }, (_, i) => sample(node.element ?? shape(), `${singular(name)}${i + 1}`, variant));
  }
  if (node.kind === 'object' || node.fields.size > 0) {
    const out = {};
    for (const [key, child] of node.fields) out[key] = sample(child, String(key), variant);
    return out;
  }
  if (node.special !== undefined) return node.special;
  if (node.kind === 'number') return 42;
  if (node.kind === 'string') return leafText(name);
  if (variant === 1) return 42;
  if (variant === 2) return [leafText(name), leafText(`${name}2`)];
  if (variant === 3) return { value: leafText(name) };
  return leafText(name);
}

function singular(name) {
  return String(name).replace(/s$/, '') || 'item';
}

function leafText(name) {
  const n = String(name).toLowerCase();
  if (/mail/.test(n)) return 'ana@example.com';
  if (/url|link|href|website|endpoint/.test(n)) return 'https://example.com/path/page';
  if (/date|time|_at$|at$|created|updated|timestamp/.test(n)) return SAMPLE_DATE;
  if (/(^|_)(count|amount|price|total|quantity|qty|number|age|size|score|limit)$/.test(n)) return '12';
  if (/^id$|_id$|id$/.test(n)) return `${n}-123`;
  return `sample ${name}`;
}

module.exports = { requirementsOf, sample, expressionsOf, parse, SAMPLE_DATE };
