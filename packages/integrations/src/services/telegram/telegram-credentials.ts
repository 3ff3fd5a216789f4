// Telegram's credential type: a bot's token, which Telegram takes in the path of every method's URL, and the secret
// token its webhook calls carry.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A bot's token from @BotFather. The signer puts it where Telegram wants it,
 * in the path (`/bot<token>/sendMessage`), so node code and workflows never
 * hold it. With a webhook secret token, `setWebhook` registers it (the signer
 * adds `secret_token`, which Telegram reads from the query as from the body),
 * and the Telegram Trigger refuses every call whose
 * `X-Telegram-Bot-Api-Secret-Token` header is not that token.
 */
export const telegramBotToken = defineCredentialType({
  name: 'telegramApi',
  displayName: 'Telegram bot token',
  documentationUrl: 'https://core.telegram.org/bots/features#botfather',
  properties: z.object({
    botToken: z
      .string()
      .trim()
      .regex(/^\d+:[\w-]{20,}$/, 'must be a bot token from @BotFather, such as 123456789:AAH...')
      .meta({ label: 'Bot token', placeholder: '123456789:AAH...', secret: true }),
    webhookSecret: z
      .string()
      .regex(/^[\w-]{1,256}$/, 'must be 1 to 256 letters, digits, _ or -, as Telegram allows')
      .optional()
      .meta({
        label: 'Webhook secret token',
        description: 'Any long random text: "Set webhook" registers it, and the Telegram Trigger accepts only calls that carry it.',
        secret: true,
      }),
  }),
  authenticate: (d) => ({
    type: 'custom',
    sign(request) {
      request.url.pathname = request.url.pathname.replace(/^\/bot(?=\/)/, `/bot${d.botToken}`);
      if (d.webhookSecret && request.url.pathname.endsWith('/setWebhook')) request.url.searchParams.set('secret_token', d.webhookSecret);
    },
  }),
  allowedHosts: ['api.telegram.org'],
  test: () => ({
    url: 'https://api.telegram.org/bot/getMe',
    method: 'POST',
    verify: ({ body }) => {
      const answer = body as { ok?: boolean; description?: string };
      return answer.ok === true ? undefined : `Telegram says ${answer.description ?? 'the token does not work'}.`;
    },
  }),
  async verifyWebhook(data, call) {
    if (!data.webhookSecret) {
      return 'the Telegram credential has no webhook secret token to check calls with; add one, then run "Set webhook" again';
    }
    const token = call.headers.get('x-telegram-bot-api-secret-token');
    if (token === null) return 'it has no X-Telegram-Bot-Api-Secret-Token header';
    // The comparison loads with the first call to check, not with the catalog.
    const { constantTimeEqual } = await import('../../kit/signature.js');
    return constantTimeEqual(token, data.webhookSecret) ? undefined : 'its secret token does not match';
  },
});
