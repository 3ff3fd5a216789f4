// Page properties as a user writes them (a name, a type, a plain value), turned into the values Notion's API takes.
import { z } from 'zod';

/** The property types a value can be given for in plain form. */
export const PROPERTY_TYPES = [
  'title',
  'rich_text',
  'number',
  'checkbox',
  'select',
  'multi_select',
  'status',
  'date',
  'url',
  'email',
  'phone_number',
  'people',
  'relation',
  'files',
] as const;

/** One property: `{ "name": "Due", "type": "date", "value": "2026-06-01" }`. */
export const typedProperty = z.object({
  name: z.string().min(1),
  type: z.enum(PROPERTY_TYPES),
  value: z.unknown(),
});
export type TypedProperty = z.output<typeof typedProperty>;

const text = (value: unknown) => [{ type: 'text', text: { content: String(value ?? '') } }];
/** A list given as a list, or as comma-separated text. */
const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value.map(String) : String(value ?? '').split(',')).map((v) => v.trim()).filter((v) => v !== '');

/** The value Notion takes for a property of this type. */
export function notionValue(property: TypedProperty): unknown {
  const { type, value } = property;
  switch (type) {
    case 'title':
    case 'rich_text':
      return { [type]: text(value) };
    case 'number':
      return { number: value === null || value === '' ? null : Number(value) };
    case 'checkbox':
      return { checkbox: value === true || value === 'true' };
    case 'select':
    case 'status':
      return { [type]: value === null || value === '' ? null : { name: String(value) } };
    case 'multi_select':
      return { multi_select: list(value).map((name) => ({ name })) };
    case 'date': {
      if (value === null || value === '') return { date: null };
      const range = typeof value === 'object' ? (value as { start?: string; end?: string }) : { start: String(value) };
      return { date: { start: range.start, ...(range.end ? { end: range.end } : {}) } };
    }
    case 'url':
    case 'email':
    case 'phone_number':
      return { [type]: value === '' || value === undefined ? null : String(value) };
    case 'people':
    case 'relation':
      return { [type]: list(value).map((id) => ({ id })) };
    case 'files':
      return { files: list(value).map((url) => ({ name: url.split('/').pop() || url, external: { url } })) };
  }
}

/** A page's `properties` object: the typed ones, then any given as Notion's own JSON (which win). */
export function notionProperties(typed: readonly TypedProperty[] = [], raw: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const property of typed) out[property.name] = notionValue(property);
  return { ...out, ...raw };
}
