import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConversionFailure, toFieldType, type FieldType } from './field-value.js';

/**
 * Edit Fields converts a value to its field's type as n8n's does: the goldens are n8n's own results
 * (`tools/n8n-goldens/field-types.cjs` records what n8n-workflow's `validateFieldType`, which n8n's Edit Fields calls
 * for every field, gives for each value and type).
 */
interface Golden {
  type: FieldType;
  value: unknown;
  valid: boolean;
  newValue?: unknown;
}

/** Where Flowloom differs on purpose: n8n keeps an infinite number, which JSON (and so a stored item) cannot hold. */
const DIFFERENT = new Set(['number "Infinity"']);

const goldens = JSON.parse(readFileSync(new URL('../../../n8n/goldens/field-types.json', import.meta.url), 'utf8')) as {
  cases: Golden[];
};
const cases = (goldens.cases as Golden[]).filter((c) => !DIFFERENT.has(`${c.type} ${JSON.stringify(c.value)}`));

describe("Edit Fields' type conversion, against n8n's", () => {
  it.each(cases.map((c) => [c.type, JSON.stringify(c.value), c] as const))('%s from %s', (_type, _value, c) => {
    const converted = toFieldType(c.value, c.type);
    if (c.valid) expect(JSON.stringify(converted)).toBe(JSON.stringify(c.newValue));
    else expect(converted).toBeInstanceOf(ConversionFailure);
  });

  it('refuses an infinite number with a sentence saying so', () => {
    const converted = toFieldType('Infinity', 'number');
    expect(converted).toBeInstanceOf(ConversionFailure);
    expect((converted as ConversionFailure).reason).toBe('must be a finite number, got "Infinity"');
  });

  it('covers every type with values n8n converts and values it refuses', () => {
    for (const type of ['number', 'boolean', 'array', 'object']) {
      expect(cases.some((c) => c.type === type && c.valid)).toBe(true);
      expect(cases.some((c) => c.type === type && !c.valid)).toBe(true);
    }
  });
});
