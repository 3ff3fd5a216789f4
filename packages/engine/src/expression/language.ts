import type { Workflow } from '../model/workflow.js';
import type { ExpressionScope } from './resolver.js';

/** A problem found in an expression without running it. Offsets are in the text that was checked. */
export interface ExpressionIssue {
  readonly severity: 'error' | 'warning';
  /** `syntax`, `unknown-function`, `unknown-variable`, `unknown-node`, `unsupported-regex`, `not-a-function`, `method-call`. */
  readonly code: string;
  readonly message: string;
  /** Offset of the first character of the problem. */
  readonly start: number;
  /** Offset just past the problem. */
  readonly end: number;
}

/** What validation can know besides the text. */
export interface ValidationContext {
  /** When given, `$node("Name")` references are checked against its node names. */
  readonly workflow?: Pick<Workflow, 'nodes'>;
}

/** One expression compiled by a language, ready to evaluate many times. */
export interface CompiledExpression {
  /** Evaluates against a scope; the result is plain JSON data (sanitised, within budgets). */
  evaluate(scope: ExpressionScope): Promise<unknown>;
  /**
   * The same, synchronously; present when the language compiled the
   * expression to code that runs without awaiting (see `stats`).
   */
  readonly evaluateSync?: (scope: ExpressionScope) => unknown;
}

/** How a language's expressions were compiled: to synchronous code, or left to an interpreter (and why). */
export interface CompilationStats {
  /** Expressions compiled to synchronous code. */
  readonly compiled: number;
  /** Expressions that fell back to the interpreter. */
  readonly interpreted: number;
  /** The most recent fallbacks (up to 100), each with the construct that caused it. */
  readonly fallbacks: readonly { readonly source: string; readonly reason: string }[];
}

/**
 * An expression language: JSONata today; an n8n-compatible JavaScript
 * dialect run in a sandbox could be a second one. The template layer
 * (`{{ }}`, caching, the fast path) calls only this.
 */
export interface ExpressionLanguage {
  readonly id: string;
  /** Loads what the language needs; safe to call often. */
  load(): Promise<void>;
  /** Compiles one expression (the inside of `{{ }}`); only after `load`. Throws an ExpressionError. */
  compile(source: string): CompiledExpression;
  /** Finds problems without evaluating; only after `load`. Offsets are in `source`. */
  validate(source: string, context: ValidationContext): ExpressionIssue[];
  /** Whether `load` has completed (then `compile` may be called without awaiting anything). */
  readonly loaded?: boolean;
  /** How many expressions were compiled to synchronous code, and which fell back to an interpreter. */
  stats?(): CompilationStats;
}
