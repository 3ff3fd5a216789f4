import { checkValue, type ExpressionBudgets } from './budgets.js';
import { ExpressionError } from './expression.error.js';
import type { FunctionRuntime } from './functions/function-spec.js';
import { libraryFunctions } from './functions/library.js';
import { disabledEval, safeBuiltins, type SafeBuiltin } from './functions/safe-builtins.js';
import { loadedJsonata, notLoaded, type Jsonata } from './libraries.js';
import { LinearRegExp } from './regex-engine.js';
import { methodHint } from './method-hints.js';
import { jsonataBuiltins } from './functions/jsonata-builtins.js';
import { rewriteFieldBrackets } from './rewrite.js';
import type { AstNode } from './compiler/ast.js';
import type { JsonataParts } from './compiler/jsonata-functions.js';
import type { CompiledProgram } from './compiler/program.js';
import type { HostLookup } from './compiler/context.js';

/** The binding that carries the runtime to library functions; its name cannot be written in an expression. */
export const RUNTIME_BINDING = 'flowloom runtime';
const EXIT_HOOK = Symbol.for('jsonata.__evaluate_exit');

type JsonataFunctionObject = { _jsonata_function: true; implementation: (...args: unknown[]) => unknown };
type Focus = { environment: { lookup(name: string): unknown } };

/** A compiled JSONata expression with Flowloom's functions and budgets attached. */
export interface CompiledJsonata {
  readonly source: string;
  /** Names (without `$`) of the variables and functions the expression mentions. */
  readonly names: ReadonlySet<string>;
  evaluate(input: unknown, bindings: Record<string, unknown>): Promise<unknown>;
  /**
   * Evaluates synchronously through the compiled closures; absent when the
   * expression was left to the interpreter (see `fallback`). Variables come
   * from the `hostLookup` given at compilation, called with `hostData`.
   */
  readonly evaluateSync?: (input: unknown, now: number, hostData: unknown) => unknown;
  /** Why the expression was not compiled to closures, when it was not. */
  readonly fallback?: string;
}

/** Options for compiling JSONata under budgets. */
export interface JsonataCompileOptions {
  budgets: ExpressionBudgets;
  allowEval: boolean;
  /** Also compile to synchronous closures (default true); false keeps the interpreter only. */
  closures?: boolean;
  /** The variables compiled code reads (`$json`, the runtime binding...), from the data given to each evaluation. */
  hostLookup?: HostLookup;
}

let functionObjects: Map<string, unknown> | undefined;
const libraryNames: ReadonlySet<string> = new Set([...libraryFunctions, ...jsonataBuiltins].map((f) => f.name.slice(1)));
let evalObject: unknown;
let parts: JsonataParts | undefined;
let compiler: typeof import('./compiler/compiler-entry.js') | undefined;
/** The functions compiled expressions see, by whether `$eval` is allowed. */
const compiledFunctions = new Map<boolean, Record<string, unknown>>();

function runtimeOf(focus: Focus): FunctionRuntime {
  return focus.environment.lookup(RUNTIME_BINDING) as FunctionRuntime;
}

/** JSONata function objects for the library and the safe built-ins, built once after loading. */
async function prepareFunctions(jsonata: Jsonata): Promise<void> {
  if (functionObjects) return;
  const map = new Map<string, unknown>();
  for (const f of libraryFunctions) {
    const object: JsonataFunctionObject = {
      _jsonata_function: true,
      implementation(this: Focus, ...args: unknown[]) {
        return f.impl(runtimeOf(this), ...args);
      },
    };
    map.set(f.name.slice(1), object);
  }
  const defined = async (b: SafeBuiltin) => {
    const probe = jsonata('$f');
    probe.registerFunction(
      'f',
      function (this: Focus, ...args: unknown[]) {
        return b.impl(runtimeOf(this), ...args);
      },
      b.signature,
    );
    return (await probe.evaluate(null)) as unknown;
  };
  for (const b of safeBuiltins) map.set(b.name, await defined(b));
  evalObject = await defined(disabledEval);
  // The compiler loads with JSONata, so a page that evaluates no expression loads neither.
  compiler = await import('./compiler/compiler-entry.js');
  parts = await compiler.loadJsonataParts(jsonata);
  for (const allowEval of [false, true]) {
    const table = Object.create(null) as Record<string, unknown>;
    for (const [name, f] of parts.builtins) table[name] = f;
    for (const [name, f] of parts.clockFunctions) table[name] = f;
    for (const [name, f] of map) table[name] = f;
    table.eval = allowEval ? parts.evalFunction : evalObject;
    compiledFunctions.set(allowEval, table);
  }
  functionObjects = map;
}

/** Makes the library ready; call after `loadExpressionLibraries`. */
export async function prepareJsonata(): Promise<void> {
  const jsonata = loadedJsonata();
  if (!jsonata) throw notLoaded('JSONata');
  await prepareFunctions(jsonata);
}

interface MethodCall {
  name: string;
  position: number;
}

/** Collects variable names, and the first JavaScript-style `x.name()` call (never meaningful on JSON data). */
function collectNames(node: unknown, names: Set<string>, methods: MethodCall[], depth = 0): void {
  if (typeof node !== 'object' || node === null || depth > 500) return;
  if (Array.isArray(node)) {
    for (const n of node) collectNames(n, names, methods, depth + 1);
    return;
  }
  const n = node as {
    type?: string;
    value?: unknown;
    procedure?: { type?: string; steps?: { type?: string; value?: unknown; position?: number }[] };
  };
  if (n.type === 'variable' && typeof n.value === 'string') names.add(n.value);
  const steps = n.type === 'function' && n.procedure?.type === 'path' ? n.procedure.steps : undefined;
  if (steps?.length === 1 && steps[0]?.type === 'name' && typeof steps[0].value === 'string') {
    methods.push({ name: steps[0].value, position: steps[0].position ?? 0 });
  }
  for (const key of Object.keys(node)) {
    const v = (node as Record<string, unknown>)[key];
    if (typeof v === 'object' && v !== null && !(v instanceof RegExp)) collectNames(v, names, methods, depth + 1);
  }
}

/**
 * Where a path reads `.length` as a plain name (`$json.name.length`): the
 * position just past it, or undefined. In JavaScript that is the length of a
 * text or list; a JSONata path would look for a field and give nothing, so
 * Flowloom refuses it and names the functions to use. A field that is really
 * called `length` is read with backticks or brackets (`` x.`length` ``).
 */
export function plainLengthStep(node: unknown, source: string, depth = 0): number | undefined {
  if (typeof node !== 'object' || node === null || depth > 500) return undefined;
  const n = node as { type?: string; steps?: { type?: string; value?: unknown; position?: number }[] };
  if (n.type === 'path' && n.steps) {
    for (let i = 1; i < n.steps.length; i++) {
      const step = n.steps[i]!;
      if (step.type === 'name' && step.value === 'length' && source[(step.position ?? 0) - 1] !== '`') return step.position ?? 0;
    }
  }
  for (const key of Object.keys(node)) {
    const v = (node as Record<string, unknown>)[key];
    if (typeof v !== 'object' || v === null || v instanceof RegExp) continue;
    const found = plainLengthStep(v, source, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Where an object written on its own (not grouping a path: `x.{ … }`) has a
 * key that is a bare name (`{ a: 1 }`): the position just past it, or
 * undefined. JSONata reads such a key from the data, and drops the pair when
 * the field is missing, so the JavaScript habit gives `{}`; Flowloom refuses
 * it and asks for a quoted key.
 */
export function bareObjectKey(node: unknown, source: string, depth = 0, grouping = false): number | undefined {
  if (typeof node !== 'object' || node === null || depth > 500) return undefined;
  const n = node as { type?: string; value?: unknown; lhs?: unknown; steps?: unknown[] };
  if (n.type === 'unary' && n.value === '{' && !grouping && Array.isArray(n.lhs)) {
    for (const pair of n.lhs as { type?: string; steps?: { type?: string; position?: number }[] }[][]) {
      const key = pair[0];
      const step = key?.type === 'path' && key.steps?.length === 1 ? key.steps[0] : undefined;
      if (step?.type === 'name' && source[(step.position ?? 0) - 1] !== '`') return step.position ?? 0;
    }
  }
  for (const key of Object.keys(node)) {
    const v = (node as Record<string, unknown>)[key];
    if (typeof v !== 'object' || v === null || v instanceof RegExp) continue;
    const steps = n.type === 'path' && key === 'steps';
    const found =
      Array.isArray(v) && steps
        ? v.reduce<number | undefined>((at, step) => at ?? bareObjectKey(step, source, depth + 1, true), undefined)
        : bareObjectKey(v, source, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The message for a bare-name key of an object. */
export const BARE_KEY_HINT =
  'An object key written without quotes is read from the data in this language, so { a: 1 } gives {}: write the key in quotes, { "a": 1 }.';

/** The message for `.length` in a path. */
export const LENGTH_HINT =
  '.length is JavaScript: write $length(x) for the length of a text or $count(x) for a list (a field named length reads x.`length`).';

/**
 * Compiles one expression (the inside of `{{ }}`). JSONata must be loaded and
 * prepared. Throws an ExpressionError with the position of a syntax error.
 */
export function compileJsonata(source: string, options: JsonataCompileOptions): CompiledJsonata {
  const jsonata = loadedJsonata();
  if (!jsonata || !functionObjects) throw notLoaded('JSONata');
  const { budgets } = options;
  let expression: ReturnType<Jsonata>;
  const rewritten = rewriteFieldBrackets(source);
  try {
    expression = jsonata(rewritten, {
      timeout: budgets.timeoutMs,
      stack: budgets.maxDepth,
      sequence: budgets.maxSequence,
      RegexEngine: LinearRegExp as unknown as RegExpConstructor,
    });
  } catch (error) {
    throw toExpressionError(error, source, budgets);
  }
  const names = new Set<string>();
  const methods: MethodCall[] = [];
  collectNames(expression.ast(), names, methods);
  const method = methods[0];
  if (method) {
    throw new ExpressionError('EXPRESSION_SYNTAX', methodHint(method.name, libraryNames), {
      position: Math.max(0, method.position - method.name.length - 1),
      expression: source,
    });
  }
  const bareKey = bareObjectKey(expression.ast(), rewritten);
  if (bareKey !== undefined) {
    throw new ExpressionError('EXPRESSION_SYNTAX', BARE_KEY_HINT, { position: bareKey, expression: source });
  }
  const length = plainLengthStep(expression.ast(), rewritten);
  if (length !== undefined) {
    throw new ExpressionError('EXPRESSION_SYNTAX', LENGTH_HINT, { position: Math.max(0, length - 'length'.length), expression: source });
  }
  for (const name of names) {
    const f = functionObjects.get(name);
    if (f) expression.assign(name, f);
  }
  if (!options.allowEval) expression.assign('eval', evalObject);
  expression.assign(EXIT_HOOK as unknown as string, (_expr: unknown, _input: unknown, _env: unknown, result: unknown) => {
    checkValue(result, budgets);
  });
  const evaluate = async (input: unknown, bindings: Record<string, unknown>) => {
    try {
      return await expression.evaluate(input, bindings);
    } catch (error) {
      throw toExpressionError(error, source, budgets);
    }
  };
  if (options.closures === false) return { source, names, evaluate, fallback: 'compilation to closures is turned off' };
  let program: CompiledProgram;
  try {
    program = compiler!.compileProgram(expression.ast() as unknown as AstNode, parts!.compilerOptions);
  } catch (error) {
    if (!(error instanceof compiler!.UnsupportedConstruct)) throw error;
    return { source, names, evaluate, fallback: error.reason };
  }
  const run = program.runner({
    timeoutMs: budgets.timeoutMs,
    maxDepth: budgets.maxDepth,
    maxSequence: budgets.maxSequence,
    maxStringLength: budgets.maxStringLength,
    maxValueSize: budgets.maxValueSize,
    functions: compiledFunctions.get(options.allowEval)!,
    ...(options.hostLookup ? { hostLookup: options.hostLookup } : {}),
  });
  return {
    source,
    names,
    evaluate,
    evaluateSync(input, now, hostData) {
      try {
        return run(input, now, hostData);
      } catch (error) {
        throw toExpressionError(error, source, budgets);
      }
    },
  };
}

interface JsonataErrorShape {
  code?: string;
  message?: string;
  position?: number;
  token?: string;
}

/** Turns whatever JSONata or a function threw into an ExpressionError with a sentence and a position. */
export function toExpressionError(error: unknown, source: string, budgets: ExpressionBudgets): ExpressionError {
  if (error instanceof ExpressionError) {
    // JSONata has already set `position` on errors thrown by functions it called.
    error.expression ??= source;
    return error;
  }
  if (error instanceof RangeError) {
    return new ExpressionError(
      'EXPRESSION_BUDGET',
      `The expression ran out of room (${error.message}); it builds too large a value or recurses too deeply.`,
      {
        expression: source,
        cause: error,
      },
    );
  }
  const e = (typeof error === 'object' && error !== null ? error : {}) as JsonataErrorShape;
  const code = e.code ?? '';
  const position = typeof e.position === 'number' ? e.position : undefined;
  const options = { ...(position !== undefined ? { position } : {}), expression: source, cause: error };
  switch (code) {
    case 'D1012':
      return new ExpressionError(
        'EXPRESSION_BUDGET',
        `The expression ran longer than ${budgets.timeoutMs} ms and was stopped; look for a loop that never ends.`,
        options,
      );
    case 'D1011':
    case 'U1001':
      return new ExpressionError(
        'EXPRESSION_BUDGET',
        `The expression nested deeper than ${budgets.maxDepth} levels and was stopped; look for recursion that never ends.`,
        options,
      );
    case 'D2014':
    case 'D2015':
      return new ExpressionError(
        'EXPRESSION_BUDGET',
        `The expression built a sequence of more than ${budgets.maxSequence} values, over the limit.`,
        options,
      );
    case 'D3121':
      // An error inside $eval: JSONata wraps it; a broken budget is still a broken budget.
      if (/timeout|stack|too deep|D101[12]|D201[45]/i.test(String((error as { value?: unknown }).value ?? ''))) {
        return new ExpressionError(
          'EXPRESSION_BUDGET',
          `The expression passed to $eval broke a budget: ${String((error as { value?: unknown }).value)}`,
          options,
        );
      }
      break;
    case 'T1006':
      if (e.token === 'now' || e.token === 'today') {
        return new ExpressionError(
          'EXPRESSION_ERROR',
          `$${e.token} is a value, not a function: write $${e.token} without parentheses.`,
          options,
        );
      }
      if (e.token) return new ExpressionError('EXPRESSION_ERROR', `Cannot call '${e.token}': it is not a function.`, options);
      break;
  }
  const message = e.message ?? (error instanceof Error ? error.message : String(error));
  return new ExpressionError(code.startsWith('S') ? 'EXPRESSION_SYNTAX' : 'EXPRESSION_ERROR', message, options);
}
