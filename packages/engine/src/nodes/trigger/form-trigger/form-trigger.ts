import { z } from 'zod';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import type { Item } from '../../../model/item.js';
import { defineNode } from '../../define-node.js';
import type { WebhookReply } from '../../node-services.js';
import { webhookAuthSlots, webhookProperties } from '../webhook.js';
import { checkFields, fieldKey, formFieldSchema, isMultiple, isValid, readSubmission, type FormField } from './form-fields.js';
import { completionPageReply, failurePageReply, formPageReply } from './form-page.js';

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The Form Trigger's parameters (read when the workflow is activated, so written literally). */
export const formTriggerProperties = z
  .object({
    path: webhookProperties.shape.path,
    authentication: z
      .enum(['none', 'basicAuth'])
      .default('none')
      .meta({
        label: 'Authentication',
        description:
          'With basic auth, the page and its submissions ask for the user name and password of the credential in slot basicAuth.',
        noExpression: true,
        options: [
          { value: 'none', label: 'None' },
          { value: 'basicAuth', label: 'Basic auth' },
        ],
      }),
    formTitle: z.string().trim().min(1, 'must not be empty').meta({ label: 'Form title', noExpression: true }),
    formDescription: z.string().default('').meta({
      label: 'Description',
      editor: 'multiline',
      description: 'Shown under the title; a blank line starts a paragraph.',
      noExpression: true,
    }),
    formFields: z
      .array(formFieldSchema)
      .min(1, 'must have at least one field')
      .superRefine((fields, ctx) => checkFields(fields, (path, message) => ctx.addIssue({ code: 'custom', path, message })))
      .meta({ label: 'Fields', noExpression: true }),
    buttonLabel: z.string().trim().min(1, 'must not be empty').default('Submit').meta({ label: 'Button label', noExpression: true }),
    responseMode: z
      .enum(['onReceived', 'lastNode', 'responseNode'])
      .default('onReceived')
      .meta({
        label: 'Respond when',
        noExpression: true,
        options: [
          { value: 'onReceived', label: 'The form is sent', description: 'Show the completion page at once; the workflow runs on.' },
          { value: 'lastNode', label: 'The workflow finishes', description: 'Show the completion page once the workflow has run.' },
          { value: 'responseNode', label: "Using 'Respond to Webhook' node", description: 'A Respond to Webhook node answers.' },
        ],
      }),
    respondWith: z
      .enum(['text', 'redirect'])
      .default('text')
      .meta({
        label: 'Then',
        noExpression: true,
        displayOptions: { hide: { responseMode: ['responseNode'] } },
        options: [
          { value: 'text', label: 'Show a message' },
          { value: 'redirect', label: 'Go to another page' },
        ],
      }),
    formSubmittedText: z
      .string()
      .default('Thank you, your answers were sent.')
      .meta({
        label: 'Completion message',
        editor: 'multiline',
        noExpression: true,
        displayOptions: { show: { respondWith: ['text'] }, hide: { responseMode: ['responseNode'] } },
      }),
    redirectUrl: z
      .string()
      .trim()
      .refine(isHttpUrl, 'must be an http or https URL such as "https://example.com/thanks"')
      .optional()
      .meta({
        label: 'Redirect URL',
        placeholder: 'https://example.com/thanks',
        noExpression: true,
        displayOptions: { show: { respondWith: ['redirect'] }, hide: { responseMode: ['responseNode'] } },
      }),
  })
  .superRefine((p, ctx) => {
    if (p.respondWith === 'redirect' && p.responseMode !== 'responseNode' && p.redirectUrl === undefined) {
      ctx.addIssue({ code: 'custom', path: ['redirectUrl'], message: 'is required when the form redirects once sent' });
    }
  });

/** The Form Trigger's parameters with their defaults filled in. */
export type FormTriggerParameters = z.output<typeof formTriggerProperties>;

/** The answer to a form that was sent: the completion page, or a redirect. */
function completionReply(p: FormTriggerParameters): WebhookReply {
  if (p.respondWith === 'redirect' && p.redirectUrl) {
    // 303: the browser follows with a GET, so a reload does not send the form again.
    return { status: 303, headers: { location: p.redirectUrl, 'cache-control': 'no-store' } };
  }
  return completionPageReply(p.formTitle, p.formSubmittedText);
}

/** The answers a manual run starts with: every field empty. */
function emptyAnswers(fields: readonly FormField[]): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const field of fields) {
    json[fieldKey(field)] = isMultiple(field) ? [] : field.fieldType === 'number' || field.fieldType === 'file' ? null : '';
  }
  return json;
}

/**
 * Serves a web form at its path (`engine.handleWebhook`): a GET answers the
 * form page; a POST is checked against the fields and, when something is
 * wrong, answered with the form again, each error next to its field; a
 * valid one starts a run with one item, the answers by field label (or
 * name), uploaded files in `binary` under the same keys, and `submittedAt`.
 * With `authentication: 'basicAuth'`, the page and each submission ask for
 * the user name and password first (the browser's own prompt).
 */
export const formTrigger = defineNode({
  type: 'core.formTrigger',
  version: 1,
  displayName: 'Form Trigger',
  description: 'Serves a web form at its URL and starts the workflow with each valid submission.',
  group: 'trigger',
  icon: 'clipboard-list',
  inputs: [],
  outputs: ['main'],
  credentials: webhookAuthSlots.filter((slot) => slot.name === 'basicAuth'),
  properties: formTriggerProperties,
  webhook: {
    method: 'POST',
    checkMethod: 'GET',
    handshake(call, parameters, binary) {
      const p = parameters as FormTriggerParameters;
      if (call.method !== 'POST') return formPageReply(p);
      const submission = readSubmission(p.formFields, call.body, binary);
      return isValid(submission) ? undefined : formPageReply(p, submission);
    },
    responseMode: (parameters) => (parameters as FormTriggerParameters).responseMode,
    accepted: (parameters) => completionReply(parameters as FormTriggerParameters),
    completed(outcome, parameters) {
      const p = parameters as FormTriggerParameters;
      return outcome.status === 'success' ? completionReply(p) : failurePageReply(p.formTitle, outcome.executionId);
    },
  },
  execute(ctx) {
    const p = ctx.params(0);
    const submittedAt = new Date(ctx.now()).toISOString();
    const calls = ctx.input();
    if (calls.length === 0) return [{ json: { ...emptyAnswers(p.formFields), submittedAt } }];
    return calls.map((call): Item => {
      // Items that are not HTTP calls (pinned or handed to engine.run) are the answers already.
      if (typeof call.json.method !== 'string') return call;
      const submission = readSubmission(p.formFields, call.json.body, call.binary);
      const wrong = submission.errors.findIndex((e) => e !== undefined);
      if (wrong >= 0) {
        throw new NodeExecutionError(
          `Node '${ctx.node.name}': the submission does not fit the form: field '${p.formFields[wrong]!.fieldLabel}': ${submission.errors[wrong]!}`,
          { code: 'FORM_SUBMISSION_INVALID', retryable: false },
        );
      }
      const files = Object.keys(submission.binary).length > 0 ? { binary: submission.binary } : {};
      return { json: { ...submission.json, submittedAt }, ...files };
    });
  },
});
