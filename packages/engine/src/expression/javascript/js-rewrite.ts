import { tokenizeJs, type JsToken } from './js-tokens.js';

/**
 * The names of n8n's extension functions (`x.isEmpty()`, `x.extractEmail()`,
 * `$now.plus(1, 'day')`...). A call of one of these is routed through the
 * sandbox's dispatcher, which picks the function for the value's type, else
 * the value's own method of that name: so a string's `.includes()` stays
 * JavaScript's, and `$json.first` (a field read, not a call) stays a field.
 */
export const EXTENSION_NAMES: ReadonlySet<string> = new Set([
  // text
  'base64Encode',
  'base64Decode',
  'extractDomain',
  'extractEmail',
  'extractUrl',
  'extractUrlPath',
  'hash',
  'isDomain',
  'isEmail',
  'isEmpty',
  'isNotEmpty',
  'isBlank',
  'isNotBlank',
  'isNumeric',
  'isUrl',
  'parseJson',
  'quote',
  'removeMarkdown',
  'removeTags',
  'replaceSpecialChars',
  'toBoolean',
  'toDate',
  'toDateTime',
  'toDecimalNumber',
  'toFloat',
  'toInt',
  'toNumber',
  'toSentenceCase',
  'toSnakeCase',
  'toTitleCase',
  'toWholeNumber',
  'urlDecode',
  'urlEncode',
  'toJsonString',
  'length',
  // lists
  'append',
  'average',
  'chunk',
  'compact',
  'difference',
  'first',
  'intersection',
  'last',
  'max',
  'merge',
  'min',
  'pluck',
  'randomItem',
  'removeDuplicates',
  'renameKeys',
  'smartJoin',
  'sum',
  'union',
  'unique',
  // dates
  'beginningOf',
  'endOfMonth',
  'extract',
  'format',
  'isBetween',
  'isDst',
  'isInLast',
  'isWeekend',
  'minus',
  'plus',
  'diffTo',
  'diffToNow',
  // objects
  'hasField',
  'keepFieldsContaining',
  'keys',
  'removeField',
  'removeFieldsContaining',
  'values',
  // numbers
  'abs',
  'ceil',
  'floor',
  'isEven',
  'isInteger',
  'isOdd',
  'round',
]);

/** An n8n expression made ready for the sandbox. */
export interface PreparedJs {
  /** The expression's code: its first statement, extension calls routed through `$$x(value, "name")`. */
  readonly code: string;
  /** Node names the expression reads through `$('…')`, `$node["…"]`, `$node.…` or `$items('…')`. */
  readonly nodes: readonly string[];
  /** It names a node by something other than a literal (`$(name)`): every node's output is sent. */
  readonly dynamicNodes: boolean;
}

const KEYWORDS_BEFORE_VALUE = new Set([
  'return',
  'typeof',
  'void',
  'delete',
  'throw',
  'in',
  'of',
  'instanceof',
  'case',
  'else',
  'yield',
  'await',
]);
const OPENERS: Record<string, string> = { ')': '(', ']': '[' };

/** Whether template text ends with a line break: a real one, or an `\n` escape (not an escaped backslash and n). */
function endsWithLineBreak(text: string): boolean {
  if (text.endsWith('\n')) return true;
  if (!text.endsWith('n')) return false;
  let slashes = 0;
  for (let i = text.length - 2; i >= 0 && text[i] === '\\'; i--) slashes++;
  return slashes % 2 === 1;
}

/** Unquotes a string token's text (simple escapes), or undefined when it holds others. */
function stringValue(token: JsToken | undefined): string | undefined {
  if (!token || token.kind !== 'string') return undefined;
  const body = token.text.slice(1, -1);
  if (!body.includes('\\')) return body;
  try {
    return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/"/g, '\\"').replace(/\\\\"/g, '\\"')}"`) as string;
  } catch {
    return undefined;
  }
}

/** Index of the token opening the bracket closed at `close`, or -1. */
function openingOf(tokens: readonly JsToken[], close: number): number {
  const closer = tokens[close]!.text;
  const opener = OPENERS[closer];
  let depth = 0;
  for (let j = close; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.kind !== 'punct') continue;
    if (t.text === closer) depth++;
    else if (t.text === opener && --depth === 0) return j;
  }
  return -1;
}

/** Index of the token opening the template literal that ends at `end`, or -1. */
function templateStart(tokens: readonly JsToken[], end: number): number {
  if (tokens[end]!.text.startsWith('`')) return end;
  let depth = 1;
  for (let j = end - 1; j >= 0; j--) {
    const t = tokens[j]!;
    if (t.kind !== 'template') continue;
    const opens = t.text.startsWith('`');
    const closes = t.text.endsWith('`');
    if (closes && !opens) depth++;
    else if (opens && !closes && --depth === 0) return j;
  }
  return -1;
}

/** Whether the token can end a value a member access applies to (`x`, `)`, `]`, a literal). */
function endsValue(t: JsToken | undefined): boolean {
  if (!t) return false;
  if (t.kind === 'name') return !KEYWORDS_BEFORE_VALUE.has(t.text);
  if (t.kind === 'punct') return t.text === ')' || t.text === ']';
  if (t.kind === 'template') return t.text.endsWith('`');
  return t.kind === 'string' || t.kind === 'number' || t.kind === 'regex';
}

/** The index of the first token of the value a `.name(` at `dot` is called on, or -1 when it cannot be told. */
function receiverStart(tokens: readonly JsToken[], dot: number): number {
  let j = dot - 1;
  for (;;) {
    const t = tokens[j];
    if (!t || !endsValue(t)) return -1;
    let start = j;
    if (t.kind === 'punct') {
      start = openingOf(tokens, j);
      if (start === -1) return -1;
      // A call or index continues the chain before it; otherwise it is a group or an array literal.
      if (!endsValue(tokens[start - 1])) return start;
      j = start - 1;
      continue;
    }
    if (t.kind === 'template') {
      start = templateStart(tokens, j);
      if (start === -1) return -1;
    }
    const before = tokens[start - 1];
    if (before?.kind === 'punct' && (before.text === '.' || before.text === '?.')) {
      j = start - 2;
      continue;
    }
    if (before?.kind === 'name' && before.text === 'new') return start - 1;
    return start;
  }
}

/**
 * Prepares an n8n expression (the text inside `{{ }}`) for the sandbox: keeps
 * its first statement, as n8n does (`{{ Date.now(); }}`), routes extension
 * calls through the dispatcher and lists the nodes it reads. Throws an
 * ExpressionError (`EXPRESSION_SYNTAX`) when the text cannot be tokenized.
 *
 * @example
 * prepareJs(' $json.email.extractDomain() ').code // ' $$x($json.email,"extractDomain")() '
 */
export function prepareJs(source: string): PreparedJs {
  const tokens = tokenizeJs(source);
  // n8n evaluates the first statement: the text up to the first `;` outside brackets.
  let depth = 0;
  let cut = tokens.length;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'template') {
      if (t.text.endsWith('${')) depth++;
      if (t.text.startsWith('}')) depth--;
      continue;
    }
    if (t.kind !== 'punct') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
    else if (t.text === ';' && depth === 0) {
      cut = k;
      break;
    }
  }
  const used = tokens.slice(0, cut);
  const end = cut < tokens.length ? tokens[cut]!.start : source.length;

  const nodes = new Set<string>();
  let dynamicNodes = false;
  const insertions = new Map<number, string[]>();
  const replacements: { start: number; end: number; text: string }[] = [];
  for (let k = 0; k < used.length; k++) {
    const t = used[k]!;
    if (t.kind === 'name' && (t.text === '$' || t.text === '$items') && used[k + 1]?.text === '(') {
      const name = stringValue(used[k + 2]);
      if (name !== undefined && (used[k + 3]?.text === ')' || used[k + 3]?.text === ',')) nodes.add(name);
      else if (!(t.text === '$items' && used[k + 2]?.text === ')')) dynamicNodes = true;
    }
    if (t.kind === 'name' && t.text === '$node' && used[k - 1]?.text !== '.') {
      const next = used[k + 1];
      if (next?.text === '[') {
        const name = stringValue(used[k + 2]);
        if (name !== undefined && used[k + 3]?.text === ']') nodes.add(name);
        else dynamicNodes = true;
      } else if (next?.text === '.' && used[k + 2]?.kind === 'name') nodes.add(used[k + 2]!.text);
      else dynamicNodes = true;
    }
    if (t.kind === 'name' && t.text === '$node' && used[k - 1]?.text === '.') {
      const name = used[k + 1]?.text === '[' ? stringValue(used[k + 2]) : undefined;
      if (name !== undefined) nodes.add(name);
      else if (used[k + 1]?.text === '.' && used[k + 2]?.kind === 'name') nodes.add(used[k + 2]!.text);
    }
    // n8n prints a template literal again before running it, which puts a space after a line break that comes
    // right before `${`: `\n${x}` gives a line break, a space and x. The same here, so values match n8n's.
    if (t.kind === 'template' && t.text.endsWith('${') && endsWithLineBreak(t.text.slice(0, -2))) {
      replacements.push({ start: t.end - 2, end: t.end - 2, text: ' ' });
    }
    // `.name(` with a known extension name: route it through the dispatcher.
    if (t.kind === 'punct' && (t.text === '.' || t.text === '?.')) {
      const name = used[k + 1];
      if (name?.kind !== 'name' || !EXTENSION_NAMES.has(name.text) || used[k + 2]?.text !== '(') continue;
      const start = receiverStart(used, k);
      if (start === -1) continue;
      const at = used[start]!.start;
      const list = insertions.get(at) ?? [];
      list.unshift('$$x(');
      insertions.set(at, list);
      replacements.push({ start: t.start, end: name.end, text: `,${JSON.stringify(name.text)}${t.text === '?.' ? ',1' : ''})` });
    }
  }
  let code = '';
  let at = 0;
  const edits = [...[...insertions].map(([pos, texts]) => ({ start: pos, end: pos, text: texts.join('') })), ...replacements].sort(
    (a, b) => a.start - b.start || a.end - b.end,
  );
  for (const edit of edits) {
    code += source.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  code += source.slice(at, end);
  return { code, nodes: [...nodes], dynamicNodes };
}
