// n8n's Slack node (versions 1 and 2.x) as Flowloom's Slack node.
import { compact, type MapContext, type MappedNode, type NodeMapping } from '@flowloom/engine/n8n';
import { jsonTemplate, locator, noOperation, slotFor } from './n8n-parameters.js';

const TYPE = 'integrations.slack';
/** n8n's default operation of each resource. */
const DEFAULT_OPERATION: Record<string, string> = { message: 'post', reaction: 'add', channel: 'create', user: 'info', file: 'upload' };

function credential(ctx: MapContext): MappedNode['credential'] {
  const auth = ctx.choice('authentication', ['accessToken', 'oAuth2'], 'accessToken');
  return auth === 'oAuth2' ? slotFor('slackOAuth2Api') : slotFor('slackApi');
}

/** The conversation a message goes to: a channel, or a user (a direct message), chosen by `select` in version 2. */
function target(ctx: MapContext, channelPath: string): unknown {
  if (ctx.version < 2) return ctx.value(channelPath);
  const select = ctx.choice('select', ['channel', 'user'], 'channel');
  if (select === 'channel') return locator(ctx, channelPath, ['list', 'id', 'name']);
  const mode = ctx.raw('user.mode');
  const user = locator(ctx, 'user', ['list', 'id', 'username']);
  // n8n writes a user name as `@name`, which Slack's chat methods take as the channel.
  return mode === 'username' && typeof user === 'string' && !user.startsWith('@') ? `@${user}` : user;
}

/** The fields of a legacy attachment, named as Slack names them (n8n's form uses Slack's names). */
const ATTACHMENT_FIELDS = new Set([
  'fallback',
  'color',
  'pretext',
  'author_name',
  'author_link',
  'author_icon',
  'title',
  'title_link',
  'text',
  'image_url',
  'thumb_url',
  'footer',
  'footer_icon',
  'ts',
  'mrkdwn_in',
]);

/** Legacy attachments: n8n's form (`fields.item` rows of title, value and short) as Slack's attachment objects. */
function attachments(ctx: MapContext): Record<string, unknown>[] | undefined {
  const list = ctx.list('attachments');
  if (list.length === 0) return undefined;
  return list.map((raw, i) => {
    const at = `attachments[${i}]`;
    if (typeof raw !== 'object' || raw === null) ctx.fail(at, 'expected an attachment');
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(raw)) {
      if (key === 'fields') {
        out.fields = ctx.list(`${at}.fields.item`).map((_, j) => {
          const row = `${at}.fields.item[${j}]`;
          return compact({
            title: ctx.value(`${row}.title`, undefined, { asText: true }),
            value: ctx.value(`${row}.value`, undefined, { asText: true }),
            short: ctx.literal<boolean>(`${row}.short`, 'boolean'),
          });
        });
      } else if (ATTACHMENT_FIELDS.has(key)) out[key] = ctx.value(`${at}.${key}`, undefined, { asText: key !== 'mrkdwn_in' });
      else ctx.fail(`${at}.${key}`, `Slack's attachments have no field '${key}'`);
    }
    return out;
  });
}

/** Block Kit blocks: version 2's `blocksUi` JSON (`{ "blocks": [...] }` or the list itself); version 1's form has no equivalent. */
function blocks(ctx: MapContext): unknown {
  if (ctx.version < 2) {
    ctx.onlyDefault('blocksUi', { blocksValues: [] });
    return undefined;
  }
  const type = ctx.choice('messageType', ['text', 'block', 'attachment'], 'text');
  if (type !== 'block') {
    ctx.ignore('blocksUi');
    return undefined;
  }
  const value = jsonTemplate(ctx, 'blocksUi');
  if (Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null && Array.isArray((value as { blocks?: unknown }).blocks)) {
    return (value as { blocks: unknown[] }).blocks;
  }
  return ctx.fail('blocksUi', 'expected Block Kit JSON: { "blocks": [...] } or a list of blocks');
}

/** Legacy attachments: version 1's, or version 2's when its message type is `attachment`. */
function sentAttachments(ctx: MapContext): Record<string, unknown>[] | undefined {
  if (ctx.version >= 2 && ctx.raw('messageType') !== 'attachment') {
    ctx.ignore('attachments');
    return undefined;
  }
  return attachments(ctx);
}

function send(ctx: MapContext): Record<string, unknown> {
  const channel = target(ctx, ctx.version < 2 ? 'channel' : 'channelId');
  const built = blocks(ctx);
  const attached = sentAttachments(ctx);
  const text = ctx.value('text', undefined, { asText: true });
  const o = 'otherOptions';
  ctx.onlyDefault(`${o}.mrkdwn`, true);
  ctx.onlyDefault(`${o}.link_names`, false);
  ctx.onlyDefault(`${o}.unfurl_media`, true);
  ctx.onlyDefault(`${o}.botProfile`);
  ctx.onlyDefault(`${o}.sendAsUser`);
  ctx.onlyDefault(`${o}.ephemeral`);
  ctx.onlyDefault(`${o}.as_user`, false);
  ctx.onlyDefault('as_user', false);
  if (ctx.version >= 2.1) {
    const link = ctx.raw(`${o}.includeLinkToWorkflow`);
    if (link !== false) {
      ctx.warn(
        `${o}.includeLinkToWorkflow`,
        'attribution-dropped',
        'n8n ends the message with a link to its workflow; Flowloom sends the text as written',
      );
    }
  }
  const thread = v2Thread(ctx, o);
  return compact({
    resource: 'message',
    operation: 'send',
    channel,
    text,
    blocks: built,
    attachments: attached,
    threadTs: thread.threadTs,
    replyBroadcast: thread.replyBroadcast,
    unfurlLinks: ctx.literal<boolean>(`${o}.unfurl_links`, 'boolean'),
  });
}

function v2Thread(ctx: MapContext, o: string): { threadTs?: unknown; replyBroadcast?: boolean } {
  if (ctx.version < 2) {
    return {
      threadTs: ctx.value(`${o}.thread_ts`, undefined, { asText: true }),
      replyBroadcast: ctx.literal<boolean>(`${o}.reply_broadcast`, 'boolean'),
    };
  }
  const reply = `${o}.thread_ts.replyValues`;
  return {
    threadTs: ctx.value(`${reply}.thread_ts`, undefined, { asText: true }),
    replyBroadcast: ctx.literal<boolean>(`${reply}.reply_broadcast`, 'boolean'),
  };
}

function map(ctx: MapContext): MappedNode {
  const slot = credential(ctx);
  const resource = ctx.literal<string>('resource', 'string', 'message');
  const operation = ctx.literal<string>('operation', 'string', DEFAULT_OPERATION[resource] ?? '');
  const channelPath = 'channelId';
  let parameters: Record<string, unknown>;
  if (resource === 'message' && operation === 'post') parameters = send(ctx);
  else if (resource === 'message' && operation === 'update') {
    const channel = locator(ctx, channelPath, ['list', 'id', 'name']);
    if (ctx.raw('messageType') === 'attachment') {
      ctx.fail('messageType', "legacy attachments of an updated message have no equivalent in Flowloom's Slack update (use blocks)");
    }
    const built = blocks(ctx);
    // Version 2 shows its attachments only for the attachment message type, refused above.
    if (ctx.version < 2) ctx.onlyDefault('attachments', []);
    else ctx.ignore('attachments');
    ctx.onlyDefault('updateFields');
    if (ctx.version >= 2.1 && ctx.raw('otherOptions.includeLinkToWorkflow') !== false) {
      ctx.warn(
        'otherOptions.includeLinkToWorkflow',
        'attribution-dropped',
        'n8n ends the message with a link to its workflow; Flowloom does not',
      );
    }
    parameters = compact({
      resource: 'message',
      operation: 'update',
      channel,
      ts: ctx.value('ts', undefined, { asText: true }),
      text: ctx.value('text', undefined, { asText: true }),
      blocks: built,
    });
  } else if (resource === 'message' && operation === 'delete') {
    parameters = {
      resource: 'message',
      operation: 'delete',
      channel: target(ctx, channelPath),
      ts: ctx.value('timestamp', undefined, { asText: true }),
    };
  } else if (resource === 'reaction' && operation === 'add') {
    parameters = {
      resource: 'reaction',
      operation: 'add',
      channel: ctx.version < 2 ? ctx.value('channelId') : locator(ctx, 'channelId', ['list', 'id', 'name']),
      ts: ctx.value('timestamp', undefined, { asText: true }),
      name: ctx.value('name'),
    };
  } else if (resource === 'channel' && operation === 'getAll') {
    const returnAll = ctx.literal<boolean>('returnAll', 'boolean', false);
    const limit = returnAll ? (ctx.ignore('limit'), undefined) : ctx.literal<number>('limit', 'number', 50);
    const types = ctx.value('filters.types');
    parameters = compact({
      resource: 'channel',
      operation: 'list',
      types,
      excludeArchived: ctx.literal<boolean>('filters.excludeArchived', 'boolean', false),
      returnAll: returnAll || undefined,
      limit,
    });
  } else if (resource === 'user' && operation === 'info') {
    parameters = { resource: 'user', operation: 'get', user: locator(ctx, 'user', ['list', 'id']) };
  } else noOperation(ctx, 'Slack', resource, operation);
  return { type: TYPE, parameters, credential: slot };
}

/** n8n's Slack node: messages (post, update, delete), reactions, channel lists and user info. */
export const slackMapping: NodeMapping = { versions: [1, 2, 2.1, 2.2, 2.3], map };
