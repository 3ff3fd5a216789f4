// What the palette needs of Discord, without loading its operations or its credential types.
import { monogram } from '../../kit/icons.js';

/** Discord as the palette lists it. */
export const discordInfo = {
  id: 'discord',
  displayName: 'Discord',
  description: 'Send and list messages, post through webhooks, create channels and manage member roles on a Discord server.',
  icon: monogram('D', '5865F2'),
  docsUrl: 'https://discord.com/developers/docs/reference',
};
