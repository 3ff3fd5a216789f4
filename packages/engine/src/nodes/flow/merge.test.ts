import { describe, expect, it } from 'vitest';
import { createEngine } from '../../run/engine.js';
import { silentLogger } from '../../ports/logger.js';
import type { Item } from '../../model/item.js';
import { callNode, trialWorkflow } from '../../testing/node-test-harness.js';
import { mergeNode } from './merge.js';

const customers: Item[] = [
  { json: { id: 1, name: 'Ada', country: 'UK' } },
  { json: { id: 2, name: 'Bob', country: 'US' } },
  { json: { id: 3, name: 'Cy', country: 'UK' } },
];
const orders: Item[] = [
  { json: { customerId: 1, country: 'UK', total: 10 } },
  { json: { customerId: 1, country: 'UK', total: 20 } },
  { json: { customerId: 4, country: 'FR', total: 5 } },
];
const merge = (parameters: Record<string, unknown>, a = customers, b = orders) => callNode(mergeNode, parameters, { input1: a, input2: b });
const byFields = (joinMode: string, extra: Record<string, unknown> = {}) =>
  merge({ mode: 'combineByFields', joinMode, fields: [{ field1: 'id', field2: 'customerId' }], ...extra });

describe('Merge', () => {
  it('appends input 2 after input 1', async () => {
    const out = await merge({ mode: 'append' });
    expect(out.main).toHaveLength(6);
    expect(out.main?.[3]).toBe(orders[0]);
  });

  it('keeps only matches in an inner join, one item per match, and pairs both sources', async () => {
    const out = (await byFields('inner')).main!;
    expect(out.map((i) => [i.json.name, i.json.total])).toEqual([
      ['Ada', 10],
      ['Ada', 20],
    ]);
    expect(out[0]!.pairedItem).toEqual([
      { item: 0, input: 0 },
      { item: 0, input: 1 },
    ]);
    expect(customers[0]!.json).toEqual({ id: 1, name: 'Ada', country: 'UK' });
  });

  it('keeps every item of input 1 in a left join', async () => {
    const out = (await byFields('left', { multipleMatches: 'first' })).main!;
    expect(out.map((i) => [i.json.name, i.json.total])).toEqual([
      ['Ada', 10],
      ['Bob', undefined],
      ['Cy', undefined],
    ]);
  });

  it('keeps every item of input 2 in a right join', async () => {
    const out = (await byFields('right')).main!;
    expect(out.map((i) => i.json.total)).toEqual([10, 20, 5]);
  });

  it('keeps everything in a full outer join', async () => {
    const out = (await byFields('outer')).main!;
    expect(out).toHaveLength(5);
  });

  it('matches on several pairs of fields, and compares loosely when asked', async () => {
    const out = await merge({
      mode: 'combineByFields',
      fields: [
        { field1: 'id', field2: 'customerId' },
        { field1: 'country', field2: 'country' },
      ],
    });
    expect(out.main).toHaveLength(2);
    const fuzzy = await merge({ mode: 'combineByFields', fuzzyCompare: true, fields: [{ field1: 'id', field2: 'ref' }] }, customers, [
      { json: { ref: '2' } },
    ]);
    expect(fuzzy.main?.map((i) => i.json.name)).toEqual(['Bob']);
  });

  it('prefers the value of the input chosen when field names clash', async () => {
    const a = [{ json: { k: 1, v: 'a' } }];
    const b = [{ json: { k: 1, v: 'b' } }];
    const fields = [{ field1: 'k', field2: 'k' }];
    expect((await merge({ mode: 'combineByFields', fields }, a, b)).main?.[0]?.json.v).toBe('b');
    expect((await merge({ mode: 'combineByFields', fields, clashHandling: 'preferInput1' }, a, b)).main?.[0]?.json.v).toBe('a');
  });

  it('combines by position, with or without unpaired items', async () => {
    const short = [{ json: { x: 1 } }];
    expect((await merge({ mode: 'combineByPosition' }, short, orders)).main).toHaveLength(1);
    expect((await merge({ mode: 'combineByPosition', includeUnpaired: true }, short, orders)).main).toHaveLength(3);
  });

  it('makes all combinations', async () => {
    expect((await merge({ mode: 'combineAll' })).main).toHaveLength(9);
  });

  it('chooses a branch', async () => {
    expect((await merge({ mode: 'chooseBranch', output: 'input2' })).main).toBe(orders);
    expect((await merge({ mode: 'chooseBranch', output: 'empty' })).main).toEqual([{ json: {} }]);
  });

  it('names the parameter when no fields to match are given', async () => {
    await expect(merge({ mode: 'combineByFields' })).rejects.toThrow(/Node 'Node': parameter 'fields' needs at least one pair/);
  });

  it('refuses an empty field name before running', () => {
    expect(mergeNode.properties!.safeParse({ mode: 'combineByFields', fields: [{ field1: '', field2: 'x' }] }).success).toBe(false);
  });

  it('outputs nothing when both inputs are empty', async () => {
    expect((await merge({ mode: 'combineByFields', fields: [{ field1: 'a', field2: 'b' }] }, [], [])).main).toEqual([]);
  });

  it('waits for both branches in a run and joins them', async () => {
    const engine = createEngine({ logger: silentLogger });
    const workflow = trialWorkflow(
      [
        ['start', 'core.manualTrigger'],
        ['people', 'core.set', { mode: 'json', json: { id: 1, name: 'Ada' } }],
        ['scores', 'core.set', { mode: 'json', json: { personId: 1, score: 9 } }],
        ['merge', 'core.merge', { mode: 'combineByFields', fields: [{ field1: 'id', field2: 'personId' }] }],
      ],
      [
        ['start', 'people'],
        ['start', 'scores'],
        ['people', 'merge:input1'],
        ['scores', 'merge:input2'],
      ],
    );
    const execution = await engine.run(workflow);
    expect(execution.status).toBe('success');
    expect(execution.nodes.merge?.[0]?.output.main?.map((i) => i.json)).toEqual([{ id: 1, name: 'Ada', personId: 1, score: 9 }]);
  });

  describe('with more than two inputs (numberInputs)', () => {
    const four = (parameters: Record<string, unknown>) =>
      trialWorkflow(
        [
          ['start', 'core.manualTrigger'],
          ['a', 'core.set', { mode: 'json', json: { from: 'a', a: 1 } }],
          ['b', 'core.set', { mode: 'json', json: { from: 'b', b: 2 } }],
          ['c', 'core.set', { mode: 'json', json: { from: 'c', c: 3 } }],
          ['d', 'core.set', { mode: 'json', json: { from: 'd', d: 4 } }],
          ['merge', 'core.merge', { numberInputs: 4, ...parameters }],
        ],
        [
          ['start', 'a'],
          ['start', 'b'],
          ['start', 'c'],
          ['start', 'd'],
          ['d', 'merge:input4'],
          ['b', 'merge:input2'],
          ['c', 'merge:input3'],
          ['a', 'merge:input1'],
        ],
      );
    const run = async (parameters: Record<string, unknown>) => {
      const execution = await createEngine({ logger: silentLogger }).run(four(parameters));
      expect(execution.status).toBe('success');
      return execution.nodes.merge!;
    };

    it('waits for all four inputs and appends them in input order', async () => {
      const runs = await run({ mode: 'append' });
      expect(runs).toHaveLength(1);
      expect(runs[0]!.output.main?.map((i) => i.json.from)).toEqual(['a', 'b', 'c', 'd']);
    });

    it('combines four inputs by position, the later input winning a clash', async () => {
      const out = (await run({ mode: 'combineByPosition' }))[0]!.output.main!;
      expect(out.map((i) => i.json)).toEqual([{ from: 'd', a: 1, b: 2, c: 3, d: 4 }]);
      expect(out[0]!.pairedItem).toEqual([0, 1, 2, 3].map((input) => ({ item: 0, input })));
    });

    it('chooses the third of four branches', async () => {
      expect((await run({ mode: 'chooseBranch', output: 'input3' }))[0]!.output.main?.map((i) => i.json.from)).toEqual(['c']);
    });

    it('refuses a connection into input3 of a two-input Merge, naming the inputs it has', () => {
      const workflow = four({ mode: 'append' });
      const two = { ...workflow, nodes: workflow.nodes.map((n) => (n.id === 'merge' ? { ...n, parameters: { mode: 'append' } } : n)) };
      const result = createEngine({ logger: silentLogger }).validate(two);
      expect(result.success).toBe(false);
      expect(result.success ? '' : result.error.message).toContain(
        `node 'merge' (core.merge) has no input port "input3" (its inputs with numberInputs 2: "input1", "input2")`,
      );
    });

    it('names numberInputs when a two-input mode is asked of three inputs', async () => {
      const three = { input1: customers, input2: orders, input3: orders };
      await expect(callNode(mergeNode, { numberInputs: 3, mode: 'combineAll' }, three)).rejects.toThrow(
        /numberInputs.*combineAll mode takes two inputs/,
      );
    });
  });
});

// n8n's Merge "Keep Non-Matches" (v2 and v3): the items of input 1 no item of input 2 matches, then those of input 2
// no item of input 1 matches, each in its input's order. Output Data From 'both' adds a `_source` field ('input1' or
// 'input2') after the item's own fields; 'input1' / 'input2' gives that input's items as they are. When an input
// is empty, n8n outputs the other input's items as they are (no `_source`), or nothing when the empty input is the
// one asked for. An input 1 item marks as matched only the matches it would output (its first one under 'first').
describe("Merge's non-matches (n8n's Keep Non-Matches)", () => {
  const nonMatches = (outputDataFrom?: string, a = customers, b = orders, extra: Record<string, unknown> = {}) =>
    merge(
      { ...extra, mode: 'combineByFields', joinMode: 'nonMatches', fields: [{ field1: 'id', field2: 'customerId' }], outputDataFrom },
      a,
      b,
    );

  it("outputs both inputs' non-matches, input 1's first, each marked with its input", async () => {
    const out = (await nonMatches('both')).main!;
    // Bob (2) and Cy (3) have no order; the order of customer 4 has no customer.
    expect(out.map((i) => i.json)).toEqual([
      { id: 2, name: 'Bob', country: 'US', _source: 'input1' },
      { id: 3, name: 'Cy', country: 'UK', _source: 'input1' },
      { customerId: 4, country: 'FR', total: 5, _source: 'input2' },
    ]);
    expect(Object.keys(out[0]!.json)).toEqual(['id', 'name', 'country', '_source']);
    expect(out.map((i) => i.pairedItem)).toEqual([
      { item: 1, input: 0 },
      { item: 2, input: 0 },
      { item: 2, input: 1 },
    ]);
    expect(customers[1]!.json).toEqual({ id: 2, name: 'Bob', country: 'US' });
  });

  it('takes both inputs when Output Data From is not given', async () => {
    expect((await nonMatches(undefined)).main?.map((i) => i.json._source)).toEqual(['input1', 'input1', 'input2']);
  });

  it("outputs only input 1's or input 2's non-matches, as they are", async () => {
    expect((await nonMatches('input1')).main?.map((i) => i.json)).toEqual([customers[1]!.json, customers[2]!.json]);
    expect((await nonMatches('input2')).main?.map((i) => i.json)).toEqual([orders[2]!.json]);
  });

  it('outputs the items of the input that has any, without _source, when the other is empty', async () => {
    expect((await nonMatches('both', customers, [])).main?.map((i) => i.json)).toEqual(customers.map((c) => c.json));
    expect((await nonMatches('both', [], orders)).main?.map((i) => i.json)).toEqual(orders.map((o) => o.json));
    expect((await nonMatches('input1', customers, [])).main?.map((i) => i.json.id)).toEqual([1, 2, 3]);
    expect((await nonMatches('input2', [], orders)).main?.map((i) => i.json.total)).toEqual([10, 20, 5]);
  });

  it('outputs nothing when the input asked for is the empty one', async () => {
    expect((await nonMatches('input1', [], orders)).main).toEqual([]);
    expect((await nonMatches('input2', customers, [])).main).toEqual([]);
    expect((await nonMatches('both', [], [])).main).toEqual([]);
  });

  it("under 'first', counts as matched only each item's first match", async () => {
    // Ada's first order (10) is her match; her second (20) then matches no one.
    const out = (await nonMatches('input2', customers, orders, { multipleMatches: 'first' })).main!;
    expect(out.map((i) => i.json.total)).toEqual([20, 5]);
  });

  it('keeps an item whose field to match is missing, and matches null with null', async () => {
    const a = [{ json: { id: null, n: 'a' } }, { json: { n: 'b' } }];
    const b = [{ json: { customerId: null, n: 'c' } }];
    expect((await nonMatches('both', a, b)).main?.map((i) => i.json.n)).toEqual(['b']);
  });

  it('runs in a workflow, waiting for both inputs', async () => {
    const engine = createEngine({ logger: silentLogger });
    const workflow = trialWorkflow(
      [
        ['start', 'core.manualTrigger'],
        ['people', 'core.set', { mode: 'json', json: { id: 1, name: 'Ada' } }],
        ['scores', 'core.set', { mode: 'json', json: { personId: 2, score: 9 } }],
        ['merge', 'core.merge', { mode: 'combineByFields', joinMode: 'nonMatches', fields: [{ field1: 'id', field2: 'personId' }] }],
      ],
      [
        ['start', 'people'],
        ['start', 'scores'],
        ['people', 'merge:input1'],
        ['scores', 'merge:input2'],
      ],
    );
    const execution = await engine.run(workflow);
    expect(execution.nodes.merge?.[0]?.output.main?.map((i) => i.json)).toEqual([
      { id: 1, name: 'Ada', _source: 'input1' },
      { personId: 2, score: 9, _source: 'input2' },
    ]);
  });
});

// n8n's Keep Matches with Output Data From 'input1' gives each input 1 item that has a match, once, as it is;
// 'input2' gives the input 2 items that were matched, once each, in input 2's order.
describe("Merge's matches from one input (n8n's Keep Matches, Output Data From)", () => {
  const matches = (outputDataFrom: string, extra: Record<string, unknown> = {}) =>
    merge({ ...extra, mode: 'combineByFields', fields: [{ field1: 'id', field2: 'customerId' }], outputDataFrom });

  it("outputs input 1's matching items once each, as they are", async () => {
    const out = (await matches('input1')).main!;
    expect(out.map((i) => i.json)).toEqual([customers[0]!.json]);
    expect(out[0]!.pairedItem).toEqual({ item: 0, input: 0 });
  });

  it("outputs input 2's matched items in their order", async () => {
    expect((await matches('input2')).main?.map((i) => i.json.total)).toEqual([10, 20]);
    expect((await matches('input2', { multipleMatches: 'first' })).main?.map((i) => i.json.total)).toEqual([10]);
  });
});

describe("Merge's key options (n8n's Merge v1 by key)", () => {
  const fields = [{ field1: 'id', field2: 'key' }];
  const a: Item[] = [
    { json: { id: 1, name: 'Ada', city: '' } },
    { json: { name: 'NoKey' } },
    { json: { id: false, name: 'Bool' } },
    { json: { id: null, name: 'Null' } },
  ];
  const b: Item[] = [
    { json: { key: '1', city: 'London' } },
    { json: { key: '1', city: 'Paris', zip: '75' } },
    { json: { key: 'null', city: 'Nulltown' } },
    { json: { key: 0, city: 'Zero' } },
  ];
  const left = (extra: Record<string, unknown>) =>
    merge({ mode: 'combineByFields', fields, joinMode: 'left', textKeys: true, ...extra }, a, b).then((o) => o.main!.map((i) => i.json));

  it('under textKeys, leaves out the items of input 1 without a single value to match, and matches null as its text', async () => {
    expect(await left({ multipleMatches: 'first' })).toEqual([
      { id: 1, name: 'Ada', city: 'London', key: '1' },
      { id: null, name: 'Null', city: 'Nulltown', key: 'null' },
    ]);
  });

  it('under textKeys, lets no item of input 2 with an empty key match', async () => {
    const zero = [{ json: { id: 0 } }, { json: { id: '' } }];
    const out = await merge({ mode: 'combineByFields', fields, textKeys: true }, zero, [{ json: { key: 0 } }, { json: { key: '' } }]);
    expect(out.main).toEqual([]);
  });

  it("combines with the last match only under multipleMatches 'last'", async () => {
    expect((await left({ multipleMatches: 'last' }))[0]).toEqual({ id: 1, name: 'Ada', city: 'Paris', key: '1', zip: '75' });
  });

  it("leaves input 2's fields to match out of the combined item under omitMatchFields", async () => {
    expect((await left({ multipleMatches: 'first', omitMatchFields: true }))[0]).toEqual({ id: 1, name: 'Ada', city: 'London' });
  });

  it("fills only input 1's missing, null and empty values under overrideEmpty", async () => {
    const one = [{ json: { id: 1, city: '', name: 'Ada', zip: null } }];
    const two = [{ json: { key: 1, city: 'London', name: 'Other', zip: '1', extra: true } }];
    const combine = (extra: Record<string, unknown>) =>
      merge({ mode: 'combineByFields', fields, clashHandling: 'preferInput1', ...extra }, one, two).then((o) => o.main![0]!.json);
    expect(await combine({ overrideEmpty: true })).toEqual({ id: 1, city: 'London', name: 'Ada', zip: '1', key: 1, extra: true });
    expect(await combine({})).toEqual({ id: 1, city: '', name: 'Ada', zip: null, key: 1, extra: true });
  });
});

describe("Merge's combination by position with input 1's unpaired items only (n8n's Merge v1 left join)", () => {
  it('outputs as many items as input 1 has, its extra items as they are', async () => {
    const a: Item[] = [{ json: { x: 1 } }, { json: { x: 2 } }];
    const b: Item[] = [{ json: { y: 1 } }, { json: { y: 2 } }, { json: { y: 3 } }];
    const position = (one: Item[], two: Item[]) =>
      merge({ mode: 'combineByPosition', includeUnpaired: true, unpairedFrom: 'input1' }, one, two).then((o) => o.main!);
    expect((await position(a, b)).map((i) => i.json)).toEqual([
      { x: 1, y: 1 },
      { x: 2, y: 2 },
    ]);
    const longer = await position(b, a.slice(0, 1));
    expect(longer.map((i) => i.json)).toEqual([{ y: 1, x: 1 }, { y: 2 }, { y: 3 }]);
    expect(longer[2]!.pairedItem).toEqual({ item: 2, input: 0 });
  });
});
