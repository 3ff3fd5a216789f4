import { FlowloomError } from '../errors/flowloom.error.js';
import type { Logger } from '../ports/logger.js';
import { LiteralMatcher } from './literal-matcher.js';
import { byteString, secretForms } from './secret-forms.js';

/** What a secret is replaced with, in masked credentials and in redacted run data. */
export const REDACTED = '__redacted__';

/**
 * Values shorter than this are not redacted, in any form: replacing every
 * `1` or `on` in a run's data would destroy it, and such values are not
 * secrets worth the name.
 */
export const MIN_SECRET_LENGTH = 4;

/** Files whose redaction one redactor remembers (a file is met again as the next node's input, in events...). */
const REMEMBERED_FILES = 32;

interface FileRedaction {
  data: string;
  /** The new size in bytes, when the file's bytes changed. */
  size?: number;
}

/**
 * Knows the secret values in play during one run and replaces them wherever
 * they appear (strings and object keys, at any depth) before anything is
 * stored, emitted or logged. Values are copied only where something changed.
 *
 * A value is found raw and in the forms it is sent or stored in: URL- and
 * JSON-escaped, hex of its UTF-8 bytes (lower or upper case), and base64 or
 * base64url (padded or not) at any position inside a longer encoded text
 * (see `secretForms`). Files attached to items (`binary` entries, whose
 * `data` is base64) are decoded: each of those forms in the file's bytes,
 * the raw value included, is replaced with the bytes of `__redacted__`, the
 * file is encoded again and its `fileSize` updated. A text file stays
 * readable; a format that checks its own bytes (an archive, an image) may
 * not open any more, which is the price of not storing the secret.
 *
 * Redaction catches what a careless node or integration lets through (an
 * echoed header, a logged token, an encoded copy). It cannot catch a value
 * that code took apart on purpose (reversed, split, encrypted).
 */
export class Redactor {
  readonly #known = new Set<string>();
  /** Values replaced where a string is exactly the value, whatever its length (see `addExact`). */
  readonly #exact = new Set<string>();
  #text: LiteralMatcher | undefined;
  #bytes: LiteralMatcher | undefined;
  readonly #files = new Map<string, FileRedaction>();

  /** Adds secret values; values shorter than `MIN_SECRET_LENGTH` are ignored. */
  add(values: Iterable<string>): void {
    let added = false;
    for (const value of values) {
      if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
      for (const form of secretForms(value)) {
        if (form.length < MIN_SECRET_LENGTH || this.#known.has(form)) continue;
        this.#known.add(form);
        added = true;
      }
    }
    if (!added) return;
    // Patterns are built again when next needed; files are scanned again for the new secrets.
    this.#text = this.#bytes = undefined;
    this.#files.clear();
  }

  /**
   * Adds values that are replaced wherever a whole string equals one of them,
   * however short (a caller's `Cookie: a=1` header), and also, like `add`,
   * inside longer strings and in encoded forms when they are long enough.
   */
  addExact(values: Iterable<string>): void {
    const list = [...values].filter((v) => typeof v === 'string' && v.length > 0);
    for (const value of list) this.#exact.add(value);
    this.add(list);
  }

  /** Whether any secret is known (nothing to scan otherwise). */
  get active(): boolean {
    return this.#known.size > 0 || this.#exact.size > 0;
  }

  /** Replaces every known secret, in any of its forms, in a string. */
  redactString(text: string): string {
    if (this.#known.size === 0) return text;
    this.#text ??= new LiteralMatcher(this.#known);
    return this.#text.replace(text, REDACTED);
  }

  /** A copy of a JSON-like value with every known secret replaced; the same value when none occurs. */
  redact<T>(value: T): T {
    if (!this.active) return value;
    return this.#walk(value, new Map()) as T;
  }

  /** A logger that redacts messages and data before passing them on. */
  logger(inner: Logger): Logger {
    const wrap =
      (level: keyof Logger) =>
      (message: string, data?: Record<string, unknown>): void => {
        if (!this.active) return inner[level](message, data);
        inner[level](this.redactString(message), data === undefined ? undefined : this.redact(data));
      };
    return { debug: wrap('debug'), info: wrap('info'), warn: wrap('warn'), error: wrap('error') };
  }

  #walk(value: unknown, seen: Map<object, unknown>): unknown {
    if (typeof value === 'string') return this.#exact.has(value) ? REDACTED : this.redactString(value);
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return seen.get(value);
    if (Array.isArray(value)) {
      seen.set(value, value);
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const next = this.#walk(value[i], seen);
        if (next !== value[i]) (out ??= value.slice())[i] = next;
      }
      if (out) seen.set(value, out);
      return out ?? value;
    }
    if (value instanceof Error) {
      // A copy to log, not to throw: a Flowloom error keeps its code; another stays the plain error it was.
      const message = this.redactString(value.message);
      // eslint-disable-next-line no-restricted-syntax
      const copy = value instanceof FlowloomError ? new FlowloomError(value.code, message) : new Error(message);
      copy.name = value.name;
      return copy;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value; // binary buffers, dates...
    seen.set(value, value);
    let out: Record<string, unknown> | undefined;
    const source = value as Record<string, unknown>;
    // A file attached to an item: `{ mimeType, data (base64), fileSize?... }`.
    const file = typeof source.mimeType === 'string' && typeof source.data === 'string' ? this.#file(source.data) : undefined;
    for (const key of Object.keys(source)) {
      const nextKey = this.redactString(key);
      const next =
        file && key === 'data'
          ? file.data
          : file?.size !== undefined && key === 'fileSize' && typeof source.fileSize === 'number'
            ? file.size
            : this.#walk(source[key], seen);
      if (nextKey !== key || next !== source[key]) {
        if (!out) {
          out = {};
          for (const k of Object.keys(source)) {
            if (k === key) break;
            out[k] = source[k];
          }
        }
      }
      if (out) out[nextKey] = next;
    }
    if (out) seen.set(value, out);
    return out ?? value;
  }

  /**
   * A file's data with every secret replaced in its bytes (and in the base64
   * text itself, should code have written a secret's form there); the same
   * string when none occurs. Data that is not base64 is redacted as text.
   */
  #file(data: string): FileRedaction {
    const known = this.#files.get(data);
    if (known) return known;
    let result: FileRedaction = { data };
    const bytes = decodeBase64(data);
    if (bytes !== undefined) {
      this.#bytes ??= this.#byteMatcher();
      const clean = this.#bytes.replace(bytes, REDACTED);
      if (clean !== bytes) result = { data: btoa(clean), size: clean.length };
    }
    const text = this.redactString(result.data);
    if (text !== result.data) result = { ...result, data: text };
    if (this.#files.size >= REMEMBERED_FILES) this.#files.delete(this.#files.keys().next().value!);
    this.#files.set(data, result);
    return result;
  }

  /** The forms as the bytes a file holds them in (the same matcher when they are all ASCII). */
  #byteMatcher(): LiteralMatcher {
    const forms = [...this.#known];
    const bytes = forms.map(byteString);
    if (bytes.every((b, i) => b === forms[i])) return (this.#text ??= new LiteralMatcher(this.#known));
    return new LiteralMatcher(bytes);
  }
}

/** A file's bytes, one character each, from its base64 data (standard or URL-safe); undefined when it is not base64. */
function decodeBase64(data: string): string | undefined {
  try {
    return atob(data);
  } catch {
    if (!/[-_]/.test(data)) return undefined;
    try {
      return atob(data.replace(/-/g, '+').replace(/_/g, '/'));
    } catch {
      return undefined;
    }
  }
}
