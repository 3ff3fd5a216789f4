// n8n's Telegram node (versions 1 to 1.2), the messages it sends, as Flowloom's Telegram node.
import { compact, type MapContext, type MappedNode, type NodeMapping } from '@flowloom/engine/n8n';
import { noOperation, slotFor } from './n8n-parameters.js';

/** n8n's default operation of each resource. */
const DEFAULT_OPERATION: Record<string, string> = { message: 'sendMessage', file: 'get', chat: 'get', callback: 'answerQuery' };

/** The message id a reply goes to: a number, or an expression giving one. */
function messageId(ctx: MapContext, path: string): unknown {
  const raw = ctx.raw(path);
  if (typeof raw === 'string' && !raw.startsWith('=')) {
    if (!/^\d+$/.test(raw.trim())) ctx.fail(path, `expected a message id, got '${raw.slice(0, 40)}'`);
    ctx.ignore(path);
    return Number(raw);
  }
  return ctx.value(path);
}

function map(ctx: MapContext): MappedNode {
  const resource = ctx.literal<string>('resource', 'string', 'message');
  const operation = ctx.literal<string>('operation', 'string', DEFAULT_OPERATION[resource] ?? '');
  const f = 'additionalFields';
  const files = { sendPhoto: 'sendPhoto', sendDocument: 'sendDocument' } as const;
  if (resource !== 'message' || (operation !== 'sendMessage' && !(operation in files))) noOperation(ctx, 'Telegram', resource, operation);
  // n8n ends the text with a line naming n8n unless told not to (since version 1.1).
  if (ctx.version >= 1.1 && ctx.raw(`${f}.appendAttribution`) !== false) {
    ctx.warn(
      `${f}.appendAttribution`,
      'attribution-dropped',
      'n8n ends the message with a line naming n8n; Flowloom sends the text as written',
    );
  } else ctx.ignore(`${f}.appendAttribution`);
  ctx.onlyDefault('replyMarkup', 'none');
  const parseMode = ctx.raw(`${f}.parse_mode`);
  let content: Record<string, unknown>;
  if (operation === 'sendMessage') content = { operation: 'send', text: ctx.value('text', undefined, { asText: true }) };
  else {
    // A file of the item (n8n's binary data), or one Telegram has or can fetch (a file id or URL).
    const binaryData = ctx.literal<boolean>('binaryData', 'boolean', false);
    content = {
      operation: files[operation as keyof typeof files],
      binaryData,
      ...(binaryData ? { binaryProperty: ctx.literal<string>('binaryPropertyName', 'string', 'data') } : { fileId: ctx.value('file') }),
      caption: ctx.value(`${f}.caption`, undefined, { asText: true }),
    };
    ctx.ignore(binaryData ? 'file' : 'binaryPropertyName');
  }
  return {
    type: 'integrations.telegram',
    parameters: compact({
      resource: 'message',
      ...content,
      chatId: ctx.value('chatId'),
      parseMode: parseMode === undefined ? undefined : ctx.choice(`${f}.parse_mode`, ['Markdown', 'MarkdownV2', 'HTML'], 'Markdown'),
      disableNotification: ctx.literal<boolean>(`${f}.disable_notification`, 'boolean'),
      disableLinkPreview: ctx.literal<boolean>(`${f}.disable_web_page_preview`, 'boolean'),
      replyToMessageId: ctx.has(`${f}.reply_to_message_id`) ? messageId(ctx, `${f}.reply_to_message_id`) : undefined,
      messageThreadId: ctx.has(`${f}.message_thread_id`) ? messageId(ctx, `${f}.message_thread_id`) : undefined,
    }),
    credential: slotFor('telegramApi'),
  };
}

/** n8n's Telegram node: text messages, photos and documents sent. */
export const telegramMapping: NodeMapping = { versions: [1, 1.1, 1.2], map };
