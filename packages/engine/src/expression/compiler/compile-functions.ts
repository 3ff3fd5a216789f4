import { PLACEHOLDER, Lambda, TailCall, apply, chain, partial, type Code } from './apply.js';
import type { AstNode, CompileState } from './ast.js';
import { collapsed } from './code-marks.js';
import { DECLINE, aggregatePlan } from './compile-aggregates.js';
import { lookup, tick, type Frame } from './context.js';
import { EvaluationFault, toFault } from './evaluation-fault.error.js';
import { collapse, isArrayOfStrings, isFunction } from './values.js';

// ---- functions ------------------------------------------------------------

function procedureName(node: AstNode): string | undefined {
  const proc = node.procedure!;
  const v = proc.type === 'path' ? proc.steps?.[0]?.value : proc.value;
  return typeof v === 'string' ? v : undefined;
}

export function compileCall(node: AstNode, d: number, st: CompileState, applyTo: Code | undefined): Code {
  const procedure = st.compile(node.procedure!, d + 1, st);
  const args = node.arguments!.map((a) => st.compile(a, d + 1, st));
  const position = node.position;
  const token = procedureName(node);
  const pathName = node.procedure!.type === 'path' ? token : undefined;
  const n = args.length;
  const keep = node.keepArray === true;
  const general = (proc: unknown, input: unknown, env: Frame): unknown => {
    if (proc === undefined && pathName !== undefined && lookup(env, pathName)) {
      throw new EvaluationFault('T1005', { position, token: pathName });
    }
    const offset = applyTo ? 1 : 0;
    const values = new Array<unknown>(n + offset);
    if (applyTo) values[0] = applyTo(input, env);
    for (let i = 0; i < n; i++) values[i + offset] = args[i]!(input, env);
    const ctx = env.ctx;
    const saved = ctx.depth;
    ctx.depth = saved + d;
    ctx.focus.frame = env;
    try {
      const result = apply(ctx, proc, values, input);
      ctx.depth = saved;
      return keep ? result : collapse(result);
    } catch (error) {
      throw toFault(error, position, token);
    }
  };
  const plan = applyTo === undefined ? aggregatePlan(node, d, st) : undefined;
  let code: Code;
  if (plan) {
    // `$sum(path)` and its kin: folded along the path while the procedure is the built-in.
    const name = plan.fold;
    const run = plan.run;
    code = (input, env) => {
      const proc = procedure(input, env);
      if (proc === builtin(env, name)) {
        const result = run(input, env);
        if (result !== DECLINE) return result;
      }
      return general(proc, input, env);
    };
  } else code = (input, env) => general(procedure(input, env), input, env);
  return keep ? code : collapsed(code);
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The built-in function object of that name, as the evaluation has it. */
function builtin(env: Frame, name: string): unknown {
  const functions = env.ctx.functions;
  return hasOwn.call(functions, name) ? functions[name] : undefined;
}

export function compilePartial(node: AstNode, d: number, st: CompileState): Code {
  const procedure = st.compile(node.procedure!, d + 1, st);
  const args = node.arguments!.map((a) => (a.type === 'operator' && a.value === '?' ? undefined : st.compile(a, d + 1, st)));
  const position = node.position;
  const token = procedureName(node);
  const pathName = node.procedure!.type === 'path' ? token : undefined;
  return (input, env) => {
    const values = args.map((a) => (a === undefined ? PLACEHOLDER : a(input, env)));
    const proc = procedure(input, env);
    if (proc === undefined && pathName !== undefined && lookup(env, pathName)) {
      throw new EvaluationFault('T1007', { position, token: pathName });
    }
    if (!isFunction(proc)) throw new EvaluationFault('T1008', { position, token });
    return partial(env.ctx, proc, values, env);
  };
}

export function compileApply(node: AstNode, d: number, st: CompileState): Code {
  const lhs = st.compile(node.lhs as AstNode, d + 1, st);
  const rhsNode = node.rhs!;
  if (rhsNode.type === 'function') return compileCall(rhsNode, d + 1, st, lhs);
  const rhs = st.compile(rhsNode, d + 1, st);
  const position = node.position;
  return (input, env) => {
    const l = lhs(input, env);
    const fn = rhs(input, env);
    if (!isFunction(fn)) throw new EvaluationFault('T2006', { position, value: fn });
    const ctx = env.ctx;
    if (isFunction(l)) return chain(ctx, l, fn, env);
    const saved = ctx.depth;
    ctx.depth = saved + d;
    const result = apply(ctx, fn, [l], undefined);
    ctx.depth = saved;
    return result;
  };
}

export function compileLambda(node: AstNode, st: CompileState): Code {
  const outer = st.inLambda;
  st.inLambda = true;
  try {
    if (node.thunk) {
      const call = node.body!;
      const procedure = st.compile(call.procedure!, 2, st);
      const args = call.arguments!.map((a) => st.compile(a, 2, st));
      const position = call.position;
      const token = procedureName(call);
      return (input, env) => new TailCall(procedure, args, input, env, position, token);
    }
    const params = node.arguments!.map((a) => String(a.value));
    const body = st.compile(node.body!, 1, st);
    const signature = node.signature;
    return (input, env) => new Lambda(params, body, env, input, signature);
  } finally {
    st.inLambda = outer;
  }
}

export function compileTransform(node: AstNode, d: number, st: CompileState): Code {
  const pattern = st.compile(node.pattern!, d + 1, st);
  const update = st.compile(node.update!, d + 1, st);
  const remove = node.delete ? st.compile(node.delete, d + 1, st) : undefined;
  const { transformSignature } = st.options;
  const position = node.position;
  return (_input, env) => {
    const ctx = env.ctx;
    const transformer = (obj: unknown): unknown => {
      if (obj === undefined) return undefined;
      const clone = lookup(env, 'clone');
      if (!isFunction(clone)) throw new EvaluationFault('T2013', { position });
      const result = apply(ctx, clone, [obj], undefined);
      let matches = pattern(result, env);
      if (matches === undefined) return result;
      if (!Array.isArray(matches)) matches = [matches];
      for (const match of matches as unknown[]) {
        tick(ctx);
        const changes = update(match, env);
        if (changes !== undefined) {
          if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) {
            throw new EvaluationFault('T2011', { position: node.update!.position, value: changes });
          }
          for (const key of Object.keys(changes)) (match as Record<string, unknown>)[key] = (changes as Record<string, unknown>)[key];
        }
        if (remove) {
          const deletions = remove(match, env);
          if (deletions === undefined) continue;
          const list = Array.isArray(deletions) ? deletions : [deletions];
          if (!isArrayOfStrings(list)) throw new EvaluationFault('T2012', { position: node.delete!.position, value: deletions });
          for (const key of list as string[]) {
            if (typeof match === 'object' && match !== null) delete (match as Record<string, unknown>)[key];
          }
        }
      }
      return result;
    };
    return { _jsonata_function: true, implementation: transformer, signature: transformSignature };
  };
}
