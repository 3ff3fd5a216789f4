import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param } from '../../kit/request-spec.js';
import type { OperationDefinition } from '../../kit/service-types.js';
import { DISCORD_API, discordError, discordRateLimit } from './discord-api.js';
import { sendWebhookMessage } from './discord-webhook.js';
import { discordInfo } from './discord-info.js';
import { discordBotToken } from './discord-credentials.js';

export { discordBotToken };

const snowflake = (label: string) => z.string().regex(/^\d+$/, 'must be a Discord id (digits)').meta({ label });
const channelId = snowflake('Channel ID');
const guildId = snowflake('Server ID');
const reason = z.string().optional().meta({ label: 'Audit log reason', description: 'Shown in the server\u2019s audit log.' });
/** Discord wants the audit log reason URL-encoded, so it may hold any character. */
const auditReason = { 'X-Audit-Log-Reason': param('reason', (v) => encodeURIComponent(String(v as string))) };
const content = z.string().max(2000).meta({ label: 'Content', editor: 'multiline', description: 'Markdown, up to 2,000 characters.' });
const embeds = z
  .array(z.record(z.string(), z.unknown()))
  .max(10)
  .meta({ label: 'Embeds', editor: 'json', description: 'Up to 10 embed objects (title, description, fields...).' });
const tts = z.boolean().meta({ label: 'Text to speech' });

/** Messages per page, Discord's most. */
const MESSAGE_PAGE = 100;
const CHANNEL_TYPES = { text: 0, voice: 2, category: 4, announcement: 5, stage: 13, forum: 15 } as const;

const memberRole = (add: boolean): OperationDefinition => ({
  displayName: add ? 'Add role' : 'Remove role',
  params: z.object({ guildId, userId: snowflake('User ID'), roleId: snowflake('Role ID'), reason }),
  request: { method: add ? 'PUT' : 'DELETE', path: '/guilds/{guildId}/members/{userId}/roles/{roleId}', headers: auditReason },
});

/** Discord: messages, channels and member roles through a bot, and messages through webhooks. */
export const discord = defineService({
  ...discordInfo,
  baseUrl: DISCORD_API,
  credentials: [discordBotToken],
  error: discordError,
  rateLimit: discordRateLimit,
  resources: {
    message: {
      displayName: 'Message',
      operations: {
        send: {
          displayName: 'Send',
          description: 'Post a message in a channel, or reply to one.',
          params: z.object({
            channelId,
            content: content.optional(),
            embeds: embeds.optional(),
            tts: tts.optional(),
            replyTo: snowflake('Reply to message ID').optional(),
          }),
          request: {
            method: 'POST',
            path: '/channels/{channelId}/messages',
            body: {
              content: param('content'),
              embeds: param('embeds'),
              tts: param('tts'),
              message_reference: param('replyTo', (id) => ({ message_id: id })),
            },
          },
        },
        list: {
          displayName: 'List',
          description: 'Messages of a channel, newest first.',
          params: z.object({ channelId, before: snowflake('Before message ID').optional() }),
          request: { method: 'GET', path: '/channels/{channelId}/messages', query: { before: param('before') } },
          // Discord pages by message id: the last message of a full page is where the next page starts
          // (`before` it), and a shorter page is the last one, so the cursor is the id at the page's last index.
          paginate: {
            type: 'cursor',
            next: `${MESSAGE_PAGE - 1}.id`,
            send: { in: 'query', name: 'before' },
            pageSize: { in: 'query', name: 'limit', value: MESSAGE_PAGE },
          },
        },
        delete: {
          displayName: 'Delete',
          params: z.object({ channelId, messageId: snowflake('Message ID'), reason }),
          request: { method: 'DELETE', path: '/channels/{channelId}/messages/{messageId}', headers: auditReason },
        },
      },
    },
    webhook: {
      displayName: 'Webhook',
      operations: {
        send: {
          displayName: 'Send',
          description: 'Post a message through a channel webhook; the bot token is not sent.',
          params: z.object({
            webhookUrl: z.string().min(1).meta({ label: 'Webhook URL', placeholder: 'https://discord.com/api/webhooks/<id>/<token>' }),
            content: content.optional(),
            embeds: embeds.optional(),
            tts: tts.optional(),
            username: z.string().optional().meta({ label: 'Username', description: 'Instead of the webhook\u2019s own name.' }),
            avatarUrl: z.string().optional().meta({ label: 'Avatar URL' }),
            threadId: snowflake('Thread ID').optional(),
            wait: z.boolean().default(true).meta({ label: 'Return the message', description: 'Wait for Discord to answer with it.' }),
          }),
          unsigned: true,
          execute: sendWebhookMessage,
        },
      },
    },
    channel: {
      displayName: 'Channel',
      operations: {
        create: {
          displayName: 'Create',
          description: 'Create a channel in a server.',
          params: z.object({
            guildId,
            name: z.string().min(1).max(100).meta({ label: 'Name' }),
            channelType: z
              .enum(Object.keys(CHANNEL_TYPES) as [keyof typeof CHANNEL_TYPES])
              .default('text')
              .meta({ label: 'Type' }),
            topic: z.string().max(1024).optional().meta({ label: 'Topic' }),
            parentId: snowflake('Category ID').optional(),
            reason,
          }),
          request: {
            method: 'POST',
            path: '/guilds/{guildId}/channels',
            headers: auditReason,
            body: {
              name: param('name'),
              type: param('channelType', (t) => CHANNEL_TYPES[t as keyof typeof CHANNEL_TYPES]),
              topic: param('topic'),
              parent_id: param('parentId'),
            },
          },
        },
      },
    },
    member: {
      displayName: 'Member',
      operations: { addRole: memberRole(true), removeRole: memberRole(false) },
    },
  },
});
