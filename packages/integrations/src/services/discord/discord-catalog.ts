// Discord in the catalog: stand-ins for its node and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService } from '../catalog-parts.js';
import { discordInfo } from './discord-info.js';

/** Stand-in of the Discord bot token credential type. */
export const discordBotToken = lazyCredential(
  'discordBotApi',
  'Discord bot token',
  async () => (await import('./discord-credentials.js')).discordBotToken,
);

/** Stand-in of the Discord node. */
export const discord = lazyService(discordInfo, [discordBotToken], async () => (await import('./discord.js')).discord.node);

/** Discord's node types, for the catalog's `allIntegrations`. */
export const discordNodeTypes: readonly NodeType[] = [discord];
/** Discord's credential types, for the catalog's `allIntegrationCredentials`. */
export const discordCredentialTypes: readonly LazyCredentialType[] = [discordBotToken];
