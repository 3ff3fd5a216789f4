/** A JSON Schema node as zod's `toJSONSchema` writes it, with Flowloom's UI hints merged in. */
export interface FieldSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  description?: string;
  title?: string;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  items?: FieldSchema;
  anyOf?: FieldSchema[];
  oneOf?: FieldSchema[];
  minimum?: number;
  maximum?: number;
  label?: string;
  placeholder?: string;
  options?: { value: string | number | boolean; label: string; description?: string }[];
  displayOptions?: { show?: Record<string, readonly unknown[]>; hide?: Record<string, readonly unknown[]> };
  editor?: 'text' | 'multiline' | 'code' | 'json' | 'html' | 'sql';
  language?: string;
  noExpression?: boolean;
  /** The node type's `loadOptions` method that lists this field's choices. */
  loadOptions?: string;
  /** Top-level parameters those choices depend on. */
  loadOptionsDependsOn?: string[];
}

/** The kind of control a schema field gets. */
export type FieldKind = 'text' | 'multiline' | 'code' | 'json' | 'number' | 'boolean' | 'options' | 'multiOptions' | 'list' | 'collection';

/** Drops `null` from a nullable union and merges the hints of the wrapper. */
export function unwrap(schema: FieldSchema): FieldSchema {
  const alts = schema.anyOf ?? schema.oneOf;
  if (alts) {
    const real = alts.filter((a) => a.type !== 'null');
    if (real.length === 1) return { ...real[0], ...withoutAlts(schema) };
  }
  return schema;
}

function withoutAlts(schema: FieldSchema): FieldSchema {
  const { anyOf: _a, oneOf: _o, ...rest } = schema;
  return rest;
}

/** Which control renders a field. */
export function fieldKind(raw: FieldSchema): FieldKind {
  const schema = unwrap(raw);
  if (schema.options || schema.enum) return 'options';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'boolean') return 'boolean';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'string') {
    if (schema.editor === 'code' || schema.editor === 'sql' || schema.editor === 'html') return 'code';
    if (schema.editor === 'json') return 'json';
    if (schema.editor === 'multiline') return 'multiline';
    return 'text';
  }
  if (type === 'array' && schema.items) {
    const items = unwrap(schema.items);
    if (items.enum || items.options) return 'multiOptions';
    return 'list';
  }
  if (type === 'object' && schema.properties) return 'collection';
  return 'json';
}

/** A field's label: its hint, else its key in Title Case. */
export function fieldLabel(key: string, schema: FieldSchema): string {
  if (schema.label) return schema.label;
  if (schema.title) return schema.title;
  return key
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());
}

/** The choices of an options field. */
export function fieldOptions(raw: FieldSchema): { value: string | number | boolean; label: string }[] {
  const schema = unwrap(raw);
  const src = schema.items ? unwrap(schema.items) : schema;
  if (src.options) return src.options;
  return (src.enum ?? []).filter((v): v is string | number | boolean => v !== null).map((v) => ({ value: v, label: String(v) }));
}

/** Whether a field is shown, given the other parameters (display conditions). */
export function isShown(schema: FieldSchema, parameters: Record<string, unknown>, defaults: Record<string, unknown>): boolean {
  const d = schema.displayOptions;
  if (!d) return true;
  const valueOf = (k: string) => (k in parameters ? parameters[k] : defaults[k]);
  for (const [k, values] of Object.entries(d.show ?? {})) if (!values.includes(valueOf(k))) return false;
  for (const [k, values] of Object.entries(d.hide ?? {})) if (values.includes(valueOf(k))) return false;
  return true;
}

/** The default value of each property of an object schema. */
export function defaultsOf(schema: FieldSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(schema.properties ?? {})) if (p.default !== undefined) out[k] = p.default;
  return out;
}

/** A blank value for a new list item. */
export function blankValue(schema: FieldSchema): unknown {
  const s = unwrap(schema);
  if (s.default !== undefined) return s.default;
  switch (fieldKind(s)) {
    case 'boolean':
      return false;
    case 'number':
      return 0;
    case 'collection':
      return defaultsOf(s);
    case 'list':
    case 'multiOptions':
      return [];
    case 'options':
      return fieldOptions(s)[0]?.value ?? '';
    default:
      return '';
  }
}
