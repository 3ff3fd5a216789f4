import { checkValue } from '../budgets.js';
import { Frame, bind, lookup, tick, type EvaluationContext } from './context.js';
import { EvaluationFault, toFault } from './evaluation-fault.error.js';
import { collapse } from './values.js';

/** A compiled piece of an expression: evaluates against an input value in a frame. */
export type Code = (input: unknown, env: Frame) => unknown;

/** A JSONata function signature, parsed by JSONata (`<s-n?:s>`): checks arguments, fills the context one. */
export interface Signature {
  validate(args: unknown[], context: unknown): unknown[];
}

/** A native function in JSONata's shape. */
export interface NativeFunction {
  readonly _jsonata_function: true;
  readonly implementation: (...args: unknown[]) => unknown;
  readonly signature?: Signature;
}

/**
 * A function written in the expression (`function($x) { ... }`), a partial
 * application, or a chain of two functions: a closure over its frame. It
 * carries JSONata's marker, so JSONata's own functions see a function.
 */
export class Lambda {
  readonly _jsonata_lambda = true;
  readonly arity: number;
  constructor(
    readonly params: readonly string[],
    readonly body: Code,
    readonly env: Frame,
    readonly input: unknown,
    readonly signature: Signature | undefined,
  ) {
    this.arity = params.length;
  }
}

/** A call in tail position, returned instead of made, so recursion runs in a loop (JSONata's thunks). */
export class TailCall {
  constructor(
    readonly procedure: Code,
    readonly args: readonly Code[],
    readonly input: unknown,
    readonly env: Frame,
    readonly position: number | undefined,
    readonly token: string | undefined,
  ) {}
}

function checkDepth(ctx: EvaluationContext): void {
  if (ctx.depth + 1 > ctx.maxDepth) throw new EvaluationFault(ctx.depthCode, { value: ctx.maxDepth });
}

/** Calls a function value with evaluated arguments; `input` is the context for signatures. */
export function apply(ctx: EvaluationContext, proc: unknown, args: unknown[], input: unknown): unknown {
  let result = applyOnce(ctx, proc, args, input);
  while (result instanceof TailCall) {
    const call = result;
    const next = call.procedure(call.input, call.env);
    const nextArgs = new Array<unknown>(call.args.length);
    for (let i = 0; i < call.args.length; i++) nextArgs[i] = call.args[i]!(call.input, call.env);
    try {
      result = applyOnce(ctx, next, nextArgs, input);
    } catch (error) {
      throw toFault(error, call.position, call.token);
    }
  }
  return result;
}

function applyOnce(ctx: EvaluationContext, proc: unknown, args: unknown[], input: unknown): unknown {
  if (proc instanceof Lambda) {
    const validated = proc.signature ? validate(proc.signature, args, input) : args;
    tick(ctx);
    const env = new Frame(proc.env, ctx);
    const params = proc.params;
    for (let i = 0; i < params.length; i++) bind(env, params[i]!, validated[i]);
    // The body runs one level below the call (`ctx.depth` is the depth of the call).
    checkDepth(ctx);
    return proc.body(proc.input, env);
  }
  if (typeof proc === 'object' && proc !== null && (proc as NativeFunction)._jsonata_function === true) {
    const native = proc as NativeFunction;
    const validated = native.signature ? validate(native.signature, args, input) : args;
    const focus = ctx.focus;
    const savedInput = focus.input;
    focus.input = input;
    const result = native.implementation.apply(focus, validated);
    focus.input = savedInput;
    // What a native function builds is checked against the size budgets, as every value is under the interpreter
    // (sizes are memoised, so a structure shared many times over is measured in linear time).
    if (typeof result === 'object' ? result !== null : typeof result === 'string' && result.length > ctx.maxStringLength) {
      checkValue(result, ctx);
    }
    return result;
  }
  if (typeof proc === 'function') return (proc as (...a: unknown[]) => unknown).apply(input, args);
  throw new EvaluationFault('T1006');
}

type QuickCheck = (args: unknown[]) => boolean;
const quickChecks = new WeakMap<Signature, QuickCheck | null>();

/**
 * Checks arguments against a signature. JSONata's check builds a type string
 * and runs a regex; for the common signatures (texts, numbers, booleans,
 * arrays of them, each given) a direct test decides that the arguments pass
 * unchanged, and anything else goes to JSONata's check.
 */
function validate(signature: Signature, args: unknown[], input: unknown): unknown[] {
  let quick = quickChecks.get(signature);
  if (quick === undefined) {
    quick = quickCheck((signature as { definition?: unknown }).definition);
    quickChecks.set(signature, quick);
  }
  if (quick !== null && quick(args)) return args;
  return signature.validate(args, input);
}

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  s: (v) => typeof v === 'string',
  n: (v) => typeof v === 'number',
  b: (v) => typeof v === 'boolean',
};

function quickCheck(definition: unknown): QuickCheck | null {
  if (typeof definition !== 'string' || !definition.startsWith('<') || !definition.endsWith('>')) return null;
  const body = definition.slice(1, -1);
  let end = body.length;
  for (let k = 0, depth = 0; k < body.length; k++) {
    if (body[k] === '<') depth++;
    else if (body[k] === '>') depth--;
    else if (body[k] === ':' && depth === 0) {
      end = k;
      break;
    }
  }
  const params = body.slice(0, end);
  const tests: ((v: unknown) => boolean)[] = [];
  let i = 0;
  while (i < params.length) {
    const c = params[i]!;
    let test: ((v: unknown) => boolean) | undefined = TYPE_TESTS[c];
    i++;
    if (c === 'a') {
      if (params[i] === '<') {
        const type = { s: 'string', n: 'number', b: 'boolean' }[params[i + 1] ?? ''];
        if (!type || params[i + 2] !== '>') return null;
        i += 3;
        test = (v) => {
          if (!Array.isArray(v)) return false;
          for (let k = 0; k < v.length; k++) if (typeof v[k] !== type) return false;
          return true;
        };
      } else test = (v) => Array.isArray(v);
    }
    if (!test) return null;
    while (params[i] === '-' || params[i] === '?') i++;
    tests.push(test);
  }
  const count = tests.length;
  return (args) => {
    if (args.length !== count) return false;
    for (let k = 0; k < count; k++) if (!tests[k]!(args[k])) return false;
    return true;
  };
}

/** Calls a function value from a native function (`$map`'s callback), as JSONata's wrapped closures do. */
export function callback(ctx: EvaluationContext, fn: unknown, args: unknown[]): unknown {
  return apply(ctx, fn, args, undefined);
}

/** The frame a native function was called from, for `$eval`. */
export function callerFrame(ctx: EvaluationContext): Frame | undefined {
  return ctx.focus.frame;
}

/** Partially applies a function: `?` arguments stay parameters of the new function. */
export function partial(ctx: EvaluationContext, proc: unknown, args: readonly (unknown | typeof PLACEHOLDER)[], env: Frame): Lambda {
  if (proc instanceof Lambda) {
    const frame = new Frame(proc.env, ctx);
    const unbound: string[] = [];
    proc.params.forEach((name, i) => {
      const arg = args[i];
      if (arg === PLACEHOLDER) unbound.push(name);
      else bind(frame, name, arg);
    });
    return new Lambda(unbound, proc.body, frame, proc.input, undefined);
  }
  const impl =
    typeof proc === 'function'
      ? (proc as (...a: unknown[]) => unknown)
      : ((proc as NativeFunction).implementation as (...a: unknown[]) => unknown);
  const count = nativeParamCount(proc);
  const names = Array.from({ length: count }, (_, i) => `\u0000${i}`);
  const frame = new Frame(env, ctx);
  const unbound: string[] = [];
  names.forEach((name, i) => {
    const arg = args[i];
    if (arg === PLACEHOLDER) unbound.push(name);
    else bind(frame, name, arg);
  });
  const body: Code = (_input, callEnv) => {
    const values = names.map((n) => lookup(callEnv, n));
    const focus = ctx.focus;
    const saved = focus.frame;
    focus.frame = callEnv;
    const result = impl.apply(focus, values);
    focus.frame = saved;
    return result;
  };
  return new Lambda(unbound, body, frame, undefined, undefined);
}

/** Marks a `?` argument of a partial application. */
export const PLACEHOLDER: unique symbol = Symbol('placeholder');

const PARAMS = /\(([^)]*)\)/;

/** The declared parameters of a native function, read as JSONata reads them (from its source text). */
function nativeParamCount(proc: unknown): number {
  const declared = (proc as { paramCount?: unknown }).paramCount;
  if (typeof declared === 'number') return declared;
  const impl = typeof proc === 'function' ? proc : (proc as NativeFunction).implementation;
  const text = PARAMS.exec(Function.prototype.toString.call(impl))?.[1] ?? '';
  return text.trim() === '' ? 1 : text.split(',').length;
}

/** Composes `f ~> g` for two functions: a function of one argument. */
export function chain(ctx: EvaluationContext, f: unknown, g: unknown, env: Frame): Lambda {
  const body: Code = (_input, callEnv) => apply(ctx, g, [apply(ctx, f, [lookup(callEnv, 'x')], undefined)], undefined);
  return new Lambda(['x'], body, env, undefined, undefined);
}

/** A one-value result of a native function, as a node gives it. */
export function nativeResult(value: unknown): unknown {
  return collapse(value);
}
