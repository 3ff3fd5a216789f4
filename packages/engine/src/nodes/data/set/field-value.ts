/** The types a field set by Edit Fields can be given. */
export type FieldType = 'string' | 'number' | 'boolean' | 'array' | 'object' | 'expression';

/** Why a value could not be converted; the node turns it into a parameter error. */
export class ConversionFailure {
  constructor(readonly reason: string) {}
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
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
 * Converts a (resolved) parameter value to the field's declared type: text
 * such as "42" becomes 42 for a number field, "[1,2]" an array for an array
 * field. `expression` keeps whatever the expression produced. Nothing (null
 * or undefined) is null in a number, boolean, array or object field, as in
 * n8n's Edit Fields, and empty text in a text field.
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
      if (typeof value === 'number' && !Number.isNaN(value)) return value;
      if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
      if (typeof value === 'boolean') return value ? 1 : 0;
      return new ConversionFailure(`must be a number, got ${show(value)}`);
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'string') {
        const t = value.trim().toLowerCase();
        if (t === 'true' || t === '1' || t === 'yes') return true;
        if (t === 'false' || t === '0' || t === 'no') return false;
      }
      return new ConversionFailure(`must be true or false, got ${show(value)}`);
    }
    case 'array': {
      if (Array.isArray(value)) return value;
      const parsed = typeof value === 'string' ? parseJson(value) : undefined;
      if (Array.isArray(parsed)) return parsed;
      return new ConversionFailure(`must be an array (or JSON text of one), got ${show(value)}`);
    }
    case 'object': {
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
      const parsed = typeof value === 'string' ? parseJson(value) : undefined;
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
      return new ConversionFailure(`must be an object (or JSON text of one), got ${show(value)}`);
    }
  }
}
