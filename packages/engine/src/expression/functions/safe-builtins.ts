import { ExpressionError } from '../expression.error.js';
import { capString, isRecord } from './args.js';
import { identity } from './array-functions.js';
import type { FunctionRuntime } from './function-spec.js';

/**
 * Replacements for JSONata built-ins that could allocate without bound, reach
 * past the evaluator, or read the platform's time or randomness instead of the
 * engine's injected clock and random: same names, same signatures, same
 * results within the budgets, and a clear budget error past them.
 */
export interface SafeBuiltin {
  readonly name: string;
  /** JSONata signature, kept from the built-in so argument checks and context binding behave the same. */
  readonly signature: string;
  readonly impl: (runtime: FunctionRuntime, ...args: unknown[]) => unknown;
}

const codePoints = (s: string) => Array.from(s);

/** Serialises like JSONata's `$string`, stopping at the string budget instead of running out of memory. */
function cappedString(value: unknown, pretty: boolean, max: number): string {
  const parts: string[] = [];
  let length = 0;
  const push = (s: string) => {
    length += s.length;
    capString('$string', length, max);
    parts.push(s);
  };
  const indent = (level: number) => (pretty ? '\n' + '  '.repeat(level) : '');
  const write = (v: unknown, level: number): void => {
    if (typeof v === 'string') return push(JSON.stringify(v));
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new ExpressionError('EXPRESSION_ERROR', '$string: cannot write an infinite number.');
      return push(JSON.stringify(Number(v.toPrecision(15))));
    }
    if (typeof v === 'boolean' || v === null) return push(String(v));
    if (typeof v === 'function' || v === undefined) return push('""');
    if (
      typeof v === 'object' &&
      ((v as { _jsonata_function?: unknown })._jsonata_function || (v as { _jsonata_lambda?: unknown })._jsonata_lambda)
    ) {
      return push('""');
    }
    if (Array.isArray(v)) {
      push('[');
      v.forEach((e, i) => {
        if (i > 0) push(',');
        push(indent(level + 1));
        write(e === undefined ? null : e, level + 1);
      });
      if (v.length > 0) push(indent(level));
      return push(']');
    }
    if (isRecord(v)) {
      push('{');
      const keys = Object.keys(v).filter((k) => v[k] !== undefined);
      keys.forEach((k, i) => {
        if (i > 0) push(',');
        push(indent(level + 1) + JSON.stringify(k) + (pretty ? ': ' : ':'));
        write(v[k], level + 1);
      });
      if (keys.length > 0) push(indent(level));
      return push('}');
    }
    return push(JSON.stringify(String(v)));
  };
  if (typeof value === 'string') return value;
  if (
    typeof value === 'function' ||
    (typeof value === 'object' && value !== null && ('_jsonata_function' in value || '_jsonata_lambda' in value))
  ) {
    return '';
  }
  write(value, 0);
  return parts.join('');
}

/** The replaced built-ins. */
export const safeBuiltins: readonly SafeBuiltin[] = [
  {
    name: 'pad',
    signature: '<s-ns?:s>',
    impl(rt, str, width, char) {
      if (str === undefined) return undefined;
      const w = Math.trunc(width as number);
      capString('$pad', Math.abs(w), rt.maxStringLength);
      const fill = char === undefined || char === '' ? ' ' : String(char);
      const chars = codePoints(String(str));
      const missing = Math.abs(w) - chars.length;
      if (missing <= 0) return str;
      const padding = codePoints(fill.repeat(Math.ceil(missing / codePoints(fill).length)))
        .slice(0, missing)
        .join('');
      return w > 0 ? str + padding : padding + str;
    },
  },
  {
    name: 'join',
    signature: '<a<s>s?:s>',
    impl(rt, strs, separator) {
      if (strs === undefined) return undefined;
      const list = Array.isArray(strs) ? (strs as string[]) : [String(strs)];
      const sep = separator === undefined ? '' : String(separator);
      let length = Math.max(0, list.length - 1) * sep.length;
      for (const s of list) length += s.length;
      capString('$join', length, rt.maxStringLength);
      return list.join(sep);
    },
  },
  {
    name: 'string',
    signature: '<x-b?:s>',
    impl(rt, value, prettify) {
      if (value === undefined) return undefined;
      return cappedString(value, prettify === true, rt.maxStringLength);
    },
  },
  {
    name: 'distinct',
    signature: '<x:x>',
    impl(_rt, value) {
      if (!Array.isArray(value) || value.length <= 1) return value;
      const seen = new Set<string>();
      const out: unknown[] = [];
      for (const v of value) {
        const id = identity(v);
        if (!seen.has(id)) {
          seen.add(id);
          out.push(v);
        }
      }
      return out;
    },
  },
  {
    name: 'millis',
    signature: '<:n>',
    impl: (rt) => rt.now,
  },
  // $random and $shuffle draw from the engine's random source, so a seeded engine repeats them.
  {
    name: 'random',
    signature: '<:n>',
    impl: (rt) => rt.random(),
  },
  {
    name: 'shuffle',
    signature: '<a:a>',
    impl(rt, value) {
      if (!Array.isArray(value) || value.length <= 1) return value;
      const out = value.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(rt.random() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  },
];

/** Stands in for `$eval` unless the host allows it. */
export const disabledEval: SafeBuiltin = {
  name: 'eval',
  signature: '<sx?:x>',
  impl() {
    throw new ExpressionError(
      'EXPRESSION_DISABLED',
      '$eval is turned off: expressions may not evaluate text as an expression. The host can allow it with allowEval.',
    );
  },
};
