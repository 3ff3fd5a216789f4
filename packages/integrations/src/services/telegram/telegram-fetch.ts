// Telegram says how long to wait after a flood limit in the body of its 429 (`parameters.retry_after`), with no
// Retry-After header: the node reads it there, so the kit waits as Telegram asks.
import type { NodeType } from '@flowloom/engine';
import { nodeWithFetch } from '../../kit/node-with-fetch.js';
import type { Service } from '../../kit/service-types.js';

/** The service's node, its 429 answers given the `Retry-After` header that their body means. */
export function telegramNode(service: Service): NodeType {
  return nodeWithFetch(
    service,
    (ctx) =>
      async (...args) =>
        retryAfterOf(await ctx.authenticatedFetch(...args)),
  );
}

async function retryAfterOf(response: Response): Promise<Response> {
  if (response.status !== 429 || response.headers.has('retry-after')) return response;
  const text = await response.text();
  let seconds: unknown;
  try {
    seconds = (JSON.parse(text) as { parameters?: { retry_after?: unknown } }).parameters?.retry_after;
  } catch {
    // Not Telegram's JSON: the kit's own backoff applies.
  }
  const headers = new Headers(response.headers);
  if (typeof seconds === 'number' && Number.isFinite(seconds)) headers.set('retry-after', String(seconds));
  return new Response(text, { status: response.status, statusText: response.statusText, headers });
}
