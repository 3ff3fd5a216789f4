// The fetch the AI SDK's providers are given: every request goes through the engine, signed by the model node's
// credential (destination binding, redaction, the private-network guard), and a provider that asks to slow down
// is waited for on the engine's clock.
import type { NodeContext } from '@flowloom/engine';

/** Answers worth trying again: rate limited, the provider overloaded or failing for a moment. */
const RETRYABLE = new Set([408, 409, 429, 500, 502, 503, 504, 529]);

/** Headers the providers set from the placeholder key they are built with; the credential signs instead. */
const PLACEHOLDER_AUTH = ['authorization', 'x-api-key', 'openai-organization', 'api-key'];

/** The key providers are built with; it never leaves the engine (the fetch drops it, the credential signs). */
export const PLACEHOLDER_KEY = 'signed-by-flowloom';

export interface ProviderFetchOptions {
  /** Tries after the first on a retryable answer. */
  maxRetries: number;
  /** A wait the provider asks for beyond this is not waited for: the answer is returned as it is. */
  maxWaitMs: number;
}

/** How long a provider asks to wait: `retry-after-ms`, `retry-after` (seconds or a date), else 1 s, 2 s, 4 s... */
export function retryDelay(headers: Headers, attempt: number, now: number): number {
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.has('retry-after-ms') && Number.isFinite(ms)) return Math.max(0, Math.ceil(ms));
  const after = headers.get('retry-after');
  if (after !== null) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds * 1000));
    const date = Date.parse(after);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return 1000 * 2 ** attempt;
}

/**
 * A fetch for a provider factory: sends each request with
 * `ctx.authenticatedFetch` through the credential in `slot`, and tries again
 * (waiting with `ctx.sleep`) when the provider answers 429 or a passing 5xx.
 */
export function providerFetch(ctx: NodeContext, slot: string, options: ProviderFetchOptions): typeof fetch {
  return async (input, init) => {
    const request = input instanceof Request ? input : undefined;
    const url = request ? request.url : String(input instanceof URL ? input.href : input);
    const headers = new Headers(init?.headers ?? request?.headers);
    for (const name of PLACEHOLDER_AUTH) headers.delete(name);
    const body = init?.body ?? (request ? await request.text() : undefined);
    const signal = init?.signal ?? request?.signal ?? undefined;
    for (let attempt = 0; ; attempt++) {
      const response = await ctx.authenticatedFetch(slot, url, {
        method: init?.method ?? request?.method ?? 'GET',
        headers,
        ...(body === undefined || body === null ? {} : { body }),
        ...(signal ? { signal } : {}),
      });
      if (!RETRYABLE.has(response.status) || attempt >= options.maxRetries) return response;
      const waitMs = retryDelay(response.headers, attempt, ctx.now());
      if (waitMs > options.maxWaitMs) return response;
      await response.body?.cancel();
      ctx.logger.info(`Node '${ctx.node.name}': the model provider answered HTTP ${response.status}; trying again in ${waitMs} ms.`);
      await ctx.sleep(waitMs, signal);
    }
  };
}
