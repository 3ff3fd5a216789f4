// Gmail's message resource, read into an item: its headers by name, its text and HTML bodies decoded, and its
// attachments listed (the bytes are fetched separately, each by its attachment ID).
import { fromBase64Url } from '../google/google-bytes.js';

/** A part of a message as Gmail answers it (`format=full`). */
export interface MessagePart {
  partId?: string;
  mimeType?: string;
  filename?: string;
  headers?: { name: string; value: string }[];
  body?: { attachmentId?: string; size?: number; data?: string };
  parts?: MessagePart[];
}

/** A message as Gmail answers it. */
export interface GmailMessage {
  id: string;
  threadId?: string;
  labelIds?: string[];
  snippet?: string;
  historyId?: string;
  internalDate?: string;
  sizeEstimate?: number;
  payload?: MessagePart;
}

/** An attachment of a message: where its bytes are, or the bytes when Gmail sent them inline. */
export interface Attachment {
  fileName: string;
  mimeType: string;
  size: number;
  attachmentId?: string;
  data?: string;
}

/** The headers every message item names at the top level. */
export const SUMMARY_HEADERS = ['From', 'To', 'Cc', 'Subject', 'Date'];

/** A message's headers by lower-case name (the last one given, for a name given twice). */
export function headersOf(message: GmailMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name, value } of message.payload?.headers ?? []) out[name.toLowerCase()] = value;
  return out;
}

function* walk(part: MessagePart | undefined): Generator<MessagePart> {
  if (!part) return;
  yield part;
  for (const child of part.parts ?? []) yield* walk(child);
}

function charsetOf(part: MessagePart): string {
  const type = part.headers?.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  return /charset="?([\w-]+)"?/i.exec(type)?.[1] ?? 'utf-8';
}

function decodeText(part: MessagePart): string {
  const bytes = fromBase64Url(part.body!.data!);
  try {
    return new TextDecoder(charsetOf(part)).decode(bytes);
  } catch {
    return new TextDecoder().decode(bytes);
  }
}

/** The message's attachments: parts with a file name, in order. */
export function attachmentsOf(message: GmailMessage): Attachment[] {
  const out: Attachment[] = [];
  for (const part of walk(message.payload)) {
    if (!part.filename) continue;
    out.push({
      fileName: part.filename,
      mimeType: part.mimeType ?? 'application/octet-stream',
      size: part.body?.size ?? 0,
      ...(part.body?.attachmentId ? { attachmentId: part.body.attachmentId } : {}),
      ...(part.body?.data ? { data: part.body.data } : {}),
    });
  }
  return out;
}

/**
 * A message as an item: Gmail's own fields, its headers by name (and the
 * usual ones at the top level), the first text and HTML bodies that are not
 * attachments, and its attachments' names, types and sizes.
 */
export function messageItem(message: GmailMessage): Record<string, unknown> {
  const headers = headersOf(message);
  let text: string | undefined;
  let html: string | undefined;
  for (const part of walk(message.payload)) {
    if (part.filename || !part.body?.data) continue;
    if (part.mimeType === 'text/plain' && text === undefined) text = decodeText(part);
    if (part.mimeType === 'text/html' && html === undefined) html = decodeText(part);
  }
  const { payload: _, ...fields } = message;
  return {
    ...fields,
    ...Object.fromEntries(SUMMARY_HEADERS.map((name) => [name.toLowerCase(), headers[name.toLowerCase()] ?? ''])),
    headers,
    ...(text !== undefined ? { text } : {}),
    ...(html !== undefined ? { html } : {}),
    attachments: attachmentsOf(message).map(({ fileName, mimeType, size }) => ({ fileName, mimeType, size })),
  };
}
