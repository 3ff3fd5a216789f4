import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ExpressionError } from './expression.error.js';
import { createExpressionResolver } from './expression-resolver.js';
import { makeExpressionScope } from '../testing/expression-scope.js';

const resolver = createExpressionResolver();
const items = [
  {
    json: {
      name: 'Ana',
      first: 'ana',
      age: 31,
      price: 9.5,
      qty: 3,
      active: true,
      tags: ['a', 'b'],
      address: { city: 'Lyon' },
      'full name': 'Ana Lima',
      nothing: null,
    },
    binary: { file: { mimeType: 'application/pdf', fileName: 'invoice.pdf' } },
  },
  { json: { name: 'Bo', age: 45, price: 20, qty: 1 } },
  { json: { name: 'Cy', age: 27, price: 5, qty: 10 } },
];
const scope = makeExpressionScope({
  items,
  itemIndex: 0,
  outputs: {
    'Fetch orders': [{ json: { total: 100, id: 'o-1' } }, { json: { total: 50, id: 'o-2' } }],
    Settings: [{ json: { rate: 1.2 } }],
  },
  nodes: ['Fetch orders', 'Settings', 'Later', 'Current'],
  vars: { apiBase: 'https://api.example.com', limit: 10, beta: true, plan: { tier: 'pro' } },
  env: { region: 'eu-west' },
  timezone: 'Europe/Paris',
  now: Date.UTC(2024, 2, 31, 23, 30, 0),
});
const second = makeExpressionScope({
  items,
  itemIndex: 1,
  outputs: { 'Fetch orders': [{ json: { total: 100 } }, { json: { total: 50 } }], Settings: [{ json: { rate: 1.2 } }] },
});

type Case = [template: string, expected: unknown];

const cases: Record<string, Case[]> = {
  'a string without {{ is returned as written': [
    ['plain text', 'plain text'],
    ['', ''],
    ['{ single braces }', '{ single braces }'],
    ['100%', '100%'],
  ],
  'a single expression keeps its type': [
    ['{{ $json.age }}', 31],
    ['{{ $json.price * $json.qty }}', 28.5],
    ['{{ $json.active }}', true],
    ['{{ $json.tags }}', ['a', 'b']],
    ['{{ $json.address }}', { city: 'Lyon' }],
    ['{{ $json.nothing }}', null],
    ['{{ $json.missing }}', undefined],
    ['{{ 1 = 1 }}', true],
    ['{{ "text" }}', 'text'],
    ['{{ [1, 2, 3] }}', [1, 2, 3]],
    ['{{ {"a": 1} }}', { a: 1 }],
    ['{{ [] }}', []],
    ['{{ 0 }}', 0],
    ['{{$json.age}}', 31],
    ['{{   $json.age   }}', 31],
  ],
  'templates join their parts as text': [
    ['Hello {{ $json.name }}!', 'Hello Ana!'],
    ['{{ $json.name }} is {{ $json.age }}', 'Ana is 31'],
    ['Total: {{ $json.price * $json.qty }} EUR', 'Total: 28.5 EUR'],
    ['Tags: {{ $json.tags }}', 'Tags: ["a","b"]'],
    ['Address: {{ $json.address }}', 'Address: {"city":"Lyon"}'],
    ['[{{ $json.missing }}]', '[]'],
    ['[{{ $json.nothing }}]', '[null]'],
    ['{{ $json.active }}/{{ $json.age > 30 }}', 'true/true'],
    [' {{ $json.age }}', ' 31'],
    ['{{ $json.age }} ', '31 '],
    ['{{ $json.name }}{{ $json.age }}', 'Ana31'],
    ['a{{ "}}" }}b', 'a}}b'],
    ['{{ "{{" }}', '{{'],
    ['{{ {"k": "v"}.k }}', 'v'],
    ['line1\n{{ $json.name }}', 'line1\nAna'],
  ],
  escapes: [
    ['\\{{ not an expression }}', '{{ not an expression }}'],
    ['a \\{{ b }} c \\{{ d', 'a {{ b }} c {{ d'],
    ['\\{{ literal }} and {{ $json.name }}', '{{ literal }} and Ana'],
    ['{{ $json.name }} \\{{ x }}', 'Ana {{ x }}'],
    ['{{ "a\\"b" }}', 'a"b'],
  ],
  'field access': [
    ['{{ $json["full name"] }}', 'Ana Lima'],
    ["{{ $json['full name'] }}", 'Ana Lima'],
    ['{{ $json.`full name` }}', 'Ana Lima'],
    ['{{ $json["address"]["city"] }}', 'Lyon'],
    ['{{ $json.tags[1] }}', 'b'],
    ['{{ $json.tags[-1] }}', 'b'],
    ['{{ name }}', 'Ana'],
    ['{{ address.city }}', 'Lyon'],
    ['{{ $json.tags[$ = "b"] }}', 'b'],
  ],
  bindings: [
    ['{{ $binary.file.fileName }}', 'invoice.pdf'],
    ['{{ $input.all.json.name }}', ['Ana', 'Bo', 'Cy']],
    ['{{ $count($input.all) }}', 3],
    ['{{ $input.first.json.name }}', 'Ana'],
    ['{{ $input.last.json.name }}', 'Cy'],
    ['{{ $input.item.json.name }}', 'Ana'],
    ['{{ $sum($input.all.json.(price * qty)) }}', 98.5],
    ['{{ $input.all[json.age > 30].json.name }}', ['Ana', 'Bo']],
    ['{{ $node("Fetch orders").json.total }}', 100],
    ['{{ $node("Fetch orders").first.json.id }}', 'o-1'],
    ['{{ $node("Fetch orders").last.json.id }}', 'o-2'],
    ['{{ $node("Fetch orders").all.json.total }}', [100, 50]],
    ['{{ $sum($node("Fetch orders").all.json.total) }}', 150],
    ['{{ $node("Settings").json.rate * $json.price }}', 11.4],
    ['{{ $vars.apiBase }}/orders', 'https://api.example.com/orders'],
    ['{{ $vars.limit + 1 }}', 11],
    ['{{ $vars.beta }}', true],
    ['{{ $vars.plan.tier }}', 'pro'],
    ['{{ $vars.missing }}', undefined],
    ['{{ $env.region }}', 'eu-west'],
    ['{{ $execution.id }}', 'ex-1'],
    ['{{ $execution.mode }}', 'manual'],
    ['{{ $workflow.id }}', 'wf-1'],
    ['{{ $workflow.name }}', 'Orders'],
    ['{{ $itemIndex }}', 0],
    ['{{ $runIndex }}', 0],
    ['{{ $now }}', '2024-03-31T23:30:00.000Z'],
    ['{{ $today }}', '2024-04-01'],
    ['{{ $millis() }}', Date.UTC(2024, 2, 31, 23, 30, 0)],
    ['{{ $formatDate($now, "yyyy-MM-dd HH:mm") }}', '2024-04-01 01:30'],
    ['{{ $formatDate($now, "HH:mm", "UTC") }}', '23:30'],
    ['{{ $dateAdd($today, 1, "day") }}', '2024-04-02T00:00:00.000+02:00'],
  ],
  'JSONata at work': [
    ['{{ $json.age > 30 ? "senior" : "junior" }}', 'senior'],
    ['{{ $uppercase($json.name) }}', 'ANA'],
    ['{{ $json.name & " " & $json.age }}', 'Ana 31'],
    ['{{ ($x := 2; $x * $json.qty) }}', 6],
    ['{{ $map($json.tags, function($t) { $uppercase($t) }) }}', ['A', 'B']],
    ['{{ $json.tags ~> $join(",") }}', 'a,b'],
    ['{{ $input.all.json{ name: age } }}', { Ana: 31, Bo: 45, Cy: 27 }],
    ['{{ $input.all.json^(>age).name }}', ['Bo', 'Ana', 'Cy']],
    ['{{ $ifEmpty($json.missing, "n/a") }}', 'n/a'],
    ['{{ $coalesce($json.nothing, $json.name) }}', 'Ana'],
    ['{{ $exists($json.missing) }}', false],
    ['{{ $type($json.tags) }}', 'array'],
    ['{{ /* a comment */ $json.age }}', 31],
  ],
};

describe('evaluation', () => {
  for (const [group, rows] of Object.entries(cases)) {
    describe(group, () => {
      test.each(rows)('%j gives %j', async (template, expected) => {
        expect(await resolver.evaluateTemplate(template, scope)).toEqual(expected);
      });
    });
  }

  test('$node(…).json follows the current item index, and $itemIndex too', async () => {
    expect(await resolver.evaluateTemplate('{{ $node("Fetch orders").json.total }}', second)).toBe(50);
    expect(await resolver.evaluateTemplate('{{ $node("Settings").json.rate }}', second)).toBe(1.2);
    expect(await resolver.evaluateTemplate('{{ $itemIndex }}: {{ $json.name }}', second)).toBe('1: Bo');
  });

  test('an invalid workflow time zone is a clear error', () => {
    const bad = makeExpressionScope({ timezone: 'Mars/Olympus' });
    expect(() => resolver.evaluateTemplate('{{ $today }}', bad)).toThrow(
      "The workflow's time zone 'Mars/Olympus' is not a valid IANA time zone",
    );
  });

  test('results are plain objects and arrays', async () => {
    const value = (await resolver.evaluateTemplate('{{ {"a": [1, {"b": 2}]} }}', scope)) as { a: unknown[] };
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(value.a)).toBe(Array.prototype);
    expect(Object.getPrototypeOf(value.a[1])).toBe(Object.prototype);
  });

  test('pure data references answer synchronously', () => {
    expect(resolver.evaluateTemplate('Hi {{ $json.name }} from {{ $json.address.city }}', scope)).toBe('Hi Ana from Lyon');
  });
});

type ErrorCase = [template: string, code: string, position: number, message: RegExp];
const errors: ErrorCase[] = [
  ['{{ $json.name', 'EXPRESSION_SYNTAX', 0, /Unclosed '\{\{' at character 1/],
  ['Hi {{ $json.name', 'EXPRESSION_SYNTAX', 3, /Unclosed/],
  ['{{ $json.name +  }}', 'EXPRESSION_SYNTAX', 17, /./],
  ['ab {{ (1 + }}', 'EXPRESSION_SYNTAX', 11, /./],
  ['{{ $node("Nope").json.x }}', 'EXPRESSION_REFERENCE', 3, /There is no node named 'Nope'/],
  ['x {{ $node("Later").json.x }}', 'EXPRESSION_REFERENCE', 5, /Node 'Later' has not run yet/],
  ['{{ $uppercase($node("Nope").json) }}', 'EXPRESSION_REFERENCE', 20, /no node named 'Nope'/],
  ['{{ $json.name.length }}', 'EXPRESSION_SYNTAX', 14, /\$length\(x\) for the length of a text or \$count\(x\) for a list/],
  ['{{ $unknownFn(1) }}', 'EXPRESSION_ERROR', 14, /Cannot call 'unknownFn': it is not a function/],
  ['{{ $toNumber("abc") }}', 'EXPRESSION_ERROR', 13, /\$toNumber: the text "abc" is not a number/],
  ['{{ $dateAdd("not a date", 1, "day") }}', 'EXPRESSION_ERROR', 12, /is not a date/],
  ['{{ $dateAdd($now, 1, "fortnight") }}', 'EXPRESSION_ERROR', 12, /unknown unit "fortnight"/],
  ['{{ $formatDate($now, "yyyy", "Mars/Olympus") }}', 'EXPRESSION_ERROR', 15, /unknown time zone/],
  ['{{ $error("custom stop") }}', 'EXPRESSION_ERROR', 10, /custom stop/],
  ['{{ $uppercase }}', 'EXPRESSION_ERROR', 3, /gives a function/],
  ['{{ }}', 'EXPRESSION_SYNTAX', 3, /is empty/],
  ['{{ $json.name.toUpperCase() }}', 'EXPRESSION_SYNTAX', 13, /\.toUpperCase\(\) is JavaScript method syntax.*\$uppercase\(x\)/],
  ['a {{ $json.email.extractDomain() }}', 'EXPRESSION_SYNTAX', 16, /\$extractDomain\(x\)/],
];

describe('errors name the problem and where it is', () => {
  test.each(errors)('%j fails with %s at character %i', async (template, code, position, message) => {
    const error = await Promise.resolve()
      .then(() => resolver.evaluateTemplate(template, scope))
      .then(
        (v) => {
          throw new Error(`no error, got ${JSON.stringify(v)}`);
        },
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toMatchObject({ code, position });
    expect((error as Error).message).toMatch(message);
  });
});

describe('resolving parameters', () => {
  test('templates anywhere in the parameters are resolved; everything else is kept', async () => {
    const params = {
      url: '{{ $vars.apiBase }}/users/{{ $json.name }}',
      method: 'GET',
      retries: 3,
      headers: [{ name: 'X-Age', value: '{{ $json.age }}' }],
      body: { static: { deep: true }, total: '{{ $json.price * $json.qty }}' },
    };
    expect(await resolver.resolve(params, scope)).toEqual({
      url: 'https://api.example.com/users/Ana',
      method: 'GET',
      retries: 3,
      headers: [{ name: 'X-Age', value: 31 }],
      body: { static: { deep: true }, total: 28.5 },
    });
  });

  test('a parameter error names the parameter path', async () => {
    const error = await Promise.resolve()
      .then(() => resolver.resolve({ body: { items: ['ok', '{{ $node("Nope").json }}'] } }, scope))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'EXPRESSION_REFERENCE', parameter: 'body.items.1', position: 3 });
  });

  test('parameters that are only data references resolve synchronously', () => {
    expect(resolver.resolve({ a: '{{ $json.name }}', b: 'x' }, scope)).toEqual({ a: 'Ana', b: 'x' });
  });

  test("given a node type's schema, parameters it marks noExpression stay as written", () => {
    const properties = z.object({
      code: z.string().meta({ noExpression: true }),
      options: z.object({ pattern: z.string().optional().meta({ noExpression: true }), title: z.string() }),
    });
    const params = { code: '{{ $json.name }}', options: { pattern: '\\{{ x }}', title: '{{ $json.name }}' } };
    expect(resolver.resolve(params, scope, properties)).toEqual({
      code: '{{ $json.name }}',
      options: { pattern: '\\{{ x }}', title: 'Ana' },
    });
  });

  test('a __proto__ parameter key stays a field', async () => {
    const params = JSON.parse('{"__proto__": {"polluted": "{{ $json.name }}"}}') as Record<string, unknown>;
    const resolved = await resolver.resolve(params, scope);
    expect(Object.getPrototypeOf(resolved)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(resolved, '__proto__')?.value).toEqual({ polluted: 'Ana' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
