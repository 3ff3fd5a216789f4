import { type OptionSpec } from '../options/check-options.js';
import { setKey } from './functions/args.js';
import { ExpressionError } from './expression.error.js';

/**
 * Limits every evaluation runs under. Breaking one is an `EXPRESSION_BUDGET`
 * error on the parameter, never a hang or a crash of the host.
 */
export interface ExpressionBudgets {
  /** Wall-clock time one expression may take, in milliseconds (default 1,000). */
  timeoutMs: number;
  /** Nesting depth of the evaluation, which bounds recursion (default 1,000). */
  maxDepth: number;
  /** Most values in one sequence or range (default 100,000). */
  maxSequence: number;
  /** Longest string an expression may build (default 5,000,000 characters). */
  maxStringLength: number;
  /**
   * Largest value an expression may build or return, counted as characters
   * of text plus one per number, boolean, array element and object field
   * (default 5,000,000).
   */
  maxValueSize: number;
}

/** The keys `budgets` accepts. */
export const BUDGET_OPTIONS: OptionSpec<Partial<ExpressionBudgets>> = {
  timeoutMs: true,
  maxDepth: true,
  maxSequence: true,
  maxStringLength: true,
  maxValueSize: true,
};

/** The budgets used when the host sets none. */
export const DEFAULT_BUDGETS: Readonly<ExpressionBudgets> = Object.freeze({
  timeoutMs: 1000,
  maxDepth: 1000,
  maxSequence: 100_000,
  maxStringLength: 5_000_000,
  maxValueSize: 5_000_000,
});

const MAX_NESTING = 1000;
const sizes = new WeakMap<object, number>();

function isJsonataFunction(value: object): boolean {
  const v = value as { _jsonata_function?: unknown; _jsonata_lambda?: unknown };
  return v._jsonata_function === true || v._jsonata_lambda === true;
}

/**
 * The size of a value (see `maxValueSize`), stopping early once past `limit`.
 * Sizes of objects are remembered, so a structure that shares one object many
 * times (which can grow exponentially) is measured in linear time.
 */
export function valueSize(value: unknown, limit: number, depth = 0): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return 1;
  const known = sizes.get(value);
  if (known !== undefined) return known;
  if (isJsonataFunction(value)) return 1;
  if (depth > MAX_NESTING) {
    throw new ExpressionError('EXPRESSION_BUDGET', `The value is nested more than ${MAX_NESTING} levels deep.`);
  }
  let total = 1;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && total <= limit; i++) total += valueSize(value[i], limit, depth + 1);
  } else {
    for (const key of Object.keys(value)) {
      total += key.length + valueSize((value as Record<string, unknown>)[key], limit, depth + 1);
      if (total > limit) break;
    }
  }
  sizes.set(value, total);
  return total;
}

/** Throws when a value built during evaluation is over the string or size budget. */
export function checkValue(value: unknown, budgets: ExpressionBudgets): void {
  if (typeof value === 'string') {
    if (value.length > budgets.maxStringLength) {
      throw new ExpressionError(
        'EXPRESSION_BUDGET',
        `The expression built a text of ${value.length} characters, over the limit of ${budgets.maxStringLength}.`,
      );
    }
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const size = valueSize(value, budgets.maxValueSize);
  if (size > budgets.maxValueSize) {
    throw new ExpressionError(
      'EXPRESSION_BUDGET',
      `The expression built a value larger than the limit of ${budgets.maxValueSize} (size units).`,
    );
  }
}

/**
 * Copies a JSONata result into plain JSON data: sequences become arrays,
 * objects get the ordinary prototype, a `__proto__` key stays an ordinary
 * field (it never changes a prototype). A function result is an error.
 */
export function toPlainData(value: unknown, depth = 0): unknown {
  if (typeof value !== 'object' || value === null) {
    if (typeof value === 'function') throw functionResult();
    return value;
  }
  if (depth > MAX_NESTING) throw new ExpressionError('EXPRESSION_BUDGET', `The result is nested more than ${MAX_NESTING} levels deep.`);
  if (isJsonataFunction(value)) throw functionResult();
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toPlainData(value[i], depth + 1);
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = toPlainData((value as Record<string, unknown>)[key], depth + 1);
    if (v !== undefined) setKey(out, key, v);
  }
  return out;
}

function functionResult(): ExpressionError {
  return new ExpressionError('EXPRESSION_ERROR', 'The expression gives a function, not a value; call it with ( ).');
}
