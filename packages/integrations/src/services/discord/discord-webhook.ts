import type { Item, NodeContext } from '@flowloom/engine';
import { nodeError } from '../../kit/call.js';
import { waitFor } from '../../kit/http.js';
import type { OperationContext, VendorResponse } from '../../kit/service-types.js';
import { DISCORD_API, discordError, discordRateLimit } from './discord-api.js';

type WebhookParams = {
  webhookUrl: string;
  content?: string | undefined;
  embeds?: Record<string, unknown>[] | undefined;
  tts?: boolean | undefined;
  username?: string | undefined;
  avatarUrl?: string | undefined;
  threadId?: string | undefined;
  wait: boolean;
};

const LABEL = 'Discord webhook.send';
const WEBHOOK_HOSTS = new Set(['discord.com', 'ptb.discord.com', 'canary.discord.com']);
const WEBHOOK_PATH = /^\/api(?:\/v\d+)?\/webhooks\/(\d{15,25})\/([\w-]+)\/?$/;
const MAX_RETRIES = 3;
const MAX_WAIT_MS = 60_000;

/** The webhook's id and token, when the URL is one Discord hands out (`https://discord.com/api/webhooks/<id>/<token>`). */
export function webhookOf(text: string): { id: string; token: string } | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !WEBHOOK_HOSTS.has(url.hostname) || url.port || url.username || url.password) return undefined;
  if (url.search || url.hash) return undefined;
  const match = WEBHOOK_PATH.exec(url.pathname);
  return match ? { id: match[1]!, token: match[2]! } : undefined;
}

/**
 * Posts a message through a webhook. The webhook URL carries its own token,
 * so the request goes unsigned: the bot token is not sent along. It is sent
 * to an address built from Discord's own origin and the webhook's id and
 * token, never to the URL as typed, so only Discord ever receives the message.
 */
export async function sendWebhookMessage(op: OperationContext<WebhookParams>): Promise<Item[]> {
  const { ctx, params } = op;
  const webhook = webhookOf(params.webhookUrl);
  if (!webhook) {
    throw nodeError(
      ctx,
      `${LABEL}: parameter 'webhookUrl' must be a Discord webhook URL, https://discord.com/api/webhooks/<id>/<token>.`,
      'PARAMETER_INVALID',
    );
  }
  const url = new URL(`${DISCORD_API}/webhooks/${webhook.id}/${webhook.token}`);
  if (params.wait) url.searchParams.set('wait', 'true');
  if (params.threadId) url.searchParams.set('thread_id', params.threadId);
  const message = {
    content: params.content,
    embeds: params.embeds,
    tts: params.tts,
    username: params.username,
    avatar_url: params.avatarUrl,
  };
  const body = JSON.stringify(message);
  const answer = await post(ctx, url, body);
  return answer.body === undefined ? [{ json: { success: true } }] : [{ json: answer.body as Record<string, unknown> }];
}

/** Sends the request, waiting as Discord says on a 429, and turns Discord's error answers into node errors. */
async function post(ctx: NodeContext, url: URL, body: string): Promise<VendorResponse> {
  for (let attempt = 0; ; attempt++) {
    const response = await ctx.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      redirect: 'error',
    });
    const text = await response.text();
    const read: VendorResponse = { status: response.status, headers: response.headers, body: text === '' ? undefined : parsed(text) };
    if (response.status === 429 && attempt < MAX_RETRIES) {
      const waitMs = waitFor(read, discordRateLimit, ctx.now(), attempt);
      if (waitMs > MAX_WAIT_MS) {
        throw nodeError(
          ctx,
          `${LABEL}: Discord is rate limiting these requests and asks to wait ${Math.ceil(waitMs / 1000)} s, longer than the ${MAX_WAIT_MS / 1000} s allowed.`,
          'RATE_LIMITED',
          undefined,
          true,
        );
      }
      ctx.logger.info(`${LABEL}: rate limited (HTTP 429); trying again in ${waitMs} ms.`);
      await ctx.sleep(waitMs);
      continue;
    }
    const vendor = discordError(read);
    if (!vendor) return read;
    const at = vendor.parameter ? ` (parameter '${vendor.parameter}')` : '';
    throw nodeError(
      ctx,
      `${LABEL} failed: HTTP ${read.status}${vendor.code ? ` ${vendor.code}` : ''}: ${vendor.message}${at}`,
      'SERVICE_ERROR',
      undefined,
      read.status === 429 || read.status >= 500,
      { service: 'discord', status: read.status, vendorCode: vendor.code, parameter: vendor.parameter, body: read.body },
    );
  }
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
