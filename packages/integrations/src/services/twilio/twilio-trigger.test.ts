// The Twilio trigger, signed by the twilio library's own getExpectedTwilioSignature (what Twilio computes), and checked
// both ways: a call the library signs starts a run, and our check agrees with the library's validateRequest.
import type { Engine, Execution } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import twilioSdk from 'twilio';
import { beforeAll, describe, expect, it } from 'vitest';
import { serviceEngine } from '../../testing/service-harness.js';
import { twilioAuthToken } from './twilio-credentials.js';
import { twilioTrigger } from './twilio-trigger.js';

const AUTH_TOKEN = '12345678901234567890123456789012';
const URL_CALLED = 'https://hooks.example.com/webhook/twilio/sms?source=console';
const sms = { MessageSid: 'SM0123456789abcdef0123456789abcdef', From: '+15557654321', To: '+15551234567', Body: 'hello', NumMedia: '0' };

let engine: Engine;
const finished: Execution[] = [];

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

beforeAll(async () => {
  engine = await serviceEngine({
    nodeTypes: [twilioTrigger],
    credentialTypes: [twilioAuthToken],
    routes: {},
    credentials: [{ id: 'tw', type: 'twilioApi', data: { accountSid: `AC${'0'.repeat(32)}`, authToken: AUTH_TOKEN } }],
  });
  engine.on('executionFinish', (e) => void finished.push(e.execution));
  await engine.activate(
    buildWorkflow({
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
  );
});

describe('Twilio trigger', () => {
  it('runs for a message Twilio signed, answers with empty TwiML, and puts out the message', async () => {
    const before = finished.length;
    const response = await engine.handleWebhook(twilioCall(sms));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/xml');
    expect(await response.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    await engine.idle();
    const run = finished.slice(before);
    expect(run.map((e) => e.status)).toEqual(['success']);
    expect(run[0]!.nodes['sms']![0]!.output['main']).toEqual([{ json: sms }]);
  });

  it('agrees with the library: a body changed after signing, another token or another URL is refused with 401', async () => {
    const before = finished.length;
    const tampered = twilioCall(sms, { tamper: true });
    const forged = twilioCall(sms, { token: 'f'.repeat(32) });
    const elsewhere = twilioCall(sms, { url: 'https://hooks.example.com/webhook/twilio/other' });
    for (const request of [tampered, forged, elsewhere]) {
      const params = Object.fromEntries(new URLSearchParams(await request.clone().text()));
      expect(twilioSdk.validateRequest(AUTH_TOKEN, request.headers.get('x-twilio-signature')!, URL_CALLED, params)).toBe(false);
      expect((await engine.handleWebhook(request)).status).toBe(401);
    }
    await engine.idle();
    expect(finished.length).toBe(before);
  });

  it('accepts the URL with its default port written, as the library does', async () => {
    const withPort = URL_CALLED.replace('hooks.example.com', 'hooks.example.com:443');
    const signature = twilioSdk.getExpectedTwilioSignature(AUTH_TOKEN, withPort, sms);
    expect(twilioSdk.validateRequest(AUTH_TOKEN, signature, URL_CALLED, sms)).toBe(true);
    const response = await engine.handleWebhook(
      new Request(URL_CALLED, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(sms).toString(),
      }),
    );
    expect(response.status).toBe(200);
    await engine.idle();
  });

  it('starts nothing for a call when it listens to messages only', async () => {
    const before = finished.length;
    const response = await engine.handleWebhook(
      twilioCall({ CallSid: 'CA0123456789abcdef0123456789abcdef', From: '+15557654321', To: '+15551234567' }),
    );
    expect(response.status).toBe(200);
    await engine.idle();
    expect(finished.length).toBe(before);
  });
});
