import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { telegramBotToken } from './telegram-credentials.js';
import { telegramInfo, telegramTriggerDescription } from './telegram-info.js';

export { telegramBotToken };

const updates: Record<string, string> = {
  message: 'Message',
  edited_message: 'Message edited',
  channel_post: 'Channel post',
  edited_channel_post: 'Channel post edited',
  business_message: 'Business message',
  message_reaction: 'Reaction changed',
  inline_query: 'Inline query',
  chosen_inline_result: 'Inline result chosen',
  callback_query: 'Inline button pressed (callback query)',
  shipping_query: 'Shipping query',
  pre_checkout_query: 'Pre-checkout query',
  poll: 'Poll changed',
  poll_answer: 'Poll answered',
  my_chat_member: 'Bot added, blocked or removed',
  chat_member: 'Chat member changed',
  chat_join_request: 'Request to join a chat',
};

/**
 * Starts a workflow with each update Telegram sends the bot's webhook, for
 * the update types chosen. Register the trigger's URL with the Telegram
 * node's "Set webhook" (the trigger cannot register itself): Telegram then
 * sends the credential's secret token with every call, and a call without it
 * is refused. The item is the update (`update_id` and, say, `message`).
 */
export const telegramTrigger = defineTrigger({
  id: 'telegram',
  displayName: 'Telegram',
  description: telegramTriggerDescription,
  icon: telegramInfo.icon,
  docsUrl: 'https://core.telegram.org/bots/api#setwebhook',
  credentials: [telegramBotToken],
  events: Object.fromEntries(Object.entries(updates).map(([type, displayName]) => [type, { displayName }])),
  // An update holds `update_id` and exactly one of the optional fields, named after its type.
  eventOf: (call: CallJson) => {
    const body = call.body;
    if (typeof body !== 'object' || body === null) return undefined;
    return Object.keys(body).find((key) => key !== 'update_id');
  },
});
