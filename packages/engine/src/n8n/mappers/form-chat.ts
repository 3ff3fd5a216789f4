import type { MapContext } from '../map-context.js';
import { compact, type NodeMapping } from './mapping.js';
import { webhookAuthCredential } from './triggers.js';

/** n8n form field types Flowloom's Form Trigger has (a multiple-choice dropdown becomes checkboxes, as n8n shows it). */
const FIELD_TYPES = ['text', 'email', 'number', 'password', 'textarea', 'date', 'dropdown', 'file'] as const;

/** One row of n8n's `formFields.values` as a Flowloom form field. */
function formField(ctx: MapContext, at: string, index: number): Record<string, unknown> {
  const fieldType = ctx.choice(`${at}.fieldType`, FIELD_TYPES, 'text');
  const written = ctx.literal<string>(`${at}.fieldLabel`, 'string', '');
  const placeholder = ctx.literal<string>(`${at}.placeholder`, 'string');
  let fieldLabel = written.trim();
  if (fieldLabel === '') {
    fieldLabel = placeholder?.trim() || `Field ${index + 1}`;
    ctx.warn(`${at}.fieldLabel`, 'form-field-label', `the field has no label in n8n; Flowloom labels it "${fieldLabel}"`);
  }
  const field: Record<string, unknown> = {
    fieldLabel,
    // The answer keeps the key n8n gave it when the label had spaces around it.
    fieldName: written !== fieldLabel && written.trim() !== '' ? written : undefined,
    fieldType,
    requiredField: ctx.literal<boolean>(`${at}.requiredField`, 'boolean', false) || undefined,
  };
  if (fieldType === 'dropdown') {
    const options = ctx.list(`${at}.fieldOptions.values`);
    field.fieldOptions = options.map((_, o) => ctx.literal<string>(`${at}.fieldOptions.values[${o}].option`, 'string', ''));
    if (ctx.literal<boolean>(`${at}.multiselect`, 'boolean', false)) field.fieldType = 'checkboxes';
  } else ctx.ignore(`${at}.fieldOptions`, `${at}.multiselect`);
  if (fieldType === 'file') {
    field.acceptFileTypes = ctx.literal<string>(`${at}.acceptFileTypes`, 'string') || undefined;
    if (ctx.literal<boolean>(`${at}.multipleFiles`, 'boolean', true)) {
      ctx.warn(`${at}.multipleFiles`, 'form-one-file', 'n8n took several files in this field; Flowloom takes one');
    }
  } else {
    ctx.ignore(`${at}.acceptFileTypes`, `${at}.multipleFiles`);
    if (placeholder !== undefined && fieldType !== 'dropdown' && fieldType !== 'date') field.placeholder = placeholder;
  }
  if (fieldType === 'date') ctx.onlyDefault(`${at}.formatDate`, '');
  else ctx.ignore(`${at}.formatDate`);
  return compact(field);
}

/** Where an n8n form or chat was served, and where Flowloom serves it. */
function servedAt(ctx: MapContext, path: string, n8nPath: string): void {
  ctx.warn(
    'path',
    'trigger-url',
    `n8n served this at ${n8nPath}; Flowloom serves it at <webhook base path>/${path} (by default /webhook/${path})`,
  );
}

/**
 * Form Trigger: the form's title, description, fields, button, what
 * happens once it is sent, and basic authentication (with the credential
 * slot to fill). Custom HTML fields and custom CSS have no equivalent.
 */
export const formTriggerMapping: NodeMapping = {
  versions: [1, 2, 2.1, 2.2],
  map(ctx) {
    const authentication = ctx.choice('authentication', ['none', 'basicAuth'], 'none');
    const path =
      ctx.literal<string>('options.path', 'string') ||
      ctx.literal<string>('path', 'string') ||
      ctx.node.webhookId ||
      ctx.fail('path', 'the form has no path (nor a webhook id to serve it at)');
    servedAt(ctx, path, `/form/${path}`);
    const rows = ctx.list('formFields.values');
    if (rows.length === 0) ctx.fail('formFields.values', 'the form has no field');
    const formFields = rows.map((_, i) => formField(ctx, `formFields.values[${i}]`, i));
    const responseMode = ctx.choice('responseMode', ['onReceived', 'lastNode', 'responseNode'], 'onReceived');
    const formTitle = ctx.literal<string>('formTitle', 'string', '').trim();
    if (formTitle === '') ctx.fail('formTitle', 'the form has no title');
    const parameters: Record<string, unknown> = {
      path,
      authentication: authentication === 'none' ? undefined : authentication,
      formTitle,
      formDescription: ctx.literal<string>('formDescription', 'string'),
      formFields,
      buttonLabel: ctx.literal<string>('options.buttonLabel', 'string') || undefined,
      responseMode,
    };
    if (ctx.has('options.respondWithOptions')) {
      const at = 'options.respondWithOptions.values';
      const respondWith = ctx.choice(`${at}.respondWith`, ['text', 'redirect'], 'text');
      parameters.respondWith = respondWith;
      if (respondWith === 'redirect') parameters.redirectUrl = ctx.literal<string>(`${at}.redirectUrl`, 'string', '');
      else parameters.formSubmittedText = ctx.literal<string>(`${at}.formSubmittedText`, 'string');
      ctx.ignore(`${at}.formSubmittedText`, `${at}.redirectUrl`);
    }
    parameters.formSubmittedText ??= ctx.literal<string>('options.formSubmittedText', 'string');
    if (responseMode === 'responseNode') delete parameters.formSubmittedText;
    ctx.ignore('options.formSubmittedText');
    // Flowloom adds no attribution, and starts runs on valid submissions only (a bot's page view starts nothing).
    ctx.ignore('options.appendAttribution', 'options.ignoreBots');
    if (ctx.literal<boolean>('options.useWorkflowTimezone', 'boolean', false)) {
      ctx.warn(
        'options.useWorkflowTimezone',
        'form-timezone',
        "n8n wrote 'submittedAt' in the workflow's time zone; Flowloom writes it in UTC",
      );
    }
    if (ctx.has('options.customCss')) {
      ctx.ignore('options.customCss');
      ctx.warn('options.customCss', 'form-style', "the form's custom CSS is left out: Flowloom's form has its own style");
    }
    return {
      type: 'core.formTrigger',
      parameters: compact(parameters),
      ...(authentication === 'basicAuth' ? { credential: webhookAuthCredential(ctx, authentication) } : {}),
    };
  },
};

/** The form's custom CSS, which Flowloom's pages leave out. */
function customCss(ctx: MapContext, code: string): void {
  if (!ctx.has('options.customCss')) return;
  ctx.ignore('options.customCss');
  ctx.warn('options.customCss', code, "the page's custom CSS is left out: Flowloom's form has its own style");
}

/**
 * Form (n8n's "next form page" and "form ending" after a Form Trigger): a
 * page's fields, listed or written as JSON (expressions kept, n8n's
 * `fieldOptions.values` shape read by the node as it runs), its title,
 * description and button; an ending's completion screen, redirect or text.
 * A time limit on the wait and an ending that returns a file have no
 * equivalent.
 */
export const formMapping: NodeMapping = {
  versions: [1],
  map(ctx) {
    const operation = ctx.choice('operation', ['page', 'completion'], 'page');
    ctx.onlyDefault('limitWaitTime', false);
    ctx.ignore('triggerNotice');
    const parameters: Record<string, unknown> = { operation };
    if (operation === 'completion') {
      const respondWith = ctx.choice('respondWith', ['text', 'redirect', 'showText'], 'text');
      parameters.respondWith = respondWith;
      if (respondWith === 'redirect') parameters.redirectUrl = ctx.value('redirectUrl', '');
      else if (respondWith === 'showText') parameters.responseText = ctx.value('responseText', '', { asText: true });
      else {
        parameters.completionTitle = ctx.value('completionTitle', '', { asText: true });
        parameters.completionMessage = ctx.value('completionMessage', '', { asText: true });
      }
      ctx.ignore('redirectUrl', 'responseText', 'completionTitle', 'completionMessage', 'inputDataFieldName');
      parameters.formTitle = ctx.value('options.formTitle', undefined, { asText: true });
      customCss(ctx, 'form-style');
      return { type: 'core.form', parameters: compact(parameters) };
    }
    const defineForm = ctx.choice('defineForm', ['fields', 'json'], 'fields');
    parameters.defineForm = defineForm;
    if (defineForm === 'json') {
      if (!ctx.has('jsonOutput')) ctx.fail('jsonOutput', 'the page has no fields');
      parameters.jsonOutput = ctx.value('jsonOutput');
      ctx.ignore('formFields');
    } else {
      const rows = ctx.list('formFields.values');
      if (rows.length === 0) ctx.fail('formFields.values', 'the page has no field');
      parameters.formFields = rows.map((_, i) => formField(ctx, `formFields.values[${i}]`, i));
      ctx.ignore('jsonOutput');
    }
    parameters.formTitle = ctx.value('options.formTitle', undefined, { asText: true });
    parameters.formDescription = ctx.value('options.formDescription', undefined, { asText: true });
    parameters.buttonLabel = ctx.value('options.buttonLabel', undefined, { asText: true });
    customCss(ctx, 'form-style');
    return { type: 'core.form', parameters: compact(parameters) };
  },
};

/**
 * Chat Trigger: messages posted to `<webhook id>/chat` (n8n's address), the
 * hosted page and its texts, and the response mode. Earlier messages are not
 * reloaded into the page; file uploads and authentication have no
 * equivalent.
 */
export const chatTriggerMapping: NodeMapping = {
  versions: [1, 1.1],
  map(ctx) {
    ctx.choice('authentication', ['none'], 'none');
    const id = ctx.node.webhookId;
    const path = id ? `${id}/chat` : 'chat';
    if (!id) ctx.warn('path', 'chat-path', 'the node has no webhook id; the chat is served at the path "chat"');
    else servedAt(ctx, path, `/webhook/${path}`);
    if (ctx.choice('mode', ['hostedChat', 'webhook'], 'hostedChat') === 'webhook') {
      ctx.warn(
        'mode',
        'chat-embedded',
        "a chat embedded in another site calls across origins: Flowloom's webhooks send no CORS headers, so the host must add them",
      );
    }
    ctx.ignore('options.allowedOrigins');
    if (ctx.choice('options.loadPreviousSession', ['notSupported', 'memory', 'manually'], 'notSupported') !== 'notSupported') {
      ctx.warn('options.loadPreviousSession', 'chat-history', 'the hosted page does not show earlier messages again when it is reloaded');
    }
    ctx.onlyDefault('options.allowFileUploads', false);
    ctx.ignore('options.allowedFilesMimeTypes');
    ctx.onlyDefault('options.showWelcomeScreen', false);
    ctx.ignore('options.getStarted');
    if (ctx.has('options.customCss')) {
      ctx.ignore('options.customCss');
      ctx.warn('options.customCss', 'chat-style', "the chat's custom CSS is left out: Flowloom's page has its own style");
    }
    return {
      type: 'core.chatTrigger',
      parameters: compact({
        path,
        public: ctx.literal<boolean>('public', 'boolean', false),
        initialMessages: ctx.literal<string>('initialMessages', 'string') || undefined,
        title: ctx.literal<string>('options.title', 'string')?.trim() || undefined,
        subtitle: ctx.literal<string>('options.subtitle', 'string'),
        inputPlaceholder: ctx.literal<string>('options.inputPlaceholder', 'string'),
        responseMode: ctx.choice('options.responseMode', ['lastNode', 'responseNode'], 'lastNode'),
      }),
    };
  },
};
