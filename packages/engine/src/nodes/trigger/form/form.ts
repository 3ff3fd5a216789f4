import { z } from 'zod';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import { defineNode } from '../../define-node.js';
import type { NodeContext } from '../../node-context.js';
import type { WebhookReply } from '../../node-services.js';
import { pageReply } from '../hosted-page/hosted-page.js';
import { formFieldSchema } from '../form-trigger/form-fields.js';
import { completionPageReply, type FormPage } from '../form-trigger/form-page.js';
import { fieldsFromJson, formTriggerBefore, pageFieldsSchema, type TriggerDefaults } from './form-definition.js';
import { FORM_NODE_TYPE, FORM_PAGE_STATE_KEY, formFollows } from './form-wait.js';

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

const page = { operation: ['page'] };
const completion = { operation: ['completion'] };

/** The Form node's parameters. */
export const formProperties = z
  .object({
    operation: z
      .enum(['page', 'completion'])
      .default('page')
      .meta({
        label: 'Page type',
        noExpression: true,
        options: [
          { value: 'page', label: 'Next form page', description: 'Shows another page of fields and waits for it to be sent.' },
          { value: 'completion', label: 'Form ending', description: 'Shows the closing screen, or sends the browser to another address.' },
        ],
      }),
    defineForm: z
      .enum(['fields', 'json'])
      .default('fields')
      .meta({
        label: 'Define the fields',
        noExpression: true,
        displayOptions: { show: page },
        options: [
          { value: 'fields', label: 'Field by field' },
          { value: 'json', label: 'As JSON' },
        ],
      }),
    formFields: z
      .array(formFieldSchema)
      .default([])
      .meta({ label: 'Fields', displayOptions: { show: { ...page, defineForm: ['fields'] } } }),
    jsonOutput: z
      .union([z.string(), z.array(z.unknown())])
      .optional()
      .meta({
        label: 'Fields as JSON',
        editor: 'json',
        placeholder: '[{"fieldLabel": "Name", "requiredField": true}]',
        description:
          'An array of fields with fieldLabel, fieldType, requiredField, placeholder and fieldOptions (a list of texts, or n8n\'s {"values": [{"option": "…"}]}).',
        displayOptions: { show: { ...page, defineForm: ['json'] } },
      }),
    formTitle: z.string().optional().meta({
      label: 'Page title',
      description: "Default: the Form Trigger's title.",
    }),
    formDescription: z
      .string()
      .optional()
      .meta({
        label: 'Description',
        editor: 'multiline',
        description: "Shown under the title; default: the Form Trigger's description.",
        displayOptions: { show: page },
      }),
    buttonLabel: z
      .string()
      .optional()
      .meta({ label: 'Button label', description: "Default: the Form Trigger's.", displayOptions: { show: page } }),
    respondWith: z
      .enum(['text', 'redirect', 'showText'])
      .default('text')
      .meta({
        label: 'Show',
        noExpression: true,
        displayOptions: { show: completion },
        options: [
          { value: 'text', label: 'A completion screen', description: 'A heading and a message.' },
          { value: 'redirect', label: 'Another page', description: 'The browser goes to a URL.' },
          { value: 'showText', label: 'Text or HTML', description: 'A page of your own, without scripts.' },
        ],
      }),
    completionTitle: z
      .string()
      .default('')
      .meta({ label: 'Heading', displayOptions: { show: { ...completion, respondWith: ['text'] } } }),
    completionMessage: z
      .string()
      .default('')
      .meta({ label: 'Message', editor: 'multiline', displayOptions: { show: { ...completion, respondWith: ['text'] } } }),
    redirectUrl: z
      .string()
      .trim()
      .refine(isHttpUrl, 'must be an http or https URL such as "https://example.com/thanks"')
      .optional()
      .meta({
        label: 'Redirect URL',
        placeholder: 'https://example.com/thanks',
        displayOptions: { show: { ...completion, respondWith: ['redirect'] } },
      }),
    responseText: z
      .string()
      .default('')
      .meta({
        label: 'Text',
        editor: 'html',
        description: 'Shown as the page; HTML is allowed, but scripts, forms and resources from other sites do not run or load.',
        displayOptions: { show: { ...completion, respondWith: ['showText'] } },
      }),
  })
  .superRefine((p, ctx) => {
    if (p.operation === 'completion') {
      if (p.respondWith === 'redirect' && p.redirectUrl === undefined) {
        ctx.addIssue({ code: 'custom', path: ['redirectUrl'], message: 'is required when the form ends on another page' });
      }
    } else if (p.defineForm === 'json') {
      if (p.jsonOutput === undefined)
        ctx.addIssue({ code: 'custom', path: ['jsonOutput'], message: 'is required to define the fields as JSON' });
    } else {
      const checked = pageFieldsSchema.safeParse(p.formFields);
      for (const issue of checked.success ? [] : checked.error.issues) {
        ctx.addIssue({ code: 'custom', path: ['formFields', ...(issue.path as (string | number)[])], message: issue.message });
      }
    }
  });

/** The Form node's parameters with their defaults filled in. */
export type FormParameters = z.output<typeof formProperties>;

function invalid(ctx: NodeContext<FormParameters>, parameter: string, message: string): NodeExecutionError {
  return new NodeExecutionError(`Node '${ctx.node.name}': parameter '${parameter}' ${message}`, {
    code: 'PARAMETER_INVALID',
    retryable: false,
  });
}

/** The page the node shows: its fields and texts, the trigger's where it sets none. */
function pageOf(ctx: NodeContext<FormParameters>, p: FormParameters, trigger: TriggerDefaults): FormPage {
  let fields = p.formFields;
  if (p.defineForm === 'json') {
    const read = fieldsFromJson(p.jsonOutput);
    if ('error' in read) throw invalid(ctx, 'jsonOutput', `${read.error}.`);
    fields = read.fields;
  }
  const given = (text: string | undefined) => (text !== undefined && text.trim() !== '' ? text : undefined);
  return {
    formTitle: given(p.formTitle) ?? trigger.formTitle,
    formDescription: given(p.formDescription) ?? trigger.formDescription,
    formFields: fields,
    buttonLabel: given(p.buttonLabel)?.trim() ?? trigger.buttonLabel,
  };
}

/** The closing screen of a form. */
function endingReply(p: FormParameters, trigger: TriggerDefaults): WebhookReply {
  const title = p.formTitle !== undefined && p.formTitle.trim() !== '' ? p.formTitle : trigger.formTitle;
  if (p.respondWith === 'redirect') {
    // 303: the browser follows with a GET, so a reload does not send the last page again.
    return { status: 303, headers: { location: p.redirectUrl!, 'cache-control': 'no-store' } };
  }
  if (p.respondWith === 'showText') {
    const reply = pageReply({ status: 200, title, main: p.responseText });
    // The text is the form author's HTML, perhaps with answers in it: a sandboxed page runs no script and sends no form.
    reply.headers['content-security-policy'] += "; sandbox; form-action 'none'";
    return reply;
  }
  return completionPageReply(p.completionTitle.trim() !== '' ? p.completionTitle : title, p.completionMessage, title);
}

/**
 * A further page of a form a Form Trigger serves, or its ending. A page
 * (`operation: 'page'`) makes the browser go on to the execution's resume
 * URL (`<waiting path>/<execution id>`), which shows the page's fields and
 * checks each submission as the trigger does; the execution waits until a
 * valid one comes and the node puts it out as one item (the answers by
 * field label or name, uploaded files in `binary`, and `submittedAt`).
 * An ending (`operation: 'completion'`) answers the browser with the closing
 * screen, a redirect, or a page of text, and passes its items on.
 */
export const form = defineNode({
  type: FORM_NODE_TYPE,
  version: 1,
  displayName: 'Form',
  description: 'Adds a page to the form a Form Trigger serves, or ends the form with a closing screen.',
  group: 'flow',
  icon: 'clipboard-list',
  inputs: ['main'],
  outputs: ['main'],
  properties: formProperties,
  execute(ctx) {
    const items = ctx.input();
    const resumed = ctx.resumed;
    if (resumed) {
      delete ctx.state[FORM_PAGE_STATE_KEY];
      return resumed.reason === 'webhook' && resumed.item ? [resumed.item] : items;
    }
    const trigger = formTriggerBefore(ctx.workflow, ctx.node.id);
    if (!trigger) {
      throw new NodeExecutionError(`Node '${ctx.node.name}': a Form node must come after a Form Trigger; connect one before it.`, {
        code: 'FORM_WITHOUT_TRIGGER',
        retryable: false,
      });
    }
    const p = ctx.params(0);
    if (p.operation === 'completion') {
      if (formFollows(ctx.workflow, ctx.node.id)) {
        throw new NodeExecutionError(
          `Node '${ctx.node.name}': a form ending must be the last Form node; remove the Form nodes after it or make it a page.`,
          { code: 'FORM_ENDING_NOT_LAST', retryable: false },
        );
      }
      ctx.respondToWebhook(endingReply(p, trigger));
      return items;
    }
    ctx.state[FORM_PAGE_STATE_KEY] = pageOf(ctx, p, trigger);
    ctx.suspend({ webhook: { method: 'POST' } });
    return items;
  },
});
