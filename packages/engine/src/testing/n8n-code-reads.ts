import type { JsToken } from '../expression/javascript/js-tokens.js';
import { expressionParts, literal, tokensOf } from './n8n-code-tokens.js';

/**
 * What the code of an n8n workflow (a Code node's JavaScript, an
 * expression's `{{ }}`) reads of the item's data, followed through the code
 * rather than matched as text: a local variable holding an item's json
 * (`const request = $input.first().json`, `const { coords } = $json`), the
 * parameters of the callbacks of array methods called on a field
 * (`slides.flatMap(slide => slide.pageElements)`, each element's fields),
 * the parameters of local functions called with a field, and the values
 * parsed as JSON (`text.parseJson()`, `JSON.parse(text)`), whose reads are
 * collected apart so that the text can be JSON of what is read from it.
 *
 * The code is read token by token with the engine's JavaScript tokenizer;
 * names are followed without scopes (a name bound in two places holds both
 * values), which is enough for sample data: a read too many adds a field.
 */

/** A key of a path into the data. */
export type Key = string | number;

/**
 * What a read tells of the value read: a list (of records; of plain values),
 * text, an object, a file's content as base64, a number, a boolean.
 */
export type Hint = 'list' | 'values' | 'text' | 'object' | 'base64' | 'number' | 'boolean' | undefined;

/** One read of the data: the path of keys, what the code does with the value, the separator text is split on. */
export interface CodeRead {
  path: Key[];
  hint: Hint;
  separator?: string;
}

/** The key that stands for every element of a list in a read's path (`slides[].pageElements`). */
export const EACH = '\u0000each';

/** The start of the top-level key under which the reads of a value parsed as JSON are collected. */
export const PARSED = '\u0000parsed:';

/** The top-level key collecting the reads of the JSON text at `source`. */
export const parsedKey = (source: readonly Key[]): string => `${PARSED}${JSON.stringify(source)}`;

/** What the code reads, and the values it parses as JSON. */
export interface CodeReads {
  reads: CodeRead[];
  /** The paths of the texts parsed as JSON (each one's reads are under `parsedKey(path)`). */
  parsed: Key[][];
  /** The names read from `$env`. */
  env: string[];
  /** What the whole source evaluates to when it is one expression: the paths it is the value of. */
  result: Key[][];
}

/** What a name or an expression holds, as far as the data goes. */
type Value = { kind: 'json'; path: Key[] } | { kind: 'item' } | { kind: 'items' } | { kind: 'node' } | { kind: 'array'; element: Value[] };

/** Array methods whose callback's parameters are elements of the list. */
const CALLBACK_METHODS = /^(?:map|filter|forEach|flatMap|find|findLast|findIndex|some|every|reduce|sort|toSorted)$/;
/** Other methods of lists. */
const LIST_METHODS = /^(?:join|reverse|at|flat|pop|shift|push|toReversed|pluck|unique|removeDuplicates|chunk)$/;
/** Methods of text. */
const TEXT_METHODS =
  /^(?:split|match|matchAll|replace|replaceAll|toUpperCase|toLowerCase|trim|trimStart|trimEnd|startsWith|endsWith|substring|substr|padStart|padEnd|charAt|charCodeAt|normalize|localeCompare|toDateTime|extractDomain|extractEmail|extractUrl|toTitleCase|toSentenceCase)$/;
/** Operators whose operands are numbers. */
const NUMBER_OPERATORS = new Set(['*', '/', '%', '**', '-', '<', '>', '<=', '>=', '*=', '/=', '-=']);
/** Tokens after which `[` starts an array literal rather than an index. */
const EXPRESSION_START = new Set(['(', ',', '=', ':', '[', '?', '||', '&&', '??', '=>', 'return', '{', ';']);

const DECLARATIONS = new Set(['const', 'let', 'var']);

/** Follows the reads of one tokenized source. */
class Reader {
  readonly env = new Map<string, Value[]>();
  readonly functions = new Map<string, string[]>();
  readonly reads = new Map<string, CodeRead>();
  readonly parsed = new Map<string, Key[]>();
  readonly envNames = new Set<string>();

  constructor(readonly t: JsToken[]) {}

  private is(i: number, text: string): boolean {
    const tok = this.t[i];
    return tok !== undefined && tok.kind !== 'string' && tok.kind !== 'template' && tok.text === text;
  }

  /** The index of the bracket closing the one at `i`. */
  private closing(i: number): number {
    let depth = 0;
    for (let j = i; j < this.t.length; j++) {
      const x = this.t[j]!;
      if (x.kind !== 'punct') continue;
      if (x.text === '(' || x.text === '[' || x.text === '{') depth++;
      else if (x.text === ')' || x.text === ']' || x.text === '}') {
        depth--;
        if (depth === 0) return j;
      }
    }
    return this.t.length;
  }

  private read(path: Key[], hint: Hint, separator?: string): void {
    if (path.length === 0) return;
    const key = JSON.stringify([path, hint ?? null]);
    if (!this.reads.has(key)) this.reads.set(key, { path, hint, ...(separator ? { separator } : {}) });
  }

  bind(name: string, values: readonly Value[]): void {
    const held = this.env.get(name) ?? [];
    for (const v of values) if (!held.some((h) => JSON.stringify(h) === JSON.stringify(v))) held.push(v);
    if (held.length > 0) this.env.set(name, held);
  }

  /** The names a parameter list or a destructuring pattern between `from` and `to` binds, with their keys. */
  private pattern(from: number, to: number): { name: string; key?: string }[] {
    const out: { name: string; key?: string }[] = [];
    let depth = 0;
    for (let j = from; j < to; j++) {
      const x = this.t[j]!;
      if (x.kind === 'punct' && (x.text === '(' || x.text === '[' || x.text === '{')) depth++;
      if (x.kind === 'punct' && (x.text === ')' || x.text === ']' || x.text === '}')) depth--;
      if (x.kind !== 'name' || depth > 0) continue;
      const before = this.t[j - 1];
      if (before && before.kind === 'punct' && (before.text === '=' || before.text === ':' || before.text === '.')) {
        if (before.text === ':') {
          const keyTok = this.t[j - 2];
          if (keyTok && (keyTok.kind === 'name' || keyTok.kind === 'string'))
            out.push({ name: x.text, key: literal(keyTok) ?? keyTok.text });
        }
        continue;
      }
      if (this.is(j + 1, ':')) continue;
      out.push({ name: x.text, key: x.text });
    }
    return out;
  }

  /** The parameters of the function starting at `i` (`x =>`, `(a, b) =>`, `function (a) {`): each a name or a pattern. */
  private params(i: number): { params: { name?: string; from: number; to: number }[]; body: number } | undefined {
    let j = i;
    if (this.is(j, 'async')) j++;
    if (this.t[j]?.kind === 'name' && this.is(j + 1, '=>')) return { params: [{ name: this.t[j]!.text, from: j, to: j + 1 }], body: j + 2 };
    if (this.is(j, 'function')) {
      j++;
      if (this.t[j]?.kind === 'name') j++;
    }
    if (!this.is(j, '(')) return undefined;
    const close = this.closing(j);
    if (!this.is(i, 'function') && !this.is(close + 1, '=>') && !(this.is(i, 'async') && this.is(i + 1, 'function'))) return undefined;
    const params: { name?: string; from: number; to: number }[] = [];
    let start = j + 1;
    let depth = 0;
    for (let k = j + 1; k <= close; k++) {
      const x = this.t[k]!;
      if (x.kind === 'punct' && (x.text === '(' || x.text === '[' || x.text === '{')) depth++;
      if (x.kind === 'punct' && (x.text === ')' || x.text === ']' || x.text === '}')) depth--;
      if ((depth === 0 && x.text === ',' && x.kind === 'punct') || k === close) {
        if (k > start) params.push({ name: this.t[start]!.kind === 'name' ? this.t[start]!.text : undefined, from: start, to: k });
        start = k + 1;
      }
    }
    return { params, body: this.is(close + 1, '=>') ? close + 2 : close + 1 };
  }

  /** Binds a parameter (a name or a destructuring pattern) to values. */
  private bindParam(param: { name?: string; from: number; to: number }, values: Value[]): void {
    if (param.name !== undefined) {
      this.bind(param.name, values);
      return;
    }
    if (this.is(param.from, '{')) {
      for (const { name, key } of this.pattern(param.from + 1, this.closing(param.from)))
        if (key !== undefined) this.bind(name, this.member(values, key));
    }
  }

  /** The values a property of `values` holds. */
  private member(values: readonly Value[], key: Key): Value[] {
    const out: Value[] = [];
    for (const v of values) {
      if (v.kind === 'json') out.push({ kind: 'json', path: [...v.path, key] });
      else if (v.kind === 'item' && key === 'json') out.push({ kind: 'json', path: [] });
      else if (v.kind === 'node' && (key === 'item' || key === 'json'))
        out.push(key === 'item' ? { kind: 'item' } : { kind: 'json', path: [] });
      else if (v.kind === 'items' && typeof key === 'number') out.push({ kind: 'item' });
      else if (v.kind === 'array' && typeof key === 'number') out.push(...v.element);
    }
    return out;
  }

  /** The elements of lists `values`; a field read as a list says so. */
  private elements(values: readonly Value[]): Value[] {
    const out: Value[] = [];
    for (const v of values) {
      if (v.kind === 'json') {
        this.read(v.path, 'list');
        out.push({ kind: 'json', path: [...v.path, EACH] });
      } else if (v.kind === 'items') out.push({ kind: 'item' });
      else if (v.kind === 'array') out.push(...v.element);
    }
    return out;
  }

  /** The value of the primary expression at `i` and the index after it. */
  private primary(i: number): { values: Value[]; next: number } {
    const tok = this.t[i];
    if (!tok) return { values: [], next: i };
    if (tok.kind === 'punct' && tok.text === '[' && EXPRESSION_START.has(this.t[i - 1]?.text ?? '(')) {
      const close = this.closing(i);
      const inner = this.chain(i + 1);
      return { values: [{ kind: 'array', element: inner.values }], next: close + 1 };
    }
    if (tok.kind !== 'name') return { values: [], next: i + 1 };
    const name = tok.text;
    if (name === '$json') return { values: [{ kind: 'json', path: [] }], next: i + 1 };
    if (name === '$input') return { values: [{ kind: 'node' }], next: i + 1 };
    if ((name === '$' || name === '$items') && this.is(i + 1, '(')) {
      const close = this.closing(i + 1);
      return { values: [name === '$' ? { kind: 'node' } : { kind: 'items' }], next: close + 1 };
    }
    if (name === '$node' && this.is(i + 1, '[')) return { values: [{ kind: 'node' }], next: this.closing(i + 1) + 1 };
    if (name === '$node' && this.is(i + 1, '.')) return { values: [{ kind: 'node' }], next: i + 3 };
    if (name === '$env') {
      const key = this.is(i + 1, '.') ? this.t[i + 2]?.text : this.is(i + 1, '[') ? literal(this.t[i + 2]) : undefined;
      if (key !== undefined) this.envNames.add(key);
      return { values: [], next: i + 1 };
    }
    if (name === 'JSON' && this.is(i + 1, '.') && this.t[i + 2]?.text === 'parse' && this.is(i + 3, '(')) {
      const close = this.closing(i + 3);
      const argument = this.chain(i + 4);
      return { values: argument.next === close ? this.parse(argument.values) : [], next: close + 1 };
    }
    if ((name === 'Array' || name === 'Object') && this.is(i + 1, '.') && this.is(i + 3, '(')) {
      const close = this.closing(i + 3);
      const argument = this.chain(i + 4);
      const method = this.t[i + 2]?.text;
      if (argument.next === close) {
        for (const v of argument.values) {
          if (v.kind !== 'json') continue;
          if (name === 'Array' && method === 'isArray') this.read(v.path, 'list');
          if (name === 'Object' && /^(?:keys|values|entries)$/.test(method ?? '')) this.read(v.path, 'object');
        }
      }
      return { values: [], next: close + 1 };
    }
    const bound = this.env.get(name);
    if (bound) return { values: [...bound], next: i + 1 };
    if (name === 'items' && !this.is(i - 1, '.')) return { values: [{ kind: 'items' }], next: i + 1 };
    return { values: [], next: i + 1 };
  }

  /** The values parsed from the texts `values` hold: their reads go under `parsedKey`. */
  private parse(values: readonly Value[]): Value[] {
    const out: Value[] = [];
    for (const v of values) {
      if (v.kind !== 'json' || v.path.length === 0) continue;
      this.read(v.path, 'text');
      const key = parsedKey(v.path);
      this.parsed.set(key, v.path);
      out.push({ kind: 'json', path: [key] });
    }
    return out;
  }

  /**
   * The value of the member chain starting at `i` (`$json.a[0].b`, `list.map(x => x.c)`) and the index after it,
   * recording what it reads on the way and what the code does with the value it ends at.
   */
  chain(i: number): { values: Value[]; next: number } {
    let { values, next: j } = this.primary(i);
    const start = i;
    while (values.length > 0) {
      const dot = this.is(j, '.') || this.is(j, '?.');
      if (dot && this.t[j + 1]?.kind === 'name') {
        const name = this.t[j + 1]!.text;
        if (this.is(j + 2, '(') || (this.is(j + 2, '?.') && this.is(j + 3, '('))) {
          const open = this.is(j + 2, '(') ? j + 2 : j + 3;
          const close = this.closing(open);
          const result = this.call(values, name, open, close);
          values = result;
          j = close + 1;
          continue;
        }
        if (name === 'length') {
          for (const v of values) if (v.kind === 'json') this.read(v.path, undefined);
          return { values: [], next: j + 2 };
        }
        values = this.member(values, name);
        j += 2;
        continue;
      }
      if (this.is(j, '[') || (this.is(j, '?.') && this.is(j + 1, '['))) {
        const open = this.is(j, '[') ? j : j + 1;
        const close = this.closing(open);
        const tok = this.t[open + 1];
        const key = close === open + 2 ? (literal(tok) ?? (tok?.kind === 'number' ? Number(tok.text) : undefined)) : undefined;
        if (key === undefined || (typeof key === 'number' && !Number.isInteger(key))) {
          // An index computed at run time: an element of the list, or an unknown field.
          const list = values.filter((v) => v.kind !== 'json');
          for (const v of values) if (v.kind === 'json') this.read(v.path, undefined);
          values = list.flatMap((v) => this.member([v], 0));
        } else values = this.member(values, key);
        j = close + 1;
        continue;
      }
      break;
    }
    // What is done with the value the chain ends at.
    const before = this.t[start - 1];
    const after = this.t[j];
    const numeric =
      (after?.kind === 'punct' && NUMBER_OPERATORS.has(after.text)) ||
      (before?.kind === 'punct' && NUMBER_OPERATORS.has(before.text) && before.text !== '-' && before.text !== '<' && before.text !== '>');
    for (const v of values) if (v.kind === 'json') this.read(v.path, numeric ? 'number' : undefined);
    return { values, next: j };
  }

  /** A method called on `values` with the arguments between `open` and `close`: what it returns. */
  private call(values: Value[], name: string, open: number, close: number): Value[] {
    if (name === 'first' || name === 'last') {
      const out: Value[] = values.filter((v) => v.kind === 'node' || v.kind === 'items').map(() => ({ kind: 'item' }) as const);
      const lists = values.filter((v) => v.kind === 'json' || v.kind === 'array');
      return [...out, ...(lists.length > 0 ? this.elements(lists) : [])];
    }
    if (name === 'all') return values.some((v) => v.kind === 'node') ? [{ kind: 'items' }] : [];
    if (name === 'itemMatching' && values.some((v) => v.kind === 'node')) return [{ kind: 'item' }];
    if (name === 'parseJson') return this.parse(values);
    if (CALLBACK_METHODS.test(name)) {
      const element = this.elements(values);
      const fn = this.params(open + 1);
      if (fn) {
        const index = name === 'reduce' ? [1] : name === 'sort' || name === 'toSorted' ? [0, 1] : [0];
        for (const k of index) if (fn.params[k]) this.bindParam(fn.params[k], element);
        if (name === 'reduce' && fn.params[0]) this.bindParam(fn.params[0], []);
      }
      if (name === 'filter' || name === 'sort' || name === 'toSorted') return values;
      if (name === 'find' || name === 'findLast') return element;
      if ((name === 'map' || name === 'flatMap') && fn && !this.is(fn.body, '{')) {
        const body = this.chain(fn.body);
        if (body.next !== close) return [];
        if (name === 'map') return [{ kind: 'array', element: body.values }];
        // The lists the callback returns, flattened: their elements are the result's.
        const element = body.values.flatMap((v) => (v.kind === 'json' || v.kind === 'array' ? this.elements([v]) : [v]));
        return [{ kind: 'array', element }];
      }
      return [];
    }
    for (const v of values) {
      if (v.kind !== 'json') continue;
      if (LIST_METHODS.test(name)) this.read(v.path, 'list');
      else if (TEXT_METHODS.test(name)) {
        const separator = name === 'split' ? literal(this.t[open + 1]) : undefined;
        this.read(v.path, 'text', this.is(open + 2, ')') ? separator : undefined);
      } else this.read(v.path, undefined);
    }
    if (name === 'slice' || name === 'concat' || name === 'reverse' || name === 'toReversed')
      return values.filter((v) => v.kind === 'json' || v.kind === 'items' || v.kind === 'array');
    return [];
  }

  /** One pass over the tokens: bindings, function calls, and every chain. */
  pass(): void {
    const t = this.t;
    for (let i = 0; i < t.length; i++) {
      const tok = t[i]!;
      if (tok.kind !== 'name' && !(tok.kind === 'punct' && tok.text === '[')) continue;
      if (this.is(i - 1, '.') || this.is(i - 1, '?.')) continue;
      // const name = ...; const { a, b: c } = ...
      if (DECLARATIONS.has(tok.text) && tok.kind === 'name') {
        if (t[i + 1]?.kind === 'name' && this.is(i + 2, '=')) {
          const fn = this.params(i + 3);
          if (fn)
            this.functions.set(
              t[i + 1]!.text,
              fn.params.map((p) => p.name ?? ''),
            );
          else this.bind(t[i + 1]!.text, this.chain(i + 3).values);
        } else if (this.is(i + 1, '{')) {
          const close = this.closing(i + 1);
          if (this.is(close + 1, '=')) {
            const source = this.chain(close + 2).values;
            for (const { name, key } of this.pattern(i + 2, close)) if (key !== undefined) this.bind(name, this.member(source, key));
          }
        }
        continue;
      }
      // for (const x of list)
      if (tok.text === 'for' && this.is(i + 1, '(') && DECLARATIONS.has(t[i + 2]?.text ?? '') && t[i + 4]?.text === 'of') {
        const name = t[i + 3]!.text;
        this.bind(name, this.elements(this.chain(i + 5).values));
        continue;
      }
      if (tok.text === 'function' && t[i + 1]?.kind === 'name' && this.is(i + 2, '(')) {
        this.functions.set(t[i + 1]!.text, this.params(i)?.params.map((p) => p.name ?? '') ?? []);
        continue;
      }
      // A local function called with values: its parameters hold them.
      const params = this.functions.get(tok.text);
      if (params && this.is(i + 1, '(') && !this.is(i - 1, 'function')) {
        const close = this.closing(i + 1);
        let at = i + 2;
        for (const param of params) {
          if (at >= close) break;
          const argument = this.chain(at);
          if (param && (this.is(argument.next, ',') || argument.next === close)) this.bind(param, argument.values);
          // The next argument.
          let k = argument.next;
          let depth = 0;
          while (k < close && !(depth === 0 && this.is(k, ','))) {
            if (this.is(k, '(') || this.is(k, '[') || this.is(k, '{')) depth++;
            if (this.is(k, ')') || this.is(k, ']') || this.is(k, '}')) depth--;
            k++;
          }
          at = k + 1;
        }
        continue;
      }
      this.chain(i);
    }
  }
}

/**
 * What one source reads: a Code node's code when it is JavaScript, else the
 * `{{ }}` parts of a parameter's template. Passes are repeated so that
 * names bound late (a function declared before the call that gives its
 * parameter a value) are followed too.
 */
export function codeReadsOf(source: string): CodeReads {
  const whole = source.startsWith('=') || /^\s*\{\{/.test(source) ? undefined : tokensOf(source);
  const readers = (
    whole
      ? [whole]
      : expressionParts(source)
          .map((p) => tokensOf(p))
          .filter((t) => t !== undefined)
  ).map((tokens) => new Reader(tokens));
  const result: Key[][] = [];
  for (const reader of readers) {
    for (let round = 0; round < 3; round++) reader.pass();
  }
  // The value of a template that is one expression (`{{ $json.text.parseJson() }}`).
  if (!whole && readers.length === 1 && /^\s*=?\s*\{\{[\s\S]*\}\}\s*$/.test(source)) {
    const reader = readers[0]!;
    const { values, next } = reader.chain(0);
    if (next >= reader.t.length) for (const v of values) if (v.kind === 'json') result.push(v.path);
  }
  return {
    reads: readers.flatMap((r) => [...r.reads.values()]),
    parsed: readers.flatMap((r) => [...r.parsed.values()]),
    env: [...new Set(readers.flatMap((r) => [...r.envNames]))],
    result,
  };
}
