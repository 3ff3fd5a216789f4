// Embeddings: an embedding model for the vector store it is attached to, on OpenAI or an OpenAI-compatible server,
// every request going through the engine's fetch signed by the node's credential.
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { defineNode } from '@flowloom/engine';
import { embedMany } from 'ai';
import { z } from 'zod';
import { PROVIDER_BASE_URL } from './ai-credentials.js';
import { embeddingsInfo, EMBEDDINGS_SLOTS } from './ai-info.js';
import { costOf, pricingOf } from './prices.js';
import { PLACEHOLDER_KEY, providerFetch } from './provider-fetch.js';
import { providerFailure } from './run-model.js';
import { aiError, brand, type EmbeddingsSupply } from './supplies.js';

const properties = z.object({
  model: z
    .string()
    .trim()
    .min(1)
    .default('text-embedding-3-small')
    .meta({ label: 'Model', description: 'The embedding model id (text-embedding-3-small, nomic-embed-text).' }),
  dimensions: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ label: 'Dimensions', description: 'Only for models that can shorten their vectors.' }),
  maxRetries: z.number().int().min(0).max(10).default(2).meta({ label: 'Retries' }),
});

/** The Embeddings node: supplies its embedding model to the vector store it is attached to. */
export const embeddings = defineNode({
  ...embeddingsInfo,
  properties,
  execute() {
    return [];
  },
  supply(ctx, itemIndex): EmbeddingsSupply {
    const p = ctx.params(itemIndex);
    const slot = EMBEDDINGS_SLOTS.find((s) => ctx.node.credentials?.[s.name])?.name;
    if (!slot) throw aiError(ctx, 'needs a credential: choose an OpenAI API key or an OpenAI-compatible server.', 'CREDENTIAL_MISSING');
    const fetch = providerFetch(ctx, slot, { maxRetries: p.maxRetries, maxWaitMs: 60_000 });
    const model =
      slot === 'openAiApi'
        ? createOpenAI({ baseURL: PROVIDER_BASE_URL, apiKey: PLACEHOLDER_KEY, fetch }).embedding(p.model)
        : createOpenAICompatible({ name: 'openai-compatible', baseURL: PROVIDER_BASE_URL, fetch }).embeddingModel(p.model);
    const provider = slot === 'openAiApi' ? 'openai' : 'openaiCompatible';
    const node = { id: ctx.node.id, name: ctx.node.name };
    return brand.embeddings({
      model,
      modelId: p.model,
      node,
      async embed(values) {
        if (values.length === 0) return [];
        const started = ctx.now();
        try {
          const result = await embedMany({
            model,
            values: [...values],
            maxRetries: 0,
            abortSignal: ctx.signal,
            ...(p.dimensions ? { providerOptions: { openai: { dimensions: p.dimensions } } } : {}),
          });
          const tokens = result.usage?.tokens;
          const costUsd = costOf(pricingOf(p.model, undefined), tokens, 0);
          ctx.addLogs([
            {
              level: 'info',
              message: `Embeddings (${p.model}): ${values.length} text(s), ${tokens ?? '?'} tokens, ${ctx.now() - started} ms`,
              data: {
                kind: 'embedding-call',
                model: { node: node.name, provider, modelId: p.model },
                count: values.length,
                ...(tokens === undefined ? {} : { usage: { totalTokens: tokens } }),
                latencyMs: ctx.now() - started,
                ...(costUsd === undefined ? {} : { costUsd }),
              },
            },
          ]);
          return result.embeddings;
        } catch (error) {
          throw providerFailure(ctx, { provider, modelId: p.model, node, kind: 'Embeddings' }, error);
        }
      },
    });
  },
});
