import { afterAll, describe, expect, test } from 'vitest';
import { ExpressionError } from './expression.error.js';
import { createExpressionResolver } from './expression-resolver.js';
import { makeExpressionScope } from '../testing/expression-scope.js';
import {
  EXPRESSION_SECURITY_BUDGETS,
  builtinPrototypeNames,
  expressionSecurityProblems,
  expressionSecurityRows,
  expressionSecurityScope,
} from '../testing/expression-security-rows.js';

const resolver = createExpressionResolver({ budgets: EXPRESSION_SECURITY_BUDGETS });
const scope = expressionSecurityScope();
const prototypesBefore = builtinPrototypeNames();

describe('expressions cannot reach or hurt the host', () => {
  test.each(expressionSecurityRows)('%s: %s', async (...row) => {
    expect(await expressionSecurityProblems(resolver, row)).toEqual([]);
    const [, template, outcome, which] = row;
    // The same outcome through vitest's own comparison, and the error's class.
    const run = Promise.resolve().then(() => resolver.evaluateTemplate(template, expressionSecurityScope(which)));
    if ('code' in outcome) await expect(run).rejects.toBeInstanceOf(ExpressionError);
    else expect(await run).toEqual(outcome.value);
  });

  test('every row ran compiled, none on the interpreter', () => {
    expect(resolver.stats().interpreted).toBe(0);
    expect(resolver.stats().compiled).toBeGreaterThan(expressionSecurityRows.length / 2);
  });

  afterAll(() => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(builtinPrototypeNames()).toBe(prototypesBefore);
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
