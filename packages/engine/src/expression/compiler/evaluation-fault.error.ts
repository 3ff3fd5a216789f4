import { FlowloomError } from '../../errors/flowloom.error.js';

/** What a fault may carry besides its code, in the shape JSONata gives its own errors. */
export interface FaultDetails {
  position?: number;
  token?: string;
  value?: unknown;
  value2?: unknown;
  index?: number;
}

/**
 * An error raised while evaluating a compiled expression, with JSONata's own
 * error code (`T2001`, `D1012`...) so callers and tests see the same code the
 * interpreter gives. `toExpressionError` turns it into an ExpressionError.
 */
export class EvaluationFault extends FlowloomError {
  static override readonly kind: string = 'EvaluationFault';
  position: number | undefined;
  token: string | undefined;
  readonly value: unknown;
  readonly value2: unknown;
  readonly index: number | undefined;

  constructor(code: string, details: FaultDetails = {}) {
    super(code, faultMessage(code, details));
    this.name = 'EvaluationFault';
    this.position = details.position;
    this.token = details.token;
    this.value = details.value;
    this.value2 = details.value2;
    this.index = details.index;
  }
}

const MESSAGES: Record<string, string> = {
  T0410: 'Argument {index} of function {token} does not match the function signature.',
  T0411: 'The context value does not suit argument {index} of function {token}.',
  T0412: 'Argument {index} of function {token} must be an array of {type}.',
  D1001: 'Number out of range: {value}.',
  D1002: 'Cannot negate a value that is not a number: {value}.',
  T1003: 'A key in an object must evaluate to a text; got {value}.',
  D1004: 'The regular expression matches an empty text.',
  T1005: 'Attempted to call something that is not a function. Did you mean ${token}?',
  T1006: 'Attempted to call something that is not a function.',
  T1007: 'Attempted to partially apply something that is not a function. Did you mean ${token}?',
  T1008: 'Attempted to partially apply something that is not a function.',
  D1009: 'Several keys of the object evaluate to the same key: {value}.',
  T1010: 'The matcher function passed to {token} does not return a match object.',
  D1011: 'Recursion too deep; rewrite the function so that it calls itself last (tail call).',
  D1012: 'Evaluation timeout after {value} milliseconds; look for a loop that never ends.',
  D1013: 'Object keys starting with _jsonata_ are reserved: {value}.',
  T2001: 'The left side of the {token} operator must evaluate to a number.',
  T2002: 'The right side of the {token} operator must evaluate to a number.',
  T2003: 'The left side of the range operator (..) must evaluate to an integer.',
  T2004: 'The right side of the range operator (..) must evaluate to an integer.',
  T2006: 'The right side of the ~> operator must be a function.',
  T2007: 'The values {value} and {value2} of an order-by clause are of different types.',
  T2008: 'The expressions of an order-by clause must evaluate to numbers or texts.',
  T2009: 'The values {value} and {value2} either side of {token} must be of the same type.',
  T2010: 'The expressions either side of {token} must evaluate to numbers or texts.',
  T2011: 'The update clause of a transform must evaluate to an object: {value}.',
  T2012: 'The delete clause of a transform must evaluate to a text or an array of texts: {value}.',
  T2013: 'A transform copies its input with $clone(), which has been replaced by something that is not a function.',
  D2014: 'A range (..) may not hold more than 1e7 values; this one would hold {value}.',
  D2015: 'The maximum sequence length of {value} was exceeded.',
  D3001: 'A text function cannot be applied to Infinity or NaN.',
  D3010: 'The second argument of $replace cannot be an empty text.',
  D3011: 'The fourth argument of $replace must be a positive number.',
  D3012: 'A match can only be replaced with a text; got {value}.',
  D3020: 'The third argument of $split must be a positive number.',
  D3030: 'Unable to cast the value to a number: {value}.',
  D3040: 'The third argument of $match must be a positive number.',
  D3050: 'The second argument of $reduce must be a function of at least two arguments.',
  D3060: 'The square root of a negative number ({value}) is not a number.',
  D3061: 'The power ({value}) cannot be represented as a JSON number.',
  D3070: '$sort without a function sorts arrays of texts or of numbers only; pass a comparison function.',
  D3120: 'Syntax error in the expression passed to $eval: {value}',
  D3121: 'Error while evaluating the expression passed to $eval: {value}',
  D3138: '$single() expected exactly one matching value, and found more.',
  D3139: '$single() expected exactly one matching value, and found none.',
  U1001: 'Recursion too deep; rewrite the function so that it calls itself last (tail call).',
};

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function faultMessage(code: string, details: FaultDetails & { message?: unknown; type?: unknown }): string {
  if ((code === 'D3137' || code === 'D3141') && typeof details.message === 'string') return details.message;
  const template = MESSAGES[code];
  if (!template) return `Evaluation failed (${code}).`;
  return template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    const v = (details as Record<string, unknown>)[key];
    if (v === undefined) return key === 'token' ? 'the operator' : '?';
    return key === 'value' || key === 'value2' ? show(v) : String(v);
  });
}

/**
 * Gives a fault thrown by a JSONata built-in (a plain object with a code) a
 * message and the position of the call, as JSONata does when it reports one.
 */
export function toFault(error: unknown, position?: number, token?: string): unknown {
  if (error instanceof EvaluationFault) {
    error.position ??= position;
    error.token ??= token;
    return error;
  }
  if (error instanceof FlowloomError) {
    // A library function's error: give it the position of the call, as JSONata does.
    const located = error as FlowloomError & { position?: number };
    if ('position' in located && located.position === undefined) located.position = position;
    return error;
  }
  if (typeof error !== 'object' || error === null || error instanceof Error) return error;
  const e = error as FaultDetails & { code?: unknown; message?: unknown };
  if (typeof e.code !== 'string') return error;
  const fault = new EvaluationFault(e.code, {
    ...e,
    position: e.position ?? position,
    token: e.token ?? token,
  });
  if (typeof e.message === 'string' && e.message !== '') fault.message = e.message;
  return fault;
}
