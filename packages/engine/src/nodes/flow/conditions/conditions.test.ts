import { describe, expect, it } from 'vitest';
import type { Item } from '../../../model/item.js';
import type { Condition } from './condition-schema.js';
import { testConditions, type ConditionSite } from './evaluate-conditions.js';
import { loadRegex } from './regex.js';

const site = (options: Partial<ConditionSite['options']> = {}, regex?: ConditionSite['regex']): ConditionSite => ({
  nodeName: 'Check',
  parameter: 'conditions',
  itemIndex: 0,
  options: { ignoreCase: false, looseTypeValidation: false, ...options },
  regex,
});
const item = (json: Record<string, unknown>): Item => ({ json });
const one = (
  c: Partial<Condition> & Pick<Condition, 'operator'>,
  json: Record<string, unknown>,
  options?: Partial<ConditionSite['options']>,
) => testConditions({ conditions: [c as Condition], combinator: 'and' }, item(json), site(options));

describe('conditions builder', () => {
  it('compares strings: equals, contains, starts and ends with', () => {
    expect(one({ field: 's', operator: 'string:equals', rightValue: 'abc' }, { s: 'abc' })).toBe(true);
    expect(one({ field: 's', operator: 'string:notEquals', rightValue: 'abc' }, { s: 'abc' })).toBe(false);
    expect(one({ field: 's', operator: 'string:contains', rightValue: 'b' }, { s: 'abc' })).toBe(true);
    expect(one({ field: 's', operator: 'string:notContains', rightValue: 'z' }, { s: 'abc' })).toBe(true);
    expect(one({ field: 's', operator: 'string:startsWith', rightValue: 'ab' }, { s: 'abc' })).toBe(true);
    expect(one({ field: 's', operator: 'string:endsWith', rightValue: 'bc' }, { s: 'abc' })).toBe(true);
    expect(one({ field: 's', operator: 'string:empty' }, { s: '' })).toBe(true);
    expect(one({ field: 's', operator: 'string:notEmpty' }, { s: 'x' })).toBe(true);
  });

  it('ignores case when asked', () => {
    expect(one({ field: 's', operator: 'string:equals', rightValue: 'ABC' }, { s: 'abc' })).toBe(false);
    expect(one({ field: 's', operator: 'string:equals', rightValue: 'ABC' }, { s: 'abc' }, { ignoreCase: true })).toBe(true);
    expect(one({ field: 'a', operator: 'array:contains', rightValue: 'X' }, { a: ['x'] }, { ignoreCase: true })).toBe(true);
  });

  it('matches regular expressions on a linear-time engine, with /pattern/flags', async () => {
    const regex = await loadRegex();
    const test = (pattern: string, s: string) =>
      testConditions(
        { conditions: [{ field: 's', operator: 'string:regex', rightValue: pattern }], combinator: 'and' },
        item({ s }),
        site({}, regex),
      );
    expect(test('^a\\d+$', 'a123')).toBe(true);
    expect(test('/^A/i', 'abc')).toBe(true);
    expect(test('(a+)+$', `${'a'.repeat(5000)}!`)).toBe(false);
  });

  it('compares numbers, including ranges', () => {
    expect(one({ field: 'n', operator: 'number:gt', rightValue: 50 }, { n: 51 })).toBe(true);
    expect(one({ field: 'n', operator: 'number:gte', rightValue: 50 }, { n: 50 })).toBe(true);
    expect(one({ field: 'n', operator: 'number:lt', rightValue: 50 }, { n: 50 })).toBe(false);
    expect(one({ field: 'n', operator: 'number:lte', rightValue: 50 }, { n: 50 })).toBe(true);
    expect(one({ field: 'n', operator: 'number:equals', rightValue: 2 }, { n: 2 })).toBe(true);
    expect(one({ field: 'n', operator: 'number:between', rightValue: 1, rightValue2: 3 }, { n: 3 })).toBe(true);
    expect(one({ field: 'n', operator: 'number:notBetween', rightValue: 1, rightValue2: 3 }, { n: 4 })).toBe(true);
  });

  it('tests booleans, dates, arrays, objects and any value', () => {
    expect(one({ field: 'b', operator: 'boolean:true' }, { b: true })).toBe(true);
    expect(one({ field: 'b', operator: 'boolean:false' }, { b: true })).toBe(false);
    expect(one({ field: 'd', operator: 'date:after', rightValue: '2024-01-01' }, { d: '2024-06-01T10:00:00Z' })).toBe(true);
    expect(one({ field: 'd', operator: 'date:before', rightValue: '2024-01-01' }, { d: '2024-06-01' })).toBe(false);
    expect(one({ field: 'd', operator: 'date:between', rightValue: '2024-01-01', rightValue2: '2024-12-31' }, { d: '2024-06-01' })).toBe(
      true,
    );
    expect(one({ field: 'a', operator: 'array:contains', rightValue: { id: 1 } }, { a: [{ id: 1 }] })).toBe(true);
    expect(one({ field: 'a', operator: 'array:lengthGt', rightValue: 1 }, { a: [1, 2] })).toBe(true);
    expect(one({ field: 'a', operator: 'array:empty' }, { a: [] })).toBe(true);
    expect(one({ field: 'o', operator: 'object:notEmpty' }, { o: { k: 1 } })).toBe(true);
    expect(one({ field: 'x', operator: 'any:exists' }, { x: 0 })).toBe(true);
    expect(one({ field: 'x', operator: 'any:notExists' }, {})).toBe(true);
    expect(one({ field: 'x', operator: 'any:isNull' }, { x: null })).toBe(true);
    expect(one({ leftValue: { a: [1] }, operator: 'any:equals', rightValue: { a: [1] } }, {})).toBe(true);
  });

  it('reads nested fields by dot path', () => {
    expect(
      one({ field: 'customer.address.city', operator: 'string:equals', rightValue: 'Oslo' }, { customer: { address: { city: 'Oslo' } } }),
    ).toBe(true);
  });

  it('combines with AND and OR; an empty list passes', () => {
    const conditions: Condition[] = [
      { field: 'n', operator: 'number:gt', rightValue: 5 },
      { field: 's', operator: 'string:equals', rightValue: 'x' },
    ];
    expect(testConditions({ conditions, combinator: 'and' }, item({ n: 6, s: 'y' }), site())).toBe(false);
    expect(testConditions({ conditions, combinator: 'or' }, item({ n: 6, s: 'y' }), site())).toBe(true);
    expect(testConditions({ conditions: [], combinator: 'or' }, item({}), site())).toBe(true);
  });

  it('fails positive operators and passes negated ones when the value is missing', () => {
    expect(one({ field: 'n', operator: 'number:gt', rightValue: 5 }, {})).toBe(false);
    expect(one({ field: 's', operator: 'string:notContains', rightValue: 'x' }, {})).toBe(true);
  });

  it('refuses a value of the wrong type with an error naming the parameter, unless loose', () => {
    expect(() => one({ field: 'n', operator: 'number:gt', rightValue: 5 }, { n: '7' })).toThrow(
      /Node 'Check': parameter 'conditions\[0\]\.field' holds the text "7", which is not a number; turn on 'Loose Type Validation'/,
    );
    expect(one({ field: 'n', operator: 'number:gt', rightValue: 5 }, { n: '7' }, { looseTypeValidation: true })).toBe(true);
    expect(one({ field: 'b', operator: 'boolean:true' }, { b: 'true' }, { looseTypeValidation: true })).toBe(true);
    expect(() => one({ field: 'n', operator: 'number:gt', rightValue: 'lots' }, { n: 1 }, { looseTypeValidation: true })).toThrow(
      /parameter 'conditions\[0\]\.rightValue' holds the text "lots", which is not a number/,
    );
    expect(() => one({ field: 'n', operator: 'number:gt' }, { n: 1 })).toThrow(/parameter 'conditions\[0\]\.rightValue' needs a value/);
  });
});
