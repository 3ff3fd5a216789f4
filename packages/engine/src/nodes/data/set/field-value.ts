import JSON5 from 'json5';

/** The types a field set by Edit Fields can be given. */
export type FieldType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'expression';

/** Why a value could not be converted; the node turns it into a parameter error. */
export class ConversionFailure {
  constructor(readonly reason: string) {}
}

/** JSON text, or `undefined` when it is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON text or a JavaScript object literal (unquoted keys, single quotes, trailing commas), else `undefined`. */
function parseObjectText(text: string): unknown {
  const json = parseJson(text);
  if (json !== undefined) return json;
  try {
    return JSON5.parse(text);
  } catch {
    return undefined;
  }
}

const show = (value: unknown) =>
  typeof value === 'string'
    ? JSON.stringify(value)
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object' && value !== null
        ? 'an object'
        : String(value);

/**
 * Converts a (resolved) parameter value to the field's declared type, by n8n's
 * rules for Edit Fields (so that imported workflows give the same items):
 * - number: what JavaScript's `Number()` makes of it, so "42" and " 42 " are
 *   42, "0x10" is 16, empty text is 0 and `true` is 1; text that is not a
 *   number, and infinite values (which JSON cannot hold), are refused;
 * - boolean: `true`/`false` in any case, and anything whose number is 0 or 1;
 * - array: an array, or JSON text of one (single quotes taken as double);
 * - object: an object, or JSON text or a JavaScript object literal of one.
 * `expression` keeps whatever the expression produced. Nothing (null or
 * undefined) is null in a number, boolean, array or object field, and empty
 * text in a text field.
 */
export function toFieldType(value: unknown, type: FieldType): unknown {
  if ((value === undefined || value === null) && type !== 'expression' && type !== 'string') return null;
  switch (type) {
    case 'expression':
      return value;
    case 'string':
      if (value === undefined || value === null) return '';
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number': {
      const n = typeof value === 'object' && !Array.isArray(value) ? Number.NaN : Number(value);
      if (Number.isFinite(n)) return n;
      return new ConversionFailure(
        Number.isNaN(n) ? `must be a number, got ${show(value)}` : `must be a finite number, got ${show(value)}`,
      );
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      const n = typeof value === 'string' && value.trim() === '' ? Number.NaN : Number(value);
      if (n === 0 || n === 1) return n === 1;
      return new ConversionFailure(`must be true or false (or 1 or 0), got ${show(value)}`);
    }
    case 'array': {
      if (Array.isArray(value)) return value;
      const text = typeof value === 'string' ? value : undefined;
      const parsed = text === undefined ? undefined : (parseJson(text) ?? parseJson(text.replace(/'/g, '"')));
      if (Array.isArray(parsed)) return parsed;
      return new ConversionFailure(`must be an array (or JSON text of one), got ${show(value)}`);
    }
    case 'object': {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
      const parsed = typeof value === 'string' ? parseObjectText(value) : undefined;
      if (parsed === null) return null;
      if (typeof parsed === 'object' && !Array.isArray(parsed)) return parsed;
      return new ConversionFailure(`must be an object (or JSON text of one), got ${show(value)}`);
    }
  }
}
