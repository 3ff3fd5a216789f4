// Meta says "slow down" with a 400 (or 403) and one of its throttling codes, and tells how long in the
// X-Business-Use-Case-Usage header (minutes, per business): the node reads such an answer as the 429 it means, so
// the kit waits as Meta says (or backs off 1 s, 2 s, 4 s when it does not say).
import type { NodeType } from '@flowloom/engine';
import { nodeWithFetch } from '../../kit/node-with-fetch.js';
import type { Service } from '../../kit/service-types.js';

/** Meta's error codes for rate limits: application, user, page and custom levels, and the Ads API's own. */
const THROTTLING = new Set([4, 17, 32, 613, ...Array.from({ length: 15 }, (_, i) => 80000 + i)]);

/** The service's node, its throttling answers read as rate limits. */
export function metaAdsNode(service: Service): NodeType {
  return nodeWithFetch(
    service,
    (ctx) =>
      async (...args) =>
        throttlingAsLimit(await ctx.authenticatedFetch(...args)),
  );
}

async function throttlingAsLimit(response: Response): Promise<Response> {
  if (response.status !== 400 && response.status !== 403) return response;
  const text = await response.text();
  let code: unknown;
  try {
    code = (JSON.parse(text) as { error?: { code?: unknown } }).error?.code;
  } catch {
    // Not Meta's JSON: not a throttling answer.
  }
  if (typeof code !== 'number' || !THROTTLING.has(code)) {
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  }
  const headers = new Headers(response.headers);
  const minutes = regainAccessMinutes(response.headers.get('x-business-use-case-usage'));
  if (minutes !== undefined && !headers.has('retry-after')) headers.set('retry-after', String(minutes * 60));
  return new Response(text, { status: 429, statusText: 'Too Many Requests', headers });
}

/** The longest `estimated_time_to_regain_access` (minutes) of the business use case usage header, when above zero. */
function regainAccessMinutes(header: string | null): number | undefined {
  if (!header) return undefined;
  try {
    const usage = JSON.parse(header) as Record<string, { estimated_time_to_regain_access?: unknown }[]>;
    const minutes = Object.values(usage)
      .flat()
      .map((entry) => Number(entry.estimated_time_to_regain_access))
      .filter((m) => Number.isFinite(m) && m > 0);
    return minutes.length > 0 ? Math.max(...minutes) : undefined;
  } catch {
    return undefined;
  }
}
