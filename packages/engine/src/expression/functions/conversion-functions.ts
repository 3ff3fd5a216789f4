import { argError, describe, str } from './args.js';
import { fn, type LibraryFunction } from './function-spec.js';

/** Conversions between text, numbers, booleans and JSON. */
export const conversionFunctions: LibraryFunction[] = [
  fn(
    '$toNumber',
    '$toNumber(value)',
    'string',
    'Converts text or a boolean to a number; fails on text that is not a number.',
    '$toNumber("1.5e3")',
    '1500',
    (_, v) => {
      if (typeof v === 'number') return v;
      if (typeof v === 'boolean') return v ? 1 : 0;
      const s = str('$toNumber', v);
      if (s === undefined) return undefined;
      const n = Number(s.trim());
      if (s.trim() === '' || !Number.isFinite(n)) argError('$toNumber', `${describe(v)} is not a number.`);
      return n;
    },
  ),
  fn(
    '$toInt',
    '$toInt(value)',
    'string',
    'Converts to a whole number, dropping any fraction; text is read from its start.',
    '$toInt("42.9 kg")',
    '42',
    (_, v) => {
      if (typeof v === 'boolean') return v ? 1 : 0;
      const n = typeof v === 'number' ? v : parseFloat(str('$toInt', v) ?? '');
      return Number.isFinite(n) ? Math.trunc(n) : undefined;
    },
  ),
  fn(
    '$toFloat',
    '$toFloat(value)',
    'string',
    'Converts to a decimal number; text is read from its start.',
    '$toFloat("3.75 EUR")',
    '3.75',
    (_, v) => {
      if (typeof v === 'boolean') return v ? 1 : 0;
      const n = typeof v === 'number' ? v : parseFloat(str('$toFloat', v) ?? '');
      return Number.isFinite(n) ? n : undefined;
    },
  ),
  fn(
    '$toBoolean',
    '$toBoolean(value)',
    'boolean',
    'Reads "true"/"yes"/"on"/"1" as true and "false"/"no"/"off"/"0"/"" as false; other values by JSONata truthiness.',
    '$toBoolean("yes")',
    'true',
    (_, v) => {
      if (typeof v === 'string') {
        const s = v.trim().toLowerCase();
        if (['true', 'yes', 'y', 'on', '1'].includes(s)) return true;
        if (['false', 'no', 'n', 'off', '0', ''].includes(s)) return false;
        return true;
      }
      if (Array.isArray(v)) return v.length > 0;
      if (typeof v === 'object' && v !== null) return Object.keys(v).length > 0;
      return Boolean(v);
    },
  ),
  fn(
    '$parseJson',
    '$parseJson(text)',
    'string',
    'Parses JSON text into a value; fails with the reason when the text is not JSON.',
    '$parseJson("{\\"a\\": [1, 2]}").a',
    '[1,2]',
    (_, v) => {
      const s = str('$parseJson', v);
      if (s === undefined) return undefined;
      try {
        return JSON.parse(s) as unknown;
      } catch (error) {
        return argError('$parseJson', `the text is not valid JSON (${(error as Error).message}).`);
      }
    },
  ),
];
