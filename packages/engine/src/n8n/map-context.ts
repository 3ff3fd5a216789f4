import { parseTemplate } from '../expression/template.js';
import type { ExpressionCounts, ImportProblem, UntranslatedExpression } from './import-report.js';
import { escapeLiteralText, splitN8nTemplate } from './n8n-template.js';
import { NoEquivalentError } from './no-equivalent.error.js';
import { mentionedNodes, translateReference, type ReferenceEnv } from './plain-reference.js';

/** An n8n node as the mappers see it. */
export interface N8nNode {
  /** The node's name in the Flowloom document (trimmed, made unique). */
  readonly name: string;
  readonly type: string;
  readonly typeVersion: number;
  readonly parameters: Record<string, unknown>;
  /** n8n's id for the node's webhook, the default path of a Webhook node. */
  readonly webhookId?: string | undefined;
}

/** What a mapper needs of the workflow around the node. */
export interface MapEnv extends ReferenceEnv {
  /** The n8n output indexes other nodes are connected from, in order. */
  readonly usedOutputs: readonly number[];
  /** The workflow's time zone, when it sets one. */
  readonly timezone: string | undefined;
}

type Key = string | number;

/** `options.timeout`, `rules.values[2].outputKey` -> keys. */
function keysOf(path: string): Key[] {
  const keys: Key[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      keys.push(part);
      continue;
    }
    if (m[1] !== '') keys.push(m[1]!);
    for (const index of m[2]!.matchAll(/\[(\d+)\]/g)) keys.push(Number(index[1]));
  }
  return keys;
}

/** Keys -> `a.b[0].c`. */
export function pathOf(keys: readonly Key[]): string {
  let out = '';
  for (const key of keys) out += typeof key === 'number' ? `[${key}]` : out === '' ? key : `.${key}`;
  return out;
}

const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

/** Whether a parameter value is an n8n expression (a string starting with `=`). */
export const isExpression = (v: unknown): v is string => typeof v === 'string' && v.startsWith('=');

/**
 * Reads one n8n node's parameters for a mapper: every read is remembered, so
 * parameters no mapper looked at are found afterwards; string values are
 * turned into Flowloom parameter strings (expressions counted, plain
 * references translated, literal braces escaped).
 */
export class MapContext {
  readonly counts: Omit<ExpressionCounts, 'inPlaceholders'> = { total: 0, translated: 0, javascript: 0, parseFailed: 0 };
  readonly pending: UntranslatedExpression[] = [];
  readonly problems: ImportProblem[] = [];
  readonly #read = new Set<string>();
  /** Converted strings that are exactly one translated expression. */
  readonly #translatedWhole = new Set<string>();

  constructor(
    readonly node: N8nNode,
    readonly env: MapEnv,
  ) {}

  get version(): number {
    return this.node.typeVersion;
  }

  /** The value at a parameter path as written in n8n; undefined when absent. */
  raw(path: string): unknown {
    const keys = keysOf(path);
    this.#read.add(pathOf(keys));
    let v: unknown = this.node.parameters;
    for (const key of keys) {
      if (typeof v !== 'object' || v === null) return undefined;
      v = (v as Record<Key, unknown>)[key];
    }
    return v;
  }

  /** A list parameter (`[]` when absent); anything but a list has no equivalent. */
  list(path: string, fallback: readonly unknown[] = []): readonly unknown[] {
    const v = this.raw(path) ?? fallback;
    if (!Array.isArray(v)) this.fail(path, `expected a list, got ${JSON.stringify(v)?.slice(0, 60)}`);
    return v;
  }

  /**
   * The indexes of a list's rows that are not empty: rows whose `keys` are all
   * empty (rows left blank in n8n's forms) are skipped with a warning.
   */
  rows(path: string, keys: readonly string[]): number[] {
    const list = this.list(path);
    const kept: number[] = [];
    list.forEach((row, i) => {
      const blank = typeof row === 'object' && row !== null && keys.every((k) => isEmpty((row as Record<string, unknown>)[k]));
      if (!blank) kept.push(i);
      else this.ignore(`${path}[${i}]`);
    });
    if (kept.length < list.length)
      this.warn(path, 'empty-row', `${list.length - kept.length} empty row${list.length - kept.length === 1 ? ' was' : 's were'} left out`);
    return kept;
  }

  /** Whether a parameter is present (and not empty). */
  has(path: string): boolean {
    return !isEmpty(this.raw(path));
  }

  /** Marks parameters as read without using them (UI-only fields, notices). */
  ignore(...paths: string[]): void {
    for (const path of paths) this.raw(path);
  }

  /**
   * The value at a path converted for Flowloom (see `convert`); `fallback`
   * when absent. With `asText`, a value that is one translated expression is
   * turned into text as n8n does for a text parameter (`$string(…)`), since a
   * Flowloom template of one expression keeps the expression's type.
   */
  value(path: string, fallback?: unknown, options: { asText?: boolean } = {}): unknown {
    const v = this.raw(path);
    if (v === undefined) return fallback;
    const converted = this.convert(v, path);
    if (options.asText && typeof v === 'string' && typeof converted === 'string') {
      const whole = /^\{\{ ([^]*) \}\}$/.exec(converted);
      if (whole && this.#translatedWhole.has(converted)) return `{{ $string(${whole[1]}) }}`;
    }
    return converted;
  }

  /** Converts a value found at `path`: strings become Flowloom parameter strings, containers are converted throughout. */
  convert(value: unknown, path: string): unknown {
    if (typeof value === 'string') return this.convertString(value, path);
    if (Array.isArray(value)) return value.map((v, i) => this.convert(v, `${path}[${i}]`));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.convert(v, path === '' ? k : `${path}.${k}`)]));
    }
    return value;
  }

  /** A value that must be written literally in n8n (Flowloom reads it as written); `fallback` when absent. */
  literal<T extends string | number | boolean>(path: string, kind: 'string' | 'number' | 'boolean', fallback: T): T;
  literal<T extends string | number | boolean>(path: string, kind: 'string' | 'number' | 'boolean'): T | undefined;
  literal(path: string, kind: 'string' | 'number' | 'boolean', fallback?: string | number | boolean): unknown {
    let v = this.raw(path);
    // `=text` without `{{ }}` is the text itself in n8n; `=` alone is empty.
    if (isExpression(v) && !v.includes('{{')) v = v.slice(1).trim() === '' ? undefined : v.slice(1);
    if (v === undefined || v === null || (v === '' && kind !== 'string')) return fallback;
    if (isExpression(v)) this.fail(path, `an expression (${v.slice(1, 60)}) where Flowloom needs a fixed value`);
    if (kind === 'number' && typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    if (typeof v !== kind) this.fail(path, `expected a ${kind}, got ${JSON.stringify(v)?.slice(0, 60)}`);
    return v;
  }

  /** A literal choice among `allowed`; anything else has no equivalent. */
  choice<T extends string>(path: string, allowed: readonly T[], fallback: T): T {
    const v = this.literal<string>(path, 'string', fallback);
    if (!(allowed as readonly string[]).includes(v)) this.fail(path, `the value '${v}' has no Flowloom equivalent`);
    return v as T;
  }

  /** Fails when a parameter is set to anything but its default: for n8n options Flowloom has no equivalent of. */
  onlyDefault(path: string, ...defaults: unknown[]): void {
    const v = this.raw(path);
    if (isEmpty(v) || defaults.some((d) => JSON.stringify(d) === JSON.stringify(v))) return;
    this.fail(path, `the setting ${JSON.stringify(v)?.slice(0, 80)} has no Flowloom equivalent`);
  }

  /** Records something that may behave differently; the node is still mapped. */
  warn(parameter: string | undefined, code: string, message: string): void {
    this.problems.push({ code, severity: 'warning', node: this.node.name, ...(parameter ? { parameter } : {}), message });
  }

  /** Gives up on the node: it becomes a placeholder, with this parameter and reason in the report. */
  fail(parameter: string | undefined, reason: string): never {
    throw new NoEquivalentError(reason, parameter);
  }

  /** Gives up on the node because this version of its type is not mapped yet (older parameters). */
  unmappedVersion(reason: string): never {
    throw new NoEquivalentError(reason, undefined, { wholeVersion: true });
  }

  /** Parameter paths holding values no mapper read. */
  unread(): string[] {
    const out: string[] = [];
    const walk = (v: unknown, keys: Key[]) => {
      if (keys.length > 0 && this.#read.has(pathOf(keys))) return;
      if (isEmpty(v)) return;
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...keys, i]));
      else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...keys, k]);
      else out.push(pathOf(keys));
    };
    walk(this.node.parameters, []);
    return out;
  }

  /** An n8n parameter string as a Flowloom one. */
  convertString(value: string, path: string): string {
    if (!value.startsWith('=')) return escapeLiteralText(value);
    const body = value.slice(1);
    const segments = splitN8nTemplate(body);
    if (!Array.isArray(segments)) {
      this.counts.total++;
      this.counts.parseFailed++;
      this.pending.push({ node: this.node.name, parameter: path, expression: body, reason: 'parse' });
      this.problems.push({
        code: 'expression-parse',
        severity: 'error',
        node: this.node.name,
        parameter: path,
        message: `the expression cannot be read: ${segments.error}; it is kept as written and will fail if it runs`,
      });
      return body;
    }
    let out = '';
    const kept: string[] = [];
    // A template of one expression keeps the value's type in both systems; beside text, n8n writes values its own way
    // (null as nothing, objects as [object Object], lists joined with commas), which the JavaScript part reproduces.
    const alone = segments.length === 1;
    for (const segment of segments) {
      if (segment.kind === 'text') {
        out += escapeLiteralText(segment.value);
        continue;
      }
      this.counts.total++;
      const result = translateReference(segment.source, this.env);
      for (const name of [...result.nodes, ...mentionedNodes(segment.source)]) this.#checkNodeName(name, path);
      if (result.ok && alone) {
        this.counts.translated++;
        out += `{{ ${result.text} }}`;
        this.#translatedWhole.add(out);
      } else {
        this.counts.javascript++;
        const code = `js:${segment.source}`;
        kept.push(code);
        this.pending.push({
          node: this.node.name,
          parameter: path,
          expression: segment.source.trim(),
          reason: result.ok ? 'text' : result.reason,
        });
        out += `{{${code}}}`;
      }
    }
    if (kept.length > 0 && !this.#keepsExpressions(out, kept)) {
      this.counts.javascript -= kept.length;
      this.counts.parseFailed += kept.length;
      for (const p of this.pending.slice(-kept.length)) p.reason = 'parse';
      this.problems.push({
        code: 'expression-parse',
        severity: 'error',
        node: this.node.name,
        parameter: path,
        message:
          'an expression holds text that ends a Flowloom template early (braces inside a regular expression or comment); it is kept as written and will fail if it runs',
      });
    }
    return out;
  }

  /** Whether Flowloom's template reader finds exactly the expressions kept as written. */
  #keepsExpressions(template: string, kept: readonly string[]): boolean {
    try {
      const sources = parseTemplate(template).flatMap((s) => (s.kind === 'expression' ? [s.source] : []));
      return kept.every((k) => sources.includes(k));
    } catch {
      return false;
    }
  }

  readonly #checked = new Set<string>();
  #checkNodeName(name: string, path: string): void {
    if (this.#checked.has(name) || this.env.nodeName(name) !== undefined) return;
    this.#checked.add(name);
    this.warn(path, 'unknown-node-reference', `an expression refers to node '${name}', which is not in the workflow`);
  }
}
