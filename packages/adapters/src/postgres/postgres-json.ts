/**
 * JSON text for `json` and `jsonb` columns, and back.
 *
 * PostgreSQL's `jsonb` refuses the escape `\u0000` (its text type cannot hold
 * a NUL character), yet node output may hold one: a binary response read as
 * text. Rather than fail the write, the text is rewritten reversibly: a NUL
 * escape becomes U+E000 followed by `0`, and U+E000 itself is doubled. Both
 * only ever occur inside JSON strings, and the decoder undoes exactly these
 * two, so every value comes back as it was given.
 */
const MARK = '\uE000';
const ENCODE = /\uE000|(?<!\\)((?:\\\\)*)\\u0000/g;
const DECODE = /\uE000([\uE0000])/g;

/** The JSON text of a value, ready to cast to `json` or `jsonb`. Throws the serializer's own error for values JSON cannot hold. */
export function toJsonText(value: unknown): string {
  const text = JSON.stringify(value);
  if (!text.includes(MARK) && !text.includes('\\u0000')) return text;
  return text.replace(ENCODE, (match, pairs: string | undefined) => (match === MARK ? MARK + MARK : `${pairs ?? ''}${MARK}0`));
}

/** The value of JSON text read back from a `json` or `jsonb` column (selected as `::text`). */
export function fromJsonText<T>(text: string): T {
  return JSON.parse(text.includes(MARK) ? text.replace(DECODE, (_match, c: string) => (c === MARK ? MARK : '\\u0000')) : text) as T;
}

/** `toJsonText` for an optional value: null (SQL NULL) when it is absent. */
export function toJsonOrNull(value: unknown): string | null {
  return value === undefined || value === null ? null : toJsonText(value);
}
