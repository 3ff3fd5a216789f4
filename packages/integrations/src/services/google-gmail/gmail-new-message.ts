// Gmail New Message, a polling trigger. Gmail lists messages by ID only, so each poll lists those received since a
// second before the last one seen (Gmail's `after:` counts seconds) and reads each unseen one's time; the cursor is the
// greatest `internalDate` seen and the IDs seen at it. Written on the engine's poll support with the kit's signed requests.
import { defineNode, type Item, type NodeContext } from '@flowloom/engine';
import { z } from 'zod';
import type { PaginationSpec } from '../../kit/request-spec.js';
import { fetchItems } from '../../kit/runtime.js';
import { pathSegment } from '../google/google-bytes.js';
import { gmailInfo } from './gmail-info.js';
import { messageItem, SUMMARY_HEADERS, type GmailMessage } from './gmail-message.js';
import { gmail } from './gmail.js';

const DISPLAY_NAME = 'Gmail New Message';
/** Messages a manual run shows, newest first. */
const NEWEST = 10;
const PAGES: PaginationSpec = { type: 'cursor', next: 'nextPageToken', send: { in: 'query', name: 'pageToken' } };

const params = z.object({
  searchQuery: z.string().trim().min(1).optional().meta({
    label: 'Search',
    placeholder: 'from:orders@example.com has:attachment',
    description: 'Only messages matching this Gmail search.',
  }),
  labelIds: z
    .array(z.string().trim().min(1))
    .default(['INBOX'])
    .meta({ label: 'Label IDs', description: 'Only messages with every one of these labels.' }),
});
type Params = z.output<typeof params>;

/** Where a poll left off: the time Gmail received the newest message seen, and the messages seen at that millisecond. */
interface Cursor {
  since: number;
  seen: string[];
}
const isCursor = (value: unknown): value is Cursor =>
  typeof (value as Cursor | undefined)?.since === 'number' && Array.isArray((value as Cursor).seen);

const read = (ctx: NodeContext, operation: Parameters<typeof fetchItems>[3]) =>
  fetchItems(gmail.definition, ctx, DISPLAY_NAME, operation, {});

/** The IDs of the messages matching the trigger's search (and `after`), newest first: one page of `max`, or every page. */
async function list(ctx: NodeContext, p: Params, how: { after?: number; max: number; all: boolean }): Promise<string[]> {
  const search = [
    p.searchQuery && how.after !== undefined ? `(${p.searchQuery})` : p.searchQuery,
    how.after !== undefined ? `after:${how.after}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  const found = await read(ctx, {
    displayName: DISPLAY_NAME,
    params: z.object({}),
    request: {
      method: 'GET',
      path: '/users/me/messages',
      query: { ...(search ? { q: search } : {}), ...(p.labelIds.length > 0 ? { labelIds: p.labelIds } : {}), maxResults: how.max },
    },
    response: { items: 'messages' },
    ...(how.all ? { paginate: PAGES } : {}),
  });
  return found.map((item) => String(item.json['id']));
}

async function message(ctx: NodeContext, id: string): Promise<GmailMessage> {
  const [found] = await read(ctx, {
    displayName: DISPLAY_NAME,
    params: z.object({}),
    request: {
      method: 'GET',
      path: `/users/me/messages/${pathSegment(id)}`,
      query: { format: 'metadata', metadataHeaders: SUMMARY_HEADERS },
    },
  });
  return found!.json as unknown as GmailMessage;
}

const receivedAt = (m: GmailMessage) => Number(m.internalDate ?? 0);

/**
 * Starts the workflow with each message that arrives matching a search and
 * labels (the inbox by default), oldest first, with its headers and snippet.
 * The first poll after activation only notes the newest message; a manual run
 * shows the newest messages.
 */
export const gmailNewMessage = defineNode({
  type: 'integrations.gmailNewMessage',
  version: 1,
  displayName: DISPLAY_NAME,
  description: 'Starts the workflow with each email that arrives matching a search, asking Gmail at the chosen interval.',
  group: 'trigger',
  icon: gmailInfo.icon,
  inputs: [],
  outputs: ['main'],
  properties: params.extend({
    pollMinutes: z.number().int().min(1).default(5).meta({
      label: 'Poll every (minutes)',
      noExpression: true,
      description: 'How often to ask Gmail for new messages.',
    }),
  }),
  credentials: gmail.definition.credentials.map((type) => ({ name: type.name, type: type.name, required: false })),
  poll: {
    intervalMs: (p) => Number(p['pollMinutes'] ?? 5) * 60_000,
    async poll(ctx, cursor) {
      const p = ctx.params(0) as Params;
      if (!isCursor(cursor)) {
        const [newest] = await list(ctx, p, { max: 1, all: false });
        if (newest === undefined) return { items: [], cursor: { since: 0, seen: [] } };
        const m = await message(ctx, newest);
        return { items: [], cursor: { since: receivedAt(m), seen: [m.id] } };
      }
      // A second of overlap: what was seen before the cursor is dropped by its time, what is at it by its ID.
      const after = cursor.since > 0 ? Math.floor(cursor.since / 1000) - 1 : undefined;
      const ids = (await list(ctx, p, { ...(after !== undefined ? { after } : {}), max: 500, all: true })).filter(
        (id) => !cursor.seen.includes(id),
      );
      const fresh: GmailMessage[] = [];
      for (const id of ids) {
        const m = await message(ctx, id);
        if (receivedAt(m) >= cursor.since) fresh.push(m);
      }
      fresh.sort((a, b) => receivedAt(a) - receivedAt(b));
      const last = fresh.at(-1);
      if (!last) return { items: [], cursor };
      const since = receivedAt(last);
      const atSince = fresh.filter((m) => receivedAt(m) === since).map((m) => m.id);
      return {
        items: fresh.map((m) => ({ json: messageItem(m) })),
        cursor: { since, seen: since === cursor.since ? [...cursor.seen, ...atSince] : atSince },
      };
    },
  },
  async execute(ctx): Promise<Item[]> {
    // A run the poll started has its new messages as input; a manual run shows the newest ones.
    if (ctx.input().length > 0) return ctx.input();
    const ids = await list(ctx, ctx.params(0) as Params, { max: NEWEST, all: false });
    const out: Item[] = [];
    for (const id of ids) out.push({ json: messageItem(await message(ctx, id)) });
    return out;
  },
});
