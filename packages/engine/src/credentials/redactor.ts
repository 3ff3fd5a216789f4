import type { Logger } from '../ports/logger.js';

/** What a secret is replaced with, in masked credentials and in redacted run data. */
export const REDACTED = '__redacted__';

/**
 * Values shorter than this are not redacted: replacing every `1` or `on` in a
 * run's data would destroy it, and such values are not secrets worth the name.
 */
export const MIN_SECRET_LENGTH = 4;

/**
 * Knows the secret values in play during one run and replaces them wherever
 * they appear (strings and object keys, at any depth) before anything is
 * stored, emitted or logged. Values are copied only where something changed.
 */
export class Redactor {
  #secrets: string[] = [];
  readonly #known = new Set<string>();

  /** Adds secret values (and the encoded forms they travel in: URL, JSON). */
  add(values: Iterable<string>): void {
    let added = false;
    for (const value of values) {
      if (typeof value !== 'string') continue;
      for (const form of [value, encodeURIComponent(value), JSON.stringify(value).slice(1, -1)]) {
        if (form.length < MIN_SECRET_LENGTH || this.#known.has(form)) continue;
        this.#known.add(form);
        added = true;
      }
    }
    // Longest first, so a secret containing another is replaced whole.
    if (added) this.#secrets = [...this.#known].sort((a, b) => b.length - a.length);
  }

  /** Whether any secret is known (nothing to scan otherwise). */
  get active(): boolean {
    return this.#secrets.length > 0;
  }

  /** Replaces every known secret in a string. */
  redactString(text: string): string {
    let out = text;
    for (const secret of this.#secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
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
    if (typeof value === 'string') return this.redactString(value);
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
      const copy = new Error(this.redactString(value.message));
      copy.name = value.name;
      return copy;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value; // binary buffers, dates...
    seen.set(value, value);
    let out: Record<string, unknown> | undefined;
    const source = value as Record<string, unknown>;
    for (const key of Object.keys(source)) {
      const nextKey = this.redactString(key);
      const next = this.#walk(source[key], seen);
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
}
