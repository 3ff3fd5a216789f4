import { describe, expect, test } from 'vitest';
import { validateExpression } from './validate-expression.js';

const workflow = { nodes: [{ name: 'Fetch orders' }, { name: 'Config' }] } as never;

describe('validateExpression finds problems without evaluating', () => {
  test('a valid template has no issues', async () => {
    expect(
      await validateExpression('Hi {{ $uppercase($json.name) }}, total {{ $sum($node("Fetch orders").all.json.total) }}', { workflow }),
    ).toEqual([]);
  });

  test('text without {{ }} has no issues', async () => {
    expect(await validateExpression('plain $text (with brackets')).toEqual([]);
  });

  test('a syntax error points into the parameter', async () => {
    const [issue] = await validateExpression('Hi {{ $json.a + }}');
    expect(issue).toMatchObject({ severity: 'error', code: 'syntax' });
    expect(issue!.start).toBeGreaterThanOrEqual(6);
    expect(issue!.end).toBeLessThanOrEqual(18);
  });

  test('an unclosed {{ is reported at the braces', async () => {
    expect(await validateExpression('a {{ $json.x')).toEqual([expect.objectContaining({ code: 'syntax', start: 2, end: 4 })]);
  });

  test('an unknown function is an error over its name', async () => {
    const source = '{{ $slugfy($json.title) }}';
    const [issue] = await validateExpression(source);
    expect(issue).toMatchObject({ severity: 'error', code: 'unknown-function', message: 'Unknown function $slugfy.' });
    expect(source.slice(issue!.start, issue!.end)).toBe('$slugfy');
  });

  test('an unknown node name is an error when the workflow is given', async () => {
    const source = '{{ $node("Fetch order").json.total }}';
    const [issue] = await validateExpression(source, { workflow });
    expect(issue).toMatchObject({ code: 'unknown-node', message: "There is no node named 'Fetch order' in this workflow." });
    expect(source.slice(issue!.start, issue!.end)).toBe('"Fetch order"');
    expect(await validateExpression(source)).toEqual([]);
  });

  test('an unknown variable is a warning; variables the expression binds are known', async () => {
    expect(await validateExpression('{{ $nope + 1 }}')).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'unknown-variable' }),
    ]);
    expect(await validateExpression('{{ ($x := 1; $map([1], function($v, $i) { $v + $x + $i })) }}')).toEqual([]);
    expect(await validateExpression('{{ $input.all#$i.json }}')).toEqual([]);
  });

  test('regular expressions the linear-time engine cannot run are errors', async () => {
    expect(await validateExpression('{{ $match($json.s, /(a)\\1/) }}')).toEqual([expect.objectContaining({ code: 'unsupported-regex' })]);
    expect(await validateExpression('{{ $match($json.s, /(?=a)/) }}')).toEqual([expect.objectContaining({ code: 'unsupported-regex' })]);
  });

  test('.length and $eval are flagged, $now() is $now', async () => {
    expect(await validateExpression('{{ $now() }}')).toEqual([]);
    expect(await validateExpression('{{ $json.name.length }}')).toEqual([
      expect.objectContaining({ code: 'method-call', start: 14, end: 20 }),
    ]);
    expect(await validateExpression('{{ $eval("1") }}')).toEqual([expect.objectContaining({ code: 'unknown-function' })]);
  });

  test('JavaScript method calls get a hint naming the function to use', async () => {
    const source = '{{ $json.name.toUpperCase() }}';
    const [issue] = await validateExpression(source);
    expect(issue).toMatchObject({ code: 'method-call', message: expect.stringContaining('$uppercase(x)') });
    expect(source.slice(issue!.start, issue!.end)).toBe('.toUpperCase');
    expect(await validateExpression('{{ $json.email.extractDomain() }}')).toEqual([
      expect.objectContaining({ code: 'method-call', message: expect.stringContaining('$extractDomain(x)') }),
    ]);
    expect(await validateExpression('{{ $input.all() }}')).toEqual([
      expect.objectContaining({ message: expect.stringContaining('no parentheses') }),
    ]);
  });

  test('an empty {{ }} is an error', async () => {
    expect(await validateExpression('x {{  }} y')).toEqual([expect.objectContaining({ code: 'syntax', start: 2, end: 8 })]);
  });

  test('expression mode checks the whole text as one expression', async () => {
    expect(await validateExpression('$json.a +', { mode: 'expression' })).toEqual([expect.objectContaining({ code: 'syntax' })]);
    expect(await validateExpression('$json.a + 1', { mode: 'expression' })).toEqual([]);
  });
});
