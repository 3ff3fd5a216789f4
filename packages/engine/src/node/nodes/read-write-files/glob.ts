import { FlowloomError } from '../../../errors/flowloom.error.js';

/**
 * File patterns as a shell with `globstar` reads them: `*` and `?` within one
 * path segment, `[abc]`, `[a-z]` and `[!abc]` for one character, `{a,b}`
 * alternatives (expanded first, so they may hold `/`), `**` as a whole
 * segment for any number of folders, `\` before a character to take it
 * literally. Wildcards do not match a name's leading dot: hidden files need
 * a pattern that starts that name with `.`. Separators are `/`.
 */

const MAGIC = /[*?[{]/;
const MAX_ALTERNATIVES = 1000;

function globError(pattern: string, problem: string): FlowloomError {
  return new FlowloomError('GLOB_INVALID', `the pattern '${pattern}' ${problem}`);
}

/** Whether a pattern segment holds an unescaped wildcard. */
export function hasMagic(segment: string): boolean {
  for (let i = 0; i < segment.length; i++) {
    if (segment[i] === '\\') i++;
    else if (MAGIC.test(segment[i]!)) return true;
  }
  return false;
}

/** A segment without its escapes (for the literal folders a pattern starts with). */
export function unescapeSegment(segment: string): string {
  return segment.replace(/\\(.)/g, '$1');
}

/** The index of the `}` closing the `{` at `open`, or -1. */
function closingBrace(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** The top-level alternatives between braces: `a,{b,c},d` -> `a`, `{b,c}`, `d`. */
function alternatives(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(body.slice(start, i));
      start = i + 1;
    }
  }
  out.push(body.slice(start));
  return out;
}

/** Expands `{a,b}` alternatives (a brace pair without a comma is literal text). */
export function expandBraces(pattern: string, original = pattern): string[] {
  for (let i = 0; i < pattern.length; i++) {
    if (pattern[i] === '\\') {
      i++;
      continue;
    }
    if (pattern[i] !== '{') continue;
    const close = closingBrace(pattern, i);
    if (close === -1) return [pattern];
    const options = alternatives(pattern.slice(i + 1, close));
    if (options.length < 2) continue;
    const before = pattern.slice(0, i);
    const after = pattern.slice(close + 1);
    const out: string[] = [];
    for (const option of options) {
      for (const expanded of expandBraces(`${before}${option}${after}`, original)) {
        out.push(expanded);
        if (out.length > MAX_ALTERNATIVES) throw globError(original, `expands to more than ${MAX_ALTERNATIVES} alternatives`);
      }
    }
    return out;
  }
  return [pattern];
}

const escapeRegExp = (c: string) => c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
/** A character taken literally inside a class (where `-` would make a range). */
const classMember = (c: string) => (c === '-' ? '\\-' : escapeRegExp(c));

/** One segment (no `/`, no braces left) as a regular expression source. */
function segmentSource(segment: string, pattern: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '\\') {
      const next = segment[++i];
      if (next === undefined) throw globError(pattern, 'ends with a lone backslash');
      out += escapeRegExp(next);
    } else if (c === '*') {
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      let j = i + 1;
      const negated = segment[j] === '!' || segment[j] === '^';
      if (negated) j++;
      let body = '';
      // A `]` right after the opening bracket is a member, as in the shell.
      if (segment[j] === ']') {
        body += '\\]';
        j++;
      }
      for (; j < segment.length && segment[j] !== ']'; j++) {
        const m = segment[j]!;
        if (m === '\\' && j + 1 < segment.length) body += classMember(segment[++j]!);
        else body += m === '-' ? '-' : escapeRegExp(m);
      }
      if (j >= segment.length) {
        out += '\\[';
        continue;
      }
      out += negated ? `[^/${body}]` : `[${body}]`;
      i = j;
    } else {
      out += escapeRegExp(c);
    }
  }
  // Wildcards never match a leading dot.
  return /^[*?[]/.test(segment) ? `(?!\\.)${out}` : out;
}

/** A pattern without braces, as a regular expression over `/`-separated relative paths. */
function compile(pattern: string, original: string): RegExp {
  const segments = pattern.split('/');
  let source = '';
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      source += last ? '(?:(?!\\.)[^/]+(?:/(?!\\.)[^/]+)*)' : '(?:(?!\\.)[^/]+/)*';
    } else {
      source += segmentSource(segment, original) + (last ? '' : '/');
    }
  });
  return new RegExp(`^${source}$`, 'u');
}

/** A compiled pattern: whether a relative path matches, and how deep it may reach. */
export interface GlobMatcher {
  matches(relativePath: string): boolean;
  /** The most folders deep a match can be, or Infinity with `**`. */
  maxDepth: number;
}

/** Compiles a pattern relative to the folder it is matched in (no leading `/`). */
export function compileGlob(pattern: string): GlobMatcher {
  if (pattern === '') throw globError(pattern, 'is empty');
  const expanded = expandBraces(pattern);
  const expressions = expanded.map((p) => compile(p, pattern));
  const maxDepth = Math.max(...expanded.map((p) => (p.split('/').includes('**') ? Infinity : p.split('/').length - 1)));
  return { matches: (path) => expressions.some((e) => e.test(path)), maxDepth };
}
