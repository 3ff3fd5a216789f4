// Telegram in the catalog: stand-ins for its node, its trigger and its credential type, which load on first use.
import { defineLazyCredentialType, defineLazyNode, type LazyCredentialType, type NodeType } from '@flowloom/engine';
import { telegramInfo, telegramTriggerDescription } from './telegram-info.js';

/** Stand-in of the Telegram bot token credential type (with the webhook's secret token). */
export const telegramBotToken = defineLazyCredentialType({
  name: 'telegramApi',
  displayName: 'Telegram bot token',
  load: async () => (await import('./telegram-credentials.js')).telegramBotToken,
});

const slots = [{ name: telegramBotToken.name, type: telegramBotToken.name, required: false }];

/** Stand-in of the Telegram node: messages, photos, documents, callback answers and the webhook. */
export const telegram = defineLazyNode({
  type: `integrations.${telegramInfo.id}`,
  version: 1,
  displayName: telegramInfo.displayName,
  description: telegramInfo.description,
  group: 'integration',
  icon: telegramInfo.icon,
  inputs: ['main'],
  outputs: ['main'],
  credentials: slots,
  load: async () => (await import('./telegram.js')).telegram.node,
});

/** Stand-in of the Telegram Trigger: the bot's updates, checked with the webhook's secret token. */
export const telegramTrigger = defineLazyNode({
  type: `integrations.${telegramInfo.id}Trigger`,
  version: 1,
  displayName: `${telegramInfo.displayName} Trigger`,
  description: telegramTriggerDescription,
  group: 'trigger',
  icon: telegramInfo.icon,
  inputs: [],
  outputs: ['main'],
  credentials: slots,
  load: async () => (await import('./telegram-trigger.js')).telegramTrigger,
});

/** Telegram's node types, for the catalog's `allIntegrations`. */
export const telegramNodeTypes: readonly NodeType[] = [telegram, telegramTrigger];
/** Telegram's credential types, for the catalog's `allIntegrationCredentials`. */
export const telegramCredentialTypes: readonly LazyCredentialType[] = [telegramBotToken];
