import { toBase64 } from '../../../binary/bytes.js';
import type { BinaryRef, Item } from '../../../model/item.js';
import { parseMessage } from './mime-message.js';

/** A message as the mailbox gave it. */
export interface FetchedMessage {
  uid: number;
  source: Uint8Array;
  flags: readonly string[];
  /** When the server received it (ISO 8601), for a message without a readable Date header. */
  internalDate: string | undefined;
}

/** How the Email Trigger shapes its items. */
export interface ItemOptions {
  format: 'simple' | 'raw';
  downloadAttachments: boolean;
  /** Attachments go under this prefix and their index: `attachment_0`, `attachment_1`... */
  attachmentPrefix: string;
}

function file(content: Uint8Array, mimeType: string, fileName: string): BinaryRef {
  const dot = fileName.lastIndexOf('.');
  return {
    mimeType,
    fileName,
    ...(dot > 0 ? { fileExtension: fileName.slice(dot + 1).toLowerCase() } : {}),
    fileSize: content.length,
    data: toBase64(content),
  };
}

/**
 * The item of one message. `simple`: its headers, text and HTML read into
 * JSON, its attachments listed (and attached as files with
 * `downloadAttachments`). `raw`: the message as stored, a `message/rfc822`
 * file under `data`.
 */
export function messageItem(message: FetchedMessage, options: ItemOptions): Item {
  const flags = [...message.flags];
  if (options.format === 'raw') {
    return {
      json: { uid: message.uid, flags, size: message.source.length, ...(message.internalDate ? { date: message.internalDate } : {}) },
      binary: { data: file(message.source, 'message/rfc822', `message-${message.uid}.eml`) },
    };
  }
  const parsed = parseMessage(message.source);
  const binary: Record<string, BinaryRef> = {};
  const attachments = parsed.attachments.map((a, i) => {
    const key = `${options.attachmentPrefix}${i}`;
    if (options.downloadAttachments) binary[key] = file(a.content, a.mimeType, a.fileName);
    return {
      fileName: a.fileName,
      mimeType: a.mimeType,
      size: a.content.length,
      inline: a.inline,
      ...(a.contentId ? { contentId: a.contentId } : {}),
      ...(options.downloadAttachments ? { binaryProperty: key } : {}),
    };
  });
  return {
    json: {
      uid: message.uid,
      messageId: parsed.messageId,
      date: parsed.date ?? message.internalDate ?? null,
      subject: parsed.subject,
      from: parsed.from,
      to: parsed.to,
      cc: parsed.cc,
      replyTo: parsed.replyTo,
      textPlain: parsed.text ?? '',
      textHtml: parsed.html ?? '',
      flags,
      attachments,
    },
    ...(Object.keys(binary).length > 0 ? { binary } : {}),
  };
}
