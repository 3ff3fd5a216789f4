// What every request of the GitHub node goes through before the kit sees it: GitHub's media type and API version,
// a GitHub App's installation token, and GitHub's "slow down" answers, which come as 403s as often as 429s.
import type { NodeContext, NodeType } from '@flowloom/engine';
import { nodeError } from '../../kit/call.js';
import { nodeWithFetch } from '../../kit/node-with-fetch.js';
import type { Service } from '../../kit/service-types.js';
import { githubApp, INSTALLATION_PLACEHOLDER } from './github-credentials.js';

/** The REST API version the node is written against. */
export const API_VERSION = '2022-11-28';

/** Installation tokens, one per run of a node: kept in memory only, never in its output or storage. */
const installationTokens = new WeakMap<NodeContext, Promise<string>>();

/**
 * The service's node, its requests sent through {@link githubFetch}. The
 * node's description is the service's own; only the way it fetches differs.
 */
export function githubNode(service: Service): NodeType {
  return nodeWithFetch(service, githubFetch);
}

/**
 * Sends a request as GitHub asks (its media type and API version), with the
 * installation token when the node signs with a GitHub App (the JWT itself
 * opens only the `/app` endpoints), and reads a 403 that carries
 * `Retry-After` or an exhausted `X-RateLimit-Remaining` as the rate limit it
 * is, so the kit waits as GitHub says.
 */
function githubFetch(ctx: NodeContext): NodeContext['authenticatedFetch'] {
  return async (slot, input, init = {}) => {
    const headers = new Headers(init.headers);
    if (!headers.has('accept')) headers.set('accept', 'application/vnd.github+json');
    if (!headers.has('x-github-api-version')) headers.set('x-github-api-version', API_VERSION);
    const path = new URL(String(input)).pathname;
    if (slot === githubApp.name && path !== '/app' && !path.startsWith('/app/')) {
      headers.set('authorization', `token ${await installationToken(ctx, slot)}`);
    }
    return rateLimitAsLimit(await ctx.authenticatedFetch(slot, input, { ...init, headers }));
  };
}

function installationToken(ctx: NodeContext, slot: string): Promise<string> {
  let token = installationTokens.get(ctx);
  if (!token) {
    token = exchange(ctx, slot);
    installationTokens.set(ctx, token);
  }
  return token;
}

/** The installation's token, for the app's JWT (`POST /app/installations/{id}/access_tokens`). */
async function exchange(ctx: NodeContext, slot: string): Promise<string> {
  const response = await ctx.authenticatedFetch(
    slot,
    `https://api.github.com/app/installations/${INSTALLATION_PLACEHOLDER}/access_tokens`,
    {
      method: 'POST',
      headers: { accept: 'application/vnd.github+json', 'x-github-api-version': API_VERSION },
    },
  );
  const text = await response.text();
  let answer: { token?: unknown; message?: unknown } = {};
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    // Not JSON: the status says what happened.
  }
  if (!response.ok || typeof answer.token !== 'string') {
    const why = typeof answer.message === 'string' ? answer.message : `HTTP ${response.status}`;
    throw nodeError(
      ctx,
      `GitHub App: the installation token could not be obtained (HTTP ${response.status}: ${why}); check the credential's client ID, installation ID and private key.`,
      'CREDENTIAL_REFUSED',
      undefined,
      response.status === 429 || response.status >= 500,
    );
  }
  return answer.token;
}

async function rateLimitAsLimit(response: Response): Promise<Response> {
  const limited = response.status === 403 && (response.headers.has('retry-after') || response.headers.get('x-ratelimit-remaining') === '0');
  if (!limited) return response;
  return new Response(await response.arrayBuffer(), { status: 429, statusText: 'Too Many Requests', headers: response.headers });
}
