// The Twilio trigger, signed by the twilio library's own getExpectedTwilioSignature (what Twilio computes), and checked
// both ways: a call the library signs starts a run, and our check agrees with the library's validateRequest.
import { buildWorkflow } from '@flowloom/engine/testing';
import twilioSdk from 'twilio';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { twilioAuthToken } from './twilio-credentials.js';
import { twilioTrigger } from './twilio-trigger.js';

const AUTH_TOKEN = '12345678901234567890123456789012';
const URL_CALLED = 'https://hooks.example.com/webhook/twilio/sms?source=console';
const sms = { MessageSid: 'SM0123456789abcdef0123456789abcdef', From: '+15557654321', To: '+15551234567', Body: 'hello', NumMedia: '0' };

/** A call as Twilio sends it: the form body, signed with the account's auth token. */
function twilioCall(params: Record<string, string>, options: { token?: string; url?: string; tamper?: boolean } = {}): Request {
  const signature = twilioSdk.getExpectedTwilioSignature(options.token ?? AUTH_TOKEN, options.url ?? URL_CALLED, params);
  const sent = options.tamper ? { ...params, Body: 'HELLO' } : params;
  return new Request(URL_CALLED, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(sent).toString(),
  });
}

const bed = webhookTestbed({
  hosts: [],
  nodeTypes: [twilioTrigger],
  credentialTypes: [twilioAuthToken],
  credentials: [{ id: 'tw', type: 'twilioApi', data: { accountSid: `AC${'0'.repeat(32)}`, authToken: AUTH_TOKEN } }],
  workflow: buildWorkflow({
    id: 'inbound',
    nodes: [
      {
        id: 'sms',
        name: 'Incoming SMS',
        type: twilioTrigger.type,
        parameters: { path: 'twilio/sms', events: ['message'] },
        credentials: { twilioApi: 'tw' },
      },
    ],
  }),
});

describe('Twilio trigger', () => {
  it('runs for a message Twilio signed, answers with empty TwiML, and puts out the message', async () => {
    const { response, run } = await bed.runOnce(twilioCall(sms));
    expect(response.headers.get('content-type')).toBe('text/xml');
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect(run.nodes['sms']![0]!.output['main']).toEqual([{ json: sms }]);
  });

  itRefusesCalls(
    bed,
    'agrees with the library: a body changed after signing, another token or another URL is refused with 401',
    async () => {
      const calls = [
        twilioCall(sms, { tamper: true }),
        twilioCall(sms, { token: 'f'.repeat(32) }),
        twilioCall(sms, { url: 'https://hooks.example.com/webhook/twilio/other' }),
      ];
      for (const request of calls) {
        const params = Object.fromEntries(new URLSearchParams(await request.clone().text()));
        expect(twilioSdk.validateRequest(AUTH_TOKEN, request.headers.get('x-twilio-signature')!, URL_CALLED, params)).toBe(false);
      }
      return calls.map((call) => ({ call }));
    },
  );

  it('accepts the URL with its default port written, as the library does', async () => {
    const withPort = URL_CALLED.replace('hooks.example.com', 'hooks.example.com:443');
    const signature = twilioSdk.getExpectedTwilioSignature(AUTH_TOKEN, withPort, sms);
    expect(twilioSdk.validateRequest(AUTH_TOKEN, signature, URL_CALLED, sms)).toBe(true);
    const { responses } = await bed.deliver(
      new Request(URL_CALLED, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(sms).toString(),
      }),
    );
    expect(responses[0]!.status).toBe(200);
  });

  itStartsNothingFor(bed, 'starts nothing for a call when it listens to messages only', () =>
    twilioCall({ CallSid: 'CA0123456789abcdef0123456789abcdef', From: '+15557654321', To: '+15551234567' }),
  );
});
