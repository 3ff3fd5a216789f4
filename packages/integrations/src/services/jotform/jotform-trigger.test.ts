// The JotForm trigger, with submissions shaped as JotForm's webhook guide documents them (a multipart form whose
// rawRequest field holds the answers as JSON, keyed q<id>_<name>) and the questions as JotForm's API answers
// GET /form/{id}/questions. JotForm signs nothing, so the URL's secret is what is checked.
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { jotFormApiKey, jotformTrigger, jotFormWebhookSecret } from './jotform-trigger.js';

const SECRET = '5d1c8e0f9a7b3c2d4e6f';
const FORM = '202012795501445';
const HOOK = `https://hooks.example.com/webhook/jotform/contact?secret=${SECRET}`;

/** The answers of a contact form as JotForm puts them in rawRequest. */
const answers = {
  slug: `submit/${FORM}/`,
  q3_fullName: { first: 'Ada', last: 'Lovelace' },
  q4_email: 'ada@example.com',
  q5_message: 'Please call me back.',
  event_id: '1601294611263_202012795501445_8ZhzWKg',
};

/** The form's questions as JotForm's API lists them (`content`, keyed by question id). */
const questions = {
  responseCode: 200,
  message: 'success',
  content: {
    '1': { name: 'heading', order: '1', qid: '1', text: 'Contact us', type: 'control_head' },
    '2': { name: 'submit', order: '5', qid: '2', text: 'Submit', type: 'control_button' },
    '3': { name: 'fullName', order: '2', qid: '3', text: 'Full Name', type: 'control_fullname' },
    '4': { name: 'email', order: '3', qid: '4', text: 'E-mail', type: 'control_email' },
    '5': { name: 'message', order: '4', qid: '5', text: 'Your message', type: 'control_textarea' },
  },
};

/** A submission as JotForm posts it: its fields as a multipart form. */
function submission(options: { url?: string; formID?: string; rawRequest?: string | null } = {}) {
  const form = new FormData();
  form.set('action', '');
  form.set('webhookURL', HOOK);
  form.set('username', 'ada');
  form.set('formID', options.formID ?? FORM);
  form.set('type', 'WEB');
  form.set('formTitle', 'Contact us');
  form.set('pretty', 'Full Name:Ada Lovelace, E-mail:ada@example.com, Your message:Please call me back.');
  form.set('submissionID', '4785123360011889071');
  form.set('ip', '203.0.113.7');
  if (options.rawRequest !== null) form.set('rawRequest', options.rawRequest ?? JSON.stringify(answers));
  return new Request(options.url ?? HOOK, { method: 'POST', body: form });
}

const trigger = (id: string, path: string, parameters: Record<string, unknown>) =>
  buildWorkflow({
    id,
    nodes: [
      {
        id: 'jf',
        name: 'Contact form',
        type: jotformTrigger.type,
        parameters: { path, form: FORM, ...parameters },
        credentials: { jotFormWebhookSecret: 'hook', jotFormApi: 'api' },
      },
    ],
  });

const bed = webhookTestbed({
  answers: () => ({ body: questions }),
  authHeaders: ['apikey'],
  // Only the EU host answers: the credential's API domain is where its requests go.
  hosts: ['eu-api.jotform.com'],
  nodeTypes: [jotformTrigger],
  credentialTypes: [jotFormWebhookSecret, jotFormApiKey],
  credentials: [
    { id: 'hook', type: 'jotFormWebhookSecret', data: { secret: SECRET } },
    { id: 'api', type: 'jotFormApi', data: { apiKey: 'jf-key-1', apiDomain: 'eu-api.jotform.com' } },
  ],
  workflow: trigger('contact', 'jotform/contact', {}),
});

describe('JotForm trigger', () => {
  it("runs for a submission with the secret, and names each answer by its question's text, asked of JotForm", async () => {
    await bed.take();
    const { run } = await bed.runOnce(submission());
    expect(run.nodes['jf']![0]!.output['main']!.map((i) => i.json)).toEqual([
      { 'Full Name': { first: 'Ada', last: 'Lovelace' }, 'E-mail': 'ada@example.com', 'Your message': 'Please call me back.' },
    ]);
    expect(await bed.take()).toEqual([
      { method: 'GET', path: `/form/${FORM}/questions`, query: {}, auth: 'apikey: jf-key-1', contentType: undefined, body: undefined },
    ]);
  });

  it('puts out the whole submission, its answers under their field names, with Resolve data and Only answers off', async () => {
    await bed.engine.activate(trigger('contact-raw', 'jotform/raw', { resolveData: false, onlyAnswers: false }));
    const { run } = await bed.runOnce(submission({ url: HOOK.replace('jotform/contact', 'jotform/raw') }));
    expect(run.nodes['jf']![0]!.output['main']![0]!.json).toEqual({
      action: '',
      // The secret the URL carries is kept out of what the run records.
      webhookURL: HOOK.replace(SECRET, '__redacted__'),
      username: 'ada',
      formID: FORM,
      type: 'WEB',
      formTitle: 'Contact us',
      pretty: 'Full Name:Ada Lovelace, E-mail:ada@example.com, Your message:Please call me back.',
      submissionID: '4785123360011889071',
      ip: '203.0.113.7',
      rawRequest: answers,
    });
    expect(await bed.take()).toEqual([]);
  });

  itRefusesCalls(bed, 'refuses a submission without the secret or with a wrong one with 401, starting nothing', () => [
    { call: submission({ url: HOOK.replace(`?secret=${SECRET}`, '') }), message: 'The call was refused: its URL has no secret' },
    { call: submission({ url: HOOK.replace(SECRET, `${SECRET}x`) }), message: 'The call was refused: its secret does not match' },
  ]);

  itStartsNothingFor(bed, 'starts nothing for a submission of another form sent to the same URL', () =>
    submission({ formID: '202012795509999' }),
  );

  itStartsNothingFor(bed, 'starts nothing for a call that carries no submission', () => submission({ rawRequest: null }));

  it('fails the run, naming the field, when rawRequest is not JSON', async () => {
    const { responses, runs } = await bed.deliver(submission({ rawRequest: '{"q4_email":' }));
    expect(responses.map((r) => r.status)).toEqual([200]);
    expect(runs[0]!.status).toBe('error');
    expect(runs[0]!.error?.message).toMatch(/^Node 'Contact form': the submission's field 'rawRequest' is not JSON/);
  });
});
