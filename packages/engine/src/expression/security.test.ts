import { afterAll, describe, expect, test } from 'vitest';
import { ExpressionError } from './expression.error.js';
import { createExpressionResolver } from './expression-resolver.js';
import { makeExpressionScope } from '../testing/expression-scope.js';

// Small budgets keep the suite fast; the defaults are larger but work the same way.
const resolver = createExpressionResolver({
  budgets: { timeoutMs: 300, maxDepth: 300, maxSequence: 10_000, maxStringLength: 100_000, maxValueSize: 200_000 },
});

let deep: Record<string, unknown> = {};
for (let i = 0; i < 5000; i++) deep = { d: deep };
const scope = makeExpressionScope({
  items: [{ json: { text: "{{ $eval('1 + 1') }}", code: '$uppercase("x")' } }],
});
const deepScope = makeExpressionScope({ items: [{ json: { deep } }] });

type Row = [name: string, template: string, outcome: { code: string } | { value: unknown }, scope?: typeof scope];

const rows: Row[] = [
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
  ['data nested too deeply is refused', '{{ $string($json.deep) }}', { code: 'EXPRESSION_BUDGET' }, deepScope],
  ['{{ }} inside item data is text', '{{ $json.text }}', { value: "{{ $eval('1 + 1') }}" }],
  ['{{ }} inside item data stays text in a template', 'Got: {{ $json.text }}', { value: "Got: {{ $eval('1 + 1') }}" }],
  ['an expression held in data is not run', '{{ $json.code }}', { value: '$uppercase("x")' }],
];

const prototypesBefore = {
  object: Object.getOwnPropertyNames(Object.prototype).sort(),
  array: Object.getOwnPropertyNames(Array.prototype).sort(),
  fn: Object.getOwnPropertyNames(Function.prototype).sort(),
};

describe('expressions cannot reach or hurt the host', () => {
  test.each(rows)('%s: %s', async (_name, template, outcome, rowScope) => {
    const run = Promise.resolve().then(() => resolver.evaluateTemplate(template, rowScope ?? scope));
    if ('code' in outcome) {
      const error = await run.then(
        (value) => {
          throw new Error(`expected an error, got ${JSON.stringify(value)}`);
        },
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ExpressionError);
      expect((error as ExpressionError).code).toBe(outcome.code);
      expect((error as ExpressionError).message.length).toBeGreaterThan(10);
    } else {
      const value = await run;
      expect(value).toEqual(outcome.value);
      if (typeof value === 'object' && value !== null)
        expect(Object.getPrototypeOf(value)).toBe(Array.isArray(value) ? Array.prototype : Object.prototype);
    }
  });

  afterAll(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypesBefore.object);
    expect(Object.getOwnPropertyNames(Array.prototype).sort()).toEqual(prototypesBefore.array);
    expect(Object.getOwnPropertyNames(Function.prototype).sort()).toEqual(prototypesBefore.fn);
  });

  test('a function or class instance in $env or $vars is never reachable', async () => {
    let called = false;
    const hostScope = makeExpressionScope({
      env: { region: 'eu', fn: () => (called = true), when: new Date(0) },
      vars: { run: () => (called = true) },
    });
    await expect(Promise.resolve(resolver.evaluateTemplate('{{ $env.fn() }}', hostScope))).rejects.toMatchObject({
      code: 'EXPRESSION_SYNTAX',
    });
    await expect(Promise.resolve(resolver.evaluateTemplate('{{ $vars.run() }}', hostScope))).rejects.toMatchObject({
      code: 'EXPRESSION_SYNTAX',
    });
    expect(await resolver.evaluateTemplate('{{ $type($lookup($env, "fn")) }}', hostScope)).toBeUndefined();
    expect(await resolver.evaluateTemplate('{{ $type($env.fn) }}', hostScope)).toBeUndefined();
    expect(resolver.evaluateTemplate('{{ $env.fn }}', hostScope)).toBeUndefined();
    expect(resolver.evaluateTemplate('{{ $env.when }}', hostScope)).toBe('1970-01-01T00:00:00.000Z');
    expect(called).toBe(false);
  });

  test('the host can allow $eval, and it stays inside the budgets', async () => {
    const open = createExpressionResolver({ allowEval: true, budgets: { timeoutMs: 300 } });
    expect(await open.evaluateTemplate('{{ $eval("1 + 1") }}', scope)).toBe(2);
    await expect(
      Promise.resolve(open.evaluateTemplate('{{ $eval("($f := function($n) { $f($n + 1) }; $f(0))") }}', scope)),
    ).rejects.toMatchObject({
      code: 'EXPRESSION_BUDGET',
    });
  });
});
