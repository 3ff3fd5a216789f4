import { z } from 'zod';
import { NodeExecutionError } from '../../errors/node-execution.error.js';
import type { Item } from '../../model/item.js';
import { defineNode } from '../define-node.js';

/** The types an input field of a sub-workflow can be declared with (`any` takes every value as it is). */
export const INPUT_FIELD_TYPES = ['any', 'string', 'number', 'boolean', 'array', 'object'] as const;

/** A type an input field of a sub-workflow can be declared with. */
export type InputFieldType = (typeof INPUT_FIELD_TYPES)[number];

/** Why a value is not of a field's type (and could not be converted to it). */
class NotOfType {
  constructor(readonly got: string) {}
}

const shown = (value: unknown): string =>
  Array.isArray(value)
    ? 'an array'
    : typeof value === 'object'
      ? 'an object'
      : typeof value === 'string'
        ? `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`
        : `${typeof value} ${String(value)}`;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** JSON text parsed, also written with single quotes (`['a', 'b']`); undefined when it is neither. */
function parsedText(text: string): unknown {
  for (const candidate of [text, text.replace(/'/g, '"')]) {
    try {
      return JSON.parse(candidate) as unknown;
    } catch {
      // try the next way of reading it
    }
  }
  return undefined;
}

/**
 * A present (non-null) value as a declared type. Without `convert`, only a
 * value already of that type passes; with it, text, numbers and booleans
 * convert as n8n's sub-workflow inputs do: any number-like value to a number
 * (`"42"`, `true`), `"true"`/`"false"`/`1`/`0` to a boolean, JSON text to an
 * array or an object, anything to text.
 */
function asType(value: unknown, type: Exclude<InputFieldType, 'any'>, convert: boolean): unknown {
  switch (type) {
    case 'string':
      if (typeof value === 'string') return value;
      if (!convert) return new NotOfType(shown(value));
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number': {
      if (typeof value === 'number' && !Number.isNaN(value)) return value;
      const n = convert && typeof value !== 'object' ? Number(value) : NaN;
      return Number.isNaN(n) ? new NotOfType(shown(value)) : n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (!convert) return new NotOfType(shown(value));
      if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
      const n = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
      return n === 0 ? false : n === 1 ? true : new NotOfType(shown(value));
    }
    case 'array': {
      if (Array.isArray(value)) return value;
      const parsed = convert && typeof value === 'string' ? parsedText(value) : undefined;
      return Array.isArray(parsed) ? parsed : new NotOfType(shown(value));
    }
    case 'object': {
      if (isPlainObject(value)) return value;
      const parsed = convert && typeof value === 'string' ? parsedText(value) : undefined;
      return isPlainObject(parsed) ? parsed : new NotOfType(shown(value));
    }
  }
}

const properties = z.object({
  inputSource: z
    .enum(['passthrough', 'fields'])
    .default('passthrough')
    .meta({
      label: 'Input data',
      noExpression: true,
      options: [
        { value: 'passthrough', label: 'Accept all data', description: 'The items as the calling workflow sends them.' },
        {
          value: 'fields',
          label: 'Declared fields only',
          description: 'Each item keeps only the fields declared (null when missing), checked against their types; files are left out.',
        },
      ],
    }),
  fields: z
    .array(
      z.object({
        name: z.string().trim().min(1, 'must not be empty'),
        type: z.enum(INPUT_FIELD_TYPES).default('any'),
      }),
    )
    .default([])
    .meta({ label: 'Fields', noExpression: true, displayOptions: { show: { inputSource: ['fields'] } } }),
  convertTypes: z
    .boolean()
    .default(false)
    .meta({
      label: 'Convert types',
      description: 'Convert a value of another type ("42" for a number field) instead of failing.',
      noExpression: true,
      displayOptions: { show: { inputSource: ['fields'] } },
    }),
  ignoreTypeErrors: z
    .boolean()
    .default(false)
    .meta({
      label: 'Ignore type mismatches',
      description: 'Keep a value that is not of its field\u2019s type, as it came, instead of failing.',
      noExpression: true,
      displayOptions: { show: { inputSource: ['fields'] } },
    }),
  requiredFields: z.array(z.string().min(1, 'must not be empty')).default([]).meta({
    label: 'Required fields',
    description: 'Fields every incoming item must have; the run fails naming the first one missing.',
  }),
});

/**
 * Where a sub-workflow starts when another workflow runs it with Execute
 * Workflow: emits the items it was given, or, with declared fields
 * (`inputSource: 'fields'`), items holding only those fields, each of its
 * declared type. As in n8n, a field an item lacks is null, a value of
 * another type fails the run unless `convertTypes` converts it or
 * `ignoreTypeErrors` keeps it as it came, and files are not passed on.
 */
export const executeWorkflowTrigger = defineNode({
  type: 'core.executeWorkflowTrigger',
  version: 1,
  displayName: 'Execute Workflow Trigger',
  description: 'Starts this workflow when another workflow runs it with Execute Workflow; emits the items it receives.',
  group: 'trigger',
  icon: 'log-in',
  inputs: [],
  outputs: ['main'],
  properties,
  execute(ctx) {
    const items = ctx.input();
    const p = ctx.params(0);
    items.forEach((item, index) => {
      for (const field of p.requiredFields) {
        if (!(field in item.json)) {
          throw new NodeExecutionError(
            `Node '${ctx.node.name}': input item ${index} has no field '${field}' (parameter 'requiredFields').`,
            { code: 'PARAMETER_INVALID', retryable: false },
          );
        }
      }
    });
    const received = items.length > 0 ? items : [{ json: {} }];
    if (p.inputSource === 'passthrough') return received;
    return received.map((item, index): Item => {
      const json: Record<string, unknown> = {};
      p.fields.forEach(({ name, type }, f) => {
        const value = Object.hasOwn(item.json, name) ? item.json[name] : null;
        if (value === null || value === undefined || type === 'any') {
          json[name] = value ?? null;
          return;
        }
        const typed = asType(value, type, p.convertTypes);
        if (!(typed instanceof NotOfType)) json[name] = typed;
        else if (p.ignoreTypeErrors) json[name] = value;
        else {
          throw new NodeExecutionError(
            `Node '${ctx.node.name}': input item ${index} field '${name}' must be ${type === 'array' || type === 'object' ? 'an' : 'a'} ${type}, got ${typed.got} (parameter 'fields[${f}]')${p.convertTypes ? '' : "; turn on 'convertTypes' to convert it"}.`,
            { code: 'PARAMETER_INVALID', retryable: false },
          );
        }
      });
      return { json };
    });
  },
});
