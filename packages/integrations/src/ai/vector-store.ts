// Vector Store: texts with their embeddings, per tenant and store key. In a workflow it inserts items or finds the
// texts closest to a query; attached to an agent's `tool` sub-port it serves the agent as a search tool.
// - `store: 'memory'` keeps them in this process's memory: nothing survives a restart, and each process (each
//   isolation worker) has its own, so insert and search in the same execution.
// - `store: 'storage'` keeps them in the engine's storage (`Storage.vectors`: SQLite, IndexedDB, PostgreSQL with
//   pgvector when the database has it), shared by every execution and process of the tenant, across restarts.
import { defineNode, type Item, type NodeContext } from '@flowloom/engine';
import { cosineSimilarity } from 'ai';
import { z } from 'zod';
import { vectorStoreInfo } from './ai-info.js';
import { aiError, brand, embeddingsOf, textOrField, type ToolSupply } from './supplies.js';

/** One stored text. */
interface StoredText {
  id: number;
  text: string;
  metadata: Record<string, unknown>;
  vector: number[];
}

/** The stores of this process: tenant -> store key -> texts. */
const stores = new Map<string, Map<string, StoredText[]>>();

function storeOf(tenantId: string, key: string): StoredText[] {
  let tenant = stores.get(tenantId);
  if (!tenant) stores.set(tenantId, (tenant = new Map()));
  let texts = tenant.get(key);
  if (!texts) tenant.set(key, (texts = []));
  return texts;
}

const properties = z.object({
  store: z
    .enum(['memory', 'storage'])
    .default('memory')
    .meta({
      label: 'Kept in',
      noExpression: true,
      description: 'Memory: this process only, gone on restart. Storage: the engine\u2019s storage, shared across runs and restarts.',
      options: [
        { value: 'memory', label: 'Memory (this process)' },
        { value: 'storage', label: 'The engine\u2019s storage' },
      ],
    }),
  mode: z
    .enum(['insert', 'search'])
    .default('insert')
    .meta({
      label: 'Operation',
      noExpression: true,
      description: 'What the node does with items. Attached to an agent as a tool, it searches.',
      options: [
        { value: 'insert', label: 'Insert items' },
        { value: 'search', label: 'Find the closest texts' },
      ],
    }),
  storeKey: z
    .string()
    .trim()
    .min(1)
    .default('default')
    .meta({ label: 'Store key', description: 'Names the store; nodes with the same key share it.' }),
  textField: z
    .string()
    .trim()
    .min(1)
    .default('text')
    .meta({
      label: 'Text field',
      description: 'The item field holding the text to store; the other fields are kept with it.',
      displayOptions: { show: { mode: ['insert'] } },
    }),
  clear: z
    .boolean()
    .default(false)
    .meta({ label: 'Clear the store first', displayOptions: { show: { mode: ['insert'] } } }),
  query: z
    .string()
    .optional()
    .meta({
      label: 'Query',
      description: 'What to look for. Left empty: the item\u2019s query field.',
      displayOptions: { show: { mode: ['search'] } },
    }),
  topK: z.number().int().min(1).max(100).default(4).meta({ label: 'Results', description: 'How many of the closest texts to give.' }),
});

type Params = z.output<typeof properties>;

/** Where a node's texts are kept: this process's memory, or the engine's storage. */
interface Backend {
  insert(texts: readonly { text: string; metadata: Record<string, unknown>; vector: number[] }[]): Promise<string[]>;
  search(vector: number[], topK: number): Promise<{ text: string; metadata: Record<string, unknown>; score: number }[]>;
  clear(): Promise<void>;
}

function backendOf(ctx: NodeContext, p: Params): Backend {
  if (p.store === 'storage') {
    const vectors = ctx.vectors;
    if (!vectors) {
      throw aiError(
        ctx,
        "the engine\u2019s storage keeps no vector collections (parameter 'store'); use a storage that does (memory, SQLite, IndexedDB, PostgreSQL) or keep the texts in memory.",
        'STORAGE_UNAVAILABLE',
      );
    }
    return {
      insert: (texts) => vectors.insert(p.storeKey, texts),
      search: async (vector, topK) =>
        (await vectors.search(p.storeKey, vector, topK)).map((m) => ({ text: m.text, metadata: m.metadata, score: round(m.score) })),
      clear: async () => void (await vectors.delete(p.storeKey)),
    };
  }
  const store = storeOf(ctx.execution.tenantId, p.storeKey);
  return {
    insert: async (texts) =>
      texts.map((t) => {
        const stored: StoredText = { id: store.length + 1, ...t };
        store.push(stored);
        return String(stored.id);
      }),
    search: async (vector, topK) =>
      store
        .map((t) => ({ text: t.text, metadata: t.metadata, score: round(cosineSimilarity(vector, t.vector)) }))
        .sort((a, b) => b.score - a.score)
        .slice(0, topK),
    clear: async () => void (store.length = 0),
  };
}

const round = (score: number) => Math.round(score * 1e6) / 1e6;

/** The `topK` stored texts closest to a query, closest first. */
async function search(ctx: NodeContext, p: Params, itemIndex: number, query: string) {
  const embedder = await embeddingsOf(ctx, itemIndex);
  const [vector] = await embedder.embed([query]);
  return backendOf(ctx, p).search(vector!, p.topK);
}

/** The Vector Store node. */
export const vectorStore = defineNode({
  ...vectorStoreInfo,
  properties,
  async execute(ctx) {
    const items = ctx.input();
    const p = ctx.params(0);
    if (p.mode === 'insert') {
      const texts = items.map((item, i) => {
        const field = ctx.params(i).textField;
        const text = item.json[field];
        if (typeof text !== 'string' || text.trim() === '') {
          throw aiError(ctx, `item ${i} has no text in field '${field}' (parameter 'textField').`, 'PARAMETER_INVALID');
        }
        return text;
      });
      const vectors = await (await embeddingsOf(ctx, 0)).embed(texts);
      const backend = backendOf(ctx, p);
      if (p.clear) await backend.clear();
      const ids = await backend.insert(
        items.map((item, i) => {
          const { [ctx.params(i).textField]: _text, ...metadata } = item.json;
          return { text: texts[i]!, metadata, vector: vectors[i]! };
        }),
      );
      return items.map((_item, i) => ({
        json: { id: p.store === 'memory' ? Number(ids[i]) : ids[i]!, text: texts[i]!, storeKey: p.storeKey },
        pairedItem: { item: i },
      }));
    }
    const out: Item[] = [];
    for (let i = 0; i < items.length; i++) {
      const params = ctx.params(i);
      for (const found of await search(ctx, params, i, textOrField(ctx, params.query, i, 'query', 'query')))
        out.push({ json: found, pairedItem: { item: i } });
    }
    return out;
  },
  supply(ctx, itemIndex): ToolSupply {
    const p = ctx.params(itemIndex);
    return brand.tool({
      name: ctx.node.tool?.name ?? 'search_knowledge',
      description:
        ctx.node.tool?.description ??
        `Searches the knowledge base '${p.storeKey}' and returns the ${p.topK} passages closest to the query, with their scores.`,
      inputSchema: {
        type: 'object',
        properties: { query: { type: 'string', description: 'What to look for, in plain words.' } },
        required: ['query'],
        additionalProperties: false,
      },
      async invoke(args) {
        const query = typeof args['query'] === 'string' ? args['query'] : '';
        if (query.trim() === '') throw aiError(ctx, "the search tool needs a 'query'.", 'TOOL_ARGUMENTS_INVALID');
        return search(ctx, p, itemIndex, query);
      },
    });
  },
});
