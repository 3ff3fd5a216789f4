// Discord's credential types: loaded when a credential of theirs is used (the catalog lists stand-ins).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** A Discord application's bot token, sent as `Authorization: Bot <token>`. */
export const discordBotToken = defineCredentialType({
  name: 'discordBotApi',
  displayName: 'Discord bot token',
  documentationUrl: 'https://discord.com/developers/docs/reference#authentication',
  properties: z.object({
    token: z.string().min(1).meta({ label: 'Bot token', secret: true, description: 'From the Bot page of the application.' }),
  }),
  authenticate: (d) => ({ type: 'header', name: 'Authorization', value: `Bot ${d.token}` }),
  allowedHosts: ['discord.com'],
  test: () => ({ url: 'https://discord.com/api/v10/users/@me' }),
});
