import { checkOptions, type OptionSpec } from '../options/check-options.js';
import { ROOT_BINDINGS, nodeReference, zoneOf } from './bindings.js';
import { BUDGET_OPTIONS, DEFAULT_BUDGETS, checkValue, toPlainData, type ExpressionBudgets } from './budgets.js';
import type { ExpressionError } from './expression.error.js';
import type { FunctionRuntime } from './functions/function-spec.js';
import { jsonataBuiltins } from './functions/jsonata-builtins.js';
import { libraryFunctions } from './functions/library.js';
import {
  BARE_KEY_HINT,
  LENGTH_HINT,
  bareObjectKey,
  RUNTIME_BINDING,
  compileJsonata,
  plainLengthStep,
  prepareJsonata,
  toExpressionError,
  type CompiledJsonata,
} from './jsonata-expression.js';
import type { CompiledExpression, ExpressionIssue, ExpressionLanguage, ValidationContext } from './language.js';
import type { ExpressionScope } from './resolver.js';
import { loadExpressionLibraries, loadedJsonata, notLoaded } from './libraries.js';
import { LruCache } from './lru-cache.js';
import { methodHint } from './method-hints.js';
import { compileLinear } from './regex-engine.js';
import { rewriteFieldBrackets } from './rewrite.js';
import { UNBOUND, type HostLookup } from './compiler/context.js';
import { systemRandom } from '../ports/random.js';

/** Options of the JSONata language. */
export interface JsonataLanguageOptions {
  budgets?: Partial<ExpressionBudgets>;
  /** Allows `$eval` (default false). */
  allowEval?: boolean;
  /** Compiled expressions kept, by source text (default 2,000). */
  cacheSize?: number;
  /**
   * Compile expressions to synchronous JavaScript closures (default true).
   * An expression the compiler does not translate runs on JSONata's
   * interpreter; `stats()` counts both. False keeps the interpreter only.
   */
  compile?: boolean;
}

const KNOWN_FUNCTIONS = new Set([...jsonataBuiltins, ...libraryFunctions].map((f) => f.name.slice(1)));
const KNOWN_VALUES = new Set([...Object.keys(ROOT_BINDINGS), 'node']);

const JSONATA_OPTIONS: OptionSpec<JsonataLanguageOptions> = { budgets: BUDGET_OPTIONS, allowEval: true, cacheSize: true, compile: true };
const MAX_FALLBACKS_KEPT = 100;

/** The JSONata expression language with Flowloom's library, budgets and bindings. */
export function createJsonataLanguage(options: JsonataLanguageOptions = {}): ExpressionLanguage {
  checkOptions('createJsonataLanguage', options, JSONATA_OPTIONS);
  const budgets: ExpressionBudgets = { ...DEFAULT_BUDGETS, ...options.budgets };
  const allowEval = options.allowEval ?? false;
  const cache = new LruCache<string, CompiledExpression>(options.cacheSize ?? 2000);
  const closures = options.compile ?? true;
  let ready = false;
  let compiledCount = 0;
  let interpretedCount = 0;
  const fallbacks: { source: string; reason: string }[] = [];

  const runtimeOf = (scope: ExpressionScope): FunctionRuntime => ({
    zone: zoneOf(scope),
    now: scope.now,
    random: scope.random ?? systemRandom,
    maxStringLength: budgets.maxStringLength,
    maxSequence: budgets.maxSequence,
  });
  // What compiled code reads for a variable no frame binds: computed from the scope when read.
  const hostLookup: HostLookup = (name, data) => {
    const scope = data as ExpressionScope;
    if (name === RUNTIME_BINDING) return runtimeOf(scope);
    if (Object.prototype.hasOwnProperty.call(ROOT_BINDINGS, name)) return ROOT_BINDINGS[name]!(scope);
    if (name === 'node') return (nodeName: unknown) => nodeReference(scope, nodeName);
    return UNBOUND;
  };

  const wrap = (compiled: CompiledJsonata): CompiledExpression => {
    const rootNames = [...compiled.names].filter((name) => Object.prototype.hasOwnProperty.call(ROOT_BINDINGS, name));
    const usesNode = compiled.names.has('node');
    const bindingsFor = (scope: ExpressionScope): Record<string, unknown> => {
      const bindings: Record<string, unknown> = { [RUNTIME_BINDING]: runtimeOf(scope) };
      for (const name of rootNames) bindings[name] = ROOT_BINDINGS[name]!(scope);
      if (usesNode) bindings.node = (name: unknown) => nodeReference(scope, name);
      return bindings;
    };
    const finish = (result: unknown): unknown => {
      try {
        checkValue(result, budgets);
        return toPlainData(result);
      } catch (error) {
        throw toExpressionError(error, compiled.source, budgets);
      }
    };
    const evaluateSync = compiled.evaluateSync;
    if (!evaluateSync) {
      return { evaluate: async (scope) => finish(await compiled.evaluate(scope.item?.json ?? {}, bindingsFor(scope))) };
    }
    const sync = (scope: ExpressionScope) => finish(evaluateSync(scope.item?.json ?? {}, scope.now, scope));
    return { evaluate: async (scope) => sync(scope), evaluateSync: sync };
  };

  const count = (compiled: CompiledJsonata): void => {
    if (compiled.evaluateSync) {
      compiledCount++;
      return;
    }
    interpretedCount++;
    fallbacks.push({ source: compiled.source, reason: compiled.fallback ?? 'not compiled' });
    if (fallbacks.length > MAX_FALLBACKS_KEPT) fallbacks.shift();
  };

  return {
    id: 'jsonata',
    async load() {
      if (ready) return;
      await loadExpressionLibraries();
      await prepareJsonata();
      ready = true;
    },
    get loaded() {
      return ready;
    },
    compile(source) {
      let compiled = cache.get(source);
      if (!compiled) {
        const jsonataExpression = compileJsonata(source, { budgets, allowEval, closures, hostLookup });
        count(jsonataExpression);
        compiled = wrap(jsonataExpression);
        cache.set(source, compiled);
      }
      return compiled;
    },
    stats() {
      return { compiled: compiledCount, interpreted: interpretedCount, fallbacks: [...fallbacks] };
    },
    validate(source, context) {
      return validateJsonata(source, context, allowEval);
    },
  };
}

interface AstNode {
  type?: string;
  value?: unknown;
  position?: number;
  procedure?: AstNode;
  arguments?: AstNode[];
  lhs?: AstNode;
  [key: string]: unknown;
}

function validateJsonata(source: string, context: ValidationContext, allowEval: boolean): ExpressionIssue[] {
  const jsonata = loadedJsonata();
  if (!jsonata) throw notLoaded('JSONata');
  let ast: AstNode;
  const rewritten = rewriteFieldBrackets(source);
  try {
    ast = jsonata(rewritten).ast() as AstNode;
  } catch (error) {
    const e = toExpressionError(error, source, DEFAULT_BUDGETS);
    const token = String((error as { token?: unknown }).token ?? '');
    const end = Math.min(source.length, e.position ?? source.length);
    return [{ severity: 'error', code: 'syntax', message: e.message, start: Math.max(0, end - Math.max(1, token.length)), end }];
  }
  const issues: ExpressionIssue[] = [];
  const length = plainLengthStep(ast, rewritten);
  if (length !== undefined)
    issues.push({ severity: 'error', code: 'method-call', message: LENGTH_HINT, start: length - 'length'.length, end: length });
  const bareKey = bareObjectKey(ast, rewritten);
  if (bareKey !== undefined)
    issues.push({ severity: 'error', code: 'syntax', message: BARE_KEY_HINT, start: Math.max(0, bareKey - 1), end: bareKey });
  const bound = new Set<string>();
  collectBound(ast, bound, 0);
  const nodeNames = context.workflow ? new Set(context.workflow.nodes.map((n) => n.name)) : undefined;
  const span = (node: AstNode, name: string) => {
    const end = Math.min(source.length, node.position ?? 0);
    return { start: Math.max(0, end - name.length - 1), end };
  };
  const visit = (node: unknown, depth: number): void => {
    if (typeof node !== 'object' || node === null || depth > 500) return;
    if (Array.isArray(node)) {
      for (const n of node) visit(n, depth + 1);
      return;
    }
    const n = node as AstNode;
    const methodStep = n.type === 'function' && n.procedure?.type === 'path' ? (n.procedure.steps as AstNode[] | undefined) : undefined;
    if (methodStep?.length === 1 && methodStep[0]?.type === 'name' && typeof methodStep[0].value === 'string') {
      const name = methodStep[0].value;
      issues.push({ severity: 'error', code: 'method-call', message: methodHint(name, KNOWN_FUNCTIONS), ...span(methodStep[0], name) });
    } else if (n.type === 'function' && n.procedure?.type === 'variable' && typeof n.procedure.value === 'string') {
      const name = n.procedure.value;
      if (name === 'now' || name === 'today') {
        issues.push({
          severity: 'error',
          code: 'not-a-function',
          message: `$${name} is a value, not a function: write $${name} without parentheses.`,
          ...span(n.procedure, name),
        });
      } else if (name === 'eval' && !allowEval) {
        issues.push({
          severity: 'error',
          code: 'unknown-function',
          message: '$eval is turned off in this host.',
          ...span(n.procedure, name),
        });
      } else if (!KNOWN_FUNCTIONS.has(name) && name !== 'node' && !bound.has(name)) {
        issues.push({ severity: 'error', code: 'unknown-function', message: `Unknown function $${name}.`, ...span(n.procedure, name) });
      }
      if (name === 'node' && nodeNames) {
        const arg = n.arguments?.[0];
        if (arg?.type === 'string' && typeof arg.value === 'string' && !nodeNames.has(arg.value)) {
          const end = Math.min(source.length, arg.position ?? 0);
          issues.push({
            severity: 'error',
            code: 'unknown-node',
            message: `There is no node named '${arg.value}' in this workflow.`,
            start: Math.max(0, end - arg.value.length - 2),
            end,
          });
        }
      }
    } else if (n.type === 'variable' && typeof n.value === 'string' && n.value !== '') {
      const name = n.value;
      if (!KNOWN_VALUES.has(name) && !KNOWN_FUNCTIONS.has(name) && !bound.has(name)) {
        issues.push({
          severity: 'warning',
          code: 'unknown-variable',
          message: `$${name} is not defined here; it will be empty.`,
          ...span(n, name),
        });
      }
    } else if (n.type === 'regex' && n.value instanceof RegExp) {
      try {
        compileLinear(n.value.source, n.value.flags);
      } catch (error) {
        const end = Math.min(source.length, n.position ?? 0);
        issues.push({
          severity: 'error',
          code: 'unsupported-regex',
          message: (error as ExpressionError).message,
          start: Math.max(0, end - n.value.source.length - 2),
          end,
        });
      }
    }
    for (const key of Object.keys(n)) {
      const v = n[key];
      if (typeof v === 'object' && v !== null && !(v instanceof RegExp)) visit(v, depth + 1);
    }
  };
  visit(ast, 0);
  return issues;
}

/** Names the expression binds itself: `$x := ...` and lambda parameters. */
function collectBound(node: unknown, bound: Set<string>, depth: number): void {
  if (typeof node !== 'object' || node === null || depth > 500) return;
  if (Array.isArray(node)) {
    for (const n of node) collectBound(n, bound, depth + 1);
    return;
  }
  const n = node as AstNode;
  if (n.type === 'bind' && n.lhs?.type === 'variable' && typeof n.lhs.value === 'string') bound.add(n.lhs.value);
  if (typeof n.index === 'string') bound.add(n.index);
  if (typeof n.focus === 'string') bound.add(n.focus);
  if (n.type === 'lambda' && Array.isArray(n.arguments)) {
    for (const a of n.arguments) if (typeof a.value === 'string') bound.add(a.value);
  }
  for (const key of Object.keys(n)) {
    const v = n[key];
    if (typeof v === 'object' && v !== null && !(v instanceof RegExp)) collectBound(v, bound, depth + 1);
  }
}
