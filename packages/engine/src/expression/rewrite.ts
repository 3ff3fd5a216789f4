import { skipQuoted } from './template.js';

/**
 * Flowloom's one change to JSONata syntax: `x["field name"]` reads a field, as
 * it does in JavaScript and n8n. (In standard JSONata a string inside `[ ]` is
 * a filter that is always true, which no one means.) The rewrite turns it into
 * JSONata's backtick form, padded to the same length so every position in
 * error messages still points at the source the user wrote.
 */
export function rewriteFieldBrackets(source: string): string {
  const shaped = rewriteCalls(source);
  if (!shaped.includes('[')) return shaped;
  return rewriteBrackets(shaped);
}

/**
 * Two more forms read as people write them elsewhere, each rewritten to one
 * of the same length: `$node["Name"]` is `$node("Name")`, and `$now()` and
 * `$today()` are the values `$now` and `$today`.
 */
function rewriteCalls(source: string): string {
  if (!source.includes('$node') && !source.includes('$now') && !source.includes('$today')) return source;
  let out = '';
  let last = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      const end = skipQuoted(source, i, ch);
      if (end === -1) break;
      i = end;
      continue;
    }
    if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end === -1) break;
      i = end + 1;
      continue;
    }
    if (ch !== '$' || (i > 0 && /[\w$]/.test(source[i - 1]!))) continue;
    const value = /^\$(now|today)\(\s*\)/.exec(source.slice(i, i + 40));
    if (value) {
      const name = `$${value[1]}`;
      out += source.slice(last, i) + name + ' '.repeat(value[0].length - name.length);
      last = i + value[0].length;
      i = last - 1;
      continue;
    }
    if (!source.startsWith('$node[', i)) continue;
    let j = i + 6;
    while (source[j] === ' ') j++;
    const quote = source[j];
    if (quote !== '"' && quote !== "'") continue;
    const endQuote = skipQuoted(source, j, quote);
    if (endQuote === -1) continue;
    let k = endQuote + 1;
    while (source[k] === ' ') k++;
    if (source[k] !== ']') continue;
    out += `${source.slice(last, i)}$node(${source.slice(i + 6, k)})`;
    last = k + 1;
    i = k;
  }
  return last === 0 ? source : out + source.slice(last);
}

function rewriteBrackets(source: string): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      const end = skipQuoted(source, i, ch);
      if (end === -1) break;
      i = end;
      continue;
    }
    if (ch === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end === -1) break;
      i = end + 1;
      continue;
    }
    if (ch !== '[' || i === 0 || !/[\w$)\]`]/.test(source[i - 1]!)) continue;
    let j = i + 1;
    while (source[j] === ' ') j++;
    const quote = source[j];
    if (quote !== '"' && quote !== "'") continue;
    const endQuote = skipQuoted(source, j, quote);
    if (endQuote === -1) continue;
    let k = endQuote + 1;
    while (source[k] === ' ') k++;
    if (source[k] !== ']') continue;
    const name = decodeStringLiteral(source.slice(j + 1, endQuote));
    if (name === undefined || name.includes('`')) continue;
    const replacement = `.\`${name}\``;
    const length = k + 1 - i;
    out += source.slice(last, i) + replacement + ' '.repeat(Math.max(0, length - replacement.length));
    last = k + 1;
    i = k;
  }
  return last === 0 ? source : out + source.slice(last);
}

/** The value of a JSON-style string literal body, or undefined when it has escapes we do not decode. */
export function decodeStringLiteral(body: string): string | undefined {
  if (!body.includes('\\')) return body;
  try {
    return JSON.parse(`"${body.replace(/\\'/g, "'").replace(/(^|[^\\])"/g, '$1\\"')}"`) as string;
  } catch {
    return undefined;
  }
}
