import type { Item } from '@flowloom/engine';
import { nodeError } from '../../kit/call.js';
import { param } from '../../kit/request-spec.js';
import type { OperationContext } from '../../kit/service-types.js';
import { DISCORD_API } from './discord-api.js';

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
    content: param('content'),
    embeds: param('embeds'),
    tts: param('tts'),
    username: param('username'),
    avatar_url: param('avatarUrl'),
  };
  // Unsigned (the URL carries the webhook's token), yet sent through the kit: Discord's rate limits and errors apply as elsewhere.
  const answer = await op.request({ method: 'POST', path: '', body: message }, url.href);
  return answer.body === undefined ? [{ json: { success: true } }] : [{ json: answer.body as Record<string, unknown> }];
}
