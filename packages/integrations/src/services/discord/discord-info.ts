// What the palette and the credentials panel need of Discord, without loading its operations.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';
import { monogram } from '../../kit/icons.js';

/** Discord as the palette lists it. */
export const discordInfo = {
  id: 'discord',
  displayName: 'Discord',
  description: 'Send and list messages, post through webhooks, create channels and manage member roles on a Discord server.',
  icon: monogram('D', '5865F2'),
  docsUrl: 'https://discord.com/developers/docs/reference',
};

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
