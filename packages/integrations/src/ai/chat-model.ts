// Chat Model: a model configuration the AI node it is attached to uses. The credential slot that is filled picks the
// provider; every request goes through the engine's fetch, signed by that credential.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { defineNode, type NodeContext } from '@flowloom/engine';
import type { LanguageModel } from 'ai';
import { z } from 'zod';
import { PROVIDER_BASE_URL } from './ai-credentials.js';
import { chatModelInfo, CHAT_MODEL_SLOTS } from './ai-info.js';
import { PLACEHOLDER_KEY, providerFetch } from './provider-fetch.js';
import { aiError, brand, type ChatModelSupply, type ProviderKind } from './supplies.js';

const properties = z.object({
  model: z.string().trim().min(1).meta({
    label: 'Model',
    placeholder: 'gpt-4o-mini',
    description: 'The model id as the provider names it (gpt-4o-mini, claude-sonnet-4-0, llama3.2).',
  }),
  temperature: z.number().min(0).max(2).optional().meta({ label: 'Temperature', description: 'Lower is more predictable.' }),
  maxOutputTokens: z.number().int().positive().optional().meta({ label: 'Maximum tokens per answer' }),
  stream: z
    .boolean()
    .default(false)
    .meta({ label: 'Stream', description: 'Ask for the answer in parts as it is written; the node still passes it on whole.' }),
  maxRetries: z
    .number()
    .int()
    .min(0)
    .max(10)
    .default(2)
    .meta({ label: 'Retries', description: 'Tries after the first when the provider is rate limiting or failing for a moment.' }),
  pricing: z
    .object({
      inputPerMillion: z.number().min(0).meta({ label: 'Input, USD per million tokens' }),
      outputPerMillion: z.number().min(0).meta({ label: 'Output, USD per million tokens' }),
    })
    .optional()
    .meta({ label: 'Pricing', description: 'For cost estimates; well-known models have a list price already.' }),
});

const PROVIDER_OF: Record<(typeof CHAT_MODEL_SLOTS)[number]['name'], ProviderKind> = {
  openAiApi: 'openai',
  anthropicApi: 'anthropic',
  openAiCompatibleApi: 'openaiCompatible',
};

/** A language model on the provider whose credential the node has, calling through the engine. */
function languageModel(ctx: NodeContext, slot: keyof typeof PROVIDER_OF, modelId: string, maxRetries: number): LanguageModel {
  const fetch = providerFetch(ctx, slot, { maxRetries, maxWaitMs: 60_000 });
  switch (slot) {
    case 'openAiApi':
      return createOpenAI({ baseURL: PROVIDER_BASE_URL, apiKey: PLACEHOLDER_KEY, fetch }).chat(modelId);
    case 'anthropicApi':
      return createAnthropic({ baseURL: PROVIDER_BASE_URL, apiKey: PLACEHOLDER_KEY, fetch })(modelId);
    case 'openAiCompatibleApi':
      return createOpenAICompatible({ name: 'openai-compatible', baseURL: PROVIDER_BASE_URL, fetch, includeUsage: true }).chatModel(
        modelId,
      );
  }
}

/** The Chat Model node: supplies its configured model to the AI node it is attached to. */
export const chatModel = defineNode({
  ...chatModelInfo,
  properties,
  execute() {
    return [];
  },
  supply(ctx, itemIndex): ChatModelSupply {
    const p = ctx.params(itemIndex);
    const slot = CHAT_MODEL_SLOTS.find((s) => ctx.node.credentials?.[s.name])?.name;
    if (!slot) {
      throw aiError(
        ctx,
        'needs a credential: choose an OpenAI API key, an Anthropic API key or an OpenAI-compatible server.',
        'CREDENTIAL_MISSING',
      );
    }
    return brand.chatModel({
      model: languageModel(ctx, slot, p.model, p.maxRetries),
      provider: PROVIDER_OF[slot],
      modelId: p.model,
      node: { id: ctx.node.id, name: ctx.node.name },
      temperature: p.temperature,
      maxOutputTokens: p.maxOutputTokens,
      stream: p.stream,
      pricing: p.pricing,
    });
  },
});
