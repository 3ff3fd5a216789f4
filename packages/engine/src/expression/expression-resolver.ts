import type { z } from 'zod';
import { needsResolving, planParameters, withTemplateValues } from '../model/parameter-plan.js';
import { checkOptions, type OptionSpec } from '../options/check-options.js';
import { BUDGET_OPTIONS, DEFAULT_BUDGETS, checkValue, type ExpressionBudgets } from './budgets.js';
import { ExpressionError } from './expression.error.js';
import { compileFastArithmetic } from './fast-arithmetic.js';
import { NOT_FAST, compileFastReference, parseFastReference, type FastReader } from './fast-path.js';
import { createJsonataLanguage } from './jsonata-language.js';
import type { CompilationStats, CompiledExpression, ExpressionLanguage } from './language.js';
import { templateValues } from './item-parameters.js';
import { LruCache } from './lru-cache.js';
import type { BatchOutcome, ExpressionScope, ParameterResolver } from './resolver.js';
import { parseTemplate } from './template.js';
import { evaluateJs, jsSource, type JsOutcome } from './javascript/js-expressions.js';
import { prepareJs, type PreparedJs } from './javascript/js-rewrite.js';

/** Options of `createExpressionResolver`. */
export interface ExpressionOptions {
  /** Limits for every evaluation (defaults in DEFAULT_BUDGETS). */
  budgets?: Partial<ExpressionBudgets>;
  /** Lets expressions call `$eval` (default false). */
  allowEval?: boolean;
  /** Templates and compiled expressions kept in memory, by source text (default 2,000 each). */
  cacheSize?: number;
  /**
   * Read pure data references (`$json.a.b`) directly instead of through
   * JSONata (default true; the results are the same, only faster).
   */
  fastPath?: boolean;
  /** The language inside `{{ }}` (default: JSONata with Flowloom's library). */
  language?: ExpressionLanguage;
  /**
   * Compile JSONata expressions to synchronous JavaScript closures (default
   * true; the results are the same). Ignored when `language` is given.
   */
  compile?: boolean;
}

interface ExpressionPart {
  readonly source: string;
  /** Offset of `source` in the template. */
  readonly start: number;
  readonly fast: FastReader | undefined;
  /** Nothing but white space between the braces. */
  readonly empty: boolean;
  /** The compiled expression, once the language is loaded. */
  compiled?: CompiledExpression;
  /** A JavaScript expression (`{{js: … }}`): its prepared code, or why it cannot be read. */
  readonly js?: { readonly prepared?: PreparedJs; readonly error?: ExpressionError };
  /** The template has other parts, so a JavaScript value is turned into text as n8n does. */
  readonly text: boolean;
}

/** The outcome of a template's JavaScript parts for one scope, when a batch already evaluated them. */
type JsLookup = (part: ExpressionPart) => JsOutcome | undefined;
type Part = string | ExpressionPart;

interface CompiledTemplate {
  readonly parts: readonly Part[];
  /** The template is exactly one `{{ }}`: its value keeps its type. */
  readonly single: boolean;
}

/**
 * Resolves `{{ }}` templates. It is the engine's default `expressions`
 * option; hosts create their own to change budgets or allow `$eval`.
 */
export interface ExpressionResolver extends ParameterResolver {
  readonly budgets: Readonly<ExpressionBudgets>;
  /**
   * Evaluates one parameter string. A string without `{{` is returned as is;
   * a string that is exactly one `{{ expr }}` gives the value with its type;
   * otherwise the parts are joined as text. Returns synchronously when every
   * expression is a pure data reference or, once the language is loaded, was
   * compiled to synchronous code; else a promise. A failure of a compiled
   * expression is a rejected promise, as from the interpreter.
   */
  evaluateTemplate(template: string, scope: ExpressionScope): unknown;
  /** As `evaluateTemplate`, but a failure of a synchronous evaluation is thrown, never a rejected promise. */
  evaluateTemplateSync(template: string, scope: ExpressionScope): unknown;
  /**
   * Loads the expression language and compiles the expressions of `templates`;
   * resolves true when every one of them evaluates synchronously (so the
   * engine resolves a node's parameters when `ctx.params(i)` asks).
   */
  prepare(templates: readonly string[]): Promise<boolean>;
  /**
   * Evaluates the templates holding JavaScript expressions for every scope
   * (one per item of one activation), all their JavaScript in one sandbox
   * run; undefined for the other templates. Never rejects.
   */
  evaluateBatch(templates: readonly string[], scopes: readonly ExpressionScope[]): Promise<(BatchOutcome[] | undefined)[]>;
  /**
   * Resolves every template in a parameter object (deeply) for one item, as
   * the engine does for a node: given the node type's schema, strings it
   * marks `noExpression` are left as written. Returns a new object.
   * Errors are ExpressionErrors with `parameter` and `position` set.
   */
  resolve(
    parameters: Record<string, unknown>,
    scope: ExpressionScope,
    properties?: z.ZodType,
  ): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** How many expressions were compiled to synchronous code and which fell back to the interpreter (and why). */
  stats(): CompilationStats;
}

const EXPRESSION_OPTIONS: OptionSpec<ExpressionOptions> = {
  budgets: BUDGET_OPTIONS,
  allowEval: true,
  cacheSize: true,
  fastPath: true,
  language: true,
  compile: true,
};

/**
 * Creates a resolver: `{{ }}` templates over JSONata, with the function
 * library, budgets and the synchronous fast path for data references.
 *
 * @example
 * const engine = createEngine({ expressions: createExpressionResolver({ budgets: { timeoutMs: 200 } }) });
 */
export function createExpressionResolver(options: ExpressionOptions = {}): ExpressionResolver {
  checkOptions('createExpressionResolver', options, EXPRESSION_OPTIONS);
  const budgets: ExpressionBudgets = { ...DEFAULT_BUDGETS, ...options.budgets };
  const language =
    options.language ??
    createJsonataLanguage({
      budgets,
      ...(options.allowEval !== undefined ? { allowEval: options.allowEval } : {}),
      ...(options.cacheSize !== undefined ? { cacheSize: options.cacheSize } : {}),
      ...(options.compile !== undefined ? { compile: options.compile } : {}),
    });
  const fastPath = options.fastPath ?? true;
  const templates = new LruCache<string, CompiledTemplate>(options.cacheSize ?? 2000);

  const compileTemplate = (template: string): CompiledTemplate => {
    let compiled = templates.get(template);
    if (!compiled) {
      const segments = parseTemplate(template);
      const text = segments.length > 1;
      const parts: Part[] = segments.map((s) => {
        if (s.kind === 'text') return s.value;
        const code = jsSource(s.source);
        if (code !== undefined)
          return { source: s.source, start: s.start, empty: code.trim() === '', fast: undefined, js: readJs(code), text };
        return { source: s.source, start: s.start, empty: s.source.trim() === '', fast: fastPath ? fastReader(s.source) : undefined, text };
      });
      compiled = { parts, single: parts.length === 1 && typeof parts[0] !== 'string' };
      templates.set(template, compiled);
    }
    return compiled;
  };

  const emptyError = () =>
    new ExpressionError('EXPRESSION_SYNTAX', 'The {{ }} is empty: write an expression inside it, or \\{{ for literal braces.');

  const slow = async (part: ExpressionPart, scope: ExpressionScope): Promise<unknown> => {
    try {
      if (part.empty) throw emptyError();
      await language.load();
      return await language.compile(part.source).evaluate(scope);
    } catch (error) {
      throw locate(error, part);
    }
  };

  /** A JavaScript part's value: from the batch when it ran there, else from a sandbox run of its own. */
  const evaluateJsPart = (part: ExpressionPart, scope: ExpressionScope, throwNow: boolean, lookup: JsLookup | undefined): unknown => {
    const js = part.js!;
    const fail = (error: unknown) => {
      if (throwNow) throw locate(error, part);
      return Promise.reject(locate(error, part));
    };
    if (part.empty) return fail(emptyError());
    if (js.error) return fail(js.error);
    const known = lookup?.(part);
    if (known) {
      if ('error' in known) return fail(known.error);
      checkValue(known.value, budgets);
      return known.value;
    }
    return evaluateJs([{ prepared: js.prepared!, text: part.text }], [scope], scope.signal).then(
      ([row]) => {
        const outcome = row![0]!;
        if ('error' in outcome) throw locate(outcome.error, part);
        checkValue(outcome.value, budgets);
        return outcome.value;
      },
      (error: unknown) => Promise.reject(locate(error, part)),
    );
  };

  /** One expression's value; `throwNow` makes a failure of a synchronous evaluation a throw instead of a rejection. */
  const evaluatePart = (part: ExpressionPart, scope: ExpressionScope, throwNow: boolean, lookup?: JsLookup): unknown => {
    if (part.js) return evaluateJsPart(part, scope, throwNow, lookup);
    try {
      if (part.fast) {
        const value = part.fast(scope);
        if (value !== NOT_FAST) {
          checkValue(value, budgets);
          return value;
        }
      }
    } catch (error) {
      throw locate(error, part);
    }
    // Once the language is loaded, an expression compiled to synchronous code is answered without a promise;
    // its errors are a rejected promise, as from the interpreter, unless the caller wants them thrown.
    if (part.compiled !== undefined || (language.loaded && !part.empty) || (throwNow && part.empty)) {
      try {
        if (part.empty) throw emptyError();
        part.compiled ??= language.compile(part.source);
        if (part.compiled.evaluateSync) return part.compiled.evaluateSync(scope);
      } catch (error) {
        if (throwNow) throw locate(error, part);
        return Promise.reject(locate(error, part));
      }
    }
    return slow(part, scope);
  };

  const evaluate = (template: string, scope: ExpressionScope, throwNow: boolean, lookup?: JsLookup): unknown => {
    const cached = templates.get(template);
    if (cached === undefined && !needsResolving(template)) return template;
    const { parts, single } = cached ?? compileTemplate(template);
    if (single) return evaluatePart(parts[0] as ExpressionPart, scope, throwNow, lookup);
    const values = parts.map((p) => (typeof p === 'string' ? p : evaluatePart(p, scope, throwNow, lookup)));
    if (values.some((v) => v instanceof Promise)) return Promise.all(values).then((all) => joinText(all, parts, budgets));
    return joinText(values, parts, budgets);
  };

  const evaluateTemplate = (template: string, scope: ExpressionScope): unknown => evaluate(template, scope, false);

  /** Loads the language and compiles the expressions of the templates; true when all evaluate synchronously. */
  const prepare = async (list: readonly string[]): Promise<boolean> => {
    const parts: ExpressionPart[] = [];
    let javascript = false;
    for (const template of list) {
      if (!needsResolving(template)) continue;
      for (const part of compileTemplate(template).parts) {
        if (typeof part === 'string' || part.empty) continue;
        if (part.js) javascript = true;
        else parts.push(part);
      }
    }
    if (parts.length === 0) return !javascript;
    // Even data references need the language loaded: data with an array mid-path hands them over to it.
    await language.load();
    let sync = true;
    for (const part of parts) {
      try {
        part.compiled ??= language.compile(part.source);
      } catch {
        continue; // A syntax error is thrown when the template is evaluated.
      }
      if (!part.compiled.evaluateSync) sync = false;
    }
    // JavaScript runs in the sandbox, so its templates are evaluated before `execute`, every item in one run.
    return sync && !javascript;
  };

  /** Evaluates the templates holding JavaScript for every scope, their JavaScript parts in one sandbox run. */
  const evaluateBatch = async (list: readonly string[], scopes: readonly ExpressionScope[]): Promise<(BatchOutcome[] | undefined)[]> => {
    const jsParts: ExpressionPart[] = [];
    const withJs = list.map((template) => {
      if (!needsResolving(template)) return false;
      let found = false;
      for (const part of compileTemplate(template).parts) {
        if (typeof part === 'string' || !part.js) continue;
        found = true;
        if (part.js.prepared && !part.empty && !jsParts.includes(part)) jsParts.push(part);
      }
      return found;
    });
    if (scopes.length === 0 || !withJs.includes(true)) return list.map(() => undefined);
    let rows: JsOutcome[][] | undefined;
    let failure: unknown;
    if (jsParts.length > 0) {
      try {
        rows = await evaluateJs(
          jsParts.map((p) => ({ prepared: p.js!.prepared!, text: p.text })),
          scopes,
          scopes[0]!.signal,
        );
      } catch (error) {
        failure = error;
      }
    }
    return list.map((template, t) => {
      if (!withJs[t]) return undefined;
      return scopes.map((scope, i): BatchOutcome => {
        const lookup: JsLookup = (part) => {
          const k = jsParts.indexOf(part);
          if (k === -1) return undefined;
          if (rows) return rows[i]![k];
          const error =
            failure instanceof ExpressionError ? new ExpressionError(failure.code as 'EXPRESSION_ERROR', failure.message) : failure;
          return { error: error as ExpressionError };
        };
        try {
          return { value: evaluate(template, scope, true, lookup) };
        } catch (error) {
          return { error };
        }
      });
    });
  };

  const resolver: ExpressionResolver = {
    budgets,
    evaluateTemplate,
    evaluateTemplateSync: (template, scope) => evaluate(template, scope, true),
    prepare,
    evaluateBatch,
    stats: () => language.stats?.() ?? { compiled: 0, interpreted: 0, fallbacks: [] },
    resolve(parameters, scope, properties) {
      const plan = planParameters(properties, parameters);
      const values = templateValues(resolver, plan, scope);
      if (values instanceof Promise) return values.then((v) => withTemplateValues(parameters, plan, v));
      return withTemplateValues(parameters, plan, values);
    },
  };
  return resolver;
}

function readJs(code: string): { prepared?: PreparedJs; error?: ExpressionError } {
  try {
    return { prepared: prepareJs(code) };
  } catch (error) {
    if (error instanceof ExpressionError) return { error };
    throw error;
  }
}

function fastReader(source: string): FastReader | undefined {
  const ref = parseFastReference(source);
  return ref ? compileFastReference(ref) : compileFastArithmetic(source);
}

/** Gives an error the position of its expression in the parameter string. */
function locate(error: unknown, part: ExpressionPart): unknown {
  if (!(error instanceof ExpressionError)) return error;
  // JSONata's positions are offsets in the expression; without one, point at the expression's first character.
  error.position = part.start + (error.position ?? part.source.length - part.source.trimStart().length);
  error.expression ??= part.source;
  return error;
}

function joinText(values: readonly unknown[], parts: readonly Part[], budgets: ExpressionBudgets): string {
  let out = '';
  values.forEach((v, i) => {
    if (typeof parts[i] === 'string') out += v as string;
    else if (v === undefined) return;
    else if (typeof v === 'string') out += v;
    else if (typeof v === 'object') out += JSON.stringify(v);
    else out += String(v);
  });
  checkValue(out, budgets);
  return out;
}
