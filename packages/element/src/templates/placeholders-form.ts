import { html, nothing, type TemplateResult } from 'lit';
import type { Translate } from '../i18n/translate.js';
import type { DraftPlaceholder, PlaceholderChoice } from './template-catalog.js';

/** What the "Save as template" form's placeholders section needs. */
export interface PlaceholdersFormOptions {
  t: Translate;
  /** Prefix of the controls' ids. */
  prefix: string;
  /** Where placeholders may go in the workflow (`placeholderChoices`). */
  choices: readonly PlaceholderChoice[];
  placeholders: readonly DraftPlaceholder[];
  /** The placeholders as they are now (changes made since this render included), which each change starts from. */
  current(): readonly DraftPlaceholder[];
  /** Sentences by field; `placeholders.<index>` for a placeholder's. */
  problems: Readonly<Record<string, string>>;
  /** Keeps the changed placeholders; `focus` is a selector of what takes the focus once they are shown. */
  update(placeholders: readonly DraftPlaceholder[], focus?: string): void;
}

/**
 * The placeholders of a template being saved: for each, where its value goes
 * (a node's parameter or credential slot), its key and its label; add and remove.
 */
export function placeholdersForm(o: PlaceholdersFormOptions): TemplateResult {
  const { t, prefix: p, choices, placeholders } = o;
  const change = (index: number, patch: Partial<DraftPlaceholder>) =>
    o.update(o.current().map((ph, i) => (i === index ? { ...ph, ...patch } : ph)));
  const add = () => {
    const now = o.current();
    o.update([...now, { key: '', label: '', target: '' }], `#${p}-${now.length}-target`);
  };
  const remove = (index: number) =>
    o.update(
      o.current().filter((_, i) => i !== index),
      '.placeholders .add',
    );
  const value = (e: Event) => (e.target as HTMLInputElement).value;
  return html`<fieldset class="placeholders">
    <legend>${t('templates.placeholders')}</legend>
    <p class="help">${t('templates.placeholdersHelp')}</p>
    ${placeholders.map((ph, i) => {
      const id = `${p}-${i}`;
      const problem = o.problems[`placeholders.${i}`];
      return html`<div class="placeholder" role="group" aria-label=${t('templates.placeholderN', { n: i + 1 })} data-placeholder-index=${i}>
        <label for=${`${id}-target`}>${t('templates.placeholderTarget')}</label>
        <select id=${`${id}-target`} aria-invalid=${problem ? 'true' : 'false'} @change=${(e: Event) => change(i, { target: value(e) })}>
          <option value="" ?selected=${ph.target === ''}>${t('templates.placeholderChoose')}</option>
          ${(['text', 'credential'] as const).map(
            (kind) =>
              html`<optgroup label=${t(kind === 'text' ? 'templates.placeholderParameters' : 'templates.placeholderSlots')}>
                ${choices
                  .filter((c) => c.kind === kind)
                  .map(
                    (c) =>
                      html`<option value=${c.value} ?selected=${ph.target === c.value}>
                        ${t('templates.placeholderChoice', { node: c.node.name, name: c.label })}
                      </option>`,
                  )}
              </optgroup>`,
          )}
        </select>
        <label for=${`${id}-key`}>${t('templates.placeholderKey')}</label>
        <input id=${`${id}-key`} type="text" .value=${ph.key} @input=${(e: Event) => change(i, { key: value(e) })} />
        <label for=${`${id}-label`}>${t('templates.placeholderLabel')}</label>
        <input id=${`${id}-label`} type="text" .value=${ph.label} @input=${(e: Event) => change(i, { label: value(e) })} />
        <button type="button" class="remove" aria-label=${t('templates.placeholderRemove', { n: i + 1 })} @click=${() => remove(i)}>
          ${t('templates.remove')}
        </button>
        ${problem ? html`<p class="error" role="alert">${problem}</p>` : nothing}
      </div>`;
    })}
    <button type="button" class="add" ?disabled=${choices.length === 0} @click=${add}>${t('templates.placeholderAdd')}</button>
  </fieldset>`;
}
