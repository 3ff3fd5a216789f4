import { FlowloomError } from '../errors/flowloom.error.js';
import type { VectorMatch, VectorStore } from '../storage/vector-store.js';
import { assertEqual, assertRejects, assertTrue, type StorageTest } from './conformance-harness.js';

/** Scores may be kept in single precision (pgvector, a Float32 blob): compared to six decimals. */
const close = (a: number, b: number) => Math.abs(a - b) < 1e-5;

function assertScores(actual: readonly VectorMatch[], expected: readonly number[], what: string): void {
  assertEqual(actual.length, expected.length, `${what}: number of matches`);
  actual.forEach((m, i) => assertTrue(close(m.score, expected[i]!), `${what}: match ${i} scores ${m.score}, expected ${expected[i]}`));
}

/** The cosine of two vectors, written out: the suite's own reference. */
function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** Whole numbers from -50 to 50 from a fixed seed, so every run and every adapter sees the same vectors. */
function randomVectors(count: number, length: number, seed: number): number[][] {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    return (state >>> 8) % 101;
  };
  return Array.from({ length: count }, () => Array.from({ length }, () => next() - 50));
}

/**
 * Vector collections (`Storage.vectors`, optional): ranking by cosine
 * similarity, ties in insertion order, metadata round trips, one vector
 * length per collection, deletes, counts, and tenants and collections kept
 * apart.
 */
export function vectorConformance(test: StorageTest): void {
  const store = (vectors: VectorStore | undefined) => vectors;

  test('ranks a collection by cosine similarity to the query, closest first', async ({ vectors }) => {
    if (!store(vectors)) return;
    const ids = await vectors!.insert('t1', 'docs', [
      { text: 'opposite', metadata: {}, vector: [-1, 0] },
      { text: 'same direction', metadata: { page: 1, tags: ['a', 'b'], nested: { ok: true } }, vector: [2, 0] },
      { text: 'diagonal', metadata: {}, vector: [1, 1] },
      { text: 'orthogonal', metadata: {}, vector: [0, 3] },
    ]);
    assertEqual(ids.length, 4, 'one id per record');
    assertEqual(new Set(ids).size, 4, 'ids are distinct');
    const found = await vectors!.search('t1', 'docs', [1, 0], 3);
    assertEqual(
      found.map((m) => m.text),
      ['same direction', 'diagonal', 'orthogonal'],
      'order of the matches',
    );
    assertScores(found, [1, Math.SQRT1_2, 0], 'scores');
    assertEqual(found[0]!.id, ids[1], 'id of the best match');
    assertEqual(found[0]!.metadata, { page: 1, tags: ['a', 'b'], nested: { ok: true } }, 'metadata read back');
    const all = await vectors!.search('t1', 'docs', [1, 0], 10);
    assertScores(all, [1, Math.SQRT1_2, 0, -1], 'every record when topK exceeds the collection');
  });

  test('keeps records of equal score in the order they were inserted', async ({ vectors }) => {
    if (!store(vectors)) return;
    await vectors!.insert('t1', 'c', [{ text: 'first', metadata: {}, vector: [1, 2] }]);
    await vectors!.insert('t1', 'c', [
      { text: 'second', metadata: {}, vector: [1, 2] },
      { text: 'third', metadata: {}, vector: [1, 2] },
    ]);
    const found = await vectors!.search('t1', 'c', [1, 2], 3);
    assertEqual(
      found.map((m) => m.text),
      ['first', 'second', 'third'],
      'equal scores in insertion order',
    );
  });

  test('finds the same closest records as a search by hand over 300 vectors', async ({ vectors }) => {
    if (!store(vectors)) return;
    const stored = randomVectors(300, 24, 7);
    await vectors!.insert(
      't1',
      'random',
      stored.map((vector, i) => ({ text: `r${i}`, metadata: { i }, vector })),
    );
    for (const [q, query] of randomVectors(5, 24, 99).entries()) {
      const expected = stored
        .map((vector, i) => ({ i, score: cosine(query, vector) }))
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .slice(0, 10);
      const found = await vectors!.search('t1', 'random', query, 10);
      assertScores(
        found,
        expected.map((e) => e.score),
        `query ${q}`,
      );
      for (const m of found) {
        const i = (m.metadata as { i: number }).i;
        assertTrue(close(cosine(query, stored[i]!), m.score), `query ${q}: record r${i} is given the score of its own vector`);
        assertEqual(m.text, `r${i}`, `query ${q}: text of record ${i}`);
      }
    }
  });

  test('scores a zero vector 0, as query or as record', async ({ vectors }) => {
    if (!store(vectors)) return;
    await vectors!.insert('t1', 'z', [
      { text: 'zero', metadata: {}, vector: [0, 0, 0] },
      { text: 'x', metadata: {}, vector: [1, 0, 0] },
    ]);
    assertScores(await vectors!.search('t1', 'z', [1, 0, 0], 2), [1, 0], 'zero record');
    assertScores(await vectors!.search('t1', 'z', [0, 0, 0], 2), [0, 0], 'zero query');
  });

  test('refuses a vector of another length than the collection, naming both, and stores nothing of the batch', async ({ vectors }) => {
    if (!store(vectors)) return;
    await vectors!.insert('t1', 'c', [{ text: 'a', metadata: {}, vector: [1, 2, 3] }]);
    const wrong = await assertRejects(
      vectors!.insert('t1', 'c', [
        { text: 'b', metadata: {}, vector: [1, 2, 3] },
        { text: 'c', metadata: {}, vector: [1, 2] },
      ]),
      'insert of a batch with a short vector',
    );
    assertTrue(wrong instanceof FlowloomError, `rejects with a FlowloomError, got ${String(wrong)}`);
    assertTrue(
      /\b2\b/.test((wrong as Error).message) && /\b3\b/.test((wrong as Error).message),
      `message names both lengths: ${(wrong as Error).message}`,
    );
    const longer = await assertRejects(
      vectors!.insert('t1', 'c', [{ text: 'd', metadata: {}, vector: [1, 2, 3, 4] }]),
      'insert of a longer vector',
    );
    assertTrue(
      /\b3\b/.test((longer as Error).message) && /\b4\b/.test((longer as Error).message),
      `message names both lengths: ${(longer as Error).message}`,
    );
    assertEqual(await vectors!.count('t1', 'c'), 1, 'count after the refused inserts');
    const query = await assertRejects(vectors!.search('t1', 'c', [1, 2], 1), 'search with a short query');
    assertTrue(query instanceof FlowloomError, 'search rejects with a FlowloomError');
    await assertRejects(vectors!.insert('t1', 'c', [{ text: 'nan', metadata: {}, vector: [1, Number.NaN, 3] }]), 'a NaN in a vector');
    await assertRejects(vectors!.search('t1', 'c', [1, 2, 3], 0), 'topK 0');
    assertEqual(await vectors!.count('t1', 'c'), 1, 'count at the end');
  });

  test('deletes records by id, or a whole collection, and counts what is left', async ({ vectors }) => {
    if (!store(vectors)) return;
    const ids = await vectors!.insert('t1', 'c', [
      { text: 'a', metadata: {}, vector: [1, 0] },
      { text: 'b', metadata: {}, vector: [0, 1] },
      { text: 'c', metadata: {}, vector: [1, 1] },
    ]);
    await vectors!.insert('t1', 'other', [{ text: 'o', metadata: {}, vector: [1, 0, 0] }]);
    assertEqual(await vectors!.delete('t1', 'c', [ids[0]!, 'no-such-id']), 1, 'one id deleted');
    assertEqual(await vectors!.count('t1', 'c'), 2, 'count after delete by id');
    assertEqual(
      (await vectors!.search('t1', 'c', [1, 0], 5)).map((m) => m.text),
      ['c', 'b'],
      'the deleted record is not found',
    );
    assertEqual(await vectors!.delete('t1', 'c'), 2, 'collection deleted');
    assertEqual(await vectors!.count('t1', 'c'), 0, 'count after the collection delete');
    assertEqual(await vectors!.search('t1', 'c', [1, 0], 5), [], 'search of an emptied collection');
    assertEqual(await vectors!.count('t1', 'other'), 1, 'the other collection kept');
    // An emptied collection takes vectors of a new length.
    await vectors!.insert('t1', 'c', [{ text: 'new', metadata: {}, vector: [1, 0, 0, 0] }]);
    assertEqual(
      (await vectors!.search('t1', 'c', [1, 0, 0, 0], 1)).map((m) => m.text),
      ['new'],
      'new length after emptying',
    );
  });

  test('keeps tenants and collections apart', async ({ vectors }) => {
    if (!store(vectors)) return;
    await vectors!.insert('t1', 'c', [{ text: 't1 c', metadata: {}, vector: [1, 0] }]);
    await vectors!.insert('t1', 'd', [{ text: 't1 d', metadata: {}, vector: [1, 0] }]);
    await vectors!.insert('t2', 'c', [{ text: 't2 c', metadata: {}, vector: [1, 0, 0] }]);
    assertEqual(
      (await vectors!.search('t1', 'c', [1, 0], 5)).map((m) => m.text),
      ['t1 c'],
      'tenant t1, collection c',
    );
    assertEqual(
      (await vectors!.search('t2', 'c', [1, 0, 0], 5)).map((m) => m.text),
      ['t2 c'],
      'tenant t2 with its own length',
    );
    assertEqual(await vectors!.search('t3', 'c', [1, 0], 5), [], 'a tenant with nothing');
    assertEqual(await vectors!.delete('t2', 'c'), 1, 'delete in t2');
    assertEqual(await vectors!.count('t1', 'c'), 1, 't1 untouched by the delete in t2');
  });
}
