import { checkValue } from '../budgets.js';
import type { Code } from './apply.js';
import type { AstNode, CompileState } from './ast.js';
import { tick, tupleFrame, type Frame } from './context.js';
import { EvaluationFault } from './evaluation-fault.error.js';
import { mergeSort } from './natives.js';
import { appendValues, isArrayOfNumbers, isNumeric, sequence, toBoolean, type Sequence, type Tuple } from './values.js';

/** A filter `[...]`: a literal index, or a predicate evaluated per value. */
export interface FilterSpec {
  readonly index: number | undefined;
  readonly code: Code | undefined;
}

/** The spec of a filter `[...]`: a number literal is an index, anything else a predicate. */
export function filterSpec(expr: AstNode, d: number, st: CompileState): FilterSpec {
  if (expr.type === 'number') return { index: expr.value as number, code: undefined };
  return { index: undefined, code: st.compile(expr, d, st) };
}

/** Applies a filter to a value or sequence, as JSONata's predicates do (numbers select positions). */
export function filterValues(spec: FilterSpec, value: unknown, env: Frame): unknown {
  let results = sequence();
  const tuples = Array.isArray(value) && (value as Sequence).tupleStream === true;
  if (tuples) results.tupleStream = true;
  const input = (Array.isArray(value) ? value : sequence(value)) as Sequence;
  if (spec.index !== undefined) {
    let index = Math.floor(spec.index);
    if (index < 0) index = input.length + index;
    const item = input[index];
    if (item !== undefined) {
      if (Array.isArray(item)) results = item as Sequence;
      else results.push(item);
    }
    return results;
  }
  const code = spec.code!;
  const ctx = env.ctx;
  for (let index = 0; index < input.length; index++) {
    tick(ctx);
    const item = input[index];
    let res = tuples ? code((item as Tuple)['@'], tupleFrame(env, item as Tuple)) : code(item, env);
    if (isNumeric(res)) res = [res];
    if (isArrayOfNumbers(res)) {
      for (const n of res as number[]) {
        let i = Math.floor(n);
        if (i < 0) i = input.length + i;
        if (i === index) results.push(item);
      }
    } else if (toBoolean(res)) results.push(item);
  }
  return results;
}

interface GroupSpec {
  lhs: [AstNode, AstNode][];
  position?: number;
}

/** Compiles an object constructor or a group-by `{key: value}`. */
export function compileGroup(spec: GroupSpec, d: number, st: CompileState): (input: unknown, env: Frame) => unknown {
  const pairs = spec.lhs.map(([k, v]) => ({ key: st.compile(k, d + 1, st), value: st.compile(v, d + 1, st) }));
  const position = spec.position;
  return (input, env) => {
    const ctx = env.ctx;
    const result = Object.create(null) as Record<string, unknown>;
    const groups = Object.create(null) as Record<string, { data: unknown; exprIndex: number }>;
    const reduce = Array.isArray(input) && (input as Sequence).tupleStream === true;
    let items = (Array.isArray(input) ? input : sequence(input)) as unknown[];
    if (items.length === 0 && !reduce) items = [undefined];
    for (const item of items) {
      tick(ctx);
      const itemEnv = reduce ? tupleFrame(env, item as Tuple) : env;
      const context = reduce ? (item as Tuple)['@'] : item;
      for (let p = 0; p < pairs.length; p++) {
        const key = pairs[p]!.key(context, itemEnv);
        if (key === undefined) continue;
        if (typeof key !== 'string') throw new EvaluationFault('T1003', { position, value: key });
        if (key === '_jsonata_lambda' || key === '_jsonata_function') throw new EvaluationFault('D1013', { position, value: key });
        const entry = groups[key];
        if (entry) {
          if (entry.exprIndex !== p) throw new EvaluationFault('D1009', { position, value: key });
          entry.data = appendValues(entry.data, item, ctx.maxSequence);
        } else groups[key] = { data: item, exprIndex: p };
      }
    }
    for (const key of Object.keys(groups)) {
      const entry = groups[key]!;
      let context = entry.data;
      let valueEnv = env;
      if (reduce) {
        const tuple = reduceTuples(entry.data, ctx.maxSequence);
        context = tuple['@'];
        delete tuple['@'];
        valueEnv = tupleFrame(env, tuple);
      }
      const value = pairs[entry.exprIndex]!.value(context, valueEnv);
      if (value !== undefined) result[key] = value;
    }
    checkValue(result, ctx);
    return result;
  };
}

function reduceTuples(stream: unknown, maxSequence: number): Tuple {
  if (!Array.isArray(stream)) return stream as Tuple;
  const result = Object.create(null) as Tuple;
  Object.assign(result, stream[0]);
  for (let i = 1; i < stream.length; i++) {
    const tuple = stream[i] as Tuple;
    for (const key of Object.keys(tuple)) result[key] = appendValues(result[key], tuple[key], maxSequence);
  }
  return result;
}

/** Compiles an order-by step `^(...)`. */
export function compileSort(node: AstNode, d: number, st: CompileState): (input: unknown[], env: Frame, tuples: boolean) => unknown[] {
  const terms = node.terms!.map((t) => ({ code: st.compile(t.expression, d + 1, st), descending: t.descending }));
  const position = node.position;
  return (input, env) => {
    const tuples = (input as Sequence).tupleStream === true;
    const valueOf = (code: Code, item: unknown): unknown =>
      tuples ? code((item as Tuple)['@'], tupleFrame(env, item as Tuple)) : code(item, env);
    const swap = (a: unknown, b: unknown): boolean => {
      let comp = 0;
      for (let i = 0; comp === 0 && i < terms.length; i++) {
        const term = terms[i]!;
        const aa = valueOf(term.code, a);
        const bb = valueOf(term.code, b);
        const at = typeof aa;
        const bt = typeof bb;
        if (at === 'undefined') {
          comp = bt === 'undefined' ? 0 : 1;
          continue;
        }
        if (bt === 'undefined') {
          comp = -1;
          continue;
        }
        if (!(at === 'string' || at === 'number') || !(bt === 'string' || bt === 'number')) {
          throw new EvaluationFault('T2008', { position, value: !(at === 'string' || at === 'number') ? aa : bb });
        }
        if (at !== bt) throw new EvaluationFault('T2007', { position, value: aa, value2: bb });
        if (aa === bb) continue;
        comp = (aa as number) < (bb as number) ? -1 : 1;
        if (term.descending) comp = -comp;
      }
      return comp === 1;
    };
    if (input.length <= 1) return input;
    return mergeSort(env.ctx, input, swap);
  };
}
