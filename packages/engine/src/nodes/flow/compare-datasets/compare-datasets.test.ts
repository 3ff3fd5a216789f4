import { describe, expect, it } from 'vitest';
import type { Item } from '../../../model/item.js';
import { silentLogger } from '../../../ports/logger.js';
import { createEngine } from '../../../run/engine.js';
import { callNode, trialWorkflow } from '../../../testing/node-test-harness.js';
import { compareDatasetsNode } from './compare-datasets.js';

const items = (...rows: Record<string, unknown>[]): Item[] => rows.map((json) => ({ json }));

const crm = items({ id: 1, name: 'Ada', plan: 'pro' }, { id: 2, name: 'Bob', plan: 'free' }, { id: 3, name: 'Cy', plan: 'pro' });
const billing = items({ id: 2, name: 'Bob', plan: 'pro' }, { id: 3, name: 'Cy', plan: 'pro' }, { id: 4, name: 'Di', plan: 'free' });

const compare = (parameters: Record<string, unknown>, a: Item[] = crm, b: Item[] = billing) =>
  callNode(compareDatasetsNode, { fields: [{ fieldA: 'id', fieldB: 'id' }], ...parameters }, { inputA: a, inputB: b });
const jsonOf = (out: Record<string, Item[]>) =>
  Object.fromEntries(Object.entries(out).map(([port, list]) => [port, list.map((i) => i.json)]));

describe('Compare Datasets', () => {
  it('sends each record to in A only, same, different (B’s version by default) or in B only', async () => {
    const out = await compare({});
    expect(jsonOf(out)).toEqual({
      inAOnly: [{ id: 1, name: 'Ada', plan: 'pro' }],
      same: [{ id: 3, name: 'Cy', plan: 'pro' }],
      different: [{ id: 2, name: 'Bob', plan: 'pro' }],
      inBOnly: [{ id: 4, name: 'Di', plan: 'free' }],
    });
    expect(out.different![0]!.pairedItem).toEqual([
      { item: 1, input: 0 },
      { item: 0, input: 1 },
    ]);
    expect(out.inBOnly![0]!.pairedItem).toEqual({ item: 2, input: 1 });
  });

  it('gives A’s version, a mix, or both versions of records that differ', async () => {
    expect((await compare({ resolve: 'preferA' })).different!.map((i) => i.json)).toEqual([{ id: 2, name: 'Bob', plan: 'free' }]);
    const a = items({ id: 1, name: 'Ada', plan: 'pro', owner: 'x' });
    const b = items({ id: 1, name: 'Ada L.', plan: 'free', owner: 'y' });
    expect(
      (await compare({ resolve: 'mix', preferWhenMix: 'preferA', exceptWhenMix: 'plan, owner' }, a, b)).different!.map((i) => i.json),
    ).toEqual([{ id: 1, name: 'Ada', plan: 'free', owner: 'y' }]);
    expect((await compare({ resolve: 'includeBoth' }, a, b)).different!.map((i) => i.json)).toEqual([
      {
        keys: { id: 1 },
        same: { id: 1 },
        different: {
          name: { inputA: 'Ada', inputB: 'Ada L.' },
          plan: { inputA: 'pro', inputB: 'free' },
          owner: { inputA: 'x', inputB: 'y' },
        },
      },
    ]);
  });

  it('ignores skipped fields, nested ones too', async () => {
    const a = items({ person: { name: 'Stefan', language: 'de' }, seen: 1 });
    const b = items({ person: { name: 'Stefano', language: 'de' }, seen: 2 });
    const fields = [{ fieldA: 'person.language', fieldB: 'person.language' }];
    expect((await compare({ fields }, a, b)).different).toHaveLength(1);
    const out = await compare({ fields, skipFields: 'person.name, seen' }, a, b);
    expect(out.same!.map((i) => i.json)).toEqual([{ person: { name: 'Stefan', language: 'de' }, seen: 1 }]);
    expect(a[0]!.json).toEqual({ person: { name: 'Stefan', language: 'de' }, seen: 1 });
  });

  it('matches and compares 3 with "3" and missing with "" only when fuzzy', async () => {
    const a = items({ id: 3, qty: 2, note: '' });
    const b = items({ id: '3', qty: '2' });
    expect(jsonOf(await compare({}, a, b))).toMatchObject({ inAOnly: [{ id: 3 }], inBOnly: [{ id: '3' }] });
    const fuzzy = await compare({ fuzzyCompare: true }, a, b);
    expect(fuzzy.same!.map((i) => i.json)).toEqual([{ id: 3, qty: 2, note: '' }]);
  });

  it('compares an item of A with every match in B, or only the first', async () => {
    const a = items({ id: 1, v: 'x' });
    const b = items({ id: 1, v: 'x' }, { id: 1, v: 'y' });
    expect(jsonOf(await compare({}, a, b))).toEqual({
      inAOnly: [],
      same: [{ id: 1, v: 'x' }],
      different: [{ id: 1, v: 'y' }],
      inBOnly: [],
    });
    expect(jsonOf(await compare({ multipleMatches: 'first' }, a, b))).toEqual({
      inAOnly: [],
      same: [{ id: 1, v: 'x' }],
      different: [],
      inBOnly: [{ id: 1, v: 'y' }],
    });
  });

  it('never matches records whose key is missing or null', async () => {
    const out = await compare({}, items({ name: 'no id' }), items({ id: null }));
    expect(jsonOf(out)).toEqual({ inAOnly: [{ name: 'no id' }], same: [], different: [], inBOnly: [{ id: null }] });
  });

  it('puts every record where a pairwise comparison of all items would', async () => {
    // A seeded generator and a plain quadratic comparison: the oracle for the hash join.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const gen = (n: number) => items(...Array.from({ length: n }, () => ({ k: Math.floor(random() * 40), v: Math.floor(random() * 3) })));
    const a = gen(60);
    const b = gen(60);
    const out = await compare({ fields: [{ fieldA: 'k', fieldB: 'k' }] }, a, b);
    const pairs = a.flatMap((x) => b.filter((y) => y.json.k === x.json.k).map((y) => [x, y] as const));
    expect(out.same).toHaveLength(pairs.filter(([x, y]) => x.json.v === y.json.v).length);
    expect(out.different).toHaveLength(pairs.filter(([x, y]) => x.json.v !== y.json.v).length);
    expect(out.inAOnly).toHaveLength(a.filter((x) => !b.some((y) => y.json.k === x.json.k)).length);
    expect(out.inBOnly).toHaveLength(b.filter((y) => !a.some((x) => x.json.k === y.json.k)).length);
  });

  it('names the parameter when no fields to match are given', async () => {
    await expect(callNode(compareDatasetsNode, {}, { inputA: crm, inputB: billing })).rejects.toThrow(
      "Node 'Node': parameter 'fields' needs at least one pair of fields to match.",
    );
  });

  it('runs in a workflow with both branches, and with one that sends nothing', async () => {
    const engine = createEngine({ logger: silentLogger });
    const workflow = trialWorkflow(
      [
        ['start', 'core.manualTrigger'],
        ['a', 'core.set', { mode: 'json', json: { id: 1, v: 'a' } }],
        ['b', 'core.set', { mode: 'json', json: { id: 1, v: 'b' } }],
        ['none', 'core.filter', { conditions: [{ field: 'id', operator: 'number:gt', rightValue: 5 }] }],
        ['cmp', 'core.compareDatasets', { fields: [{ fieldA: 'id', fieldB: 'id' }], resolve: 'preferA' }],
        ['cmp2', 'core.compareDatasets', { fields: [{ fieldA: 'id', fieldB: 'id' }] }],
      ],
      [
        ['start', 'a'],
        ['start', 'b'],
        ['a', 'cmp:inputA'],
        ['b', 'cmp:inputB'],
        ['a', 'none'],
        ['a', 'cmp2:inputA'],
        ['none', 'cmp2:inputB'],
      ],
    );
    const execution = await engine.run(workflow);
    expect(execution.status).toBe('success');
    expect(execution.nodes.cmp?.[0]?.output.different?.map((i) => i.json)).toEqual([{ id: 1, v: 'a' }]);
    expect(execution.nodes.cmp2?.[0]?.output.inAOnly?.map((i) => i.json)).toEqual([{ id: 1, v: 'a' }]);
  });
});
