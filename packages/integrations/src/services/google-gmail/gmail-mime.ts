// An email as Gmail's `messages.send` takes it: an RFC 5322 message, base64url-encoded, built with mimetext (headers
// with non-ASCII text as encoded words, multipart/alternative for text and HTML, multipart/mixed with attachments).
import { createMimeMessage, Mailbox } from 'mimetext/browser';
import { toBase64 } from '../google/google-bytes.js';

const encoder = new TextEncoder();

/** An email to send. */
export interface Email {
  from: { addr: string; name?: string | undefined };
  to: string[];
  cc?: string[] | undefined;
  bcc?: string[] | undefined;
  replyTo?: string | undefined;
  subject: string;
  text?: string | undefined;
  html?: string | undefined;
  attachments: { fileName: string; mimeType: string; data: string }[];
  /** Threading headers of a reply: `In-Reply-To`, `References`. */
  headers?: Record<string, string>;
  /** When it is sent, in epoch milliseconds (the `Date` header). */
  date: number;
}

/** Addresses written one after the other with commas (a comma inside a quoted name stays). */
export function addressList(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

/** Whether every address of a list has the shape of one (`ada@example.com` or `Ada <ada@example.com>`). */
export function isAddressList(text: string): boolean {
  const list = addressList(text);
  return list.length > 0 && list.every((a) => /^(?:[^<>]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/.test(a));
}

/** Base64 in lines of 76 characters, as MIME bodies are written (RFC 2045). */
function wrapped(base64: string): string {
  return base64.replace(/.{76}(?=.)/g, '$&\r\n');
}

/** A header value on one line: line breaks in it would start other headers. */
function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

/** A file name as a quoted MIME parameter takes it. */
function fileNameOf(name: string): string {
  return oneLine(name).replace(/["\\]/g, '_');
}

/** The email as Gmail's `raw`: the whole message, base64url-encoded. */
export function rawEmail(email: Email): string {
  const message = createMimeMessage();
  message.setSender(email.from.name ? { addr: email.from.addr, name: oneLine(email.from.name) } : { addr: email.from.addr });
  message.setTo(email.to);
  if (email.cc?.length) message.setCc(email.cc);
  if (email.bcc?.length) message.setBcc(email.bcc);
  if (email.replyTo) message.setHeader('Reply-To', new Mailbox(email.replyTo));
  message.setSubject(email.subject);
  message.setHeader('Date', new Date(email.date).toUTCString().replace(/GMT|UTC/, '+0000'));
  for (const [name, value] of Object.entries(email.headers ?? {})) message.setHeader(name, oneLine(value));
  // Bodies go base64-encoded: any text, in any language, with lines of any length.
  const body = (text: string) => wrapped(toBase64(encoder.encode(text)));
  if (email.text !== undefined) message.addMessage({ contentType: 'text/plain', data: body(email.text), encoding: 'base64' });
  if (email.html !== undefined) message.addMessage({ contentType: 'text/html', data: body(email.html), encoding: 'base64' });
  for (const file of email.attachments) {
    message.addAttachment({ filename: fileNameOf(file.fileName), contentType: file.mimeType, data: wrapped(file.data) });
  }
  return message.asEncoded();
}
