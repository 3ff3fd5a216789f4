import type { ExpressionScope } from '../expression/resolver.js';
import { makeExpressionScope } from './expression-scope.js';

/**
 * Abuse attempts through expressions, each with its safe outcome: the same
 * table runs in Node (`expression/security.test.ts`) and in Chromium
 * (`expression/security.chromium-test.ts`), against the compiled path.
 */

/** Small budgets keep the table fast; the defaults are larger but work the same way. */
export const EXPRESSION_SECURITY_BUDGETS = {
  timeoutMs: 300,
  maxDepth: 300,
  maxSequence: 10_000,
  maxStringLength: 100_000,
  maxValueSize: 200_000,
} as const;

export type ExpressionSecurityRow = [name: string, template: string, outcome: { code: string } | { value: unknown }, scope?: 'deep'];

/** The scope a row runs in: item data holding template text, or (`deep`) data nested 5,000 levels. */
export function expressionSecurityScope(which?: 'deep'): ExpressionScope {
  if (which === 'deep') {
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) deep = { d: deep };
    return makeExpressionScope({ items: [{ json: { deep } }] });
  }
  return makeExpressionScope({ items: [{ json: { text: "{{ $eval('1 + 1') }}", code: '$uppercase("x")' } }] });
}

export const expressionSecurityRows: ExpressionSecurityRow[] = [
  ['$lookup reaches no constructor', "{{ $lookup($, 'constructor') }}", { value: undefined }],
  ['a path reaches no constructor', '{{ $json.constructor }}', { value: undefined }],
  ['no Function constructor to call', '{{ $json.constructor.constructor("return process")() }}', { code: 'EXPRESSION_SYNTAX' }],
  ['a function value is not a result', '{{ $uppercase }}', { code: 'EXPRESSION_ERROR' }],
  ['a function prints as nothing, not its source', '{{ $string($sum) }}', { value: '' }],
  ['a function has no constructor', '{{ $sum.constructor }}', { value: undefined }],
  ['__proto__ is not readable', '{{ $json.__proto__ }}', { value: undefined }],
  ['no globals are bound', '{{ [$globalThis, $process, $window, $require] }}', { value: [] }],
  ['$env is only what the host exposed', '{{ $env.PATH }}', { value: undefined }],
  [
    'an output __proto__ key stays a field',
    '{{ {"__proto__": {"polluted": true}} }}',
    { value: JSON.parse('{"__proto__":{"polluted":true}}') },
  ],
  [
    '$merge keeps __proto__ a field',
    '{{ $merge([{"__proto__": {"polluted": 1}}]) }}',
    { value: JSON.parse('{"__proto__":{"polluted":1}}') },
  ],
  [
    '$deepMerge keeps __proto__ a field',
    '{{ $deepMerge({}, {"__proto__": {"polluted": 1}}) }}',
    { value: JSON.parse('{"__proto__":{"polluted":1}}') },
  ],
  [
    '$fromEntries keeps __proto__ a field',
    '{{ $fromEntries([["__proto__", {"polluted": 1}]]) }}',
    { value: JSON.parse('{"__proto__":{"polluted":1}}') },
  ],
  ['$eval is off', '{{ $eval("1 + 1") }}', { code: 'EXPRESSION_DISABLED' }],
  ['$eval through a variable is off', '{{ ($e := $eval; $e("$eval(\'1\')")) }}', { code: 'EXPRESSION_DISABLED' }],
  ['infinite tail recursion hits the time budget', '{{ ($f := function($n) { $f($n + 1) }; $f(0)) }}', { code: 'EXPRESSION_BUDGET' }],
  [
    'infinite non-tail recursion hits the depth budget',
    '{{ ($f := function($n) { 1 + $f($n + 1) }; $f(0)) }}',
    { code: 'EXPRESSION_BUDGET' },
  ],
  [
    'an endless $reduce loop over a huge range is refused',
    '{{ $reduce([1..1e9], function($a, $v) { $a + $v }) }}',
    { code: 'EXPRESSION_BUDGET' },
  ],
  ['a huge range is refused', '{{ [1..1e9] }}', { code: 'EXPRESSION_BUDGET' }],
  ['a range over the sequence budget is refused', '{{ $count([1..20000]) }}', { code: 'EXPRESSION_BUDGET' }],
  ['$range over the budget is refused', '{{ $range(0, 1e9) }}', { code: 'EXPRESSION_BUDGET' }],
  ['a catastrophic regex runs in linear time', '{{ $match($pad("", -5000, "a") & "!", /^(a+)+$/) }}', { value: undefined }],
  [
    'a catastrophic regex in $replace runs in linear time',
    '{{ $replace($pad("", -5000, "a") & "!", /(a|aa)+$/, "") }}',
    { value: 'a'.repeat(5000) + '!' },
  ],
  ['backreferences are a clear syntax error', '{{ $match("aa", /(a)\\1/) }}', { code: 'EXPRESSION_SYNTAX' }],
  ['a $pad bomb is refused', '{{ $pad("x", 200000000) }}', { code: 'EXPRESSION_BUDGET' }],
  ['a $join bomb is refused', '{{ $join([1..5000].$pad("x", 50)) }}', { code: 'EXPRESSION_BUDGET' }],
  ['$repeat past the limit is refused', '{{ $repeat("ab", 1e9) }}', { code: 'EXPRESSION_BUDGET' }],
  ['doubling a string with & is stopped', '{{ $reduce([1..40], function($acc, $v) { $acc & $acc }, "x") }}', { code: 'EXPRESSION_BUDGET' }],
  [
    'doubling a shared object is stopped',
    '{{ $reduce([1..60], function($acc, $v) { {"a": $acc, "b": $acc} }, {}) }}',
    { code: 'EXPRESSION_BUDGET' },
  ],
  [
    'doubling an array with $append is stopped',
    '{{ $reduce([1..60], function($acc, $v) { $append($acc, $acc) }, [1]) }}',
    { code: 'EXPRESSION_BUDGET' },
  ],
  [
    'doubling a nested array with $zip is stopped',
    '{{ $reduce([1..60], function($acc, $v) { $zip($acc, $acc) }, [1]) }}',
    { code: 'EXPRESSION_BUDGET' },
  ],
  [
    'comparing a value shared many times over is stopped by the size budget',
    '{{ $reduce([1..60], function($acc, $v) { ($next := [$acc, $acc]; $next = $next ? $next : $acc) }, [1]) }}',
    { code: 'EXPRESSION_BUDGET' },
  ],
  ['$string of a huge value is refused', '{{ $string([1..9000].{"k": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}) }}', { code: 'EXPRESSION_BUDGET' }],
  ['data nested too deeply is refused', '{{ $string($json.deep) }}', { code: 'EXPRESSION_BUDGET' }, 'deep'],
  ['{{ }} inside item data is text', '{{ $json.text }}', { value: "{{ $eval('1 + 1') }}" }],
  ['{{ }} inside item data stays text in a template', 'Got: {{ $json.text }}', { value: "Got: {{ $eval('1 + 1') }}" }],
  ['an expression held in data is not run', '{{ $json.code }}', { value: '$uppercase("x")' }],
];

/** What is wrong with a row's outcome (nothing: an empty list). Errors must carry the row's code and a message. */
export async function expressionSecurityProblems(
  resolver: { evaluateTemplate(template: string, scope: ExpressionScope): unknown },
  row: ExpressionSecurityRow,
): Promise<string[]> {
  const [, template, outcome, which] = row;
  let value: unknown;
  let error: unknown;
  let failed = false;
  try {
    value = await resolver.evaluateTemplate(template, expressionSecurityScope(which));
  } catch (e) {
    failed = true;
    error = e;
  }
  const problems: string[] = [];
  if ('code' in outcome) {
    if (!failed) return [`expected the error ${outcome.code}, got ${JSON.stringify(value)}`];
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (code !== outcome.code) problems.push(`expected the error ${outcome.code}, got ${String(code)}: ${String(message)}`);
    if (typeof message !== 'string' || message.length <= 10) problems.push(`the error's message says too little: ${String(message)}`);
    return problems;
  }
  if (failed) return [`expected a value, got the error ${String((error as { message?: unknown }).message)}`];
  if (JSON.stringify(value) !== JSON.stringify(outcome.value) || (value === undefined) !== (outcome.value === undefined)) {
    problems.push(`expected ${JSON.stringify(outcome.value)}, got ${JSON.stringify(value)}`);
  }
  if (typeof value === 'object' && value !== null) {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== (Array.isArray(value) ? Array.prototype : Object.prototype)) problems.push('the value has a prototype of its own');
  }
  return problems;
}

/** The own names of the built-in prototypes, to check that no expression changed them. */
export function builtinPrototypeNames(): string {
  return JSON.stringify([Object.prototype, Array.prototype, Function.prototype].map((p) => Object.getOwnPropertyNames(p).sort()));
}
