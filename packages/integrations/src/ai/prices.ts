// Cost estimates: list prices in USD per million tokens of well-known models, matched by the longest prefix of the
// model id (dated snapshots included). A Chat Model's own pricing parameters win; a model not listed has no estimate.
import type { Pricing } from './supplies.js';

/** [input, output] USD per million tokens, as the vendors list them (mid-2025); a host overrides them per Chat Model node. */
const LIST_PRICES: Readonly<Record<string, readonly [number, number]>> = {
  'gpt-4o': [2.5, 10],
  'gpt-4o-mini': [0.15, 0.6],
  'gpt-4.1': [2, 8],
  'gpt-4.1-mini': [0.4, 1.6],
  'gpt-4.1-nano': [0.1, 0.4],
  'o3-mini': [1.1, 4.4],
  'o4-mini': [1.1, 4.4],
  'claude-3-haiku': [0.25, 1.25],
  'claude-3-5-haiku': [0.8, 4],
  'claude-3-5-sonnet': [3, 15],
  'claude-3-7-sonnet': [3, 15],
  'claude-sonnet-4': [3, 15],
  'claude-opus-4': [15, 75],
  'text-embedding-3-small': [0.02, 0],
  'text-embedding-3-large': [0.13, 0],
};

/** The pricing of a model: the node's own, else the list price of the longest listed prefix of its id. */
export function pricingOf(modelId: string, own: Pricing | undefined): Pricing | undefined {
  if (own) return own;
  let best: string | undefined;
  for (const prefix of Object.keys(LIST_PRICES)) {
    if (modelId.startsWith(prefix) && (best === undefined || prefix.length > best.length)) best = prefix;
  }
  if (best === undefined) return undefined;
  const [input, output] = LIST_PRICES[best]!;
  return { inputPerMillion: input, outputPerMillion: output };
}

/** The estimated cost in USD of a call's tokens, rounded to a millionth of a dollar; undefined without a price or usage. */
export function costOf(
  pricing: Pricing | undefined,
  inputTokens: number | undefined,
  outputTokens: number | undefined,
): number | undefined {
  if (!pricing || (inputTokens === undefined && outputTokens === undefined)) return undefined;
  const usd = ((inputTokens ?? 0) * pricing.inputPerMillion + (outputTokens ?? 0) * pricing.outputPerMillion) / 1_000_000;
  return Math.round(usd * 1_000_000) / 1_000_000;
}
