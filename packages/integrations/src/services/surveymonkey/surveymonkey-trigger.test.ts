// The SurveyMonkey trigger, with events shaped as SurveyMonkey's webhook docs show them and signed as they describe
// (Sm-Signature: the base64 HMAC-SHA1 of the raw body, keyed with "<API key>&<secret>"), computed here with
// node:crypto; and the HEAD request SurveyMonkey checks a subscription URL with.
import { buildWorkflow } from '@flowloom/engine/testing';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { surveyMonkeyWebhookApp, surveymonkeyTrigger } from './surveymonkey-trigger.js';

const APP = { clientId: 'sm_client_3f9a', clientSecret: '8c1e6b0d2a4f9e7c5b3d' };
const HOOK = 'https://hooks.example.com/webhook/surveymonkey/responses';

const event = (eventType: string) => ({
  name: 'Responses to the onboarding survey',
  filter_type: 'survey',
  filter_id: '288506979',
  event_type: eventType,
  event_id: '10563270',
  object_type: 'response',
  object_id: '11892350531',
  event_datetime: '2026-03-26T21:56:31.182613+00:00',
  resources: {
    respondent_id: '11892350531',
    recipient_id: '0',
    user_id: '150581235',
    collector_id: '405871442',
    survey_id: '288506979',
  },
});

/** An event as SurveyMonkey posts it, signed with `key` (the app's by default), or unsigned with null. */
function call(body: unknown, key: string | null = `${APP.clientId}&${APP.clientSecret}`) {
  const text = JSON.stringify(body);
  return new Request(HOOK, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'sm-apikey': APP.clientId,
      ...(key === null ? {} : { 'sm-signature': createHmac('sha1', key).update(text).digest('base64') }),
    },
    body: text,
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [surveymonkeyTrigger],
  credentialTypes: [surveyMonkeyWebhookApp],
  credentials: [{ id: 'app', type: 'surveyMonkeyWebhookApp', data: APP }],
  workflow: buildWorkflow({
    id: 'responses',
    nodes: [
      {
        id: 'sm',
        name: 'New responses',
        type: surveymonkeyTrigger.type,
        parameters: { path: 'surveymonkey/responses', events: ['response_created'] },
        credentials: { surveyMonkeyWebhookApp: 'app' },
      },
    ],
  }),
});

describe('SurveyMonkey trigger', () => {
  it('runs for a signed response_created event, and puts out the event as sent', async () => {
    const { run } = await bed.runOnce(call(event('response_created')));
    expect(run.nodes['sm']![0]!.output['main']!.map((i) => i.json)).toEqual([event('response_created')]);
  });

  it("answers SurveyMonkey's HEAD check of the URL with 200, starting nothing", async () => {
    const { responses, runs } = await bed.deliver(new Request(HOOK, { method: 'HEAD' }));
    expect(responses.map((r) => r.status)).toEqual([200]);
    expect(runs).toEqual([]);
  });

  itRefusesCalls(bed, 'refuses an unsigned event, one signed with another key and a tampered one with 401, starting nothing', () => {
    const tampered = call(event('response_created'));
    return [
      { call: call(event('response_created'), null), message: 'The call was refused: it has no SurveyMonkey signature' },
      {
        call: call(event('response_created'), `${APP.clientId}&not-the-secret`),
        message: 'The call was refused: its SurveyMonkey signature does not match',
      },
      {
        call: new Request(HOOK, {
          method: 'POST',
          headers: tampered.headers,
          body: JSON.stringify({ ...event('response_created'), object_id: '1' }),
        }),
      },
    ];
  });

  itStartsNothingFor(bed, 'starts nothing for a signed event of a type the node does not listen to', () =>
    call(event('response_completed')),
  );
});
