import { defineNode, type NodeContext } from '@flowloom/engine';
import { z } from 'zod';
import { nodeError } from '../../kit/call.js';
import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { API_HOST, jotFormApiKey, jotFormWebhookSecret } from './jotform-credentials.js';
import { jotformInfo } from './jotform-info.js';

export { jotFormApiKey, jotFormWebhookSecret };

/** A submission as JotForm posts it: multipart form fields, the answers as JSON text in `rawRequest`. */
type JotFormCall = CallJson & { body?: Record<string, string | string[]> };

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

const base = defineTrigger({
  id: 'jotform',
  displayName: 'JotForm',
  icon: jotformInfo.icon,
  docsUrl: 'https://www.jotform.com/help/245-how-to-setup-a-webhook-with-jotform/',
  credentials: [jotFormWebhookSecret],
  events: { submission: { displayName: 'Form submitted' } },
  eventOf: (call: JotFormCall) => (text(call.body?.['rawRequest']) !== undefined ? 'submission' : undefined),
});

const properties = (base.properties as z.ZodObject<z.ZodRawShape>).extend({
  form: z.string().trim().default('').meta({
    label: 'Form ID',
    description: 'The form whose submissions start the workflow (the number in its URL); calls of other forms are ignored.',
  }),
  resolveData: z.boolean().default(true).meta({
    label: 'Resolve data',
    description: 'Name each answer by its question\u2019s text (asked of JotForm with the API key) instead of its field name (q3_email).',
  }),
  onlyAnswers: z.boolean().default(true).meta({
    label: 'Only answers',
    description: 'Put out the answers alone, not the submission\u2019s other fields (formID, submissionID, ip...).',
  }),
});

interface Question {
  name?: string;
  text?: string;
}

/** The form's questions by field name (`email`), from `GET /form/{id}/questions`. */
async function questionTexts(ctx: NodeContext, formId: string): Promise<Map<string, string>> {
  if (!formId) throw nodeError(ctx, "the submission names no form (formID) and parameter 'form' is empty.", 'BAD_INPUT');
  if (!ctx.node.credentials?.[jotFormApiKey.name]) {
    throw nodeError(
      ctx,
      'choose a JotForm API key credential to name the answers by their questions, or turn off Resolve data.',
      'CREDENTIAL_MISSING',
    );
  }
  const response = await ctx.authenticatedFetch(jotFormApiKey.name, `https://${API_HOST}/form/${encodeURIComponent(formId)}/questions`);
  const answer = (await response.json().catch(() => undefined)) as { message?: string; content?: Record<string, Question> } | undefined;
  if (!response.ok || !answer?.content) {
    throw nodeError(
      ctx,
      `JotForm answered ${response.status} to the questions of form ${formId}: ${answer?.message ?? response.statusText}`,
      'VENDOR_ERROR',
      undefined,
      response.status >= 500 || response.status === 429,
    );
  }
  const texts = new Map<string, string>();
  for (const q of Object.values(answer.content)) if (q.name && typeof q.text === 'string') texts.set(q.name, q.text);
  return texts;
}

/**
 * The submission's answers keyed by their question's text: JotForm names a
 * field `q<id>_<name>`, and the form's questions give each name its text.
 * Fields of no question (`slug`, `event_id`) are left out.
 */
function byQuestion(answers: Record<string, unknown>, texts: Map<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(answers)) {
    const underscore = field.indexOf('_');
    if (underscore < 0) continue;
    const question = texts.get(field.slice(underscore + 1));
    if (question !== undefined) out[question] = value;
  }
  return out;
}

/**
 * Starts a workflow with each submission of a JotForm form, sent to a
 * webhook whose URL carries the credential's secret. The item is the
 * submission's answers (`rawRequest`), named by their questions' texts when
 * Resolve data is on (asked of JotForm with the API key), else by JotForm's
 * field names; with Only answers off, the submission's other fields too,
 * its answers in `rawRequest`.
 */
export const jotformTrigger = defineNode({
  ...base,
  properties,
  credentials: [...(base.credentials ?? []), { name: jotFormApiKey.name, type: jotFormApiKey.name, required: false }],
  webhook: {
    ...base.webhook!,
    // A form written literally keeps out the calls of other forms sent to the same URL.
    accepts: (call, parameters) => {
      const form = text(parameters['form']);
      const sent = text((call as JotFormCall).body?.['formID']);
      return base.webhook!.accepts!(call, parameters) && (!form || form.includes('{{') || sent === form);
    },
  },
  async execute(ctx) {
    const out = [];
    for (const [i, item] of ctx.input().entries()) {
      const { form, resolveData, onlyAnswers } = ctx.params(i) as { form: string; resolveData: boolean; onlyAnswers: boolean };
      const fields = (item.json as JotFormCall).body ?? {};
      const raw = text(fields['rawRequest']);
      let answers: Record<string, unknown> = {};
      if (raw !== undefined) {
        try {
          answers = JSON.parse(raw) as Record<string, unknown>;
        } catch (error) {
          throw nodeError(ctx, `the submission's field 'rawRequest' is not JSON: ${(error as Error).message}`, 'BAD_INPUT', error);
        }
        if (resolveData) answers = byQuestion(answers, await questionTexts(ctx, text(fields['formID']) ?? form));
      }
      out.push({ json: onlyAnswers ? answers : { ...fields, rawRequest: answers } });
    }
    return out;
  },
});
