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
  /** A sibling field whose value (a type name or an operator id) says what this field holds. */
  valueTypeFrom?: string;
}

/**
 * The kind of control a schema field gets. `plain` is a text input for a
 * field of any type: text is stored as text, a JSON object or array parsed.
 * `expression` is always an expression input.
 */
export type FieldKind =
  | 'text'
  | 'plain'
  | 'multiline'
  | 'code'
  | 'json'
  | 'number'
  | 'boolean'
  | 'options'
  | 'multiOptions'
  | 'list'
  | 'collection'
  | 'expression';

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
  if (type === 'array' || type === 'object' || schema.editor === 'json') return 'json';
  return 'plain';
}

/**
 * The control of a field with a `valueTypeFrom` hint, from its sibling's
 * value: a type name (`number`) or an operator id (`number:gt`, whose part
 * before the colon is the type). Undefined for a field without the hint.
 */
export function hintedKind(raw: FieldSchema, siblings: Record<string, unknown>): FieldKind | undefined {
  const from = unwrap(raw).valueTypeFrom;
  if (from === undefined) return undefined;
  const source = siblings[from];
  if (typeof source !== 'string') return 'plain';
  const colon = source.indexOf(':');
  switch (colon < 0 ? source : source.slice(0, colon)) {
    case 'string':
    case 'date':
      return 'text';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
    case 'object':
      // An operator's array or object operand is often a single value (`array:contains`).
      return colon < 0 ? 'json' : 'plain';
    case 'expression':
      return 'expression';
    default:
      return 'plain';
  }
}

/** What a `plain` field stores for its text: nothing, a parsed JSON object or array, or the text. */
export function plainValue(text: string): unknown {
  if (text === '') return undefined;
  const head = text.trimStart()[0];
  if (head === '{' || head === '[') {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      // Not JSON: the text itself.
    }
  }
  return text;
}

/** The text a `plain` field shows for a value. */
export function plainText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Whether a value is an expression (a template with `{{`). */
export function isTemplate(value: unknown): value is string {
  return typeof value === 'string' && value.includes('{{');
}

/**
 * A fixed value carried over to another kind of control, when the field its
 * kind comes from (`valueTypeFrom`) changed: "42" becomes 42 for a number,
 * anything but `true` becomes false for a checkbox. Expressions are kept.
 */
export function convertValue(value: unknown, kind: FieldKind): unknown {
  if (value === undefined || isTemplate(value)) return value;
  switch (kind) {
    case 'text':
      return typeof value === 'string' ? value : plainText(value);
    case 'number': {
      if (typeof value === 'number') return value;
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : undefined;
    }
    case 'boolean':
      return value === true || value === 'true';
    case 'json': {
      if (typeof value === 'object') return value;
      const parsed = typeof value === 'string' ? plainValue(value) : undefined;
      return typeof parsed === 'object' ? parsed : undefined;
    }
    default:
      return value;
  }
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

/**
 * An object with one field set (undefined removes it), and the fields whose
 * kind it gives (`valueTypeFrom`) carried over to their new kind.
 */
export function withField(object: Record<string, unknown>, key: string, value: unknown, schema: FieldSchema): Record<string, unknown> {
  const next = { ...object };
  if (value === undefined) delete next[key];
  else next[key] = value;
  const siblings = { ...defaultsOf(schema), ...next };
  for (const [k, s] of Object.entries(schema.properties ?? {})) {
    if (unwrap(s).valueTypeFrom !== key) continue;
    const kind = hintedKind(s, siblings)!;
    let converted = convertValue(next[k], kind);
    // A value declared boolean (not an operand) starts unchecked rather than missing.
    if (converted === undefined && kind === 'boolean' && !String(siblings[key]).includes(':')) converted = false;
    if (converted === undefined) delete next[k];
    else next[k] = converted;
  }
  return next;
}
