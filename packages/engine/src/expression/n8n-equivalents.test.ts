import { expect, test } from 'vitest';
import { createExpressionResolver } from './expression-resolver.js';
import { makeExpressionScope } from '../testing/expression-scope.js';

// Rows of docs/n8n-expression-functions.md whose Flowloom side is not a single documented function.
const resolver = createExpressionResolver();
const scope = makeExpressionScope({
  items: [{ json: { s: 'a-b-a', n: [1.5, '2.5'], d: '2024-03-31T12:00:00Z', t: 'say "hi"\n\\ok', blank: ' \t ', none: null } }],
});

test.each([
  ['$replace($json.s, "a", "x", 1)', 'x-b-a'],
  ['$replace($json.s, "a", "x")', 'x-b-x'],
  ['$substring("Hello", 1, 3 - 1)', 'el'],
  ['$match("xxabc", /abc/).index', 2],
  ['$pad("7", -3, "0")', '007'],
  ['$map($json.n, $toFloat)', [1.5, 2.5]],
  ['$merge($append([{"a": 1}], [{"b": 2}]))', { a: 1, b: 2 }],
  ['$append([1], [2, 3])', [1, 2, 3]],
  ['$dateDiff("2024-03-30T12:00:00Z", $json.d, "days")', 1],
  ['$fromMillis((45000 - 25569) * 86400000)', '2023-03-15T00:00:00.000Z'],
  ['$fromMillis(1700000000 * 1000)', '2023-11-14T22:13:20.000Z'],
  ['$max([3, 8])', 8],
  ['$json.s ~> $uppercase()', 'A-B-A'],
  ['$toInt(true)', 1],
  ['$toNumber(false)', 0],
  ['$roundTo(2.5)', 3],
  ['$round(2.5)', 2],
  // String isBlank / isNotBlank / toJsonString, Date isEmpty / isNotEmpty.
  ['$isEmpty($json.blank)', true],
  ['$isNotEmpty($json.blank)', false],
  ['$isNotEmpty($json.s)', true],
  ['$substring($string([$json.t]), 1, $length($string([$json.t])) - 2)', JSON.stringify('say "hi"\n\\ok')],
  ['$isEmpty($json.d)', false],
  ['$isEmpty($json.none)', true],
  ['$isNotEmpty($json.d)', true],
] as const)('%s gives %j', async (expression, expected) => {
  expect(await resolver.evaluateTemplate(`{{ ${expression} }}`, scope)).toEqual(expected);
});
