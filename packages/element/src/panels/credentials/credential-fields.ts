import { html, type TemplateResult } from 'lit';
import { fieldOptions, unwrap, type FieldSchema } from '../../inspector/schema-field.js';

/** A field of a credential type's JSON Schema: a node parameter's hints, and `secret`. */
export type CredentialField = FieldSchema & { secret?: boolean };

/** The control of a credential field: credential schemas are flat, so a few kinds cover them. */
export function controlOf(schema: CredentialField): 'options' | 'boolean' | 'number' | 'lines' | 'json' | 'text' {
  if (schema.enum || schema.options) return 'options';
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'boolean') return 'boolean';
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'array' && schema.items && unwrap(schema.items).type === 'string') return 'lines';
  if (type === 'array' || type === 'object') return 'json';
  return 'text';
}

/** What one field's control needs. */
export interface CredentialInputArgs {
  id: string;
  schema: CredentialField;
  value: unknown;
  required: boolean;
  /** A secret already saved: the field stays empty (secrets are write-only) and says so. */
  kept: string | undefined;
  /** Sets the field's value (undefined clears it). */
  set: (value: unknown) => void;
  /** Says the field holds text that is not what it takes (JSON that does not parse). */
  invalid: (message: string | undefined) => void;
}

/**
 * One field of a credential form, by the kind of value its schema takes.
 * Secret fields are password fields holding only what the user typed here:
 * a saved secret never comes back, the field says it is kept.
 */
export function credentialInput({ id, schema, value, required, kept, set, invalid }: CredentialInputArgs): TemplateResult {
  switch (controlOf(schema)) {
    case 'options':
      return html`<select id=${id} @change=${(e: Event) => set(fieldOptions(schema)[(e.target as HTMLSelectElement).selectedIndex]?.value)}>
        ${fieldOptions(schema).map((o) => html`<option ?selected=${o.value === value}>${o.label}</option>`)}
      </select>`;
    case 'boolean':
      return html`<input
        id=${id}
        type="checkbox"
        .checked=${value === true}
        @change=${(e: Event) => set((e.target as HTMLInputElement).checked)}
      />`;
    case 'number':
      return html`<input
        id=${id}
        type="number"
        .value=${value === undefined ? '' : String(value)}
        ?required=${required}
        @input=${(e: Event) => {
          const raw = (e.target as HTMLInputElement).value;
          set(raw === '' ? undefined : Number(raw));
        }}
      />`;
    case 'lines':
      return html`<textarea
        id=${id}
        .value=${Array.isArray(value) ? value.join('\n') : ''}
        ?required=${required}
        @input=${(e: Event) => {
          const lines = (e.target as HTMLTextAreaElement).value
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
          set(lines.length > 0 ? lines : undefined);
        }}
      ></textarea>`;
    case 'json':
      return html`<textarea
        id=${id}
        .value=${value === undefined ? '' : JSON.stringify(value, null, 2)}
        placeholder=${kept ?? ''}
        ?required=${required && kept === undefined}
        @change=${(e: Event) => {
          const area = e.target as HTMLTextAreaElement;
          try {
            set(area.value.trim() === '' ? undefined : JSON.parse(area.value));
            area.setCustomValidity('');
            invalid(undefined);
          } catch (err) {
            area.setCustomValidity((err as Error).message);
            invalid((err as Error).message);
          }
        }}
      ></textarea>`;
    default:
      return html`<input
        id=${id}
        type=${schema.secret ? 'password' : 'text'}
        autocomplete=${schema.secret ? 'new-password' : 'off'}
        .value=${typeof value === 'string' ? value : ''}
        placeholder=${kept ?? ''}
        ?required=${required && kept === undefined}
        @input=${(e: Event) => {
          const v = (e.target as HTMLInputElement).value;
          set(v === '' ? undefined : v);
        }}
      />`;
  }
}
