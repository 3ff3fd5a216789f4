import { ExpressionError } from '../expression.error.js';
import { LinearRegExp } from '../regex-engine.js';
import { apply, type NativeFunction, type Signature } from './apply.js';
import { checkLength, tick, type EvaluationContext, type Focus } from './context.js';
import { EvaluationFault } from './evaluation-fault.error.js';
import { arityOf, isArrayOfNumbers, isArrayOfStrings, isFunction, sequence, toBoolean } from './values.js';

/**
 * Synchronous versions of JSONata's built-ins that JSONata runs asynchronously
 * (those that call functions: the higher-order ones, and the regex ones, since
 * a pattern is a matcher function). Same signatures, same results, same error
 * codes; the loops count steps for the time budget.
 */

interface MatchResult {
  match: string;
  start: number;
  end: number;
  groups: (string | undefined)[];
  next(): MatchResult | undefined;
}

type Matcher = (text: string, from?: number) => MatchResult | undefined;

/** A regex literal's value: a matcher function over the linear-time engine, as JSONata's regex closures behave. */
export function regexMatcher(pattern: RegExp, position: number | undefined): Matcher {
  const re = new LinearRegExp(pattern);
  const matcher: Matcher = (text, from) => {
    re.lastIndex = from ?? 0;
    const m = re.exec(text);
    if (m === null) return undefined;
    const match = m[0] ?? '';
    const result: MatchResult = {
      match,
      start: m.index,
      end: m.index + match.length,
      groups: m.slice(1),
      next() {
        if (re.lastIndex >= text.length) return undefined;
        const next = matcher(text, re.lastIndex);
        if (next && next.match === '') throw new EvaluationFault('D1004', { position, value: pattern.source });
        return next;
      },
    };
    return result;
  };
  return matcher;
}

function ctxOf(focus: Focus): EvaluationContext {
  return focus.ctx;
}

function runMatcher(focus: Focus, matcher: unknown, text: string | undefined): MatchResult | undefined {
  const ctx = ctxOf(focus);
  tick(ctx);
  const result = (typeof matcher === 'function' ? (matcher as Matcher)(text as string) : apply(ctx, matcher, [text], undefined)) as
    MatchResult | undefined;
  if (
    result &&
    !(
      typeof result.start === 'number' ||
      (result as { end?: unknown }).end === 'number' ||
      Array.isArray(result.groups) ||
      isFunction(result.next)
    )
  ) {
    throw new EvaluationFault('T1010');
  }
  return result;
}

function nextMatch(focus: Focus, match: MatchResult): MatchResult | undefined {
  const next = match.next;
  return runMatcher(focus, next, undefined);
}

function hofArgs(fn: unknown, value: unknown, key: unknown, whole: unknown): unknown[] {
  const arity = arityOf(fn);
  const args = [value];
  if (arity >= 2) args.push(key);
  if (arity >= 3) args.push(whole);
  return args;
}

function call(focus: Focus, fn: unknown, args: unknown[]): unknown {
  const ctx = ctxOf(focus);
  tick(ctx);
  return apply(ctx, fn, args, undefined);
}

const keysOf = (o: unknown): string[] => (o !== null && typeof o === 'object' ? Object.keys(o) : []);

function contains(this: Focus, text: unknown, token: unknown): unknown {
  if (text === undefined || token === undefined) return undefined;
  if (typeof token === 'string') return (text as string).includes(token);
  return runMatcher(this, token, text as string) !== undefined;
}

function match(this: Focus, text: unknown, regex: unknown, limit: unknown): unknown {
  if (text === undefined) return undefined;
  if ((limit as number) < 0) throw new EvaluationFault('D3040', { value: limit, index: 3 });
  const result = sequence();
  if (limit === undefined || (limit as number) > 0) {
    let count = 0;
    let m = runMatcher(this, regex, text as string);
    while (m !== undefined && (limit === undefined || count < (limit as number))) {
      result.push({ match: m.match, index: m.start, groups: m.groups });
      checkLength(ctxOf(this), result.length);
      m = nextMatch(this, m);
      count++;
    }
  }
  return result;
}

function substitute(replacement: string, m: MatchResult): string {
  let out = '';
  let position = 0;
  let index = replacement.indexOf('$', position);
  while (index !== -1 && position < replacement.length) {
    out += replacement.substring(position, index);
    position = index + 1;
    const next = replacement.charAt(position);
    if (next === '$') {
      out += '$';
      position++;
    } else if (next === '0') {
      out += m.match;
      position++;
    } else {
      const maxDigits = m.groups.length === 0 ? 1 : Math.floor(Math.log(m.groups.length) * Math.LOG10E) + 1;
      let group = parseInt(replacement.substring(position, position + maxDigits), 10);
      if (maxDigits > 1 && group > m.groups.length) group = parseInt(replacement.substring(position, position + maxDigits - 1), 10);
      if (!Number.isNaN(group)) {
        if (m.groups.length > 0) {
          const sub = m.groups[group - 1];
          if (sub !== undefined) out += sub;
        }
        position += group.toString().length;
      } else {
        out += '$';
      }
    }
    index = replacement.indexOf('$', position);
  }
  return out + replacement.substring(position);
}

function replace(this: Focus, text: unknown, pattern: unknown, replacement: unknown, limit: unknown): unknown {
  if (text === undefined) return undefined;
  const str = text as string;
  if (pattern === '') throw new EvaluationFault('D3010', { value: pattern, index: 2 });
  if ((limit as number) < 0) throw new EvaluationFault('D3011', { value: limit, index: 4 });
  const ctx = ctxOf(this);
  const replacer =
    typeof replacement === 'string'
      ? (m: MatchResult) => substitute(replacement, m)
      : (m: MatchResult) => apply(ctx, replacement, [m], undefined);
  if (limit !== undefined && (limit as number) <= 0) return str;
  let result = '';
  let position = 0;
  let count = 0;
  if (typeof pattern === 'string') {
    let index = str.indexOf(pattern, position);
    while (index !== -1 && (limit === undefined || count < (limit as number))) {
      result += str.substring(position, index) + (replacement as string);
      if (result.length > ctx.maxStringLength) stringBudget(ctx, result.length);
      position = index + pattern.length;
      count++;
      tick(ctx);
      index = str.indexOf(pattern, position);
    }
    return result + str.substring(position);
  }
  let m = runMatcher(this, pattern, str);
  if (m === undefined) return str;
  while (m !== undefined && (limit === undefined || count < (limit as number))) {
    result += str.substring(position, m.start);
    const replaced = replacer(m);
    if (typeof replaced !== 'string') throw new EvaluationFault('D3012', { value: replaced });
    result += replaced;
    if (result.length > ctx.maxStringLength) stringBudget(ctx, result.length);
    position = m.start + m.match.length;
    count++;
    m = nextMatch(this, m);
  }
  return result + str.substring(position);
}

function stringBudget(ctx: EvaluationContext, length: number): never {
  throw new ExpressionError(
    'EXPRESSION_BUDGET',
    `The expression built a text of ${length} characters, over the limit of ${ctx.maxStringLength}.`,
  );
}

function split(this: Focus, text: unknown, separator: unknown, limit: unknown): unknown {
  if (text === undefined) return undefined;
  const str = text as string;
  if ((limit as number) < 0) throw new EvaluationFault('D3020', { value: limit, index: 3 });
  const result: string[] = [];
  if (limit !== undefined && (limit as number) <= 0) return result;
  if (typeof separator === 'string') return str.split(separator, limit as number | undefined);
  let count = 0;
  let m = runMatcher(this, separator, str);
  if (m === undefined) return [str];
  let start = 0;
  while (m !== undefined && (limit === undefined || count < (limit as number))) {
    result.push(str.substring(start, m.start));
    start = m.end;
    m = nextMatch(this, m);
    count++;
  }
  if (limit === undefined || count < (limit as number)) result.push(str.substring(start));
  return result;
}

function map(this: Focus, arr: unknown, fn: unknown): unknown {
  if (arr === undefined) return undefined;
  const list = arr as unknown[];
  const result = sequence();
  for (let i = 0; i < list.length; i++) {
    const res = call(this, fn, hofArgs(fn, list[i], i, list));
    if (res !== undefined) result.push(res);
  }
  return result;
}

function filter(this: Focus, arr: unknown, fn: unknown): unknown {
  if (arr === undefined) return undefined;
  const list = arr as unknown[];
  const result = sequence();
  for (let i = 0; i < list.length; i++) {
    if (toBoolean(call(this, fn, hofArgs(fn, list[i], i, list)))) result.push(list[i]);
  }
  return result;
}

function single(this: Focus, arr: unknown, fn: unknown): unknown {
  if (arr === undefined) return undefined;
  const list = arr as unknown[];
  let found = false;
  let result: unknown;
  for (let i = 0; i < list.length; i++) {
    const positive = fn === undefined ? true : toBoolean(call(this, fn, hofArgs(fn, list[i], i, list)));
    if (!positive) continue;
    if (found) throw new EvaluationFault('D3138', { index: i });
    result = list[i];
    found = true;
  }
  if (!found) throw new EvaluationFault('D3139');
  return result;
}

function reduce(this: Focus, seq: unknown, fn: unknown, init: unknown): unknown {
  if (seq === undefined) return undefined;
  const list = seq as unknown[];
  const arity = arityOf(fn);
  if (arity < 2) throw new EvaluationFault('D3050', { index: 1 });
  let index = 0;
  let result: unknown;
  if (init === undefined && list.length > 0) {
    result = list[0];
    index = 1;
  } else {
    result = init;
  }
  for (; index < list.length; index++) {
    const args = [result, list[index]];
    if (arity >= 3) args.push(index);
    if (arity >= 4) args.push(list);
    result = call(this, fn, args);
  }
  return result;
}

function each(this: Focus, obj: unknown, fn: unknown): unknown {
  const result = sequence();
  for (const key of keysOf(obj)) {
    const value = (obj as Record<string, unknown>)[key];
    const res = call(this, fn, hofArgs(fn, value, key, obj));
    if (res !== undefined) result.push(res);
  }
  return result;
}

function sift(this: Focus, obj: unknown, fn: unknown): unknown {
  const result = Object.create(null) as Record<string, unknown>;
  let any = false;
  for (const key of keysOf(obj)) {
    const value = (obj as Record<string, unknown>)[key];
    if (toBoolean(call(this, fn, hofArgs(fn, value, key, obj)))) {
      result[key] = value;
      any = true;
    }
  }
  return any ? result : undefined;
}

/**
 * JSONata's merge sort, step for step: `swap(a, b)` true puts `b` first. The
 * same comparisons in the same order, so even a comparator that is not
 * consistent gives the interpreter's order.
 */
export function mergeSort(ctx: EvaluationContext, array: unknown[], swap: (a: unknown, b: unknown) => boolean): unknown[] {
  if (array.length <= 1) return array;
  const middle = Math.floor(array.length / 2);
  const left = mergeSort(ctx, array.slice(0, middle), swap);
  const right = mergeSort(ctx, array.slice(middle), swap);
  const merged: unknown[] = [];
  let l = 0;
  let r = 0;
  while (l < left.length && r < right.length) {
    tick(ctx);
    if (swap(left[l], right[r])) merged.push(right[r++]);
    else merged.push(left[l++]);
  }
  while (l < left.length) merged.push(left[l++]);
  while (r < right.length) merged.push(right[r++]);
  return merged;
}

function sort(this: Focus, arr: unknown, comparator: unknown): unknown {
  if (arr === undefined) return undefined;
  const list = arr as unknown[];
  if (list.length <= 1) return list;
  let swap: (a: unknown, b: unknown) => boolean;
  if (comparator === undefined) {
    if (!isArrayOfNumbers(list) && !isArrayOfStrings(list)) throw new EvaluationFault('D3070', { index: 1 });
    swap = (a, b) => (a as number) > (b as number);
  } else {
    swap = (a, b) => call(this, comparator, [a, b]) === true;
  }
  return mergeSort(ctxOf(this), list, swap);
}

/** `$sum` as JSONata adds (left to right, from 0), without a callback per value. */
function sum(values: unknown): unknown {
  if (values === undefined) return undefined;
  const list = values as number[];
  let total = 0;
  for (let i = 0; i < list.length; i++) total += list[i]!;
  return total;
}

type Impl = (this: Focus, ...args: never[]) => unknown;

const SYNC: Record<string, Impl> = { contains, match, replace, split, map, filter, single, reduce, each, sift, sort, sum };

/**
 * The built-in function table for compiled expressions: JSONata's own
 * function objects, with the asynchronous ones replaced by the versions
 * above (keeping JSONata's signatures). Functions still asynchronous after
 * that are left out, so an expression naming them falls back.
 */
export function syncBuiltins(originals: ReadonlyMap<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, original] of originals) {
    const fn = original as NativeFunction;
    const replacement = SYNC[name];
    if (replacement) {
      out.set(name, native(replacement as (...args: unknown[]) => unknown, fn.signature));
      continue;
    }
    if (fn.implementation.constructor.name !== 'Function') continue;
    out.set(name, fn);
  }
  return out;
}

/** A native function object around an implementation. */
export function native(implementation: (...args: unknown[]) => unknown, signature: Signature | undefined): NativeFunction {
  return signature ? { _jsonata_function: true, implementation, signature } : { _jsonata_function: true, implementation };
}
