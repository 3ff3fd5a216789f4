import { html, type TemplateResult } from 'lit';
import type { Translate } from '../i18n/translate.js';
import { fieldOptions, plainText, plainValue, type FieldKind, type FieldSchema } from './schema-field.js';

/** What a field's control needs. */
export interface ControlArgs {
  t: Translate;
  readonly: boolean;
  nodeId: string;
  kind: FieldKind;
  schema: FieldSchema;
  /** The control's element id (its label points at it). */
  id: string;
  label: string;
  /** The value shown (the default when the parameter has none). */
  value: unknown;
  /** The value in the store now, for edits that build on it. */
  read: () => unknown;
  required: boolean;
  invalid: boolean;
  set: (v: unknown) => void;
  /** Called on each keystroke of a text-like control (typing `{{` turns the field into an expression). */
  typed: (e: Event) => void;
}

const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** A field whose choices come from the service (its `loadOptions` hint); a number field writes numbers. */
function optionsInput(c: ControlArgs, numeric: boolean): TemplateResult {
  const { id, schema, label, value, required, invalid, set, typed } = c;
  return html`<wf-options-input
    id=${id}
    .value=${value === undefined ? '' : String(value)}
    .label=${label}
    .nodeId=${c.nodeId}
    .method=${schema.loadOptions!}
    .dependsOn=${schema.loadOptionsDependsOn ?? []}
    .placeholder=${schema.placeholder ?? ''}
    ?readonly=${c.readonly}
    ?required=${required}
    ?invalid=${invalid}
    @input=${typed}
    @change=${(e: Event) => {
      const v = (e.target as HTMLInputElement).value;
      if (v === '' && !required) return set(undefined);
      set(numeric && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
    }}
  ></wf-options-input>`;
}

/**
 * The control of a field that holds one value (text, number, checkbox,
 * choices, code, JSON): every kind but lists and collections, which nest
 * fields.
 */
export function renderControl(c: ControlArgs): TemplateResult {
  const { t, kind, schema, id, label, value, read, required, invalid, set, typed } = c;
  const ro = c.readonly;
  const inv = invalid ? 'true' : 'false';
  switch (kind) {
    case 'boolean':
      return html`<label class="check"
        ><input
          id=${id}
          type="checkbox"
          .checked=${value === true}
          ?disabled=${ro}
          @change=${(e: Event) => set((e.target as HTMLInputElement).checked)}
        />
        ${label}</label
      >`;
    case 'number':
      if (schema.loadOptions) return optionsInput(c, true);
      return html`<input
        id=${id}
        type="number"
        .value=${typeof value === 'number' || typeof value === 'string' ? String(value) : ''}
        min=${schema.minimum ?? ''}
        max=${schema.maximum ?? ''}
        step=${schema.type === 'integer' ? '1' : 'any'}
        ?readonly=${ro}
        ?required=${required}
        aria-invalid=${inv}
        @change=${(e: Event) => {
          const input = e.target as HTMLInputElement;
          set(input.value === '' || Number.isNaN(input.valueAsNumber) ? undefined : input.valueAsNumber);
        }}
      />`;
    case 'options':
      return html`<select
        id=${id}
        ?disabled=${ro}
        aria-invalid=${inv}
        @change=${(e: Event) => {
          const i = (e.target as HTMLSelectElement).selectedIndex - 1;
          set(i < 0 ? undefined : fieldOptions(schema)[i]?.value);
        }}
      >
        <option value="" ?selected=${value === undefined}>${t('inspector.none')}</option>
        ${fieldOptions(schema).map((o) => html`<option ?selected=${o.value === value}>${o.label}</option>`)}
      </select>`;
    case 'multiOptions': {
      const list = asList(value);
      return html`<div class="group" id=${id} role="group" aria-label=${label}>
        ${fieldOptions(schema).map(
          (o) =>
            html`<label class="check"
              ><input
                type="checkbox"
                .checked=${list.includes(o.value)}
                ?disabled=${ro}
                @change=${(e: Event) => {
                  const now = asList(read());
                  set((e.target as HTMLInputElement).checked ? [...now, o.value] : now.filter((v) => v !== o.value));
                }}
              />
              ${o.label}</label
            >`,
        )}
      </div>`;
    }
    case 'code':
      return html`<wf-code-editor
        id=${id}
        .value=${typeof value === 'string' ? value : ''}
        .language=${schema.language ?? 'javascript'}
        .label=${label}
        .loadingText=${t('code.loading')}
        ?readonly=${ro}
        @change=${(e: Event) => set((e.target as HTMLInputElement).value)}
      ></wf-code-editor>`;
    case 'json':
    case 'multiline': {
      const text =
        kind === 'json' && typeof value !== 'string' ? (value === undefined ? '' : JSON.stringify(value, null, 2)) : String(value ?? '');
      return html`<textarea
        id=${id}
        .value=${text}
        placeholder=${schema.placeholder ?? ''}
        ?readonly=${ro}
        aria-invalid=${inv}
        @input=${typed}
        @change=${(e: Event) => {
          const area = e.target as HTMLTextAreaElement;
          if (kind === 'multiline' || schema.type === 'string') return set(area.value);
          if (area.value.trim() === '') return set(undefined);
          try {
            set(JSON.parse(area.value));
            area.setCustomValidity('');
          } catch (err) {
            area.setCustomValidity(t('inspector.invalidJson', { message: (err as Error).message }));
            area.reportValidity();
          }
        }}
      ></textarea>`;
    }
    case 'plain':
      // An empty list (the default of "names, comma-separated" fields) shows as an empty box, not as `[]`.
      return html`<input
        id=${id}
        type="text"
        .value=${Array.isArray(value) && value.length === 0 ? '' : plainText(value)}
        placeholder=${schema.placeholder ?? ''}
        ?readonly=${ro}
        ?required=${required}
        aria-invalid=${inv}
        @input=${typed}
        @change=${(e: Event) => set(plainValue((e.target as HTMLInputElement).value))}
      />`;
    default:
      if (schema.loadOptions) return optionsInput(c, false);
      return html`<input
        id=${id}
        type="text"
        .value=${value === undefined ? '' : plainText(value)}
        placeholder=${schema.placeholder ?? ''}
        ?readonly=${ro}
        ?required=${required}
        aria-invalid=${inv}
        @input=${typed}
        @change=${(e: Event) => {
          const v = (e.target as HTMLInputElement).value;
          set(v === '' && !required ? undefined : v);
        }}
      />`;
  }
}
