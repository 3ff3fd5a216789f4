import { z } from 'zod';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import { deletePath, fieldList, getPath, hasPath, setPath } from '../shared/field-path.js';
import { parameterError } from '../shared/node-error.js';
import { ConversionFailure, toFieldType } from './field-value.js';
import { copyJson } from '../shared/copy-json.js';

const fieldSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .meta({ label: 'Name', description: 'Field name; a dot path such as `customer.email` sets a nested field.', placeholder: 'total' }),
    type: z
      .enum(['string', 'number', 'boolean', 'array', 'object', 'expression'])
      .default('string')
      .meta({
        label: 'Type',
        description: 'The value is converted to this type; Expression keeps whatever the value resolves to.',
        options: [
          { value: 'string', label: 'String' },
          { value: 'number', label: 'Number' },
          { value: 'boolean', label: 'Boolean' },
          { value: 'array', label: 'Array' },
          { value: 'object', label: 'Object' },
          { value: 'expression', label: 'Expression (any type)' },
        ],
      }),
    value: z
      .unknown()
      .optional()
      .meta({ label: 'Value', description: 'A value or an expression such as {{ $json.price * 1.2 }}.', valueTypeFrom: 'type' }),
  })
  .strict();

const fieldNames = z.union([z.string(), z.array(z.string())]);

const properties = z.object({
  mode: z
    .enum(['manual', 'json'])
    .default('manual')
    .meta({
      label: 'Mode',
      options: [
        { value: 'manual', label: 'Manual Mapping', description: 'List the fields to set one by one.' },
        { value: 'json', label: 'JSON', description: 'Give an object whose fields are set on each item.' },
      ],
    }),
  fields: z
    .array(fieldSchema)
    .default([])
    .meta({ label: 'Fields to Set', displayOptions: { show: { mode: ['manual'] } } }),
  json: z
    .union([z.record(z.string(), z.unknown()), z.string()])
    .default({})
    .meta({ label: 'JSON', editor: 'json', description: 'An object, or JSON text of one.', displayOptions: { show: { mode: ['json'] } } }),
  include: z
    .enum(['all', 'none', 'selected', 'except'])
    .default('all')
    .meta({
      label: 'Other Input Fields',
      description: 'Which fields of the input item the output item keeps besides the ones set.',
      options: [
        { value: 'all', label: 'All' },
        { value: 'none', label: 'None (keep only the set fields)' },
        { value: 'selected', label: 'Selected' },
        { value: 'except', label: 'All except' },
      ],
    }),
  includeFields: fieldNames.default([]).meta({
    label: 'Fields to Include or Exclude',
    description: 'Comma-separated field names (dot paths).',
    displayOptions: { show: { include: ['selected', 'except'] } },
  }),
  rename: z
    .array(
      z.object({ from: z.string().min(1).meta({ label: 'Current Name' }), to: z.string().min(1).meta({ label: 'New Name' }) }).strict(),
    )
    .default([])
    .meta({ label: 'Rename Fields', description: 'Fields of the input item to rename (dot paths).' }),
  remove: fieldNames
    .default([])
    .meta({ label: 'Remove Fields', description: 'Comma-separated fields of the input item to drop (dot paths).' }),
  dotNotation: z.boolean().default(true).meta({
    label: 'Support Dot Notation',
    description: 'Read `a.b` as field b inside field a. Turn off to use names that contain dots.',
  }),
  includeBinary: z
    .boolean()
    .default(true)
    .meta({ label: 'Include Binary Data', description: "Keep the input item's files on the output item." }),
  ignoreConversionErrors: z.boolean().default(false).meta({
    label: 'Ignore Type Conversion Errors',
    description: 'Set a value that cannot be converted to its type as it is, instead of failing.',
  }),
});

/**
 * A field name an expression gave as a whole number becomes its decimal text,
 * one key, as n8n names it (`{{ $json.count }}` giving 0 sets field "0"):
 * such text has no dot, so it is never read as a path. Other numbers are
 * refused, since their text may hold a dot or an exponent; any other value
 * goes on to the string schema, which refuses it as before.
 */
function wholeNumberName(value: unknown, ctx: z.core.$RefinementCtx): unknown {
  if (typeof value !== 'number') return value;
  if (Number.isSafeInteger(value)) return String(value);
  const problem = Number.isInteger(value)
    ? `is a whole number too large to name a field exactly, got ${String(value)}`
    : `must be text or a whole number, got ${String(value)}`;
  ctx.addIssue({ code: 'custom', message: problem, input: value });
  return z.NEVER;
}

/**
 * The parameters once resolved: as `properties`, but a field's name may also
 * be a whole number. Kept apart so that the schema the editor and the
 * workflow checks read still says a name is text.
 */
const resolvedProperties = properties.extend({
  fields: z.array(fieldSchema.extend({ name: z.preprocess(wholeNumberName, fieldSchema.shape.name) })).default([]),
});

type SetParams = z.output<typeof properties>;

/**
 * `fieldList` of a parameter, worked out again only when the parameter is
 * another array or string: items' parameters share the containers no
 * template is in, so over 100,000 items the list is usually made once.
 */
function fieldLists(): (value: string | readonly string[]) => string[] {
  let last: string | readonly string[] | undefined;
  let list: string[] = [];
  return (value) => {
    if (value !== last) {
      list = fieldList(value);
      last = value;
    }
    return list;
  };
}

function baseJson(item: Item, p: SetParams, includeFields: string[]): Record<string, unknown> {
  switch (p.include) {
    case 'all':
      return copyJson(item.json);
    case 'none':
      return {};
    case 'selected': {
      const out: Record<string, unknown> = {};
      for (const f of includeFields)
        if (hasPath(item.json, f, p.dotNotation)) setPath(out, f, getPath(item.json, f, p.dotNotation), p.dotNotation);
      return out;
    }
    case 'except': {
      const out = copyJson(item.json);
      for (const f of includeFields) deletePath(out, f, p.dotNotation);
      return out;
    }
  }
}

function jsonObject(p: SetParams, nodeName: string, itemIndex: number): Record<string, unknown> {
  if (typeof p.json !== 'string') return p.json;
  let parsed: unknown;
  try {
    parsed = JSON.parse(p.json);
  } catch (error) {
    throw parameterError(nodeName, 'json', `is not valid JSON: ${(error as Error).message}`, itemIndex);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw parameterError(nodeName, 'json', 'must be a JSON object', itemIndex);
  return parsed as Record<string, unknown>;
}

/** Sets, renames and removes fields on each item. */
export const setNode = defineNode({
  type: 'core.set',
  version: 1,
  displayName: 'Edit Fields (Set)',
  description: 'Sets fields on each item (typed values or expressions), renames or removes fields, or keeps only the fields set.',
  group: 'data',
  icon: 'pencil',
  inputs: ['main'],
  outputs: ['main'],
  properties,
  resolvedProperties,
  execute(ctx) {
    const items = ctx.input();
    const out: Item[] = new Array(items.length);
    const name = ctx.node.name;
    const includeFields = fieldLists();
    const remove = fieldLists();
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      const p = ctx.params(i);
      const json = baseJson(item, p, includeFields(p.includeFields));
      for (const f of remove(p.remove)) deletePath(json, f, p.dotNotation);
      for (const r of p.rename) {
        if (!hasPath(json, r.from, p.dotNotation)) continue;
        const value = getPath(json, r.from, p.dotNotation);
        deletePath(json, r.from, p.dotNotation);
        setPath(json, r.to, value, p.dotNotation);
      }
      if (p.mode === 'json') {
        const source = jsonObject(p, name, i);
        for (const key of Object.keys(source)) setPath(json, key, source[key], false);
      } else {
        for (let f = 0; f < p.fields.length; f++) {
          const field = p.fields[f]!;
          let value = toFieldType(field.value, field.type);
          if (value instanceof ConversionFailure) {
            if (!p.ignoreConversionErrors) throw parameterError(name, `fields[${f}].value`, `('${field.name}') ${value.reason}`, i);
            value = field.value;
          }
          setPath(json, field.name, value, p.dotNotation);
        }
      }
      const next: Item = { json, pairedItem: { item: i } };
      if (p.includeBinary && item.binary) next.binary = item.binary;
      out[i] = next;
    }
    return out;
  },
});
