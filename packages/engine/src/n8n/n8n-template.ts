/**
 * n8n parameter strings: a value starting with `=` is a template whose
 * `{{ … }}` parts are JavaScript expressions; any other string is literal
 * text, braces included. This file splits such templates without evaluating
 * anything.
 */

/** Literal text of an n8n template. */
export interface N8nText {
  readonly kind: 'text';
  readonly value: string;
}

/** One `{{ … }}` of an n8n template; `source` is the text inside the braces. */
export interface N8nExpression {
  readonly kind: 'expression';
  readonly source: string;
}

export type N8nSegment = N8nText | N8nExpression;

/** Why a template could not be split: a sentence and the character it points at. */
export interface N8nTemplateError {
  readonly error: string;
  readonly at: number;
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/**
 * Splits the body of an n8n template (the text after `=`) into text and
 * expressions. Inside an expression, string literals, template literals and
 * comments are skipped and brackets must balance; the expression ends at the
 * first `}}` outside them.
 */
export function splitN8nTemplate(body: string): N8nSegment[] | N8nTemplateError {
  const segments: N8nSegment[] = [];
  let text = '';
  let i = 0;
  while (i < body.length) {
    if (body[i] === '{' && body[i + 1] === '{') {
      const end = scanExpression(body, i + 2);
      if (typeof end !== 'number') return end;
      if (text !== '') segments.push({ kind: 'text', value: text });
      text = '';
      segments.push({ kind: 'expression', source: body.slice(i + 2, end) });
      i = end + 2;
      continue;
    }
    text += body[i];
    i++;
  }
  if (text !== '') segments.push({ kind: 'text', value: text });
  return segments;
}

/** The index of the `}}` closing an expression that starts at `from`, or why there is none. */
function scanExpression(s: string, from: number): number | N8nTemplateError {
  const stack: { open: string; at: number }[] = [];
  for (let i = from; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '"' || ch === "'") {
      const end = skipString(s, i, ch);
      if (end === -1) return { error: `a string opened at character ${i + 1} is never closed`, at: i };
      i = end;
      continue;
    }
    if (ch === '`') {
      const end = skipTemplateLiteral(s, i);
      if (end === -1) return { error: `a template literal opened at character ${i + 1} is never closed`, at: i };
      i = end;
      continue;
    }
    if (ch === '/' && s[i + 1] === '*') {
      const end = s.indexOf('*/', i + 2);
      if (end === -1) return { error: `a comment opened at character ${i + 1} is never closed`, at: i };
      i = end + 1;
      continue;
    }
    if (ch === '}' && stack.length === 0) {
      if (s[i + 1] === '}') return i;
      return { error: `a '}' at character ${i + 1} closes nothing`, at: i };
    }
    const top = stack[stack.length - 1];
    if (ch === '}' && s[i + 1] === '}' && top && top.open !== '{') {
      return { error: `a '${top.open}' at character ${top.at + 1} is never closed`, at: top.at };
    }
    if (ch in CLOSERS) stack.push({ open: ch, at: i });
    else if (ch === ')' || ch === ']' || ch === '}') {
      const top = stack.pop();
      if (!top || CLOSERS[top.open] !== ch) return { error: `a '${ch}' at character ${i + 1} does not match an opening bracket`, at: i };
    }
  }
  const open = stack[stack.length - 1];
  if (open) return { error: `a '${open.open}' at character ${open.at + 1} is never closed`, at: open.at };
  return { error: `the '{{' at character ${from - 1} is never closed with '}}'`, at: from - 2 };
}

/** Index of the quote closing a string literal opened at `open`, or -1. */
function skipString(s: string, open: number, quote: string): number {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === quote) return i;
    else if (s[i] === '\n') return -1;
  }
  return -1;
}

/** Index of the backtick closing a template literal opened at `open` (with `${ … }` parts), or -1. */
function skipTemplateLiteral(s: string, open: number): number {
  for (let i = open + 1; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s[i] === '`') return i;
    else if (s[i] === '$' && s[i + 1] === '{') {
      let depth = 1;
      for (i += 2; i < s.length && depth > 0; i++) {
        const c = s[i];
        if (c === '"' || c === "'") {
          i = skipString(s, i, c);
          if (i === -1) return -1;
        } else if (c === '`') {
          i = skipTemplateLiteral(s, i);
          if (i === -1) return -1;
        } else if (c === '{') depth++;
        else if (c === '}') depth--;
      }
      if (depth > 0) return -1;
      i--;
    }
  }
  return -1;
}

/**
 * Literal text as a Flowloom parameter string: every `{{` is written `\{{`,
 * which Flowloom reads back as `{{` (a backslash before it stays a backslash).
 */
export function escapeLiteralText(text: string): string {
  return text.includes('{{') ? text.replaceAll('{{', '\\{{') : text;
}
