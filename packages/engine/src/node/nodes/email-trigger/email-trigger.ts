import type { SearchObject } from 'imapflow';
import { imapFields } from '../../../credentials/mail-credentials.js';
import { FlowloomError } from '../../../errors/flowloom.error.js';
import { implementNode, type NodeType } from '../../../nodes/define-node.js';
import { emailTriggerDescription, type EmailTriggerParams } from '../../../nodes/node-only/email-trigger.js';
import type { NodeContext } from '../../../nodes/node-context.js';
import { parameterError, type NodeOnlyHost } from '../host.js';
import { mailCredential } from '../mail-credentials.js';
import { parseSearch } from './search-criteria.js';

/** How many messages a manual run shows. */
const MANUAL_MESSAGES = 5;

function searchOf(ctx: NodeContext, p: EmailTriggerParams): SearchObject {
  try {
    return parseSearch(p.search);
  } catch (error) {
    if (error instanceof FlowloomError) throw parameterError(ctx, 'search', error.message);
    throw error;
  }
}

async function read(ctx: NodeContext, host: NodeOnlyHost, cursor: unknown, manual: boolean) {
  const p = ctx.params(0) as EmailTriggerParams;
  const search = searchOf(ctx, p);
  const imap = await mailCredential(ctx, 'imap', imapFields);
  const { readMailbox } = await import('./read-mailbox.js');
  return readMailbox(
    ctx,
    host,
    imap,
    {
      mailbox: p.mailbox,
      search,
      format: p.format,
      downloadAttachments: p.downloadAttachments,
      attachmentPrefix: p.attachmentPrefix,
      // A manual run shows the latest messages and changes nothing.
      max: manual ? Math.min(p.maxMessages, MANUAL_MESSAGES) : p.maxMessages,
      markAsRead: manual ? false : p.markAsRead,
      newest: manual,
    },
    cursor,
  );
}

/**
 * Email Trigger (IMAP) (`core.emailTrigger`, described in `nodes/node-only/`):
 * polls a mailbox of the credential in slot `imap` and starts a run with each
 * batch of new messages matching its search (unread ones by default), oldest
 * first, one item per message. The cursor (the mailbox's UIDVALIDITY and the
 * last UID taken) is kept in the engine's trigger state. A manual run shows
 * the latest matching messages.
 */
export function emailTriggerNode(host: NodeOnlyHost): NodeType {
  return implementNode(emailTriggerDescription, {
    poll: (ctx, cursor) => read(ctx, host, cursor, false),
    async execute(ctx) {
      const items = ctx.input();
      if (items.length > 0) return items;
      return (await read(ctx, host, undefined, true)).items;
    },
  });
}
