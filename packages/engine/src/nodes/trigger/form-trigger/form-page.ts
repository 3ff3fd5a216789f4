import type { WebhookReply } from '../../node-services.js';
import { escapeHtml, pageReply, paragraphs } from '../hosted-page/hosted-page.js';
import { controlName, isMultiple, type FormField, type Submission } from './form-fields.js';

/** What the form page shows, from the Form Trigger's parameters. */
export interface FormPage {
  formTitle: string;
  formDescription: string;
  formFields: readonly FormField[];
  buttonLabel: string;
}

const INPUT_TYPES: Partial<Record<FormField['fieldType'], string>> = {
  text: 'text',
  email: 'email',
  number: 'number',
  password: 'password',
  date: 'date',
};

const AUTOCOMPLETE: Partial<Record<FormField['fieldType'], string>> = { email: 'email', password: 'current-password' };

/** ` name="value"` pairs, escaped; `true` writes a bare attribute, `false` and undefined none. */
function attributes(list: Record<string, string | boolean | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(list)) {
    if (value === true) out += ` ${name}`;
    else if (typeof value === 'string') out += ` ${name}="${escapeHtml(value)}"`;
  }
  return out;
}

function labelText(field: FormField): string {
  const marker = field.requiredField ? ' <span class="required" aria-hidden="true">*</span>' : '';
  return `${escapeHtml(field.fieldLabel)}${marker}`;
}

/** One field: its label, its control with the value sent, and its error right after it. */
function fieldHtml(field: FormField, index: number, submission: Submission | undefined): string {
  const id = controlName(index);
  const error = submission?.errors[index];
  const sent = submission?.sent[index];
  const notes: string[] = [];
  const describedBy: string[] = [];
  if (error !== undefined) {
    notes.push(`<p class="error" id="${id}-error">${escapeHtml(error)}</p>`);
    describedBy.push(`${id}-error`);
  }
  if (field.fieldType === 'file' && submission?.fileSent[index] && error === undefined) {
    notes.push(`<p class="hint" id="${id}-hint">Choose the file again: a form sent back cannot keep it.</p>`);
    describedBy.push(`${id}-hint`);
  }
  const state = {
    'aria-invalid': error !== undefined ? 'true' : undefined,
    'aria-describedby': describedBy.length > 0 ? describedBy.join(' ') : undefined,
  };
  if (field.fieldType === 'checkboxes') {
    const chosen = Array.isArray(sent) ? sent : [];
    const boxes = field.fieldOptions.map((option, o) => {
      const boxId = `${id}-${o}`;
      const input = `<input${attributes({ type: 'checkbox', id: boxId, name: id, value: option, checked: chosen.includes(option) })}>`;
      return `<div class="option">${input}<label for="${boxId}">${escapeHtml(option)}</label></div>`;
    });
    // A group: the legend names it, the error is tied to the group.
    return [
      `<fieldset class="field"${attributes({ id, ...state })}>`,
      `<legend>${labelText(field)}</legend>`,
      ...boxes,
      ...notes,
      '</fieldset>',
    ].join('\n');
  }
  const common = { id, name: id, required: field.requiredField, ...state };
  let control: string;
  if (field.fieldType === 'dropdown') {
    const chosen = Array.isArray(sent) ? sent : sent ? [sent] : [];
    const options = field.fieldOptions.map(
      (option) => `<option${attributes({ value: option, selected: chosen.includes(option) })}>${escapeHtml(option)}</option>`,
    );
    // A single choice starts empty, so "required" means a choice was made.
    const empty = isMultiple(field) ? [] : [`<option value=""${chosen.length === 0 ? ' selected' : ''}>Choose…</option>`];
    control = `<select${attributes({ ...common, multiple: isMultiple(field) })}>\n${[...empty, ...options].join('\n')}\n</select>`;
  } else if (field.fieldType === 'textarea') {
    const text = typeof sent === 'string' ? sent : '';
    control = `<textarea${attributes({ ...common, placeholder: field.placeholder, rows: '5' })}>\n${escapeHtml(text)}</textarea>`;
  } else if (field.fieldType === 'file') {
    control = `<input${attributes({ type: 'file', ...common, accept: field.acceptFileTypes || undefined })}>`;
  } else {
    // A password is never sent back to the browser.
    const value = field.fieldType === 'password' || typeof sent !== 'string' ? undefined : sent;
    control = `<input${attributes({
      type: INPUT_TYPES[field.fieldType] ?? 'text',
      ...common,
      value,
      placeholder: field.placeholder,
      autocomplete: AUTOCOMPLETE[field.fieldType],
      step: field.fieldType === 'number' ? 'any' : undefined,
      inputmode: field.fieldType === 'number' ? 'decimal' : undefined,
    })}>`;
  }
  return [`<div class="field">`, `<label for="${id}">${labelText(field)}</label>`, control, ...notes, '</div>'].join('\n');
}

/**
 * The form as HTML: the title, the description, every field with its label,
 * and, after a submission that does not validate, a summary linking to each
 * field in error, each error next to its field and the values sent (but
 * passwords and files) filled in again. Works without JavaScript.
 */
export function formPageReply(form: FormPage, submission?: Submission): WebhookReply {
  const invalid = submission ? submission.errors.flatMap((e, i) => (e === undefined ? [] : [i])) : [];
  const parts: string[] = [`<h1>${escapeHtml(form.formTitle)}</h1>`];
  if (form.formDescription.trim() !== '') parts.push(paragraphs(form.formDescription, 'description'));
  if (invalid.length > 0) {
    const links = invalid.map((i) => {
      const field = form.formFields[i]!;
      return `<li><a href="#${controlName(i)}">${escapeHtml(field.fieldLabel)}: ${escapeHtml(submission!.errors[i]!)}</a></li>`;
    });
    const count = invalid.length === 1 ? 'One answer needs' : `${invalid.length} answers need`;
    parts.push(
      `<div class="summary" role="alert" aria-labelledby="summary-title">\n<h2 id="summary-title">${count} your attention</h2>\n<ul>\n${links.join('\n')}\n</ul>\n</div>`,
    );
  }
  const multipart = form.formFields.some((f) => f.fieldType === 'file');
  const fields = form.formFields.map((field, i) => fieldHtml(field, i, submission));
  if (form.formFields.some((f) => f.requiredField)) {
    parts.push(
      '<p class="hint">Fields marked <span class="required" aria-hidden="true">*</span><span class="visually-hidden">with a star</span> are required.</p>',
    );
  }
  // No action: the form posts back to the address it was served at, wherever the host mounts webhooks.
  parts.push(
    `<form method="post" accept-charset="utf-8"${multipart ? ' enctype="multipart/form-data"' : ''}>\n${fields.join('\n')}\n<button type="submit">${escapeHtml(form.buttonLabel)}</button>\n</form>`,
  );
  return pageReply({ status: submission ? 422 : 200, title: form.formTitle, main: parts.join('\n') });
}

/** The page shown once the form was sent: `heading` over `message`, under the document title `title` (default: the heading). */
export function completionPageReply(heading: string, message: string, title: string = heading): WebhookReply {
  return pageReply({ status: 200, title, main: `<h1>${escapeHtml(heading)}</h1>\n${paragraphs(message)}` });
}

/** The page shown when the run the form started failed (in "when the workflow finishes" mode). */
export function failurePageReply(title: string, executionId: string): WebhookReply {
  return pageReply({
    status: 500,
    title,
    main: `<h1>${escapeHtml(title)}</h1>\n<p role="alert">Your answers were received, but they could not be processed. Please try again later.</p>\n<p class="hint">Reference: ${escapeHtml(executionId)}</p>`,
  });
}
