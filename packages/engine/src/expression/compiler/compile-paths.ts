import type { Code } from './apply.js';
import type { AstNode, CompileState } from './ast.js';
import { collapsed } from './code-marks.js';
import { compileGroup, compileSort, filterSpec, filterValues, type FilterSpec } from './compile-structures.js';
import { Frame, checkLength, tick, tickBy, tupleFrame, type EvaluationContext } from './context.js';
import { isPlainName, keyOf, needsGuard, ownField } from './fields.js';

const objectPrototype = Object.prototype;
import { collapse, flatten, isFunction, isSequence, sequence, type Sequence, type Tuple } from './values.js';

// ---- paths ----------------------------------------------------------------

interface Step {
  readonly code: Code;
  readonly node: AstNode;
  readonly stages: (FilterSpec | { label: string })[] | undefined;
  readonly sort: ((input: unknown[], env: Frame, tuples: boolean) => unknown[]) | undefined;
}

function compileStep(node: AstNode, d: number, st: CompileState): Step {
  const stages = node.stages?.map((s) => (s.type === 'index' ? { label: String(s.value) } : filterSpec(s.expr!, d + 1, st)));
  if (node.type === 'sort') {
    return { code: () => undefined, node, stages, sort: compileSort(node, d, st) };
  }
  return { code: st.compile(node, d, st), node, stages, sort: undefined };
}

export function compilePath(node: AstNode, d: number, st: CompileState): Code {
  const nodes = node.steps!;
  const steps = nodes.map((s) => compileStep(s, d + 1, st));
  const firstIsVariable = nodes[0]!.type === 'variable';
  const tuples = nodes.some((s) => s.tuple);
  const keepSingletonArray = node.keepSingletonArray === true;
  const group = node.group ? compileGroup(node.group, d + 1, st) : undefined;
  const pathTuple = node.tuple === true;
  const simple =
    !tuples &&
    !keepSingletonArray &&
    !group &&
    !node.keepArray &&
    steps.every((s) => !s.sort && !s.stages && !s.node.focus && !s.node.consarray);
  if (simple) return compileSimplePath(steps, firstIsVariable);
  const last = steps.length - 1;
  return (input, env) => {
    let inputSequence: unknown = Array.isArray(input) && !firstIsVariable ? input : sequence(input);
    let result: unknown;
    let isTupleStream = false;
    let tupleBindings: Tuple[] | undefined;
    for (let i = 0; i <= last; i++) {
      const step = steps[i]!;
      if (step.node.tuple) isTupleStream = true;
      if (i === 0 && step.node.consarray) result = step.code(inputSequence, env);
      else if (isTupleStream) tupleBindings = tupleStep(step, inputSequence as unknown[], tupleBindings, env);
      else result = evaluateStep(step, inputSequence as unknown[], env, i === last);
      if (!isTupleStream && (result === undefined || (result as unknown[]).length === 0)) break;
      if (step.node.focus === undefined) inputSequence = result;
    }
    if (isTupleStream) {
      if (pathTuple) result = tupleBindings;
      else {
        const out = sequence();
        for (const t of tupleBindings!) out.push(t['@']);
        result = out;
      }
    }
    if (keepSingletonArray && result !== undefined && result !== null) {
      if (Array.isArray(result) && (result as Sequence).cons && !(result as Sequence).sequence) result = sequence(result);
      (result as Sequence).keepSingleton = true;
    }
    if (group) result = group(isTupleStream ? tupleBindings : result, env);
    return result;
  };
}

/**
 * A path of plain steps (`$json.rows.price`): the same rules without the
 * machinery for tuples and stages. While the values met are single objects
 * (the usual case), field names are read directly, with no sequence built;
 * at the first array, or the first step that is not a bare name, the
 * general step-by-step evaluation takes over from there.
 */
function compileSimplePath(steps: Step[], firstIsVariable: boolean): Code {
  const last = steps.length - 1;
  const codes = steps.map((s) => s.code);
  const stepNames = steps.map((s) => (isPlainName(s.node) ? keyOf(String(s.node.value)) : undefined));
  const stepGuards = stepNames.map((name) => name !== undefined && needsGuard(name));
  // From `tail` on, every step is a bare name: over many values, those steps run value by value in one pass.
  let tail = last + 1;
  while (tail > 0 && stepNames[tail - 1] !== undefined) tail--;
  const fuse = (from: number, input: unknown[], env: Frame): unknown => {
    const ctx = env.ctx;
    tickBy(ctx, input.length);
    const results: unknown[] = [];
    const walk = (value: unknown, step: number): void => {
      let v = value;
      for (let k = step; ; k++) {
        const res =
          typeof v === 'object' && v !== null && !Array.isArray(v) ? ownField(v, stepNames[k]!, stepGuards[k]) : codes[k]!(v, env);
        if (res === undefined) return;
        if (k === last) {
          results.push(res);
          return;
        }
        if (Array.isArray(res) && !(res as Sequence).cons) {
          for (let j = 0; j < res.length; j++) walk(res[j], k + 1);
          return;
        }
        v = res;
      }
    };
    if (from === last - 1 && !stepGuards[from] && !stepGuards[last]) {
      // Two names left (`.json.price`): plain objects read in two places of their own; anything else walks.
      const first = stepNames[from]!;
      const second = stepNames[last]!;
      for (let i = 0; i < input.length; i++) {
        const item = input[i];
        if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
          // Each prototype is checked after a read, where the engine knows the object's shape.
          const mid = (item as Record<string, unknown>)[first];
          const itemProto: unknown = Object.getPrototypeOf(item);
          if (itemProto === objectPrototype || itemProto === null) {
            if (mid === undefined) continue;
            if (typeof mid === 'object' && mid !== null && !Array.isArray(mid)) {
              const res = (mid as Record<string, unknown>)[second];
              const midProto: unknown = Object.getPrototypeOf(mid);
              if (midProto === objectPrototype || midProto === null) {
                if (res !== undefined) results.push(res);
                continue;
              }
            }
          }
        }
        walk(item, from);
      }
    } else {
      for (let i = 0; i < input.length; i++) walk(input[i], from);
    }
    return flattenStep(results, true, ctx);
  };
  const general = (from: number, current: unknown, env: Frame): unknown => {
    let result: unknown = current;
    for (let i = from; i <= last; i++) {
      if (i >= tail && i < last && (current as unknown[]).length > 1) {
        result = fuse(i, current as unknown[], env);
        break;
      }
      result = stepValues(codes[i]!, current as unknown[], env, i === last, stepNames[i], stepGuards[i]);
      if (result === undefined || (result as unknown[]).length === 0) break;
      current = result;
    }
    return collapse(result);
  };
  const start = firstIsVariable ? 1 : 0;
  let plain = start;
  while (plain <= last && isPlainName(steps[plain]!.node)) plain++;
  if (plain === start || (firstIsVariable && steps[0]!.node.predicate)) {
    return collapsed((input, env) => general(0, Array.isArray(input) && !firstIsVariable ? input : sequence(input), env));
  }
  const names = steps.slice(start, plain).map((s) => keyOf(String(s.node.value)));
  const guards = names.map(needsGuard);
  const first = firstIsVariable ? codes[0]! : undefined;
  return collapsed((input, env) => {
    let value: unknown;
    if (first) {
      value = first(input, env);
      if (value === undefined) return undefined;
      if (Array.isArray(value)) return general(0, sequence(input), env);
    } else {
      if (Array.isArray(input)) return general(0, input, env);
      value = input;
    }
    for (let n = 0; n < names.length; n++) {
      if (typeof value !== 'object' || value === null) return undefined;
      const next = ownField(value, names[n]!, guards[n]);
      if (next === undefined) return undefined;
      if (Array.isArray(next)) return general(start + n, sequence(value), env);
      value = next;
    }
    return plain > last ? value : general(plain, sequence(value), env);
  });
}

function stepValues(code: Code, input: unknown[], env: Frame, lastStep: boolean, name?: string, guard = false): unknown {
  const n = input.length;
  if (n === 1) {
    // One context value (the usual case): no intermediate list.
    const res = name === undefined ? code(input[0], env) : fieldOf(input[0], name, guard, code, env);
    if (res === undefined) return sequence();
    if (Array.isArray(res) && !(res as Sequence).cons) {
      if (lastStep && !(res as Sequence).sequence) return res;
      // Flattened into a sequence, it would hold the same values: as the next step's input, the array serves as is.
      if (!lastStep && res.length > 0) return res;
      const out = sequence();
      for (let j = 0; j < res.length; j++) out.push(res[j]);
      return out;
    }
    return sequence(res);
  }
  // Each value's result joins the output, arrays flattened one level (except arrays built by [...]);
  // a single raw array as the last step's only result is the result itself.
  const ctx = env.ctx;
  tickBy(ctx, n);
  const out = sequence();
  let count = 0;
  let first: unknown;
  for (let i = 0; i < n; i++) {
    const res = name === undefined ? code(input[i], env) : fieldOf(input[i], name, guard, code, env);
    if (res === undefined) continue;
    if (++count === 1) first = res;
    if (Array.isArray(res) && !(res as Sequence).cons) for (let j = 0; j < res.length; j++) out.push(res[j]);
    else out.push(res);
  }
  if (lastStep && count === 1 && Array.isArray(first) && !isSequence(first)) return first;
  checkLength(ctx, out.length);
  return out;
}

/** A bare name step on one value: the field of a single object read directly, anything else through the step's code. */
function fieldOf(value: unknown, name: string, guard: boolean, code: Code, env: Frame): unknown {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return ownField(value, name, guard);
  return code(value, env);
}

function flattenStep(results: unknown[], lastStep: boolean, ctx: EvaluationContext): unknown {
  if (lastStep && results.length === 1 && Array.isArray(results[0]) && !isSequence(results[0])) return results[0];
  let arrays = false;
  for (let i = 0; i < results.length && !arrays; i++) arrays = Array.isArray(results[i]);
  if (!arrays) {
    // Nothing to flatten: the list of results is the sequence.
    checkLength(ctx, results.length);
    const out = results as Sequence;
    out.sequence = true;
    return out;
  }
  const out = sequence();
  for (const res of results) {
    if (!Array.isArray(res) || (res as Sequence).cons) out.push(res);
    else for (let j = 0; j < res.length; j++) out.push(res[j]);
  }
  checkLength(ctx, out.length);
  return out;
}

function evaluateStep(step: Step, input: unknown[], env: Frame, lastStep: boolean): unknown {
  if (step.sort) {
    let result: unknown = step.sort(input, env, false);
    if (step.stages) result = applyStages(step.stages, result as unknown[], env);
    return result;
  }
  const ctx = env.ctx;
  const results: unknown[] = [];
  const n = input.length;
  for (let i = 0; i < n; i++) {
    tick(ctx);
    let res = step.code(input[i], env);
    if (step.stages) for (const stage of step.stages) if ('index' in stage) res = filterValues(stage, res, env);
    if (res !== undefined) results.push(res);
  }
  return flattenStep(results, lastStep, ctx);
}

function applyStages(stages: readonly (FilterSpec | { label: string })[], input: unknown[], env: Frame): unknown {
  let result: unknown = input;
  for (const stage of stages) {
    if ('index' in stage) result = filterValues(stage, result, env);
    else {
      const list = result as Tuple[];
      for (let i = 0; i < list.length; i++) list[i]![stage.label] = i;
    }
  }
  return result;
}

function tupleStep(step: Step, input: unknown[], tupleBindings: Tuple[] | undefined, env: Frame): Tuple[] {
  const node = step.node;
  if (step.sort) {
    let result: unknown[];
    if (tupleBindings) result = step.sort(tupleBindings, env, true);
    else {
      const sorted = step.sort(input, env, false);
      const stream = sequence() as Tuple[] & Sequence;
      stream.tupleStream = true;
      for (let i = 0; i < sorted.length; i++) {
        const tuple: Tuple = { '@': sorted[i] };
        tuple[String(node.index)] = i;
        stream.push(tuple);
      }
      result = stream;
    }
    if (step.stages) result = applyStages(step.stages, result, env) as unknown[];
    return result as Tuple[];
  }
  const ctx = env.ctx;
  let result = sequence() as Tuple[] & Sequence;
  result.tupleStream = true;
  const bindings = tupleBindings ?? input.map((item) => ({ '@': item }) as Tuple);
  for (const binding of bindings) {
    tick(ctx);
    const stepEnv = tupleFrame(env, binding);
    let res = step.code(binding['@'], stepEnv);
    if (res === undefined) continue;
    if (!Array.isArray(res)) res = [res];
    const list = res as Sequence;
    for (let b = 0; b < list.length; b++) {
      const tuple = Object.create(null) as Tuple;
      Object.assign(tuple, binding);
      if (list.tupleStream) Object.assign(tuple, list[b] as Tuple);
      else {
        if (node.focus) {
          tuple[node.focus] = list[b];
          tuple['@'] = binding['@'];
        } else tuple['@'] = list[b];
        if (node.index) tuple[node.index] = b;
        if (node.ancestor) tuple[node.ancestor.label] = binding['@'];
      }
      result.push(tuple);
    }
    checkLength(ctx, result.length);
  }
  if (step.stages) result = applyStages(step.stages, result, env) as Tuple[] & Sequence;
  return result;
}

export function wildcard(input: unknown): unknown {
  let value = input;
  const results = sequence();
  if (Array.isArray(value) && (value as Sequence).outerWrapper && value.length > 0) value = value[0];
  if (value !== null && typeof value === 'object' && !isFunction(value)) {
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      if (Array.isArray(v)) for (const f of flatten(v)) results.push(f);
      else results.push(v);
    }
  }
  return results;
}

export function descendants(input: unknown): unknown {
  if (input === undefined) return undefined;
  const results = sequence();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
      return;
    }
    results.push(value);
    if (value !== null && typeof value === 'object' && !isFunction(value)) {
      for (const key of Object.keys(value)) walk((value as Record<string, unknown>)[key]);
    }
  };
  walk(input);
  return results.length === 1 ? results[0] : results;
}
