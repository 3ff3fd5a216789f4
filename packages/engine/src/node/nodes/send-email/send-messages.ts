import type { Transporter } from 'nodemailer';
import { fromBase64 } from '../../../binary/bytes.js';
import { FlowloomError } from '../../../errors/flowloom.error.js';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { Item } from '../../../model/item.js';
import type { NodeContext } from '../../../nodes/node-context.js';
import { smtpFields, type SmtpCredentialData } from '../../../credentials/mail-credentials.js';
import type { SendEmailParams } from '../../../nodes/node-only/send-email.js';
import { messageOf, parameterError, type NodeOnlyHost } from '../host.js';
import { mailCredential } from '../mail-credentials.js';

// nodemailer is loaded on the first message, not when the engine is created.
let nodemailer: Promise<typeof import('nodemailer')> | undefined;
const loadNodemailer = () => (nodemailer ??= import('nodemailer'));

const LINE_BREAK = /[\r\n]/;

/** A file of the item to attach, as nodemailer takes it. */
interface Attachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

function attachmentsOf(ctx: NodeContext, p: SendEmailParams, item: Item | undefined, itemIndex: number): Attachment[] {
  const keys = p.attachments
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  return keys.map((key) => {
    const file = item?.binary?.[key];
    if (!file) {
      const has = Object.keys(item?.binary ?? {});
      throw parameterError(
        ctx,
        'attachments',
        `names '${key}', but the item has no file under that key (${has.length > 0 ? `it has ${has.map((k) => `'${k}'`).join(', ')}` : 'it has no files'})`,
        itemIndex,
      );
    }
    if (file.data === undefined) throw parameterError(ctx, 'attachments', `names '${key}', whose file holds no inline data`, itemIndex);
    let bytes: Uint8Array;
    try {
      bytes = fromBase64(file.data);
    } catch {
      throw parameterError(ctx, 'attachments', `names '${key}', whose data is not valid base64`, itemIndex);
    }
    return { filename: file.fileName ?? key, content: Buffer.from(bytes), contentType: file.mimeType };
  });
}

/** The message for one item; header fields may not hold line breaks (they would add headers). */
function messageFor(ctx: NodeContext, p: SendEmailParams, item: Item | undefined, itemIndex: number) {
  for (const field of ['from', 'to', 'cc', 'bcc', 'replyTo'] as const) {
    if (LINE_BREAK.test(p[field])) throw parameterError(ctx, field, 'holds a line break, which no address may', itemIndex);
  }
  const optional = (value: string) => (value.trim() === '' ? undefined : value);
  return {
    from: p.from,
    to: p.to,
    cc: optional(p.cc),
    bcc: optional(p.bcc),
    replyTo: optional(p.replyTo),
    subject: p.subject.replace(/\r?\n|\r/g, ' '),
    text: optional(p.text),
    html: optional(p.html),
    attachments: attachmentsOf(ctx, p, item, itemIndex),
    date: new Date(ctx.now()),
  };
}

/** A failed send as a node error: the server's answer, whether a retry may help. */
function sendError(ctx: NodeContext, smtp: SmtpCredentialData, error: unknown, itemIndex: number): NodeExecutionError {
  if (error instanceof FlowloomError) {
    return new NodeExecutionError(`Node '${ctx.node.name}': ${error.message}`, { code: error.code, retryable: false, cause: error });
  }
  const e = error as { code?: string; responseCode?: number };
  const server = `${smtp.host}:${smtp.port}`;
  const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
  const details = { itemIndex, ...(e.code ? { smtpCode: e.code } : {}), ...(e.responseCode ? { responseCode: e.responseCode } : {}) };
  if (e.code === 'EAUTH') {
    return new NodeExecutionError(`Node '${ctx.node.name}': the SMTP server ${server} refused the login: ${messageOf(error)}`, {
      code: 'SMTP_AUTH',
      retryable: false,
      details,
    });
  }
  if (e.code === 'EENVELOPE' || e.code === 'EMESSAGE' || permanent) {
    return new NodeExecutionError(
      `Node '${ctx.node.name}': the SMTP server ${server} refused the message of item ${itemIndex}: ${messageOf(error)}`,
      {
        code: 'SMTP_REJECTED',
        retryable: !permanent,
        details,
      },
    );
  }
  return new NodeExecutionError(`Node '${ctx.node.name}': sending through ${server} failed: ${messageOf(error)}`, {
    code: 'SMTP_FAILED',
    retryable: true,
    details,
  });
}

/** Opens one connection to the credential's server for this activation. */
async function openTransport(ctx: NodeContext, host: NodeOnlyHost, smtp: SmtpCredentialData): Promise<Transporter> {
  let address: string;
  try {
    address = await host.connectAddress(smtp.host);
  } catch (error) {
    throw sendError(ctx, smtp, error, 0);
  }
  const { createTransport } = await loadNodemailer();
  return createTransport({
    host: address,
    port: smtp.port,
    secure: smtp.secure,
    ...(address !== smtp.host ? { servername: smtp.host } : {}),
    ...(smtp.user !== '' ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
    tls: { rejectUnauthorized: !smtp.allowUnauthorizedCerts },
  });
}

/** Sends one message per input item and outputs what the server answered for each. */
export async function sendMessages(ctx: NodeContext, host: NodeOnlyHost): Promise<Item[]> {
  const items = ctx.input();
  if (items.length === 0) return [];
  const smtp = await mailCredential(ctx, 'smtp', smtpFields);
  // Every message is built before the first is sent, so a bad parameter sends nothing.
  const messages = items.map((item, i) => messageFor(ctx, ctx.params(i) as SendEmailParams, item, i));
  const transport = await openTransport(ctx, host, smtp);
  const abort = () => transport.close();
  ctx.signal.addEventListener('abort', abort, { once: true });
  try {
    const out: Item[] = [];
    for (const [i, message] of messages.entries()) {
      ctx.signal.throwIfAborted();
      let info: { messageId: string; accepted: unknown[]; rejected: unknown[]; response: string };
      try {
        info = (await transport.sendMail(message)) as typeof info;
      } catch (error) {
        ctx.signal.throwIfAborted();
        throw sendError(ctx, smtp, error, i);
      }
      const address = (a: unknown) => (typeof a === 'string' ? a : String((a as { address?: unknown }).address));
      out.push({
        json: {
          messageId: info.messageId,
          accepted: info.accepted.map(address),
          rejected: info.rejected.map(address),
          response: info.response,
        },
        pairedItem: { item: i },
      });
    }
    return out;
  } finally {
    ctx.signal.removeEventListener('abort', abort);
    transport.close();
  }
}
