// What the palette needs of Telegram, without loading its operations (its credential type is in telegram-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Telegram as the palette lists it. */
export const telegramInfo = {
  id: 'telegram',
  displayName: 'Telegram',
  description: 'Send, edit and answer messages, photos and documents with a Telegram bot, and register its webhook.',
  icon: monogram('T', '26A5E4'),
  docsUrl: 'https://core.telegram.org/bots/api',
};

/** What the Telegram Trigger says it does, in the palette and on the full type alike. */
export const telegramTriggerDescription =
  'Starts the workflow with each update Telegram sends the bot (messages, button presses...), checked with the webhook\u2019s secret token.';
