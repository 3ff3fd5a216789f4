import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { binaryFile, param, type RequestSpec, type ValueSpec } from '../../kit/request-spec.js';
import type { OperationDefinition, Service, VendorError, VendorResponse } from '../../kit/service-types.js';
import { telegramBotToken } from './telegram-credentials.js';
import { telegramNode } from './telegram-fetch.js';
import { telegramInfo } from './telegram-info.js';

export { telegramBotToken };

/** Telegram's descriptions of a bad request that name the parameter at fault. */
const PARAMETER_OF: [RegExp, string][] = [
  [/chat not found|chat_id is empty|CHAT_ID_INVALID|PEER_ID_INVALID/i, 'chatId'],
  [/message to edit not found|message_id_invalid|MESSAGE_ID_INVALID|message can't be edited/i, 'messageId'],
  [/message text is empty|message is too long|message is not modified/i, 'text'],
  [/can't parse entities/i, 'parseMode'],
  [/reply markup|inline keyboard|button/i, 'replyMarkup'],
  [/query is too old|query ID is invalid/i, 'callbackQueryId'],
  [/wrong file identifier|wrong remote file|failed to get HTTP URL content|wrong type of the web page content/i, 'fileId'],
  [/bad webhook/i, 'url'],
];

/** Telegram answers `{ ok, result }`, or `{ ok: false, error_code, description }`: the description says what is wrong. */
function telegramError({ status, body }: VendorResponse): VendorError | undefined {
  const answer = (typeof body === 'object' && body !== null ? body : {}) as { ok?: boolean; error_code?: number; description?: string };
  if (status < 400 && answer.ok !== false) return undefined;
  const message = answer.description ?? (typeof body === 'string' && body !== '' ? body.slice(0, 300) : `HTTP ${status}`);
  const parameter = PARAMETER_OF.find(([pattern]) => pattern.test(message))?.[1];
  return { message, ...(parameter ? { parameter } : {}) };
}

const chatId = z
  .union([z.string().min(1), z.number().int()])
  .meta({ label: 'Chat ID', placeholder: '123456789 or @channel', description: 'The chat\u2019s ID, or @username of a channel.' });
const messageText = z.string().min(1).max(4096).meta({ label: 'Text', editor: 'multiline' });
const parseMode = z
  .enum(['MarkdownV2', 'HTML', 'Markdown'])
  .meta({ label: 'Parse mode', description: 'How the text is formatted; MarkdownV2 needs _*[]()~`>#+-=|{}.! escaped.' });
const replyMarkup = z.record(z.string(), z.unknown()).meta({
  label: 'Reply markup',
  editor: 'json',
  placeholder: '{"inline_keyboard": [[{"text": "Yes", "callback_data": "yes"}]]}',
  description: 'An inline keyboard, a reply keyboard, or {"remove_keyboard": true} / {"force_reply": true}, as Telegram writes them.',
});

/** What every message a bot sends may carry. */
const sending = {
  chatId,
  disableNotification: z.boolean().optional().meta({ label: 'Send silently' }),
  protectContent: z.boolean().optional().meta({ label: 'Protect from forwarding and saving' }),
  replyToMessageId: z.number().int().optional().meta({ label: 'Reply to message ID' }),
  messageThreadId: z.number().int().optional().meta({ label: 'Topic (message thread) ID' }),
  replyMarkup: replyMarkup.optional(),
};
const sendingFields: Record<string, ValueSpec> = {
  chat_id: param('chatId'),
  disable_notification: param('disableNotification'),
  protect_content: param('protectContent'),
  reply_parameters: param('replyToMessageId', (id) => ({ message_id: id })),
  message_thread_id: param('messageThreadId'),
  reply_markup: param('replyMarkup'),
};

/** Sends a file: the item's file as a multipart upload, or a file Telegram already has (its file ID) or can fetch (a URL). */
function sendFile(method: 'sendPhoto' | 'sendDocument', field: 'photo' | 'document', what: string): OperationDefinition {
  return {
    displayName: `Send ${what}`,
    description: `Send a ${what} with an optional caption.`,
    params: z
      .object({
        ...sending,
        binaryData: z
          .boolean()
          .default(true)
          .meta({ label: 'Upload the item\u2019s file', description: 'Otherwise, give a file ID or URL.' }),
        binaryProperty: z.string().default('data').meta({ label: 'Binary property', description: 'Which of the item\u2019s files.' }),
        fileId: z.string().min(1).optional().meta({ label: 'File ID or URL', description: 'A file Telegram has, or an HTTP URL.' }),
        caption: z.string().max(1024).optional().meta({ label: 'Caption', editor: 'multiline' }),
        parseMode: parseMode.optional(),
      })
      .refine((p) => p.binaryData || p.fileId !== undefined, { path: ['fileId'], message: 'is required (or upload the item\u2019s file)' }),
    request: (p): RequestSpec => ({
      method: 'POST',
      path: `/${method}`,
      bodyType: p['binaryData'] ? 'multipart' : 'form',
      body: {
        ...sendingFields,
        [field]: p['binaryData'] ? binaryFile('binaryProperty') : param('fileId'),
        caption: param('caption'),
        parse_mode: param('parseMode'),
      },
    }),
    response: { items: 'result' },
  };
}

const updateTypes = [
  'message',
  'edited_message',
  'channel_post',
  'edited_channel_post',
  'business_message',
  'message_reaction',
  'inline_query',
  'chosen_inline_result',
  'callback_query',
  'shipping_query',
  'pre_checkout_query',
  'poll',
  'poll_answer',
  'my_chat_member',
  'chat_member',
  'chat_join_request',
] as const;
const dropPendingUpdates = z.boolean().optional().meta({ label: 'Drop pending updates' });

const service = defineService({
  ...telegramInfo,
  baseUrl: 'https://api.telegram.org/bot',
  credentials: [telegramBotToken],
  error: telegramError,
  resources: {
    message: {
      displayName: 'Message',
      operations: {
        send: {
          displayName: 'Send text',
          description: 'Send a text message, formatted and with buttons if you like.',
          params: z.object({
            ...sending,
            text: messageText,
            parseMode: parseMode.optional(),
            disableLinkPreview: z.boolean().optional().meta({ label: 'No link preview' }),
          }),
          request: {
            method: 'POST',
            path: '/sendMessage',
            bodyType: 'form',
            body: {
              ...sendingFields,
              text: param('text'),
              parse_mode: param('parseMode'),
              link_preview_options: param('disableLinkPreview', (off) => (off ? { is_disabled: true } : undefined)),
            },
          },
          response: { items: 'result' },
        },
        sendPhoto: sendFile('sendPhoto', 'photo', 'photo'),
        sendDocument: sendFile('sendDocument', 'document', 'document'),
        editText: {
          displayName: 'Edit text',
          description: 'Change the text (and inline keyboard) of a message the bot sent.',
          params: z
            .object({
              chatId: chatId.optional(),
              messageId: z.number().int().optional().meta({ label: 'Message ID' }),
              inlineMessageId: z
                .string()
                .min(1)
                .optional()
                .meta({ label: 'Inline message ID', description: 'For a message sent through inline mode, instead of chat and message.' }),
              text: messageText,
              parseMode: parseMode.optional(),
              replyMarkup: replyMarkup.optional(),
              disableLinkPreview: z.boolean().optional().meta({ label: 'No link preview' }),
            })
            .refine((p) => p.inlineMessageId !== undefined || (p.chatId !== undefined && p.messageId !== undefined), {
              path: ['messageId'],
              message: "and 'chatId' are required (or 'inlineMessageId')",
            }),
          request: {
            method: 'POST',
            path: '/editMessageText',
            bodyType: 'form',
            body: {
              chat_id: param('chatId'),
              message_id: param('messageId'),
              inline_message_id: param('inlineMessageId'),
              text: param('text'),
              parse_mode: param('parseMode'),
              reply_markup: param('replyMarkup'),
              link_preview_options: param('disableLinkPreview', (off) => (off ? { is_disabled: true } : undefined)),
            },
          },
          // An inline message's edit answers `true`; a chat message's, the message.
          response: { items: 'result' },
        },
      },
    },
    callbackQuery: {
      displayName: 'Callback query',
      operations: {
        answer: {
          displayName: 'Answer',
          description: 'Answer a press of an inline keyboard button (required, or the button keeps spinning).',
          params: z.object({
            callbackQueryId: z.string().min(1).meta({ label: 'Callback query ID', placeholder: '{{ $json.callback_query.id }}' }),
            notificationText: z
              .string()
              .max(200)
              .optional()
              .meta({ label: 'Text', description: 'Shown at the top of the chat, or as an alert.' }),
            showAlert: z.boolean().optional().meta({ label: 'Show as an alert' }),
            url: z.string().min(1).optional().meta({ label: 'URL', description: 'A game\u2019s URL, or t.me/your_bot?start=... ' }),
            cacheTime: z.number().int().min(0).optional().meta({ label: 'Cache time (seconds)' }),
          }),
          request: {
            method: 'POST',
            path: '/answerCallbackQuery',
            bodyType: 'form',
            body: {
              callback_query_id: param('callbackQueryId'),
              text: param('notificationText'),
              show_alert: param('showAlert'),
              url: param('url'),
              cache_time: param('cacheTime'),
            },
          },
        },
      },
    },
    webhook: {
      displayName: 'Webhook',
      operations: {
        set: {
          displayName: 'Set webhook',
          description:
            'Have Telegram send the bot\u2019s updates to a URL (the Telegram Trigger\u2019s), with the credential\u2019s secret token.',
          params: z.object({
            url: z.url({ protocol: /^https$/ }).meta({ label: 'URL', description: 'The Telegram Trigger\u2019s webhook URL (HTTPS).' }),
            allowedUpdates: z
              .array(z.enum(updateTypes))
              .optional()
              .meta({ label: 'Update types', description: 'Default: every type but chat_member, message_reaction and their like.' }),
            dropPendingUpdates,
            maxConnections: z.number().int().min(1).max(100).optional().meta({ label: 'Most connections at once' }),
          }),
          request: {
            method: 'POST',
            path: '/setWebhook',
            bodyType: 'form',
            body: {
              url: param('url'),
              allowed_updates: param('allowedUpdates', (types) => JSON.stringify(types)),
              drop_pending_updates: param('dropPendingUpdates'),
              max_connections: param('maxConnections'),
            },
          },
        },
        delete: {
          displayName: 'Delete webhook',
          params: z.object({ dropPendingUpdates }),
          request: {
            method: 'POST',
            path: '/deleteWebhook',
            bodyType: 'form',
            body: { drop_pending_updates: param('dropPendingUpdates') },
          },
        },
        getInfo: {
          displayName: 'Get webhook info',
          params: z.object({}),
          request: { method: 'POST', path: '/getWebhookInfo', bodyType: 'form', body: {} },
          response: { items: 'result' },
        },
      },
    },
  },
});

/** Telegram: a bot's messages, photos, documents, button answers and webhook, through the Bot API. */
export const telegram: Service = { definition: service.definition, node: telegramNode(service) };
