import { FlowloomError } from '../../../errors/flowloom.error.js';

/**
 * Reads an email as it is stored (RFC 5322 with MIME, RFC 2045-2047 and
 * 2231): headers unfolded and their encoded words decoded, the parts of
 * multipart bodies, transfer encodings (base64, quoted-printable) and
 * character sets. Enough to give a workflow the subject, the addresses, the
 * text and HTML bodies and the attached files; not a validator.
 */

/** A file found in a message. */
export interface MessageAttachment {
  fileName: string;
  mimeType: string;
  content: Uint8Array;
  /** Where an inline part is referred to from the HTML (`cid:`), without angle brackets. */
  contentId?: string;
  /** Whether the message shows it in its body (an image in the HTML) rather than as an attachment. */
  inline: boolean;
}

/** A message, read. Header texts are decoded; missing ones are empty. */
export interface ParsedMessage {
  /** Every header, names in lower case, values unfolded and decoded, in order. */
  headers: ReadonlyMap<string, readonly string[]>;
  subject: string;
  from: string;
  to: string;
  cc: string;
  replyTo: string;
  messageId: string;
  /** The Date header as an ISO 8601 time, when it can be read. */
  date: string | undefined;
  text: string | undefined;
  html: string | undefined;
  attachments: MessageAttachment[];
}

const MAX_DEPTH = 30;
const MAX_PARTS = 1000;

/** A header value with its parameters (`text/plain; charset=utf-8`). */
interface Structured {
  value: string;
  params: Record<string, string>;
}

/** One MIME entity: its headers and its body, as a byte string (one char per byte). */
interface Entity {
  headers: Map<string, string[]>;
  body: string;
}

const bytesOf = (byteString: string) => Uint8Array.from(Buffer.from(byteString, 'latin1'));

/** Bytes as text in a character set; an unknown one is read as UTF-8. */
export function decodeCharset(bytes: Uint8Array, charset: string | undefined): string {
  const label = (charset ?? 'utf-8').trim().toLowerCase();
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label === 'us-ascii' || label === 'ascii' || label === '' ? 'utf-8' : label);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(bytes);
}

/** Raw header bytes: UTF-8 when they are (RFC 6532), else Latin-1. */
function headerText(byteString: string): string {
  if (!/[^\x00-\x7f]/.test(byteString)) return byteString;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytesOf(byteString));
  } catch {
    return byteString;
  }
}

const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;

function encodedWordBytes(encoding: string, text: string): Uint8Array {
  if (encoding.toUpperCase() === 'B') return Uint8Array.from(Buffer.from(text, 'base64'));
  return bytesOf(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
}

/**
 * Decodes RFC 2047 encoded words. Adjacent words (only white space between
 * them) are joined first, their bytes together when they share a character
 * set, so a character split between two words comes out whole.
 */
export function decodeWords(value: string): string {
  const text = headerText(value);
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: Uint8Array[] } | undefined;
  const flush = () => {
    if (!pending) return;
    const total = new Uint8Array(pending.bytes.reduce((n, b) => n + b.length, 0));
    let at = 0;
    for (const b of pending.bytes) {
      total.set(b, at);
      at += b.length;
    }
    out += decodeCharset(total, pending.charset);
    pending = undefined;
  };
  for (const m of text.matchAll(ENCODED_WORD)) {
    const between = text.slice(last, m.index);
    const adjacent = pending !== undefined && /^[ \t\r\n]*$/.test(between);
    if (!adjacent) {
      flush();
      out += between;
    }
    const charset = m[1]!.toLowerCase();
    const bytes = encodedWordBytes(m[2]!, m[3]!);
    if (pending && pending.charset !== charset) flush();
    if (pending) pending.bytes.push(bytes);
    else pending = { charset, bytes: [bytes] };
    last = m.index + m[0].length;
  }
  flush();
  return out + text.slice(last);
}

/** Splits on `;` outside quotes. */
function splitParams(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && quoted && i + 1 < value.length) {
      current += c + value[++i];
    } else if (c === '"') {
      quoted = !quoted;
      current += c;
    } else if (c === ';' && !quoted) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out;
}

function unquote(value: string): string {
  const v = value.trim();
  return v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1).replace(/\\(.)/g, '$1') : v;
}

/** `%XX` escapes of an RFC 2231 value, in its character set. */
function percentDecoded(value: string, charset: string | undefined): string {
  return decodeCharset(bytesOf(value.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))), charset);
}

/** A header with parameters: RFC 2231 continuations and character sets, and encoded words some mailers put in quotes. */
export function parseStructured(header: string | undefined): Structured {
  const [first = '', ...rest] = splitParams(header ?? '');
  const plain: Record<string, string> = {};
  const pieces: Record<string, { index: number; value: string; extended: boolean }[]> = {};
  for (const raw of rest) {
    const eq = raw.indexOf('=');
    if (eq === -1) continue;
    const key = raw.slice(0, eq).trim().toLowerCase();
    const value = raw.slice(eq + 1);
    const m = /^([^*]+)(?:\*(\d+))?(\*)?$/.exec(key);
    if (!m || (m[2] === undefined && m[3] === undefined)) {
      plain[key] = decodeWords(unquote(value));
      continue;
    }
    (pieces[m[1]!] ??= []).push({ index: Number(m[2] ?? 0), value: unquote(value), extended: m[3] !== undefined });
  }
  for (const [key, list] of Object.entries(pieces)) {
    list.sort((a, b) => a.index - b.index);
    let charset: string | undefined;
    let joined = '';
    list.forEach((piece, i) => {
      let value = piece.value;
      if (i === 0 && piece.extended) {
        const parts = /^([^']*)'[^']*'(.*)$/s.exec(value);
        if (parts) {
          charset = parts[1] || undefined;
          value = parts[2]!;
        }
      }
      joined += piece.extended ? value : value.replace(/%/g, '%25');
    });
    plain[key] = percentDecoded(joined, charset);
  }
  return { value: first.trim().toLowerCase(), params: plain };
}

/** Splits an entity into its unfolded headers and its body. */
function parseEntity(byteString: string): Entity {
  const headers = new Map<string, string[]>();
  const end = /\r?\n\r?\n/.exec(byteString);
  const startsBlank = /^\r?\n/.test(byteString);
  const block = startsBlank ? '' : end ? byteString.slice(0, end.index) : byteString;
  const body = startsBlank ? byteString.replace(/^\r?\n/, '') : end ? byteString.slice(end.index + end[0].length) : '';
  let name: string | undefined;
  let value = '';
  const commit = () => {
    if (name === undefined) return;
    const list = headers.get(name) ?? [];
    list.push(value.trim());
    headers.set(name, list);
  };
  for (const line of block.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && name !== undefined) {
      value += line;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    commit();
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  commit();
  return { headers, body };
}

const header = (entity: Entity, name: string) => entity.headers.get(name)?.[0];

/** The body's bytes, its transfer encoding undone. */
function decodedBody(entity: Entity): Uint8Array {
  const encoding = (header(entity, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  if (encoding === 'base64') return Uint8Array.from(Buffer.from(entity.body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64'));
  if (encoding === 'quoted-printable') {
    return bytesOf(
      entity.body
        .replace(/[ \t]+(?=\r?\n)/g, '')
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    );
  }
  return bytesOf(entity.body);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The parts of a multipart body, between its boundary lines (preamble and epilogue left out). */
function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${escapeRegExp(boundary)}(--)?[ \\t]*(?:\\r?\\n|$)`, 'g');
  const parts: string[] = [];
  let start: number | undefined;
  for (const m of body.matchAll(delimiter)) {
    if (start !== undefined) parts.push(body.slice(start, m.index));
    if (m[1] === '--') return parts;
    start = m.index + m[0].length;
  }
  if (start !== undefined) parts.push(body.slice(start));
  return parts;
}

interface Collected {
  text: string | undefined;
  html: string | undefined;
  attachments: MessageAttachment[];
  parts: number;
}

function collect(entity: Entity, into: Collected, depth: number): void {
  if (++into.parts > MAX_PARTS) throw new FlowloomError('MESSAGE_INVALID', `the message has more than ${MAX_PARTS} parts`);
  const type = parseStructured(header(entity, 'content-type') ?? 'text/plain');
  const mimeType = type.value === '' ? 'text/plain' : type.value;
  const disposition = parseStructured(header(entity, 'content-disposition'));
  if (mimeType.startsWith('multipart/') && type.params.boundary && depth < MAX_DEPTH) {
    for (const part of splitMultipart(entity.body, type.params.boundary)) collect(parseEntity(part), into, depth + 1);
    return;
  }
  const fileName = disposition.params.filename ?? type.params.name;
  const isBody = disposition.value !== 'attachment' && fileName === undefined && (mimeType === 'text/plain' || mimeType === 'text/html');
  const content = decodedBody(entity);
  if (isBody) {
    // Text travels with CRLF line breaks; items hold plain LF ones.
    const text = decodeCharset(content, type.params.charset).replace(/\r\n/g, '\n');
    if (mimeType === 'text/plain') into.text ??= text;
    else into.html ??= text;
    return;
  }
  const contentId = header(entity, 'content-id')?.replace(/^<|>$/g, '');
  into.attachments.push({
    fileName: fileName ?? (mimeType === 'message/rfc822' ? 'message.eml' : `attachment-${into.attachments.length + 1}`),
    mimeType,
    content,
    ...(contentId ? { contentId } : {}),
    inline: disposition.value === 'inline',
  });
}

/** Reads a message from its bytes. */
export function parseMessage(source: Uint8Array): ParsedMessage {
  const entity = parseEntity(Buffer.from(source).toString('latin1'));
  const into: Collected = { text: undefined, html: undefined, attachments: [], parts: 0 };
  collect(entity, into, 0);
  const headers = new Map<string, string[]>();
  for (const [name, values] of entity.headers) headers.set(name, values.map(decodeWords));
  const first = (name: string) => headers.get(name)?.[0] ?? '';
  const time = Date.parse(first('date'));
  return {
    headers,
    subject: first('subject'),
    from: first('from'),
    to: first('to'),
    cc: first('cc'),
    replyTo: first('reply-to'),
    messageId: first('message-id'),
    date: Number.isNaN(time) ? undefined : new Date(time).toISOString(),
    text: into.text,
    html: into.html,
    attachments: into.attachments,
  };
}
