import { z } from 'zod';
import type { BinaryRef, Item } from '../../../model/item.js';

/** The kinds of field a form can have. */
export const FORM_FIELD_TYPES = ['text', 'email', 'number', 'password', 'textarea', 'date', 'dropdown', 'checkboxes', 'file'] as const;

/** One field of a Form Trigger (a row of its `formFields` parameter). */
export const formFieldSchema = z.object({
  fieldLabel: z.string().trim().min(1, 'must not be empty').meta({ label: 'Label' }),
  fieldName: z.string().optional().meta({
    label: 'Name in the item',
    description: 'The key of the answer in the item the run starts with, as written; default: the label.',
  }),
  fieldType: z
    .enum(FORM_FIELD_TYPES)
    .default('text')
    .meta({
      label: 'Type',
      options: [
        { value: 'text', label: 'Text' },
        { value: 'email', label: 'Email' },
        { value: 'number', label: 'Number' },
        { value: 'password', label: 'Password' },
        { value: 'textarea', label: 'Text area' },
        { value: 'date', label: 'Date' },
        { value: 'dropdown', label: 'Dropdown list' },
        { value: 'checkboxes', label: 'Checkboxes' },
        { value: 'file', label: 'File' },
      ],
    }),
  placeholder: z
    .string()
    .optional()
    .meta({ label: 'Placeholder', displayOptions: { hide: { fieldType: ['dropdown', 'checkboxes', 'file', 'date'] } } }),
  requiredField: z.boolean().default(false).meta({ label: 'Required' }),
  fieldOptions: z
    .array(z.string().refine((option) => option.trim() !== '', 'must not be empty'))
    .default([])
    .meta({ label: 'Options', displayOptions: { show: { fieldType: ['dropdown', 'checkboxes'] } } }),
  multiselect: z
    .boolean()
    .default(false)
    .meta({ label: 'Allow several choices', displayOptions: { show: { fieldType: ['dropdown'] } } }),
  acceptFileTypes: z
    .string()
    .trim()
    .optional()
    .meta({
      label: 'Accepted file types',
      placeholder: '.pdf, .jpg, image/*',
      description: 'File name endings and media types, separated by commas; empty accepts any file.',
      displayOptions: { show: { fieldType: ['file'] } },
    }),
});

/** A form field with its defaults filled in. */
export type FormField = z.output<typeof formFieldSchema>;

/** The key of a field's answer in the item: its name, else its label. */
export function fieldKey(field: FormField): string {
  return field.fieldName !== undefined && field.fieldName.trim() !== '' ? field.fieldName : field.fieldLabel;
}

/** The HTML control name of the field at `index`. */
export function controlName(index: number): string {
  return `field-${index}`;
}

/** Whether a field holds a list of choices. */
export function isMultiple(field: FormField): boolean {
  return field.fieldType === 'checkboxes' || (field.fieldType === 'dropdown' && field.multiselect);
}

/** Checks the field list as a whole: options where there must be some, and no two answers under one key. */
export function checkFields(fields: readonly FormField[], addIssue: (path: (string | number)[], message: string) => void): void {
  const seen = new Map<string, number>();
  fields.forEach((field, i) => {
    if ((field.fieldType === 'dropdown' || field.fieldType === 'checkboxes') && field.fieldOptions.length === 0) {
      addIssue([i, 'fieldOptions'], `must list at least one option for a ${field.fieldType} field`);
    }
    const key = fieldKey(field);
    const first = seen.get(key);
    if (first !== undefined) {
      addIssue([i, 'fieldName'], `gives the answer the key "${key}", as field ${first + 1} does; give one of them another name`);
    } else seen.set(key, i);
  });
}

/** What a submission holds and what is wrong with it. */
export interface Submission {
  /** What was sent for each field, by field index, as the form shows it again. */
  sent: (string | string[])[];
  /** What is wrong with each field, by field index (undefined when it is right). */
  errors: (string | undefined)[];
  /** Whether a file came for each field (a browser cannot keep it when the form comes back). */
  fileSent: boolean[];
  /** The answers by field key. */
  json: Record<string, unknown>;
  /** Uploaded files by field key. */
  binary: Record<string, BinaryRef>;
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A sent value as texts: forms send text, JSON callers may send numbers or lists. */
function texts(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((v) => texts(v));
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  return [];
}

/** Whether a file's name or type is among `accept` (".pdf, image/*"). */
function acceptsFile(accept: string, file: BinaryRef): boolean {
  const allowed = accept
    .split(',')
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a !== '');
  if (allowed.length === 0) return true;
  const name = (file.fileName ?? '').toLowerCase();
  const type = file.mimeType.toLowerCase();
  return allowed.some((a) =>
    a.startsWith('.') ? name.endsWith(a) : a.endsWith('/*') ? type.startsWith(a.slice(0, -1)) : type === a || a === name,
  );
}

/**
 * Reads a form submission (the body of the call, URL-encoded, multipart or
 * JSON, and its files) against the field definitions. A field's value is
 * read from its control name (`field-0`), else from its key, so scripts may
 * post the answers by label. Every field is checked: required, an email
 * address, a number, a real date, choices among the options, a file type.
 */
export function readSubmission(fields: readonly FormField[], body: unknown, files: Item['binary']): Submission {
  const sentBody = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const out: Submission = { sent: [], errors: [], fileSent: [], json: {}, binary: {} };
  fields.forEach((field, i) => {
    const key = fieldKey(field);
    const name = controlName(i);
    const sent = texts(sentBody[name] ?? sentBody[key]);
    const first = sent[0] ?? '';
    let error: string | undefined;
    let value: unknown;
    switch (field.fieldType) {
      case 'file': {
        const file = files?.[name] ?? files?.[key];
        // A file input left empty still sends a part: no name and no bytes.
        const chosen = file !== undefined && !(file.fileSize === 0 && !file.fileName);
        out.fileSent[i] = chosen;
        if (chosen && field.acceptFileTypes && !acceptsFile(field.acceptFileTypes, file)) {
          error = `Choose a file of one of these types: ${field.acceptFileTypes}.`;
        } else if (!chosen && field.requiredField) error = 'Choose a file.';
        if (chosen) {
          out.binary[key] = file;
          // Described with n8n's keys, which imported workflows read (`$json.Upload.mimetype`).
          value = { filename: file.fileName ?? '', mimetype: file.mimeType, size: file.fileSize ?? 0 };
        } else value = null;
        out.sent[i] = '';
        break;
      }
      case 'checkboxes':
      case 'dropdown': {
        const chosen = isMultiple(field) ? sent.filter((s) => s !== '') : first === '' ? [] : [first];
        if (chosen.some((c) => !field.fieldOptions.includes(c))) error = 'Choose among the options listed.';
        else if (chosen.length === 0 && field.requiredField) {
          error = field.fieldType === 'checkboxes' ? 'Tick at least one option.' : 'Choose an option.';
        }
        out.sent[i] = isMultiple(field) ? chosen : first;
        value = isMultiple(field) ? chosen : first;
        break;
      }
      default: {
        const text = field.fieldType === 'email' || field.fieldType === 'number' || field.fieldType === 'date' ? first.trim() : first;
        out.sent[i] = first;
        if (text.trim() === '') {
          if (field.requiredField) error = 'Fill in this field.';
          value = field.fieldType === 'number' ? null : '';
        } else if (field.fieldType === 'email' && !EMAIL.test(text)) {
          error = 'Enter an email address, like name@example.com.';
        } else if (field.fieldType === 'number' && !Number.isFinite(Number(text))) {
          error = 'Enter a number, like 42 or 3.5.';
        } else if (field.fieldType === 'date' && !isDate(text)) {
          error = 'Enter a date as year-month-day, like 2026-03-31.';
        } else value = field.fieldType === 'number' ? Number(text) : text;
        break;
      }
    }
    out.errors[i] = error;
    out.fileSent[i] ??= false;
    if (error === undefined) out.json[key] = value;
  });
  return out;
}

/** Whether a submission has no error. */
export function isValid(submission: Submission): boolean {
  return submission.errors.every((e) => e === undefined);
}
