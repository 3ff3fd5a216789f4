// The Vector Store with an Embeddings node: texts inserted, the closest found, and retrieval as an agent's tool, in
// memory and in the engine's storage (a SQLite file across a restart, isolated workers); the embeddings requests are
// checked against the openai SDK.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { createMemoryStorage } from '@flowloom/engine';
import { buildWorkflow, type NodeShorthand } from '@flowloom/engine/testing';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { aiTestbed, aiWorkflow, chatModelNode, KEYS, outputJson, recordsOf } from './testing/ai-testbed.js';
import { fakeEmbedding, logical } from './testing/fake-models.js';

const bed = aiTestbed();

const DOCS = [
  { text: 'The Pro plan includes phone support on weekdays.', plan: 'pro' },
  { text: 'Refunds are paid back within ten days of a request.', plan: 'all' },
  { text: 'The Free plan has community forum support only.', plan: 'free' },
];

const embeddingsNode = (id = 'embed'): NodeShorthand => ({
  id,
  name: id === 'embed' ? 'Embeddings' : `Embeddings ${id}`,
  type: 'ai.embeddings',
  parameters: { model: 'text-embedding-3-small' },
  credentials: { openAiApi: 'openai' },
});
const storeNode = (id: string, parameters: Record<string, unknown>, extra: Partial<NodeShorthand> = {}): NodeShorthand => ({
  id,
  name: id,
  type: 'ai.vectorStore',
  parameters: { storeKey: 'handbook', ...parameters },
  ...extra,
});

/** Trigger -> insert the items, with embeddings attached. */
const insertWorkflow = (parameters: Record<string, unknown> = {}) =>
  aiWorkflow({ node: storeNode('insert', { mode: 'insert', clear: true, ...parameters }), attached: [['embeddings', embeddingsNode()]] });

/** An agent whose tool is a search of the store (which has embeddings of its own). */
const retrievalNodes: NodeShorthand[] = [
  { id: 'agent', name: 'Agent', type: 'ai.agent', parameters: { systemMessage: 'Answer from the handbook.' } },
  chatModelNode('openai'),
  storeNode('knowledge', { mode: 'search', topK: 2 }, { tool: { name: 'search_handbook', description: 'Searches the support handbook.' } }),
  embeddingsNode('embed2'),
];
const retrievalConnections: [string, string][] = [
  ['model:model', 'agent:model'],
  ['knowledge:tool', 'agent:tool'],
  ['embed2:embeddings', 'knowledge:embeddings'],
];
const agentWithRetrieval = () =>
  buildWorkflow({
    nodes: [{ id: 'trigger', type: 'core.manualTrigger' }, ...retrievalNodes],
    connections: [['trigger', 'agent'], ...retrievalConnections],
  });

const similarity = (a: number[], b: number[]) => {
  const dot = a.reduce((s, x, i) => s + x * b[i]!, 0);
  return dot / (Math.hypot(...a) * Math.hypot(...b));
};

describe('Vector Store', () => {
  it('embeds the inserted texts as the openai SDK would ask, and finds the closest to a query', async () => {
    const inserted = await bed.run(
      insertWorkflow(),
      DOCS.map((json) => ({ json })),
    );
    expect(outputJson(inserted, 'insert')).toEqual(DOCS.map((d, i) => ({ id: i + 1, text: d.text, storeKey: 'handbook' })));
    const [embedRequest] = (await bed.fake.take()).map(logical);
    await new OpenAI({
      apiKey: KEYS.openai,
      organization: 'org-flowloom',
      baseURL: `${bed.oracle.url}/v1`,
      maxRetries: 0,
    }).embeddings.create({
      model: 'text-embedding-3-small',
      input: DOCS.map((d) => d.text),
      encoding_format: 'float',
    });
    expect(embedRequest).toEqual(logical((await bed.oracle.take())[0]!));

    const search = aiWorkflow({ node: storeNode('search', { mode: 'search', topK: 2 }), attached: [['embeddings', embeddingsNode()]] });
    const query = 'Which plan includes phone support?';
    const found = await bed.run(search, [{ json: { query } }]);
    // The oracle of the ranking: the fake's embeddings compared here with plain cosine similarity.
    const ranked = DOCS.map((d) => ({
      text: d.text,
      metadata: { plan: d.plan },
      score: similarity(fakeEmbedding(query), fakeEmbedding(d.text)),
    }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 2);
    expect(outputJson(found, 'search').map((f) => ({ ...f, score: Number(f['score']).toFixed(5) }))).toEqual(
      ranked.map((r) => ({ ...r, score: r.score.toFixed(5) })),
    );
    expect(ranked[0]!.metadata.plan).toBe('pro');
    expect(recordsOf(found, 'search', 'embedding-call')).toMatchObject([
      { count: 1, model: { node: 'Embeddings', modelId: 'text-embedding-3-small' } },
    ]);
    await bed.fake.take();
  });

  it('serves an agent as a search tool, whose passages the model answers from', async () => {
    await bed.run(
      insertWorkflow(),
      DOCS.map((json) => ({ json })),
    );
    bed.fake.script(
      { toolCalls: [{ id: 'call_search', name: 'search_handbook', arguments: { query: 'phone support plan' } }] },
      { text: 'The Pro plan includes phone support.' },
    );
    const execution = await bed.run(agentWithRetrieval(), [{ json: { chatInput: 'Which plan has phone support?' } }]);
    expect(execution.status).toBe('success');
    expect(outputJson(execution, 'agent')).toEqual([{ output: 'The Pro plan includes phone support.' }]);
    const chats = (await bed.fake.take()).filter((r) => r.path === '/v1/chat/completions');
    const first = chats[0]!.body as { tools: { function: { name: string; description: string; parameters: unknown } }[] };
    expect(first.tools.map((t) => t.function)).toEqual([
      {
        name: 'search_handbook',
        description: 'Searches the support handbook.',
        parameters: {
          type: 'object',
          properties: { query: { type: 'string', description: 'What to look for, in plain words.' } },
          required: ['query'],
          additionalProperties: false,
        },
      },
    ]);
    const toolMessage = (chats[1]!.body as { messages: { role: string; content: string }[] }).messages.at(-1)!;
    const passages = JSON.parse(toolMessage.content) as { text: string }[];
    expect(passages.map((p) => p.text)[0]).toBe(DOCS[0]!.text);
    expect(recordsOf(execution, 'agent', 'tool-call')).toMatchObject([
      { tool: 'search_handbook', node: { name: 'knowledge' }, arguments: { query: 'phone support plan' } },
    ]);
  });

  it.each(['memory', 'storage'])('inserts and retrieves in one execution through the command line, kept in %s', async (store) => {
    // Trigger -> insert -> keep one item -> the question -> agent with the store as its tool.
    const workflow = buildWorkflow({
      nodes: [
        { id: 'trigger', type: 'core.manualTrigger' },
        storeNode('insert', { store, mode: 'insert', clear: true }),
        embeddingsNode('embed3'),
        { id: 'limit', type: 'core.limit', parameters: { maxItems: 1 } },
        {
          id: 'question',
          type: 'core.set',
          parameters: { include: 'none', fields: [{ name: 'chatInput', type: 'string', value: 'Which plan has phone support?' }] },
        },
        // In an isolated worker (the command's default), the storage is reached through the bridge to the host.
        ...retrievalNodes.map((n) => (n.id === 'knowledge' ? { ...n, parameters: { ...n.parameters, store } } : n)),
      ],
      connections: [
        ['trigger', 'insert'],
        ['embed3:embeddings', 'insert:embeddings'],
        ['insert', 'limit'],
        ['limit', 'question'],
        ['question', 'agent'],
        ...retrievalConnections,
      ],
    });
    bed.fake.script(
      { toolCalls: [{ id: 'call_search', name: 'search_handbook', arguments: { query: 'phone support plan' } }] },
      { text: 'The Pro plan includes phone support.' },
    );
    const { code, execution } = await bed.cli(
      workflow,
      DOCS.map((json) => ({ json })),
    );
    expect(code).toBe(0);
    expect(outputJson(execution, 'agent')).toEqual([{ output: 'The Pro plan includes phone support.' }]);
    const [call] = recordsOf(execution, 'agent', 'tool-call');
    expect((call!['result'] as { text: string }[])[0]!.text).toBe(DOCS[0]!.text);
    await bed.fake.take();
  });

  it('keeps the texts in the engine’s storage: a new engine on the same SQLite file finds them, ranked as in memory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowloom-vectors-'));
    try {
      const file = join(dir, 'store.db');
      const first = await bed.engineWith({ storage: await openSqliteStorage(file) });
      const inserted = await first.run(insertWorkflow({ store: 'storage' }), { input: DOCS.map((json) => ({ json })) });
      expect(outputJson(inserted, 'insert')).toEqual(DOCS.map((d, i) => ({ id: String(i + 1), text: d.text, storeKey: 'handbook' })));
      await first.storage.close?.();

      // A restart: another engine on the same file, searching.
      const storage = await openSqliteStorage(file);
      const restarted = await bed.engineWith({ storage });
      const search = aiWorkflow({
        node: storeNode('search', { store: 'storage', mode: 'search', topK: 2 }),
        attached: [['embeddings', embeddingsNode()]],
      });
      const query = 'Which plan includes phone support?';
      const found = await restarted.run(search, { input: [{ json: { query } }] });
      const ranked = DOCS.map((d) => ({
        text: d.text,
        metadata: { plan: d.plan },
        score: similarity(fakeEmbedding(query), fakeEmbedding(d.text)),
      }))
        .sort((a, b) => b.score - a.score)
        .slice(0, 2);
      // SQLite keeps vectors in single precision: scores agree to five decimals.
      expect(outputJson(found, 'search').map((f) => ({ ...f, score: Number(f['score']).toFixed(5) }))).toEqual(
        ranked.map((r) => ({ ...r, score: r.score.toFixed(5) })),
      );
      expect(await storage.vectors.count('default', 'handbook')).toBe(3);
      // Another tenant's store of the same key is another collection.
      expect(await storage.vectors.count('globex', 'handbook')).toBe(0);
      await storage.close();
      await bed.fake.take();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('clears and refills a stored collection, and says why when the storage keeps no vectors', async () => {
    const storage = createMemoryStorage();
    const engine = await bed.engineWith({ storage });
    await engine.run(insertWorkflow({ store: 'storage' }), { input: DOCS.map((json) => ({ json })) });
    await engine.run(insertWorkflow({ store: 'storage' }), { input: DOCS.slice(0, 1).map((json) => ({ json })) });
    expect(await storage.vectors!.count('default', 'handbook')).toBe(1);
    await engine.run(insertWorkflow({ store: 'storage', clear: false }), { input: DOCS.slice(1).map((json) => ({ json })) });
    expect(await storage.vectors!.count('default', 'handbook')).toBe(3);
    await bed.fake.take();

    const before = bed.fake.requests.length;
    const { vectors: _none, ...withoutVectors } = createMemoryStorage();
    const failed = await (
      await bed.engineWith({ storage: withoutVectors })
    ).run(insertWorkflow({ store: 'storage' }), {
      input: DOCS.map((json) => ({ json })),
    });
    expect(failed.error).toMatchObject({ code: 'STORAGE_UNAVAILABLE', message: expect.stringContaining("parameter 'store'") as unknown });
    // Embeddings are asked for before the store is reached; nothing is kept.
    await bed.fake.take();
    expect(bed.fake.requests.length).toBeGreaterThanOrEqual(before);
  });
});
