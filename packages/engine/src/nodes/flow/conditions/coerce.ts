import type { OperandType } from './operators.js';

/** Why a value could not be taken as a type; the caller turns it into a parameter error. */
export class CoercionFailure {
  constructor(readonly reason: string) {}
}

const describe = (value: unknown): string => {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
};

function fail(value: unknown, type: string, loose: boolean): CoercionFailure {
  const hint = loose ? '' : "; turn on 'Loose Type Validation' to convert it";
  return new CoercionFailure(`holds ${describe(value)}, which is not ${type}${hint}`);
}

/** Milliseconds since the epoch from a date-like value, or NaN. */
export function toEpochMs(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Date.parse(value);
  if (typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function') {
    return (value as { toMillis(): number }).toMillis();
  }
  return NaN;
}

/**
 * Takes a present (non-null) value as the operator's type. Strict mode
 * accepts only values already of that type (ISO strings and epoch numbers
 * count as dates); loose mode converts text, numbers and booleans.
 */
export function coerce(value: unknown, type: OperandType, loose: boolean): unknown {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return value;
      if (!loose) return fail(value, 'text', loose);
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number': {
      if (typeof value === 'number' && !Number.isNaN(value)) return value;
      if (loose) {
        if (typeof value === 'boolean') return value ? 1 : 0;
        if (typeof value === 'string' && value.trim() !== '') {
          const n = Number(value);
          if (!Number.isNaN(n)) return n;
        }
      }
      return fail(value, 'a number', loose);
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (loose) {
        if (typeof value === 'number') return value !== 0;
        if (typeof value === 'string') {
          const t = value.trim().toLowerCase();
          if (t === 'true' || t === '1' || t === 'yes') return true;
          if (t === 'false' || t === '0' || t === 'no' || t === '') return false;
        }
      }
      return fail(value, 'a boolean', loose);
    case 'date': {
      const ms = typeof value === 'boolean' || Array.isArray(value) ? NaN : toEpochMs(value);
      return Number.isNaN(ms) ? fail(value, 'a date (ISO 8601 text or epoch milliseconds)', loose) : ms;
    }
    case 'array':
      if (Array.isArray(value)) return value;
      if (loose && typeof value === 'string') {
        try {
          const parsed: unknown = JSON.parse(value);
          if (Array.isArray(parsed)) return parsed;
        } catch {
          // not JSON: fall through to the failure
        }
      }
      return fail(value, 'an array', loose);
    case 'object':
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value;
      if (loose && typeof value === 'string') {
        try {
          const parsed: unknown = JSON.parse(value);
          if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return parsed;
        } catch {
          // not JSON: fall through to the failure
        }
      }
      return fail(value, 'an object', loose);
    case 'any':
      return value;
  }
}
