import { describe, expect, it } from 'vitest';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { summarizeNode } from './summarize.js';

const sales = [
  { region: 'north', rep: 'ann', amount: 10, sku: 'a' },
  { region: 'south', rep: 'bob', amount: 5, sku: 'a' },
  { region: 'north', rep: 'cy', amount: 30, sku: 'b' },
  { region: 'north', rep: 'ann', amount: 20, sku: 'a' },
];
const all = (field: string, aggregation: string, extra: Record<string, unknown> = {}) => ({ aggregation, field, ...extra });

describe('Summarize', () => {
  it('computes every aggregation over all items', async () => {
    const { json } = await tryNode(
      'core.summarize',
      {
        fieldsToSummarize: [
          all('amount', 'sum'),
          all('amount', 'average'),
          all('amount', 'min'),
          all('amount', 'max'),
          all('rep', 'count'),
          all('rep', 'countUnique'),
          all('rep', 'concatenate', { separator: '|' }),
          all('sku', 'append'),
        ],
      },
      sales,
    );
    expect(json).toEqual([
      {
        sum_amount: 65,
        average_amount: 16.25,
        min_amount: 5,
        max_amount: 30,
        count_rep: 4,
        countUnique_rep: 3,
        concatenate_rep: 'ann|bob|cy|ann',
        append_sku: ['a', 'a', 'b', 'a'],
      },
    ]);
  });

  it('groups by one or more fields, in order of first appearance', async () => {
    const one = await tryNode('core.summarize', { groupBy: 'region', fieldsToSummarize: [all('amount', 'sum')] }, sales);
    expect(one.json).toEqual([
      { region: 'north', sum_amount: 60 },
      { region: 'south', sum_amount: 5 },
    ]);
    const two = await tryNode(
      'core.summarize',
      { groupBy: ['region', 'rep'], fieldsToSummarize: [all('amount', 'sum', { outputField: 'total' })] },
      sales,
    );
    expect(two.json).toEqual([
      { region: 'north', rep: 'ann', total: 30 },
      { region: 'south', rep: 'bob', total: 5 },
      { region: 'north', rep: 'cy', total: 30 },
    ]);
  });

  it('skips null and empty values unless asked to count them', async () => {
    const rows = [{ v: 'x' }, { v: null }, { v: '' }, {}];
    expect((await tryNode('core.summarize', { fieldsToSummarize: [all('v', 'count')] }, rows)).json[0]).toEqual({ count_v: 1 });
    expect((await tryNode('core.summarize', { fieldsToSummarize: [all('v', 'count', { includeEmpty: true })] }, rows)).json[0]).toEqual({
      count_v: 3,
    });
  });

  it('names the field and item when a sum meets text that is not a number', async () => {
    const { error } = await tryNode('core.summarize', { fieldsToSummarize: [all('amount', 'sum')] }, [{ amount: 1 }, { amount: 'lots' }]);
    expect(error?.message).toMatch(
      /parameter 'fieldsToSummarize\[0\]\.field' \('amount'\) holds the text "lots", which is not a number; sum needs numbers \(item 1\)/,
    );
  });

  it('names the field when no item has it, unless told to continue', async () => {
    const { error } = await tryNode('core.summarize', { fieldsToSummarize: [all('price', 'sum')] }, sales);
    expect(error?.message).toMatch(/parameter 'fieldsToSummarize\[0\]\.field' names 'price', which no input item has/);
    const ok = await tryNode('core.summarize', { continueIfFieldNotFound: true, fieldsToSummarize: [all('price', 'sum')] }, sales);
    expect(ok.json).toEqual([{ sum_price: 0 }]);
  });

  it('refuses an empty list of fields to summarize before running', async () => {
    await expect(tryNode('core.summarize', { fieldsToSummarize: [] }, sales)).rejects.toThrow(/parameter 'fieldsToSummarize'/);
  });

  it('outputs nothing for empty input', async () => {
    expect(await callNode(summarizeNode, { fieldsToSummarize: [all('a', 'sum')] }, { main: [] })).toEqual({ main: [] });
  });
});
