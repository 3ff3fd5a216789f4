import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import type { VendorError } from '../../kit/service-types.js';
import { param } from '../../kit/request-spec.js';
import { uploadFile } from './slack-upload.js';
import { slackInfo } from './slack-info.js';
import { slackBotToken, slackOAuth2 } from './slack-credentials.js';

export { slackBotToken, slackOAuth2 };

/** Slack's error codes that name the parameter at fault. */
const PARAMETER_OF: Record<string, string> = {
  channel_not_found: 'channel',
  not_in_channel: 'channel',
  is_archived: 'channel',
  user_not_found: 'user',
  users_not_found: 'user',
  message_not_found: 'ts',
  cant_update_message: 'ts',
  cant_delete_message: 'ts',
  invalid_name: 'name',
  already_reacted: 'name',
  invalid_blocks: 'blocks',
  invalid_blocks_format: 'blocks',
  no_text: 'text',
  msg_too_long: 'text',
  name_taken: 'name',
};

function slackError(response: { status: number; body: unknown }): VendorError | undefined {
  const body = response.body as { ok?: boolean; error?: string; response_metadata?: { messages?: string[] } } | undefined;
  if (response.status < 400 && body?.ok !== false) return undefined;
  const code = body?.error ?? `http_${response.status}`;
  const detail = body?.response_metadata?.messages?.join('; ');
  const parameter = PARAMETER_OF[code];
  return {
    code,
    message: detail ? `${code.replaceAll('_', ' ')} (${detail})` : code.replaceAll('_', ' '),
    ...(parameter ? { parameter } : {}),
  };
}

const channel = z
  .string()
  .min(1)
  .meta({ label: 'Channel', placeholder: 'C0123456789 or #general', description: 'A channel, DM or group ID (or a #name).' });
const ts = z
  .string()
  .min(1)
  .meta({ label: 'Message timestamp', placeholder: '1712345678.123456', description: 'The `ts` of the message.' });
const text = z
  .string()
  .meta({ label: 'Text', editor: 'multiline', description: 'Markdown-like mrkdwn; the fallback text when blocks are sent.' });
const blocks = z.array(z.record(z.string(), z.unknown())).meta({ label: 'Blocks', editor: 'json', description: 'Block Kit blocks.' });
const attachments = z.array(z.record(z.string(), z.unknown())).meta({
  label: 'Attachments',
  editor: 'json',
  description: 'Legacy secondary attachments (colour bar, fields, footer), as Slack names their fields.',
});

/** Slack: messages, files, channels, users and reactions through the Web API. */
export const slack = defineService({
  ...slackInfo,
  baseUrl: 'https://slack.com/api',
  credentials: [slackBotToken, slackOAuth2],
  error: slackError,
  resources: {
    message: {
      displayName: 'Message',
      operations: {
        send: {
          displayName: 'Send',
          description: 'Post a message to a channel, or reply in a thread.',
          params: z.object({
            channel,
            text: text.optional(),
            blocks: blocks.optional(),
            attachments: attachments.optional(),
            threadTs: z.string().optional().meta({ label: 'Reply in thread', description: 'The `ts` of the parent message.' }),
            replyBroadcast: z.boolean().optional().meta({ label: 'Also send to the channel' }),
            unfurlLinks: z.boolean().optional().meta({ label: 'Unfurl links' }),
          }),
          request: {
            method: 'POST',
            path: '/chat.postMessage',
            bodyType: 'form',
            body: {
              channel: param('channel'),
              text: param('text'),
              blocks: param('blocks'),
              attachments: param('attachments'),
              thread_ts: param('threadTs'),
              reply_broadcast: param('replyBroadcast'),
              unfurl_links: param('unfurlLinks'),
            },
          },
        },
        update: {
          displayName: 'Update',
          description: 'Change the text or blocks of a message.',
          params: z.object({ channel, ts, text: text.optional(), blocks: blocks.optional() }),
          request: {
            method: 'POST',
            path: '/chat.update',
            bodyType: 'form',
            body: { channel: param('channel'), ts: param('ts'), text: param('text'), blocks: param('blocks') },
          },
        },
        delete: {
          displayName: 'Delete',
          params: z.object({ channel, ts }),
          request: { method: 'POST', path: '/chat.delete', bodyType: 'form', body: { channel: param('channel'), ts: param('ts') } },
        },
      },
    },
    file: {
      displayName: 'File',
      operations: {
        upload: {
          displayName: 'Upload',
          description: 'Upload the item\u2019s file and share it in a channel.',
          params: z.object({
            binaryProperty: z
              .string()
              .default('data')
              .meta({ label: 'Binary property', description: 'Which of the item\u2019s files to upload.' }),
            fileName: z.string().optional().meta({ label: 'File name', description: 'Default: the file\u2019s own name.' }),
            title: z.string().optional().meta({ label: 'Title' }),
            channelId: z.string().optional().meta({ label: 'Share in channel', placeholder: 'C0123456789' }),
            initialComment: z.string().optional().meta({ label: 'Comment' }),
            threadTs: z.string().optional().meta({ label: 'Reply in thread' }),
          }),
          execute: uploadFile,
        },
      },
    },
    channel: {
      displayName: 'Channel',
      operations: {
        list: {
          displayName: 'List',
          description: 'Channels of the workspace the app can see.',
          params: z.object({
            types: z
              .array(z.enum(['public_channel', 'private_channel', 'mpim', 'im']))
              .default(['public_channel'])
              .meta({ label: 'Types' }),
            excludeArchived: z.boolean().default(true).meta({ label: 'Leave out archived channels' }),
          }),
          request: {
            method: 'POST',
            path: '/conversations.list',
            bodyType: 'form',
            body: { types: param('types', (v) => (v as string[]).join(',')), exclude_archived: param('excludeArchived') },
          },
          paginate: {
            type: 'cursor',
            next: 'response_metadata.next_cursor',
            send: { in: 'body', name: 'cursor' },
            pageSize: { in: 'body', name: 'limit', value: 200 },
          },
          response: { items: 'channels' },
        },
      },
    },
    user: {
      displayName: 'User',
      operations: {
        get: {
          displayName: 'Get info',
          params: z.object({ user: z.string().min(1).meta({ label: 'User ID', placeholder: 'U0123456789' }) }),
          request: { method: 'POST', path: '/users.info', bodyType: 'form', body: { user: param('user') } },
          response: { items: 'user' },
        },
      },
    },
    reaction: {
      displayName: 'Reaction',
      operations: {
        add: {
          displayName: 'Add',
          params: z.object({
            channel,
            ts,
            name: z.string().min(1).meta({ label: 'Emoji name', placeholder: 'thumbsup', description: 'Without colons.' }),
          }),
          request: {
            method: 'POST',
            path: '/reactions.add',
            bodyType: 'form',
            body: { channel: param('channel'), timestamp: param('ts'), name: param('name') },
          },
        },
      },
    },
  },
});
