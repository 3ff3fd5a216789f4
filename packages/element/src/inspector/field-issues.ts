import type { Translate } from '../i18n/translate.js';
import { fieldKind, fieldLabel, unwrap, type FieldSchema } from './schema-field.js';

/** A validation issue of a node, as the editor keeps it: `path` is inside the node (`parameters.fields.0.name`). */
export interface FieldIssue {
  path: string;
  message: string;
  /** The engine's issue code (`invalid_type`, `too_small`, `invalid_value`...). */
  code?: string;
}

/** The schema and label of the field at a parameter path (`fields.0.name`), if the schema has one. */
export function fieldAt(root: FieldSchema, path: string): { schema: FieldSchema; label: string } | undefined {
  let schema: FieldSchema = root;
  let label = '';
  for (const part of path.split('.')) {
    const s = unwrap(schema);
    if (/^\d+$/.test(part) && s.items) {
      schema = s.items;
      label = `${label} ${Number(part) + 1}`;
    } else if (s.properties?.[part]) {
      schema = s.properties[part];
      label = fieldLabel(part, unwrap(schema));
    } else {
      return undefined;
    }
  }
  return { schema: unwrap(schema), label };
}

/** The value at a parameter path, or undefined. */
export function valueAt(parameters: Record<string, unknown>, path: string): unknown {
  let value: unknown = parameters;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A label as a noun inside a sentence: "Compare To" -> "compare to"; acronyms stay ("URL"). */
function noun(label: string): string {
  return label
    .split(' ')
    .map((w) => (/^[A-Z][a-z]/.test(w) ? w.toLowerCase() : w))
    .join(' ');
}

/** The noun with its English article ("an operator", "a URL"); other locales use `{name}`. */
function withArticle(word: string): string {
  const vowel = /^[A-Z]{2}/.test(word) ? /^[AEFHILMNORSX]/.test(word) : /^[aeiou]/i.test(word);
  return `${vowel ? 'an' : 'a'} ${word}`;
}

/**
 * What the user should do about an issue, as a sentence naming the field:
 * "Choose an operator." for a missing or unknown choice, "Enter a name."
 * for a missing required value, "Enter a valid count." otherwise.
 */
export function issueSentence(t: Translate, issue: FieldIssue, root: FieldSchema, parameters: Record<string, unknown>): string {
  const path = issue.path.startsWith('parameters.') ? issue.path.slice('parameters.'.length) : '';
  const field = path ? fieldAt(root, path) : undefined;
  if (!field) return issue.message;
  const value = valueAt(parameters, path);
  const words = { name: field.label, noun: noun(field.label), aNoun: withArticle(noun(field.label)) };
  if (fieldKind(field.schema) === 'options' && (issue.code === 'invalid_value' || value === undefined))
    return t('inspector.issue.choose', words);
  const missing = value === undefined || (typeof value === 'string' && value.trim() === '');
  if (missing && (issue.code === 'invalid_type' || issue.code === 'too_small')) return t('inspector.issue.required', words);
  return t('inspector.issue.invalid', words);
}
