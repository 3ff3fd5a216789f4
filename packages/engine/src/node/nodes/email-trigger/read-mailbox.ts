import type { FetchMessageObject, ImapFlow, SearchObject } from 'imapflow';
import { FlowloomError } from '../../../errors/flowloom.error.js';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { Item } from '../../../model/item.js';
import type { NodeContext } from '../../../nodes/node-context.js';
import { messageOf, type NodeOnlyHost } from '../host.js';
import type { ImapCredentialData } from '../../../credentials/mail-credentials.js';
import { chooseUids, nextCursor, startAfter, type MailboxCursor } from './mailbox-cursor.js';
import { messageItem, type ItemOptions } from './message-item.js';

// imapflow is loaded on the first poll, not when the engine is created.
let imapflow: Promise<typeof import('imapflow')> | undefined;
const loadImapflow = () => (imapflow ??= import('imapflow'));

/** What one read of a mailbox asks for. */
export interface MailboxRead extends ItemOptions {
  mailbox: string;
  search: SearchObject;
  /** The most messages one read takes. */
  max: number;
  /** Mark the messages read (`\Seen`) once fetched. */
  markAsRead: boolean;
  /** Take the most recent messages instead of the oldest after the cursor (a manual run). */
  newest: boolean;
}

function imapError(ctx: NodeContext, imap: ImapCredentialData, mailbox: string, error: unknown): unknown {
  const name = ctx.node.name;
  const server = `${imap.host}:${imap.port}`;
  if (error instanceof NodeExecutionError) return error;
  if (error instanceof FlowloomError)
    return new NodeExecutionError(`Node '${name}': ${error.message}`, { code: error.code, retryable: false, cause: error });
  const e = error as { authenticationFailed?: boolean; mailboxMissing?: boolean; responseText?: string; code?: string };
  const said = e.responseText ? `: ${e.responseText.replace(/\.$/, '')}` : '';
  if (e.authenticationFailed) {
    return new NodeExecutionError(`Node '${name}': the IMAP server ${server} refused the login${said}.`, {
      code: 'IMAP_AUTH',
      retryable: false,
    });
  }
  if (e.mailboxMissing || e.code === 'NoMailboxSelected') {
    return new NodeExecutionError(`Node '${name}': the IMAP server ${server} has no mailbox '${mailbox}'${said}.`, {
      code: 'IMAP_MAILBOX_MISSING',
      retryable: false,
    });
  }
  return new NodeExecutionError(`Node '${name}': reading mail from ${server} failed: ${e.responseText ?? messageOf(error)}`, {
    code: 'IMAP_FAILED',
    retryable: true,
  });
}

async function connect(ctx: NodeContext, host: NodeOnlyHost, imap: ImapCredentialData): Promise<ImapFlow> {
  const address = await host.connectAddress(imap.host);
  const { ImapFlow } = await loadImapflow();
  const client = new ImapFlow({
    host: address,
    port: imap.port,
    secure: imap.secure,
    ...(address !== imap.host ? { servername: imap.host } : {}),
    auth: { user: imap.user, pass: imap.password },
    tls: { rejectUnauthorized: !imap.allowUnauthorizedCerts, ...(address !== imap.host ? { servername: imap.host } : {}) },
    logger: false,
    disableAutoIdle: true,
  });
  // A connection that drops emits 'error'; the pending command rejects with it, which is what is reported.
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/**
 * Reads the messages of a mailbox that match the search and come after the
 * cursor: connects, selects the mailbox, searches by UID, fetches each
 * message whole (without marking it read: PEEK), marks them read if asked,
 * and logs out. Returns the items and where the next read starts.
 */
export async function readMailbox(
  ctx: NodeContext,
  host: NodeOnlyHost,
  imap: ImapCredentialData,
  read: MailboxRead,
  cursor: unknown,
): Promise<{ items: Item[]; cursor: MailboxCursor }> {
  let client: ImapFlow | undefined;
  const abort = () => client?.close();
  ctx.signal.addEventListener('abort', abort, { once: true });
  try {
    client = await connect(ctx, host, imap);
    const lock = await client.getMailboxLock(read.mailbox, { readOnly: !read.markAsRead });
    try {
      const box = client.mailbox;
      if (!box)
        throw new NodeExecutionError(`Node '${ctx.node.name}': the mailbox '${read.mailbox}' could not be opened.`, { retryable: true });
      const uidValidity = String(box.uidValidity);
      const after = startAfter(cursor, uidValidity);
      const found = await client.search({ ...read.search, ...(after !== undefined ? { uid: `${after + 1}:*` } : {}) }, { uid: true });
      const uids = chooseUids(found || [], after, read.max, read.newest);
      const messages: FetchMessageObject[] = [];
      if (uids.length > 0) {
        for await (const message of client.fetch(uids, { uid: true, flags: true, internalDate: true, source: true }, { uid: true })) {
          messages.push(message);
        }
        if (read.markAsRead) await client.messageFlagsAdd(uids, ['\\Seen'], { uid: true });
      }
      messages.sort((a, b) => a.uid - b.uid);
      const items = messages.map((m) =>
        messageItem(
          {
            uid: m.uid,
            source: new Uint8Array(m.source ?? Buffer.alloc(0)),
            flags: [...(m.flags ?? [])],
            internalDate: m.internalDate ? new Date(m.internalDate).toISOString() : undefined,
          },
          read,
        ),
      );
      return { items, cursor: nextCursor(uidValidity, after, uids) };
    } finally {
      lock.release();
    }
  } catch (error) {
    ctx.signal.throwIfAborted();
    throw imapError(ctx, imap, read.mailbox, error);
  } finally {
    ctx.signal.removeEventListener('abort', abort);
    await client?.logout().catch(() => client?.close());
  }
}
