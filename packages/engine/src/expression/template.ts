import { ExpressionError } from './expression.error.js';

/** Literal text between expressions. */
export interface TextSegment {
  readonly kind: 'text';
  readonly value: string;
  /** Offset of the segment in the template string. */
  readonly start: number;
}

/** One `{{ … }}` expression. `source` is the text inside the braces. */
export interface ExpressionSegment {
  readonly kind: 'expression';
  readonly source: string;
  /** Offset of the first character of `source` in the template string. */
  readonly start: number;
  /** Offset just past the closing `}}`. */
  readonly end: number;
}

/** A parsed template: its segments in order. */
export type TemplateSegment = TextSegment | ExpressionSegment;

/**
 * Splits a parameter string into text and `{{ }}` expressions. `\{{` is a
 * literal `{{`. A `}}` inside a string literal or backtick name of the
 * expression does not close it. Throws an ExpressionError pointing at the
 * opening braces when an expression is never closed.
 */
export function parseTemplate(template: string): TemplateSegment[] {
  const segments: TemplateSegment[] = [];
  let text = '';
  let textStart = 0;
  let i = 0;
  const n = template.length;
  while (i < n) {
    const ch = template[i];
    if (ch === '\\' && template.startsWith('{{', i + 1)) {
      text += '{{';
      i += 3;
      continue;
    }
    if (ch === '{' && template[i + 1] === '{') {
      const open = i;
      const start = i + 2;
      const close = findClose(template, start);
      if (close === -1) {
        throw new ExpressionError('EXPRESSION_SYNTAX', `Unclosed '{{' at character ${open + 1}: add the closing '}}'.`, {
          position: open,
        });
      }
      if (text.length > 0) segments.push({ kind: 'text', value: text, start: textStart });
      text = '';
      segments.push({ kind: 'expression', source: template.slice(start, close), start, end: close + 2 });
      i = close + 2;
      textStart = i;
      continue;
    }
    text += ch;
    i++;
  }
  if (text.length > 0) segments.push({ kind: 'text', value: text, start: textStart });
  return segments;
}

/** Finds the `}}` that closes an expression starting at `from`, skipping string literals and comments. */
function findClose(s: string, from: number): number {
  let depth = 0;
  for (let i = from; i < s.length; i++) {
    const ch = s[i];
    if (ch === '"' || ch === "'" || ch === '`') {
      i = skipQuoted(s, i, ch);
      if (i === -1) return -1;
      continue;
    }
    if (ch === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      if (end === -1) return -1;
      i = end + 1;
      continue;
    }
    if (ch === '{') depth++;
    else if (ch === '}') {
      if (depth === 0 && s[i + 1] === '}') return i;
      if (depth > 0) depth--;
    }
  }
  return -1;
}

/** Returns the index of the closing quote, or -1. */
export function skipQuoted(s: string, open: number, quote: string): number {
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i];
    if (c === '\\' && quote !== '`') {
      i++;
      continue;
    }
    if (c === quote) return i;
  }
  return -1;
}
