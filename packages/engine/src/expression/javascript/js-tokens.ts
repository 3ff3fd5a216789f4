import { ExpressionError } from '../expression.error.js';

/**
 * A small JavaScript tokenizer for expressions: enough to find method calls,
 * node references and the first statement without evaluating anything.
 * Strings, template literals (with their `${ }` parts tokenized in place),
 * regular expression literals and comments are single tokens.
 */

/** One token: its kind, its text and where it starts in the source. */
export interface JsToken {
  readonly kind: 'name' | 'number' | 'string' | 'template' | 'regex' | 'punct' | 'comment';
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const PUNCTUATORS = [
  '>>>=',
  '...',
  '===',
  '!==',
  '**=',
  '<<=',
  '>>=',
  '>>>',
  '&&=',
  '||=',
  '??=',
  '=>',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '??',
  '?.',
  '++',
  '--',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '**',
  '<<',
  '>>',
];
/** After these, a `/` starts a regular expression; after anything else it divides. */
const REGEX_AFTER_NAMES = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);

/** Why a source could not be tokenized: an ExpressionError (`EXPRESSION_SYNTAX`) at the character. */
function tokenError(message: string, at: number): ExpressionError {
  return new ExpressionError('EXPRESSION_SYNTAX', `JavaScript expression: ${message}.`, { position: at });
}

const isNameStart = (c: string) => /[A-Za-z_$\u00a0-\uffff]/.test(c);
const isNamePart = (c: string) => /[\w$\u00a0-\uffff]/.test(c);

/**
 * Splits JavaScript source into tokens (white space dropped). Template
 * literals are returned as `template` tokens for their text parts, with the
 * tokens of each `${ }` part between them.
 */
export function tokenizeJs(source: string): JsToken[] {
  const tokens: JsToken[] = [];
  /** Open `${` of template literals: the brace depth at which each closes. */
  const templates: number[] = [];
  let depth = 0;
  let i = 0;
  const n = source.length;
  const push = (kind: JsToken['kind'], start: number, end: number) => tokens.push({ kind, text: source.slice(start, end), start, end });
  const regexAllowed = () => {
    for (let k = tokens.length - 1; k >= 0; k--) {
      const t = tokens[k]!;
      if (t.kind === 'comment') continue;
      if (t.kind === 'name') return REGEX_AFTER_NAMES.has(t.text);
      if (t.kind === 'number' || t.kind === 'string' || t.kind === 'regex') return false;
      if (t.kind === 'template') return !t.text.endsWith('`') || t.text.length === 1;
      return !(t.text === ')' || t.text === ']' || t.text === '}' || t.text === '++' || t.text === '--');
    }
    return true;
  };
  /** Reads template text from `from` (just after a backtick or a closing `}`) to the next `${` or closing backtick. */
  const templateText = (from: number, begin: number): void => {
    for (let j = from; j < n; j++) {
      const c = source[j];
      if (c === '\\') {
        j++;
        continue;
      }
      if (c === '`') {
        push('template', begin, j + 1);
        i = j + 1;
        return;
      }
      if (c === '$' && source[j + 1] === '{') {
        push('template', begin, j + 2);
        templates.push(depth);
        depth++;
        i = j + 2;
        return;
      }
    }
    throw tokenError('a template literal is never closed', begin);
  };
  while (i < n) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0' || c === '\ufeff' || c === '\u2028' || c === '\u2029') {
      i++;
      continue;
    }
    const start = i;
    if (c === '/' && source[i + 1] === '/') {
      while (i < n && source[i] !== '\n') i++;
      push('comment', start, i);
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end === -1) throw tokenError('a comment is never closed', start);
      i = end + 2;
      push('comment', start, i);
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && source[i] !== c) {
        if (source[i] === '\\') i++;
        else if (source[i] === '\n') throw tokenError('a string is never closed', start);
        i++;
      }
      if (i >= n) throw tokenError('a string is never closed', start);
      i++;
      push('string', start, i);
      continue;
    }
    if (c === '`') {
      templateText(i + 1, start);
      continue;
    }
    if (c === '}' && templates.length > 0 && templates[templates.length - 1] === depth - 1) {
      templates.pop();
      depth--;
      templateText(i + 1, start);
      continue;
    }
    if (isNameStart(c)) {
      while (i < n && isNamePart(source[i]!)) i++;
      push('name', start, i);
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      const m = /^(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?\d*(?:[eE][+-]?\d+)?)n?/.exec(source.slice(i));
      i += Math.max(1, m?.[0].length ?? 1);
      push('number', start, i);
      continue;
    }
    if (c === '/' && regexAllowed()) {
      let inClass = false;
      i++;
      for (; i < n; i++) {
        const d = source[i];
        if (d === '\\') {
          i++;
          continue;
        }
        if (d === '\n') throw tokenError('a regular expression is never closed', start);
        if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
      }
      if (i >= n) throw tokenError('a regular expression is never closed', start);
      i++;
      while (i < n && /[a-z]/.test(source[i]!)) i++;
      push('regex', start, i);
      continue;
    }
    const punct = PUNCTUATORS.find((p) => source.startsWith(p, i));
    // `?.` followed by a digit is a conditional and a number (`a?.5:1`).
    const text = punct === '?.' && /[0-9]/.test(source[i + 2] ?? '') ? '?' : (punct ?? c);
    if (text === '{' || text === '(' || text === '[') depth++;
    else if (text === '}' || text === ')' || text === ']') depth--;
    i += text.length;
    push('punct', start, i);
  }
  if (templates.length > 0) throw tokenError('a template literal is never closed', n);
  return tokens;
}
