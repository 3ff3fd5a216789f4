// Gmail's operations that are more than one request: sending (the sender's address asked of Gmail once per run),
// replying in a thread, getting a message with its attachments, and listing messages with their headers.
import type { BinaryRef, Item, NodeContext } from '@flowloom/engine';
import { nodeError } from '../../kit/call.js';
import type { OperationContext, Service } from '../../kit/service-types.js';
import { fromBase64Url, pathSegment, toBase64 } from '../google/google-bytes.js';
import { operationLabel } from '../google/google-http.js';
import { attachmentsOf, headersOf, messageItem, SUMMARY_HEADERS, type GmailMessage } from './gmail-message.js';
import { addressList, rawEmail, type Email } from './gmail-mime.js';

type Op<P> = OperationContext<P>;
const ME = '/users/me';

/** The account's own address, asked of Gmail once per activation. */
const profiles = new WeakMap<NodeContext, Promise<string>>();
function ownAddress(op: Op<unknown>): Promise<string> {
  let address = profiles.get(op.ctx);
  if (!address) {
    address = op.request({ method: 'GET', path: `${ME}/profile` }).then((r) => (r.body as { emailAddress: string }).emailAddress);
    profiles.set(op.ctx, address);
  }
  return address;
}

type Content = {
  text?: string | undefined;
  html?: string | undefined;
  attachments?: string | undefined;
  senderName?: string | undefined;
  from?: string | undefined;
  cc?: string | undefined;
  bcc?: string | undefined;
};

/** The item's files named in `attachments` (binary properties, comma-separated), or an error naming the missing one. */
function filesOf(op: Op<Content>, service: Service): Email['attachments'] {
  return addressList(op.params.attachments).map((property) => {
    const file = op.item.binary?.[property];
    if (!file?.data) {
      throw nodeError(
        op.ctx,
        `${operationLabel(service.definition, op.ctx)}: parameter 'attachments': the item has no binary '${property}' with data.`,
        'PARAMETER_INVALID',
      );
    }
    return { fileName: file.fileName ?? property, mimeType: file.mimeType || 'application/octet-stream', data: file.data };
  });
}

/** What an operation writes of an email; the sender, copies, files and date come from its parameters and the run. */
type Draft = Pick<Email, 'to' | 'subject' | 'text' | 'html' | 'replyTo' | 'headers'> & { cc?: string[] };

async function send(op: Op<Content>, service: Service, email: Draft, threadId?: string): Promise<Item[]> {
  const { params } = op;
  // The files first: a missing one fails the item before anything is asked of Gmail.
  const attachments = filesOf(op, service);
  const raw = rawEmail({
    ...email,
    from: { addr: params.from ?? (await ownAddress(op)), name: params.senderName },
    cc: [...(email.cc ?? []), ...addressList(params.cc)],
    bcc: addressList(params.bcc),
    attachments,
    // A message with neither text nor HTML still needs a body.
    ...(params.text === undefined && params.html === undefined ? { text: '' } : {}),
    date: op.ctx.now(),
  });
  const answer = await op.request({ method: 'POST', path: `${ME}/messages/send`, body: { raw, ...(threadId ? { threadId } : {}) } });
  return [{ json: answer.body as Record<string, unknown> }];
}

export type SendParams = Content & {
  to: string;
  subject: string;
  replyTo?: string | undefined;
};

/** Sends an email built from the parameters and the item's files. */
export function sendEmail(gmail: () => Service) {
  return (op: Op<SendParams>): Promise<Item[]> =>
    send(op, gmail(), {
      to: addressList(op.params.to),
      subject: op.params.subject,
      text: op.params.text,
      html: op.params.html,
      replyTo: op.params.replyTo,
    });
}

export type ReplyParams = Content & {
  messageId: string;
  replyAll: boolean;
};

const REPLY_HEADERS = ['Subject', 'Message-ID', 'References', 'From', 'Reply-To', 'To', 'Cc'];

/**
 * Replies to a message in its thread: to its Reply-To (or From), with
 * `Re:` before its subject, and `In-Reply-To` and `References` naming it, so
 * every mail program threads the reply. With `replyAll`, its other
 * recipients are copied too, the account's own address left out.
 */
export function replyToEmail(gmail: () => Service) {
  return async (op: Op<ReplyParams>): Promise<Item[]> => {
    const { params } = op;
    const original = (
      await op.request({
        method: 'GET',
        path: `${ME}/messages/${pathSegment(params.messageId)}`,
        query: { format: 'metadata', metadataHeaders: REPLY_HEADERS },
      })
    ).body as GmailMessage;
    const headers = headersOf(original);
    const messageId = headers['message-id'];
    const subject = headers['subject'] ?? '';
    const to = addressList(headers['reply-to'] ?? headers['from']);
    let cc: string[] = [];
    if (params.replyAll) {
      const self = (await ownAddress(op)).toLowerCase();
      const addressOf = (a: string) => (/<([^>]+)>/.exec(a)?.[1] ?? a).toLowerCase();
      const already = new Set([self, ...to.map(addressOf)]);
      cc = [...addressList(headers['to']), ...addressList(headers['cc'])].filter((a) => {
        const address = addressOf(a);
        if (already.has(address)) return false;
        already.add(address);
        return true;
      });
    }
    return send(
      op,
      gmail(),
      {
        to,
        cc,
        subject: /^re:/i.test(subject) ? subject : `Re: ${subject}`,
        text: params.text,
        html: params.html,
        ...(messageId
          ? { headers: { 'In-Reply-To': messageId, References: [headers['references'], messageId].filter(Boolean).join(' ') } }
          : {}),
      },
      original.threadId,
    );
  };
}

export type GetParams = {
  messageId: string;
  downloadAttachments: boolean;
  attachmentPrefix: string;
};

/** A message as an item, its attachments as the item's files (`attachment_0`, `attachment_1`...). */
export async function getEmail(op: Op<GetParams>): Promise<Item[]> {
  const { params } = op;
  const path = `${ME}/messages/${pathSegment(params.messageId)}`;
  const message = (await op.request({ method: 'GET', path, query: { format: 'full' } })).body as GmailMessage;
  const json = messageItem(message);
  if (!params.downloadAttachments) return [{ json }];
  const binary: Record<string, BinaryRef> = {};
  const listed = json['attachments'] as Record<string, unknown>[];
  let i = 0;
  for (const attachment of attachmentsOf(message)) {
    const data =
      attachment.data ??
      (
        (await op.request({ method: 'GET', path: `${path}/attachments/${pathSegment(attachment.attachmentId ?? '')}` })).body as {
          data: string;
        }
      ).data;
    const bytes = fromBase64Url(data);
    const property = `${params.attachmentPrefix}${i}`;
    binary[property] = { data: toBase64(bytes), mimeType: attachment.mimeType, fileName: attachment.fileName, fileSize: bytes.length };
    listed[i] = { ...listed[i], binaryProperty: property };
    i++;
  }
  return [{ json, ...(i > 0 ? { binary } : {}) }];
}

export type ListParams = {
  searchQuery?: string | undefined;
  labelIds?: string[] | undefined;
  includeSpamTrash: boolean;
  details: boolean;
  returnAll: boolean;
  limit: number;
};

/** Gmail's largest page of message IDs. */
const MAX_PAGE = 500;

/**
 * Messages matching a search, newest first: their IDs page by page up to the
 * limit, then, with `details`, each one's headers and snippet.
 */
export async function listEmails(op: Op<ListParams>): Promise<Item[]> {
  const { params } = op;
  const limit = params.returnAll ? Infinity : params.limit;
  const found: { id: string; threadId: string }[] = [];
  let pageToken: string | undefined;
  do {
    const page = (
      await op.request({
        method: 'GET',
        path: `${ME}/messages`,
        query: {
          ...(params.searchQuery ? { q: params.searchQuery } : {}),
          ...(params.labelIds?.length ? { labelIds: params.labelIds } : {}),
          ...(params.includeSpamTrash ? { includeSpamTrash: true } : {}),
          maxResults: Math.min(MAX_PAGE, limit - found.length),
          ...(pageToken ? { pageToken } : {}),
        },
      })
    ).body as { messages?: { id: string; threadId: string }[]; nextPageToken?: string };
    found.push(...(page.messages ?? []).slice(0, limit - found.length));
    pageToken = page.nextPageToken;
  } while (pageToken && found.length < limit);
  if (!params.details) return found.map((json) => ({ json }));
  const out: Item[] = [];
  for (const { id } of found) out.push({ json: await summaryOf(op, id) });
  return out;
}

/** A message's headers and snippet, without its bodies. */
export async function summaryOf(op: Pick<Op<unknown>, 'request'>, id: string): Promise<Record<string, unknown>> {
  const message = (
    await op.request({
      method: 'GET',
      path: `${ME}/messages/${pathSegment(id)}`,
      query: { format: 'metadata', metadataHeaders: SUMMARY_HEADERS },
    })
  ).body as GmailMessage;
  return messageItem(message);
}
