import type { Code } from './apply.js';
import type { AstNode, CompileState } from './ast.js';
import { tickBy, type EvaluationContext, type Frame } from './context.js';
import { isPlainName, keyOf, needsGuard } from './fields.js';

/**
 * `$sum`, `$average`, `$max` and `$min` of a path of field names
 * (`$sum($input.all.json.price)`), which may end in arithmetic on the
 * fields of each value (`$sum($json.rows.(price * qty))`): the numbers are
 * folded in as the path meets them, with no sequence built.
 *
 * The walk handles what such paths meet in JSON data: plain objects, arrays
 * of them, text and other scalars (which have no fields), and finite numbers
 * at the end. At anything else (a nested array, a value that is not a
 * number where one is added, an object with a prototype of its own, an
 * empty array as the last value) it declines, and the call runs the general
 * way, which gives JSONata's answer or error. Declining never changes a
 * result: the walk has no effects but counting steps.
 */

/** What `run` returns when the walk declines. */
export const DECLINE: unique symbol = Symbol('decline');

type Fold = 'sum' | 'average' | 'max' | 'min';
const FOLDS: ReadonlySet<string> = new Set<Fold>(['sum', 'average', 'max', 'min']);

type Operand = { readonly field: string } | { readonly value: number };

interface Leaf {
  readonly op: '+' | '-' | '*' | '/';
  readonly lhs: Operand;
  readonly rhs: Operand;
}

export interface AggregatePlan {
  /** The built-in function's name (`sum`); the plan applies only when the call's procedure is that built-in. */
  readonly fold: Fold;
  readonly run: (input: unknown, env: Frame) => number | undefined | typeof DECLINE;
}

const objectPrototype = Object.prototype;

/** The plan for `$fold(path)`, or undefined when the call is not of a shape the walk handles. */
export function aggregatePlan(node: AstNode, d: number, st: CompileState): AggregatePlan | undefined {
  const proc = node.procedure!;
  const args = node.arguments!;
  if (proc.type !== 'variable' || typeof proc.value !== 'string' || !FOLDS.has(proc.value) || args.length !== 1) return undefined;
  const path = args[0]!;
  if (path.type !== 'path' || path.keepSingletonArray || path.group || path.keepArray || path.tuple) return undefined;
  const steps = path.steps!;
  let from = 0;
  let first: Code | undefined;
  const head = steps[0]!;
  if (head.type === 'variable') {
    if (head.predicate || head.stages || head.group || head.focus || head.index || head.tuple || head.keepArray) return undefined;
    if (head.value === '' || head.value === '$') return undefined;
    first = st.compile(head, d + 1, st);
    from = 1;
  }
  let last = steps.length;
  const leaf = leafOf(steps[last - 1]!);
  if (leaf) last--;
  const names: string[] = [];
  for (let i = from; i < last; i++) {
    const step = steps[i]!;
    if (!isPlainName(step)) return undefined;
    const name = String(step.value);
    if (needsGuard(name)) return undefined;
    names.push(keyOf(name));
  }
  if (names.length === 0) return undefined;
  const fold = proc.value as Fold;
  return { fold, run: walker(fold, first, names, leaf) };
}

/** A last step `(a * b)`, `(a + 1)`: one arithmetic operator on two bare field names or numbers. */
function leafOf(step: AstNode): Leaf | undefined {
  if (step.type !== 'block' || step.expressions?.length !== 1 || step.predicate || step.stages || step.group) return undefined;
  const e = step.expressions[0]!;
  if (e.type !== 'binary' || !['+', '-', '*', '/'].includes(e.value as string)) return undefined;
  const lhs = operandOf(e.lhs as AstNode);
  const rhs = operandOf(e.rhs!);
  if (!lhs || !rhs || ('value' in lhs && 'value' in rhs)) return undefined;
  return { op: e.value as Leaf['op'], lhs, rhs };
}

function operandOf(node: AstNode): Operand | undefined {
  if (node.type === 'number' && typeof node.value === 'number') return { value: node.value };
  if (node.type !== 'path' || node.steps?.length !== 1 || node.keepSingletonArray || node.keepArray) return undefined;
  const step = node.steps[0]!;
  if (!isPlainName(step)) return undefined;
  const field = String(step.value);
  return needsGuard(field) ? undefined : { field: keyOf(field) };
}

/** What a walk gathers, and whether it declined. */
interface Fold$ {
  readonly ctx: EvaluationContext;
  readonly fold: Fold;
  readonly names: readonly string[];
  readonly leaf: Leaf | undefined;
  total: number;
  count: number;
  best: number;
  /** Values met in arrays along the way, which bound every sequence the general way would build. */
  visited: number;
  declined: boolean;
}

function walker(fold: Fold, first: Code | undefined, names: readonly string[], leaf: Leaf | undefined): AggregatePlan['run'] {
  return (input, env) => {
    const a: Fold$ = { ctx: env.ctx, fold, names, leaf, total: 0, count: 0, best: 0, visited: 0, declined: false };
    if (first !== undefined) {
      const start = first(input, env);
      if (start === undefined) return undefined;
      if (Array.isArray(start)) walkArray(start, 0, a);
      else walk(start, 0, a);
    } else if (Array.isArray(input)) return DECLINE;
    else walk(input, 0, a);
    if (a.declined || a.visited + a.count + 1 > a.ctx.maxSequence) return DECLINE;
    if (a.count === 0) return undefined;
    return fold === 'sum' ? a.total : fold === 'average' ? a.total / a.count : a.best;
  };
}

/** One value of the path, before name `k`. */
function walk(value: unknown, k: number, a: Fold$): void {
  const names = a.names;
  const depth = names.length;
  for (;;) {
    if (k === depth) {
      end(value, a);
      return;
    }
    if (typeof value !== 'object' || value === null) {
      // Scalars have no fields; a function value is the general way's to judge.
      if (typeof value === 'function') a.declined = true;
      return;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== objectPrototype && proto !== null) {
      a.declined = true;
      return;
    }
    const next: unknown = (value as Record<string, unknown>)[names[k]!];
    if (next === undefined) return;
    k++;
    if (Array.isArray(next)) {
      if (k === depth && a.leaf === undefined) end(next, a);
      else walkArray(next, k, a);
      return;
    }
    value = next;
  }
}

/** The values of an array met along the path (flattened one level, as a path does). */
function walkArray(values: readonly unknown[], k: number, a: Fold$): void {
  const n = values.length;
  a.visited += n;
  tickBy(a.ctx, n);
  const left = a.names.length - k;
  // The usual cases have loops of their own; a value they do not handle takes the general walk.
  let i = 0;
  if (a.leaf !== undefined && left === 0) i = foldLeaves(values, a.leaf, a);
  else if (a.leaf === undefined && left === 1) i = foldFields(values, a.names[k]!, a);
  else if (a.leaf === undefined && left === 2) i = foldFieldsOfFields(values, a.names[k]!, a.names[k + 1]!, a);
  for (; i < n && !a.declined; i++) {
    const v: unknown = values[i];
    if (Array.isArray(v)) a.declined = true;
    else walk(v, k, a);
  }
}

// In the loops below, each field is read before its object's prototype is checked, and the check is
// written out in place: once the engine knows the object's shape there, the check costs next to nothing.
// The fold is kept in local variables. Each returns the index of the first value it does not handle
// (the length when it handles all).

/** `(price * qty)` or `(price + 1)` on each value. */
function foldLeaves(values: readonly unknown[], leaf: Leaf, a: Fold$): number {
  const op = leaf.op;
  // Both sides fields, or one field and a number: each field read unconditionally, so the prototype
  // check after it sees an object of known shape.
  const lhs = leaf.lhs;
  const rhs = leaf.rhs;
  const lf = 'field' in lhs ? lhs.field : (rhs as { field: string }).field;
  const rf = 'field' in lhs && 'field' in rhs ? rhs.field : undefined;
  const constant = 'value' in lhs ? lhs.value : 'value' in rhs ? rhs.value : 0;
  const constantFirst = 'value' in lhs;
  const max = a.fold === 'max';
  const min = a.fold === 'min';
  let { total, count, best } = a;
  let i = 0;
  for (; i < values.length; i++) {
    const o: unknown = values[i];
    if (typeof o !== 'object' || o === null || Array.isArray(o)) break;
    let l: unknown;
    let r: unknown;
    if (rf !== undefined) {
      l = (o as Record<string, unknown>)[lf];
      r = (o as Record<string, unknown>)[rf];
    } else {
      const f: unknown = (o as Record<string, unknown>)[lf];
      l = constantFirst ? constant : f;
      r = constantFirst ? f : constant;
    }
    const proto: unknown = Object.getPrototypeOf(o);
    if ((proto !== objectPrototype && proto !== null) || typeof l !== 'number' || typeof r !== 'number') break;
    const x = op === '*' ? l * r : op === '+' ? l + r : op === '-' ? l - r : l / r;
    if (x - x !== 0) break;
    if (count === 0 || (max ? x > best : min && x < best)) best = x;
    total += x;
    count++;
  }
  a.total = total;
  a.count = count;
  a.best = best;
  return i;
}

/** `.price` of each value. */
function foldFields(values: readonly unknown[], name: string, a: Fold$): number {
  const max = a.fold === 'max';
  const min = a.fold === 'min';
  let { total, count, best } = a;
  let i = 0;
  for (; i < values.length; i++) {
    const o: unknown = values[i];
    if (typeof o !== 'object' || o === null || Array.isArray(o)) break;
    const x: unknown = (o as Record<string, unknown>)[name];
    const proto: unknown = Object.getPrototypeOf(o);
    if ((proto !== objectPrototype && proto !== null) || typeof x !== 'number' || x - x !== 0) break;
    if (count === 0 || (max ? x > best : min && x < best)) best = x;
    total += x;
    count++;
  }
  a.total = total;
  a.count = count;
  a.best = best;
  return i;
}

/** `.json.price` of each value. */
function foldFieldsOfFields(values: readonly unknown[], first: string, second: string, a: Fold$): number {
  const max = a.fold === 'max';
  const min = a.fold === 'min';
  let { total, count, best } = a;
  let i = 0;
  for (; i < values.length; i++) {
    const o: unknown = values[i];
    if (typeof o !== 'object' || o === null || Array.isArray(o)) break;
    const m: unknown = (o as Record<string, unknown>)[first];
    const proto: unknown = Object.getPrototypeOf(o);
    if ((proto !== objectPrototype && proto !== null) || typeof m !== 'object' || m === null || Array.isArray(m)) break;
    const x: unknown = (m as Record<string, unknown>)[second];
    const mProto: unknown = Object.getPrototypeOf(m);
    if ((mProto !== objectPrototype && mProto !== null) || typeof x !== 'number' || x - x !== 0) break;
    if (count === 0 || (max ? x > best : min && x < best)) best = x;
    total += x;
    count++;
  }
  a.total = total;
  a.count = count;
  a.best = best;
  return i;
}

/** The value at the end of the names: a number (or, with no leaf, an array of numbers) is added. */
function end(value: unknown, a: Fold$): void {
  const leaf = a.leaf;
  if (leaf === undefined) {
    if (typeof value === 'number' && value - value === 0) add(value, a);
    else if (Array.isArray(value) && value.length > 0) {
      a.visited += value.length;
      tickBy(a.ctx, value.length);
      for (let i = 0; i < value.length; i++) {
        const n: unknown = value[i];
        if (typeof n !== 'number' || n - n !== 0) {
          a.declined = true;
          return;
        }
        add(n, a);
      }
    } else a.declined = true;
    return;
  }
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function') a.declined = true;
    return;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (Array.isArray(value) || (proto !== objectPrototype && proto !== null)) {
    a.declined = true;
    return;
  }
  const lhs = leaf.lhs;
  const rhs = leaf.rhs;
  const l: unknown = 'field' in lhs ? (value as Record<string, unknown>)[lhs.field] : lhs.value;
  const r: unknown = 'field' in rhs ? (value as Record<string, unknown>)[rhs.field] : rhs.value;
  if (typeof l !== 'number' || typeof r !== 'number') {
    a.declined = true;
    return;
  }
  const op = leaf.op;
  const n = op === '*' ? l * r : op === '+' ? l + r : op === '-' ? l - r : l / r;
  if (n - n === 0) add(n, a);
  else a.declined = true;
}

function add(n: number, a: Fold$): void {
  if (a.count === 0) a.best = n;
  else if (a.fold === 'max' ? n > a.best : a.fold === 'min' && n < a.best) a.best = n;
  a.total += n;
  a.count++;
}
