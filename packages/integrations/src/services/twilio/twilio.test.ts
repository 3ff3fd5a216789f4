// Twilio, checked against Twilio's own helper library (twilio): both make the same call to one recording server.
// The library has no base-URL option; it takes an `httpClient`, so the test gives it its own RequestClient with
// each request's host moved to the recording server: the library's serialization and Basic auth are what is recorded.
import twilioSdk from 'twilio';
import type { RequestOptions } from 'twilio/lib/base/RequestClient.js';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, type Answer } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { editFields, lineAfterTrigger } from '../../testing/workflows.js';
import { twilio } from './twilio.js';

const SID = `AC${'a1'.repeat(16)}`;
const TOKEN = 'auth-token-good';
const KEY_SID = `SK${'b2'.repeat(16)}`;
const KEY_SECRET = 'api-key-secret';
const VERIFY_SID = `VA${'c3'.repeat(16)}`;
const ACCOUNT_PATH = `/2010-04-01/Accounts/${SID}`;
const FROM = '+15557654321';

type Form = Record<string, string | string[]>;

/** A Message resource as Twilio documents it. */
function messageResource(sid: string, form: Form) {
  return {
    account_sid: SID,
    api_version: '2010-04-01',
    body: form['Body'] ?? '',
    date_created: 'Thu, 24 Aug 2023 05:01:45 +0000',
    date_sent: null,
    date_updated: 'Thu, 24 Aug 2023 05:01:45 +0000',
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: form['From'] ?? null,
    messaging_service_sid: form['MessagingServiceSid'] ?? null,
    num_media: String([form['MediaUrl'] ?? []].flat().length),
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid,
    status: 'queued',
    subresource_uris: { media: `${ACCOUNT_PATH}/Messages/${sid}/Media.json` },
    to: form['To'],
    uri: `${ACCOUNT_PATH}/Messages/${sid}.json`,
  };
}

/** Three pages of the message list, chained by `next_page_uri`. */
const messagePages: Record<string, { sids: string[]; next: string | null }> = {
  '': { sids: ['SM1', 'SM2'], next: 'PASM2' },
  PASM2: { sids: ['SM3', 'SM4'], next: 'PASM4' },
  PASM4: { sids: ['SM5'], next: null },
};

function listPage(token: string, pageSize: string) {
  const page = messagePages[token]!;
  const uri = (t: string) =>
    `${ACCOUNT_PATH}/Messages.json?PageSize=${pageSize}&Page=${Object.keys(messagePages).indexOf(t)}&PageToken=${t}`;
  return {
    first_page_uri: `${ACCOUNT_PATH}/Messages.json?PageSize=${pageSize}&Page=0`,
    end: 0,
    previous_page_uri: null,
    messages: page.sids.map((sid) => messageResource(sid, { To: '+15551234567', From: FROM, Body: `hello ${sid}` })),
    uri: `${ACCOUNT_PATH}/Messages.json?PageSize=${pageSize}`,
    page_size: Number(pageSize),
    start: 0,
    next_page_uri: page.next ? uri(page.next) : null,
    page: Object.keys(messagePages).indexOf(token),
  };
}

const twilioFailure = (status: number, code: number, message: string): Answer => ({
  status,
  body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

/** Answers shaped like Twilio's documented ones; `overrides` answer first when they match. */
const overrides: ((method: string, path: string, form: Form) => Answer | undefined)[] = [];

/** A RequestClient that sends the library's requests, as it builds them, to the recording server. */
function recordingClient(): twilioSdk.RequestClient {
  class RecordingClient extends twilioSdk.RequestClient {
    override request<TData>(opts: RequestOptions<TData>) {
      const uri = new URL(opts.uri);
      return super.request<TData>({ ...opts, uri: `${bed.server.url}${uri.pathname}${uri.search}` });
    }
  }
  return new RecordingClient();
}

function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const form: Form = {};
  const fields = new URLSearchParams(request.body.toString('utf8'));
  for (const key of new Set(fields.keys())) {
    const all = fields.getAll(key);
    form[key] = all.length === 1 ? all[0]! : all;
  }
  for (const override of overrides) {
    const answer = override(request.method, url.pathname, form);
    if (answer) return answer;
  }
  const route = `${request.method} ${url.pathname}`;
  switch (route) {
    case `GET ${ACCOUNT_PATH}.json`: {
      const auth = Buffer.from(String(request.headers.authorization ?? '').slice(6), 'base64').toString('utf8');
      return auth === `${SID}:${TOKEN}` || auth === `${KEY_SID}:${KEY_SECRET}`
        ? { body: { sid: SID, friendly_name: 'My account', status: 'active', type: 'Full' } }
        : twilioFailure(401, 20003, 'Authenticate');
    }
    case `POST ${ACCOUNT_PATH}/Messages.json`:
      return { status: 201, body: messageResource('SM0123', form) };
    case `GET ${ACCOUNT_PATH}/Messages.json`:
      return { body: listPage(url.searchParams.get('PageToken') ?? '', url.searchParams.get('PageSize') ?? '50') };
    case `GET ${ACCOUNT_PATH}/Messages/SM0123.json`:
      return { body: { ...messageResource('SM0123', { To: '+15551234567', From: FROM, Body: 'Hi' }), status: 'delivered' } };
    case `POST ${ACCOUNT_PATH}/Calls.json`:
      return {
        status: 201,
        body: { sid: 'CA0123', account_sid: SID, to: form['To'], from: form['From'], status: 'queued', direction: 'outbound-api' },
      };
    case `GET ${ACCOUNT_PATH}/Calls.json`:
      return {
        body: { calls: [{ sid: 'CA0099', status: url.searchParams.get('Status') }], page: 0, page_size: 50, next_page_uri: null },
      };
    case `POST /v2/Services/${VERIFY_SID}/Verifications`:
      return {
        status: 201,
        body: {
          sid: 'VE0123',
          service_sid: VERIFY_SID,
          account_sid: SID,
          to: form['To'],
          channel: form['Channel'],
          status: 'pending',
          valid: false,
        },
      };
    case `POST /v2/Services/${VERIFY_SID}/VerificationCheck`:
      return {
        body: {
          sid: 'VE0123',
          service_sid: VERIFY_SID,
          account_sid: SID,
          to: form['To'] ?? '+15551234567',
          channel: 'sms',
          status: form['Code'] === '123456' ? 'approved' : 'pending',
          valid: form['Code'] === '123456',
        },
      };
  }
  return undefined;
}

const bed = serviceTestbed(twilio, {
  name: 'Twilio',
  answers: vendor,
  hosts: ['api.twilio.com', 'verify.twilio.com'],
  credentials: [
    { id: 'token', type: 'twilioApi', data: { accountSid: SID, authToken: TOKEN } },
    { id: 'key', type: 'twilioApiKey', data: { accountSid: SID, apiKeySid: KEY_SID, apiKeySecret: KEY_SECRET } },
    { id: 'revoked', type: 'twilioApi', data: { accountSid: SID, authToken: 'auth-token-revoked' } },
  ],
});
const { take, node } = bed;
let sdk: twilioSdk.Twilio;
beforeAll(() => {
  sdk = twilioSdk(SID, TOKEN, { httpClient: recordingClient() });
});

describe('Twilio, against the twilio helper library', () => {
  it('sends an SMS with media and a status callback as the library does, and makes an item of the message', async () => {
    const media = ['https://example.com/a.png', 'https://example.com/b.png'];
    await sdk.messages.create({
      to: '+15551234567',
      from: FROM,
      body: 'Hi',
      mediaUrl: media,
      statusCallback: 'https://example.com/status',
    });
    const expected = await take();
    const { items, requests } = await node('sms', 'send', {
      to: '+15551234567',
      from: FROM,
      text: 'Hi',
      mediaUrl: media,
      statusCallback: 'https://example.com/status',
    });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: `${ACCOUNT_PATH}/Messages.json`,
      auth: `Basic ${SID}:${TOKEN}`,
      contentType: 'application/x-www-form-urlencoded',
      body: { To: '+15551234567', From: FROM, Body: 'Hi', MediaUrl: media },
    });
    expect(items).toEqual([
      { json: messageResource('SM0123', { To: '+15551234567', From: FROM, Body: 'Hi', MediaUrl: media }), pairedItem: { item: 0 } },
    ]);
  });

  it('sends from a messaging service with an API key credential as the library does', async () => {
    const keyed = twilioSdk(KEY_SID, KEY_SECRET, { accountSid: SID, httpClient: recordingClient() });
    await keyed.messages.create({ to: '+15551234567', messagingServiceSid: 'MG0123', body: 'Pooled' });
    const expected = await take();
    const { items, requests } = await node(
      'sms',
      'send',
      { to: '+15551234567', messagingServiceSid: 'MG0123', text: 'Pooled' },
      { credentials: { twilioApiKey: 'key' } },
    );
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({ path: `${ACCOUNT_PATH}/Messages.json`, auth: `Basic ${KEY_SID}:${KEY_SECRET}` });
    expect(items[0]!.json).toMatchObject({ sid: 'SM0123', messaging_service_sid: 'MG0123', status: 'queued' });
  });

  it('sends a WhatsApp template with whatsapp: addresses and its variables as the library does', async () => {
    const variables = { 1: '12/1', 2: '3pm' };
    await sdk.messages.create({
      to: 'whatsapp:+15551234567',
      from: `whatsapp:${FROM}`,
      contentSid: 'HX0123',
      contentVariables: JSON.stringify(variables),
    });
    const expected = await take();
    // The node adds the whatsapp: prefix to plain numbers, and leaves one already written alone.
    const { items, requests } = await node('whatsapp', 'send', {
      to: '+15551234567',
      from: `whatsapp:${FROM}`,
      contentSid: 'HX0123',
      contentVariables: variables,
    });
    expect(requests).toEqual(expected);
    expect(requests[0]!.body).toEqual({
      To: 'whatsapp:+15551234567',
      From: `whatsapp:${FROM}`,
      ContentSid: 'HX0123',
      ContentVariables: { 1: '12/1', 2: '3pm' },
    });
    expect(items[0]!.json).toMatchObject({ to: 'whatsapp:+15551234567', from: `whatsapp:${FROM}` });
  });

  it('makes a call with inline TwiML and status events as the library does', async () => {
    const twiml = '<Response><Say>Your order shipped.</Say></Response>';
    await sdk.calls.create({
      to: '+15551234567',
      from: FROM,
      twiml,
      statusCallback: 'https://example.com/call',
      statusCallbackEvent: ['answered', 'completed'],
      record: true,
      timeout: 20,
    });
    const expected = await take();
    const { items, requests } = await node('call', 'make', {
      to: '+15551234567',
      from: FROM,
      twiml,
      statusCallback: 'https://example.com/call',
      statusCallbackEvent: ['answered', 'completed'],
      record: true,
      timeout: 20,
    });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({
      path: `${ACCOUNT_PATH}/Calls.json`,
      body: { Twiml: twiml, StatusCallbackEvent: ['answered', 'completed'], Record: 'true', Timeout: '20' },
    });
    expect(items[0]!.json).toMatchObject({ sid: 'CA0123', status: 'queued', to: '+15551234567' });
  });

  it('makes a call that fetches its TwiML from a URL as the library does', async () => {
    await sdk.calls.create({ to: 'client:ada', from: FROM, url: 'https://example.com/twiml' });
    const expected = await take();
    const { requests } = await node('call', 'make', { to: 'client:ada', from: FROM, url: 'https://example.com/twiml' });
    expect(requests).toEqual(expected);
  });

  it('gets a message as the library does', async () => {
    await sdk.messages('SM0123').fetch();
    const expected = await take();
    const { items, requests } = await node('message', 'get', { messageSid: 'SM0123' });
    expect(requests).toEqual(expected);
    expect(items[0]!.json).toMatchObject({ sid: 'SM0123', status: 'delivered' });
  });

  it('lists messages over three pages following next_page_uri as the library does, and returns every message', async () => {
    await sdk.messages.list({ pageSize: 100, to: '+15551234567', dateSentAfter: new Date('2025-01-31T00:00:00Z') });
    const expected = await take();
    const { items, requests } = await node('message', 'list', {
      to: '+15551234567',
      dateSentAfter: '2025-01-31T00:00:00Z',
      returnAll: true,
    });
    expect(expected).toHaveLength(3);
    expect(requests).toEqual(expected);
    expect(requests[0]!.query).toEqual({ To: '+15551234567', 'DateSent>': '2025-01-31T00:00:00Z', PageSize: '100' });
    expect(requests[2]!.query).toMatchObject({ PageToken: 'PASM4' });
    expect(items.map((i) => i.json['sid'])).toEqual(['SM1', 'SM2', 'SM3', 'SM4', 'SM5']);
  });

  it('stops at the limit without asking for pages it does not need', async () => {
    const { items, requests } = await node('message', 'list', { limit: 3 });
    expect(items.map((i) => i.json['sid'])).toEqual(['SM1', 'SM2', 'SM3']);
    expect(requests).toHaveLength(2);
  });

  it('starts and checks a verification on the Verify host as the library does', async () => {
    await sdk.verify.v2.services(VERIFY_SID).verifications.create({ to: '+15551234567', channel: 'sms', locale: 'de' });
    await sdk.verify.v2.services(VERIFY_SID).verificationChecks.create({ to: '+15551234567', code: '123456' });
    await sdk.verify.v2.services(VERIFY_SID).verificationChecks.create({ verificationSid: 'VE0123', code: '000000' });
    const expected = await take();
    const started = await node('verify', 'start', { serviceSid: VERIFY_SID, to: '+15551234567', locale: 'de' });
    const approved = await node('verify', 'check', { serviceSid: VERIFY_SID, to: '+15551234567', code: '123456' });
    const wrong = await node('verify', 'check', { serviceSid: VERIFY_SID, verificationSid: 'VE0123', code: '000000' });
    expect([...started.requests, ...approved.requests, ...wrong.requests]).toEqual(expected);
    expect(started.requests[0]).toMatchObject({
      path: `/v2/Services/${VERIFY_SID}/Verifications`,
      auth: `Basic ${SID}:${TOKEN}`,
      body: { To: '+15551234567', Channel: 'sms', Locale: 'de' },
    });
    expect(started.items[0]!.json).toMatchObject({ sid: 'VE0123', status: 'pending', channel: 'sms' });
    expect(approved.items[0]!.json).toMatchObject({ status: 'approved', valid: true });
    expect(wrong.items[0]!.json).toMatchObject({ status: 'pending', valid: false });
  });

  itWaitsOutRateLimit(bed, {
    parameters: { resource: 'sms', operation: 'send', to: '+15551234567', from: FROM, text: 'later' },
    limits: (request, path) => request.method === 'POST' && path.endsWith('/Messages.json'),
    answer: { ...twilioFailure(429, 20429, 'Too Many Requests'), headers: { 'retry-after': '5' } },
    waitMs: 5_000,
    check: ({ execution, limited, retried }) => {
      expect(limited.map((r) => r.path)).toEqual([`${ACCOUNT_PATH}/Messages.json`]);
      expect(execution.status).toBe('success');
      expect(outputOf(execution)[0]!.json).toMatchObject({ sid: 'SM0123', body: 'later' });
      expect(retried.map((r) => r.path)).toEqual([`${ACCOUNT_PATH}/Messages.json`]);
    },
  });

  it("turns Twilio's error into a node error naming the service, the vendor code and the parameter, as the library reports it", async () => {
    overrides.push((method, path, form) =>
      path.endsWith('/Messages.json') && form['To'] === '+1555'
        ? twilioFailure(400, 21211, "The 'To' number +1555 is not a valid phone number.")
        : undefined,
    );
    const sdkError = await sdk.messages
      .create({ to: '+1555', from: FROM, body: 'x' })
      .catch((e: twilioSdk.RestException) => ({ status: e.status, code: e.code, message: e.message }));
    const { execution } = await node('sms', 'send', { to: '+1555', from: FROM, text: 'x' });
    overrides.pop();
    expect(sdkError).toEqual({ status: 400, code: 21211, message: "The 'To' number +1555 is not a valid phone number." });
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toBe(
      "Node 'Twilio': Twilio sms.send failed: HTTP 400 21211: The 'To' number +1555 is not a valid phone number. (parameter 'to')",
    );
    expect(execution.error?.details).toMatchObject({ service: 'twilio', status: 400, vendorCode: '21211', parameter: 'to' });
  });

  it("reads the parameter from Verify's 'Invalid parameter' error", async () => {
    overrides.push((method, path) => (path.endsWith('/Verifications') ? twilioFailure(400, 60200, 'Invalid parameter: To') : undefined));
    const sdkError = await sdk.verify.v2
      .services(VERIFY_SID)
      .verifications.create({ to: 'nobody', channel: 'sms' })
      .catch((e: twilioSdk.RestException) => e.code);
    const { execution } = await node('verify', 'start', { serviceSid: VERIFY_SID, to: 'nobody' });
    overrides.pop();
    expect(sdkError).toBe(60200);
    expect(execution.error?.message).toBe(
      "Node 'Twilio': Twilio verify.start failed: HTTP 400 60200: Invalid parameter: To (parameter 'to')",
    );
  });

  itTestsCredential(bed, 'tests a credential by fetching its account: good ones pass, a revoked token fails as the library sees it', [
    { id: 'token', calls: [{ method: 'GET', path: `${ACCOUNT_PATH}.json`, auth: `Basic ${SID}:${TOKEN}` }] },
    { id: 'key', calls: [{ method: 'GET', path: `${ACCOUNT_PATH}.json`, auth: `Basic ${KEY_SID}:${KEY_SECRET}` }] },
    {
      id: 'revoked',
      sdk: async () => {
        const bad = twilioSdk(SID, 'auth-token-revoked', { httpClient: recordingClient() });
        const sdkError = await bad.api.v2010
          .accounts(SID)
          .fetch()
          .catch((e: twilioSdk.RestException) => e.code);
        expect(sdkError).toBe(20003);
      },
      outcome: { ok: false, status: 401, message: 'The test request was refused with HTTP 401 Unauthorized.' },
      calls: [{ method: 'GET', path: `${ACCOUNT_PATH}.json`, auth: `Basic ${SID}:auth-token-revoked` }],
    },
  ]);
});

describe('Twilio in a workflow', () => {
  it('texts each customer a message built by Edit Fields, in engine.run and the CLI', async () => {
    const workflow = lineAfterTrigger([
      editFields({ id: 'compose', name: 'Compose' }, { text: 'Hi {{ $json.name }}, order {{ $json.order }} has shipped.' }),
      {
        id: 'text',
        name: 'Text customer',
        type: twilio.node.type,
        parameters: { resource: 'sms', operation: 'send', to: '{{ $json.phone }}', from: FROM, text: '{{ $json.text }}' },
        credentials: { twilioApi: 'token' },
      },
    ]);
    const input = [
      { json: { name: 'Ada', phone: '+15550000001', order: 'A-17' } },
      { json: { name: 'Grace', phone: '+15550000002', order: 'B-42' } },
    ];
    const { execution, requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'token', type: 'twilioApi', data: { authToken: TOKEN, accountSid: SID } }],
      input,
      compare: 'text',
    });
    expect(requests.map((r) => r.body)).toEqual([
      { To: '+15550000001', From: FROM, Body: 'Hi Ada, order A-17 has shipped.' },
      { To: '+15550000002', From: FROM, Body: 'Hi Grace, order B-42 has shipped.' },
    ]);
    expect(requests.every((r) => r.path === `${ACCOUNT_PATH}/Messages.json` && r.auth === `Basic ${SID}:${TOKEN}`)).toBe(true);
    const sent = execution.nodes['text']![0]!.output['main']!;
    expect(sent.map((i) => [i.json['to'], i.json['status'], i.pairedItem])).toEqual([
      ['+15550000001', 'queued', { item: 0 }],
      ['+15550000002', 'queued', { item: 1 }],
    ]);
  });
});

describe('Twilio node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Notify',
    parameters: { resource: 'sms', operation: 'send', to: '+15551234567', from: FROM, text: 'x' },
    message: "Node 'Notify': Twilio sms.send needs a credential: choose a Twilio auth token or Twilio API key credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter left out or of the wrong kind', {
    name: 'Notify',
    cases: [
      {
        parameters: { resource: 'sms', operation: 'send', from: FROM, text: 'x' },
        fails: "Node 'Notify': Twilio sms.send: parameter 'to' is required.",
      },
      {
        parameters: { resource: 'sms', operation: 'send', to: '+15551234567', text: 'x' },
        fails: "Node 'Notify': Twilio sms.send: parameter 'from' or 'messagingServiceSid' is required.",
      },
      {
        parameters: { resource: 'whatsapp', operation: 'send', to: '+15551234567', from: FROM },
        fails: "Node 'Notify': Twilio whatsapp.send: parameter 'text' or 'contentSid' is required.",
      },
      {
        parameters: { resource: 'call', operation: 'make', to: '+15551234567', from: FROM },
        fails: "Node 'Notify': Twilio call.make: parameter 'twiml' or 'url' is required.",
      },
      {
        parameters: { resource: 'verify', operation: 'start', serviceSid: 'VA/../../Accounts', to: '+15551234567' },
        throws: "node 'Notify' (Twilio): parameter 'serviceSid' must be a Verify service SID: VA and 32 hexadecimal digits",
      },
      {
        parameters: { resource: 'verify', operation: 'start', serviceSid: '{{ "VA/../../Accounts" }}', to: '+15551234567' },
        fails: /^Node 'Notify' \(Twilio\): parameter 'serviceSid' must be a Verify service SID: VA and 32 hexadecimal digits/,
      },
      {
        parameters: { resource: 'message', operation: 'list', limit: 'many' },
        throws: "node 'Notify' (Twilio): parameter 'limit' expected a number",
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Notify',
    unknown: { service: 'Twilio', resources: ['sms', 'whatsapp', 'call', 'message', 'verify', 'custom'], operation: ['sms', 'send'] },
  });

  itKeepsCustomCall(bed, 'fills the account into a custom API call and signs it', {
    parameters: { method: 'GET', path: '/Accounts/me/Calls.json', query: { Status: 'busy' } },
    request: { method: 'GET', path: `${ACCOUNT_PATH}/Calls.json`, query: { Status: 'busy' }, auth: `Basic ${SID}:${TOKEN}` },
    item: { statusCode: 200, body: { calls: [{ sid: 'CA0099', status: 'busy' }] } },
  });
});
