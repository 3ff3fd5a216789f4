// The starter templates 1 to 10, end to end: each is validated, its gallery metadata read, filled with a person's
// values, and run against recording stand-ins of the services it calls (on 127.0.0.1, reached through a relay
// fetch as a host's relay would), on a test clock. The tests check what reached each service.
import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createEngine,
  fillTemplate,
  rawKeyProvider,
  readTemplateMeta,
  silentLogger,
  templateMetaSchema,
  TemplateError,
  type Engine,
  type Execution,
  type Workflow,
  type WorkflowInput,
} from '@flowloom/engine';
import { createTestClock, type TestClock } from '@flowloom/engine/testing';
import { allIntegrationCredentials, allIntegrations } from '@flowloom/integrations';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SheetsModel } from '../packages/integrations/src/services/google-sheets/testing/sheets-model.js';
import { relayFetch, startVendorServer, type Answers, type VendorServer } from '../packages/integrations/src/testing/service-harness.js';

const FILES = [
  'slack-on-form-submission.json',
  'daily-email-digest.json',
  'shopify-order-to-google-sheets.json',
  'stripe-payment-to-slack.json',
  'google-form-to-airtable.json',
  'github-issues-to-discord.json',
  'social-mentions-to-email.json',
  'website-monitoring-alert.json',
  'lead-scoring-to-hubspot.json',
  'customer-onboarding-sequence.json',
] as const;
type TemplateFile = (typeof FILES)[number];

const load = (file: TemplateFile) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url)), 'utf8')) as WorkflowInput;

const START = Date.UTC(2026, 5, 1, 7, 0, 0);
const SLACK_TOKEN = 'xoxb-template-test-7d1';
const SENDGRID_KEY = 'SG.template-test-key';
const SHEETS_TOKEN = 'ya29.template-sheets';
const AIRTABLE_TOKEN = 'pat.template-airtable';
const DISCORD_TOKEN = 'discord-template-bot';
const HUBSPOT_TOKEN = 'pat-na1-template-hubspot';
const MAILCHIMP_KEY = '0123456789abcdef0123456789abcdef-us21';
const SHOPIFY_SECRET = 'shpss_template_secret';
const STRIPE_SECRET = 'whsec_template_secret';
const GITHUB_SECRET = 'github-template-secret';
const GOOGLE_CLIENT = { clientId: '1234-template.apps.googleusercontent.com', clientSecret: 'GOCSPX-template' };
const SPREADSHEET = '1TemplateSheetIdForTests000000000000000000';

const CREDENTIALS = [
  { id: 'slack', type: 'slackApi', data: { token: SLACK_TOKEN } },
  { id: 'sendgrid', type: 'sendGridApi', data: { apiKey: SENDGRID_KEY } },
  { id: 'sheets', type: 'googleSheetsOAuth2Api', data: GOOGLE_CLIENT },
  { id: 'airtable', type: 'airtableTokenApi', data: { accessToken: AIRTABLE_TOKEN } },
  { id: 'discord', type: 'discordBotApi', data: { token: DISCORD_TOKEN } },
  { id: 'hubspot', type: 'hubspotAppToken', data: { accessToken: HUBSPOT_TOKEN } },
  { id: 'mailchimp', type: 'mailchimpApi', data: { apiKey: MAILCHIMP_KEY } },
  { id: 'shopify-signing', type: 'shopifyWebhookSecret', data: { clientSecret: SHOPIFY_SECRET } },
  { id: 'stripe-signing', type: 'stripeWebhookSecret', data: { signingSecret: STRIPE_SECRET } },
  { id: 'github-signing', type: 'githubWebhookSecret', data: { secret: GITHUB_SECRET } },
];

/** The stand-ins, one recording server per service, each answering as the service documents. */
const servers: Record<string, VendorServer> = {};
const routes: Record<string, string> = {};
const sheet = new SheetsModel(SPREADSHEET);
/** What the monitored website answers; a test sets it. */
let website: { status: number; body: string } = { status: 200, body: 'ok' };

const STANDINS: Record<string, { hosts: string[]; answers: Answers }> = {
  slack: {
    hosts: ['slack.com'],
    answers: (request) =>
      request.url === '/api/chat.postMessage'
        ? { body: { ok: true, channel: 'C0TEMPLATE', ts: '1780300000.000100', message: { type: 'message' } } }
        : undefined,
  },
  sendgrid: {
    hosts: ['api.sendgrid.com'],
    answers: (request) => (request.url === '/v3/mail/send' ? { status: 202 } : undefined),
  },
  sheets: {
    hosts: ['sheets.googleapis.com'],
    answers: (request) => (request.headers.authorization === `Bearer ${SHEETS_TOKEN}` ? sheet.answer(request) : { status: 401 }),
  },
  airtable: {
    hosts: ['api.airtable.com'],
    answers: (request) => {
      if (request.method !== 'POST') return undefined;
      const sent = JSON.parse(request.body.toString('utf8')) as { records: { fields: unknown }[] };
      return {
        body: { records: sent.records.map((r, i) => ({ id: `rec${i + 1}`, createdTime: '2026-06-01T07:10:00.000Z', fields: r.fields })) },
      };
    },
  },
  discord: {
    hosts: ['discord.com'],
    answers: (request) => {
      const sent = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
      return { body: { id: '1240000000000000001', channel_id: request.url.split('/')[4], ...sent } };
    },
  },
  hubspot: {
    hosts: ['api.hubapi.com'],
    answers: (request) => {
      const sent = JSON.parse(request.body.toString('utf8')) as { properties: Record<string, unknown> };
      return { status: 201, body: { id: '5101', properties: sent.properties, archived: false } };
    },
  },
  mailchimp: {
    hosts: ['us21.api.mailchimp.com'],
    answers: (request) => {
      const sent = JSON.parse(request.body.toString('utf8')) as Record<string, unknown>;
      return { body: { id: request.url.split('/')[5], email_address: sent['email_address'], status: 'subscribed' } };
    },
  },
  feeds: {
    hosts: ['blog.example.com', 'hn.algolia.com'],
    answers: (request) => answerFeed(request.url),
  },
  website: {
    hosts: ['www.example.com'],
    answers: () => ({ status: website.status, headers: { 'content-type': 'text/html' }, body: website.body }),
  },
};

beforeAll(async () => {
  for (const [name, standin] of Object.entries(STANDINS)) {
    const server = await startVendorServer(standin.answers);
    servers[name] = server;
    for (const host of standin.hosts) routes[host] = server.url;
  }
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
});

/** The recorded requests each stand-in received since the last look, by service; services that got none are left out. */
async function received(): Promise<Record<string, Awaited<ReturnType<VendorServer['take']>>>> {
  const out: Record<string, Awaited<ReturnType<VendorServer['take']>>> = {};
  for (const [name, server] of Object.entries(servers)) {
    const taken = await server.take();
    if (taken.length > 0) out[name] = taken;
  }
  return out;
}

let engine: Engine;
let clock: TestClock;
let finished: Execution[];

beforeEach(async () => {
  clock = createTestClock({ start: START });
  engine = createEngine({
    nodeTypes: [...allIntegrations],
    credentialTypes: [...allIntegrationCredentials],
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(9) }),
    fetch: relayFetch(routes),
    clock,
    logger: silentLogger,
  });
  for (const credential of CREDENTIALS) await engine.credentials.create({ ...credential, name: credential.id });
  await engine.credentials.oauth2.importTokens('sheets', { accessToken: SHEETS_TOKEN, tokenType: 'Bearer' });
  finished = [];
  engine.on('executionFinish', (e) => void finished.push(e.execution));
  await received();
});
afterEach(async () => {
  await engine.close();
});

/** The template filled with `values`, parsed by the engine. */
function filled(file: TemplateFile, values: Record<string, string>): Workflow {
  return engine.parseWorkflow(fillTemplate(load(file), values));
}

/** Sends a call to the engine's webhooks and waits for the runs it starts. */
async function call(request: Request): Promise<{ response: Response; runs: Execution[] }> {
  const before = finished.length;
  const response = await engine.handleWebhook(request);
  await engine.idle();
  return { response, runs: finished.slice(before) };
}

const hook = (path: string, init: RequestInit) => new Request(`https://hooks.example.com/webhook/${path}`, init);
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

/** Moves the test clock to `at` (ISO 8601) and waits for the runs that starts. */
async function advanceTo(at: string): Promise<Execution[]> {
  const before = finished.length;
  clock.advance(Date.parse(at) - clock.now());
  await engine.idle();
  return finished.slice(before);
}

/** A blog's RSS 2.0 feed with twelve posts, newest first. */
const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Example blog</title><link>https://blog.example.com/</link>
${Array.from({ length: 12 }, (_, i) => 12 - i)
  .map(
    (n) =>
      `<item><title>Post ${n}</title><link>https://blog.example.com/posts/${n}</link><pubDate>${new Date(Date.UTC(2026, 4, 20 + n, 9)).toUTCString()}</pubDate><description>About ${n}</description></item>`,
  )
  .join('\n')}
</channel></rss>`;

/** What Hacker News's search answers next: its hits (the rest of the answer is filled in). */
let mentions: Record<string, unknown>[] = [];

function answerFeed(url: string): { status?: number; headers?: Record<string, string>; body?: unknown } | undefined {
  if (url === '/feed.xml') return { headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: FEED };
  if (url.startsWith('/api/v1/search_by_date?')) {
    const query = new URL(url, 'http://x').searchParams.get('query');
    return { body: { hits: mentions, nbHits: mentions.length, page: 0, nbPages: 1, hitsPerPage: 50, query, params: url.split('?')[1] } };
  }
  return undefined;
}

describe('starter templates 1-10: the documents', () => {
  it.each(FILES)('%s is a valid workflow whose gallery metadata parses and names its nodes', (file) => {
    const template = load(file);
    const result = engine.validate(template);
    if (!result.success) throw result.error;
    expect(typeof result.workflow.meta?.description).toBe('string');
    const meta = templateMetaSchema.parse(result.workflow.meta?.['template']);
    expect(readTemplateMeta(template)).toEqual(meta);
    expect(`${meta.id}.json`).toBe(file);
    expect(meta.placeholders.length).toBeGreaterThan(0);
    // Every text placeholder shows an example, and the template filled with the examples is still valid.
    const values = Object.fromEntries(meta.placeholders.map((p) => [p.key, p.kind === 'text' ? p.example! : `credential-${p.key}`]));
    const workflow = fillTemplate(template, values);
    const again = engine.validate(workflow);
    if (!again.success) throw again.error;
    expect(workflow.meta?.['templateSource']).toEqual({ id: meta.id, version: meta.version });
  });
});

describe('1. Slack message on form submission', () => {
  it('posts a valid form submission to the chosen channel, with the answers', async () => {
    const workflow = filled('slack-on-form-submission.json', { slackChannel: '#contact-requests', slackCredential: 'slack' });
    await engine.activate(workflow);
    const form = new URLSearchParams({
      'field-0': 'Ada Lovelace',
      'field-1': 'ada@example.com',
      'field-2': 'Could you send the price list?',
    });
    const { response, runs } = await call(hook('contact', { method: 'POST', body: form }));
    expect(response.status).toBe(200);
    expect(runs.map((r) => r.status)).toEqual(['success']);
    expect(await received()).toEqual({
      slack: [
        {
          method: 'POST',
          path: '/api/chat.postMessage',
          query: {},
          auth: `Bearer ${SLACK_TOKEN}`,
          contentType: 'application/x-www-form-urlencoded',
          body: {
            channel: '#contact-requests',
            text: 'New contact request from Ada Lovelace <ada@example.com>:\n>Could you send the price list?',
            unfurl_links: 'false',
          },
        },
      ],
    });
  });

  it('sends nothing to Slack for a submission without the required email', async () => {
    await engine.activate(filled('slack-on-form-submission.json', { slackChannel: '#contact-requests', slackCredential: 'slack' }));
    const form = new URLSearchParams({ 'field-0': 'Ada', 'field-1': '', 'field-2': 'Hello' });
    const { runs } = await call(hook('contact', { method: 'POST', body: form }));
    expect(runs).toEqual([]);
    expect(await received()).toEqual({});
  });
});

describe('2. Daily email digest', () => {
  it('at 08:00 reads the feed and emails its ten newest posts through SendGrid', async () => {
    await engine.activate(
      filled('daily-email-digest.json', {
        feedUrl: 'https://blog.example.com/feed.xml',
        fromEmail: 'Digest <digest@example.com>',
        toEmail: 'team@example.com, ceo@example.com',
        sendgridCredential: 'sendgrid',
      }),
    );
    await engine.startScheduler();
    expect(await advanceTo('2026-06-01T07:59:59.000Z')).toEqual([]);
    const runs = await advanceTo('2026-06-01T08:00:00.000Z');
    expect(runs.map((r) => r.status)).toEqual(['success']);
    const lines = Array.from({ length: 10 }, (_, i) => `- Post ${12 - i}\n  https://blog.example.com/posts/${12 - i}`);
    expect(await received()).toEqual({
      feeds: [{ method: 'GET', path: '/feed.xml', query: {}, auth: undefined, contentType: undefined, body: undefined }],
      sendgrid: [
        {
          method: 'POST',
          path: '/v3/mail/send',
          query: {},
          auth: `Bearer ${SENDGRID_KEY}`,
          contentType: 'application/json',
          body: {
            personalizations: [{ to: [{ email: 'team@example.com' }, { email: 'ceo@example.com' }] }],
            from: { email: 'digest@example.com', name: 'Digest' },
            subject: 'Your daily digest: 10 new posts',
            content: [{ type: 'text/plain', value: lines.join('\n') }],
          },
        },
      ],
    });
    engine.stopScheduler();
  });
});

/** A call as Shopify makes it: the raw body signed with the app's secret, base64 HMAC-SHA256 (Shopify's documented scheme). */
function shopifyCall(topic: string, order: unknown): Request {
  const body = JSON.stringify(order);
  const signature = createHmac('sha256', SHOPIFY_SECRET).update(body).digest('base64');
  return hook(
    'shopify/orders',
    json(body, {
      'x-shopify-topic': topic,
      'x-shopify-hmac-sha256': signature,
      'x-shopify-shop-domain': 'acme.myshopify.com',
      'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    }),
  );
}

const ORDER = {
  id: 820982911946154500,
  name: '#1001',
  email: 'jon@example.com',
  created_at: '2026-06-01T09:05:12-04:00',
  currency: 'USD',
  total_price: '199.65',
  customer: { id: 115310627314723950, first_name: 'Jon', last_name: 'Snow', email: 'jon@example.com' },
  line_items: [
    { id: 866550311766439000, title: 'IPod Nano - 8GB', quantity: 1, price: '199.00' },
    { id: 141249953214522980, title: 'Sticker', quantity: 3, price: '0.15' },
  ],
};

describe('3. Shopify orders to Google Sheets', () => {
  const HEADER = ['Order', 'Date', 'Customer', 'Email', 'Items', 'Total', 'Currency'];

  it('appends a signed order-created call as a row under the sheet\u2019s header', async () => {
    sheet.sheets.clear();
    sheet.set('Orders', [HEADER, ['#1000', '2026-05-31T18:00:00-04:00', 'Arya Stark', 'arya@example.com', 2, 30, 'USD']]);
    await engine.activate(
      filled('shopify-order-to-google-sheets.json', {
        shopifyWebhookSecret: 'shopify-signing',
        spreadsheet: `https://docs.google.com/spreadsheets/d/${SPREADSHEET}/edit#gid=0`,
        sheetName: 'Orders',
        googleCredential: 'sheets',
      }),
    );
    const { response, runs } = await call(shopifyCall('orders/create', ORDER));
    expect(response.status).toBe(200);
    expect(runs.map((r) => r.status)).toEqual(['success']);
    expect(sheet.grid('Orders')).toEqual([
      HEADER,
      ['#1000', '2026-05-31T18:00:00-04:00', 'Arya Stark', 'arya@example.com', 2, 30, 'USD'],
      ['#1001', '2026-06-01T09:05:12-04:00', 'Jon Snow', 'jon@example.com', 4, 199.65, 'USD'],
    ]);
    const sent = await received();
    expect(Object.keys(sent)).toEqual(['sheets']);
    expect(sent['sheets']!.map((r) => [r.method, decodeURIComponent(r.path), r.auth])).toEqual([
      ['GET', `/v4/spreadsheets/${SPREADSHEET}/values/'Orders'!1:1`, `Bearer ${SHEETS_TOKEN}`],
      ['POST', `/v4/spreadsheets/${SPREADSHEET}/values/'Orders'!A1:append`, `Bearer ${SHEETS_TOKEN}`],
    ]);
    expect(sent['sheets']![1]!.body).toEqual({
      values: [['#1001', '2026-06-01T09:05:12-04:00', 'Jon Snow', 'jon@example.com', 4, 199.65, 'USD']],
    });
  });

  it('refuses a call whose signature does not match, and writes nothing', async () => {
    sheet.sheets.clear();
    sheet.set('Orders', [HEADER]);
    await engine.activate(
      filled('shopify-order-to-google-sheets.json', {
        shopifyWebhookSecret: 'shopify-signing',
        spreadsheet: SPREADSHEET,
        sheetName: 'Orders',
        googleCredential: 'sheets',
      }),
    );
    const forged = shopifyCall('orders/create', ORDER);
    const tampered = new Request(forged.url, {
      method: 'POST',
      headers: forged.headers,
      body: JSON.stringify({ ...ORDER, total_price: '0.01' }),
    });
    const { response, runs } = await call(tampered);
    expect(response.status).toBe(401);
    expect(runs).toEqual([]);
    expect(sheet.grid('Orders')).toEqual([HEADER]);
    expect(await received()).toEqual({});
  });
});

describe('4. Stripe payment alert in Slack', () => {
  const stripe = new Stripe('sk_test_template');
  const event = (type: string) => ({
    id: 'evt_3Template',
    object: 'event',
    api_version: '2026-11-18.endive',
    created: Math.floor(clock.now() / 1000),
    type,
    livemode: false,
    data: {
      object: {
        id: 'pi_3Template',
        object: 'payment_intent',
        amount: 1250000,
        amount_received: 1250000,
        currency: 'eur',
        receipt_email: 'grace@example.com',
        status: 'succeeded',
      },
    },
  });
  /** A call signed by the stripe library itself, at the engine clock's time. */
  const stripeCall = (body: unknown) => {
    const payload = JSON.stringify(body);
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET, timestamp: Math.floor(clock.now() / 1000) });
    return hook('stripe/payments', json(payload, { 'stripe-signature': header }));
  };
  const values = { stripeSigningSecret: 'stripe-signing', slackChannel: 'C0PAYMENTS', slackCredential: 'slack' };

  it('posts the amount, currency, customer and payment of a succeeded payment to the channel', async () => {
    await engine.activate(filled('stripe-payment-to-slack.json', values));
    const { response, runs } = await call(stripeCall(event('payment_intent.succeeded')));
    expect(response.status).toBe(200);
    expect(runs.map((r) => r.status)).toEqual(['success']);
    const sent = await received();
    expect(sent).toEqual({
      slack: [
        {
          method: 'POST',
          path: '/api/chat.postMessage',
          query: {},
          auth: `Bearer ${SLACK_TOKEN}`,
          contentType: 'application/x-www-form-urlencoded',
          body: { channel: 'C0PAYMENTS', text: ':moneybag: Payment received: 12,500.00 EUR from grace@example.com (pi_3Template)' },
        },
      ],
    });
  });

  it('starts nothing for another event type', async () => {
    await engine.activate(filled('stripe-payment-to-slack.json', values));
    const { response, runs } = await call(stripeCall(event('payment_intent.payment_failed')));
    expect(response.status).toBe(200);
    expect(runs).toEqual([]);
    expect(await received()).toEqual({});
  });
});

describe('5. Google Form responses to Airtable', () => {
  const HEADER = ['Timestamp', 'Email', 'Name', 'Message'];

  it('creates an Airtable record for each response added since the last poll', async () => {
    sheet.sheets.clear();
    sheet.set('Form Responses 1', [HEADER, ['5/30/2026 10:00:00', 'old@example.com', 'Old', 'Already there']]);
    await engine.activate(
      filled('google-form-to-airtable.json', {
        spreadsheet: SPREADSHEET,
        googleCredential: 'sheets',
        airtableBase: 'appTemplateBase01',
        airtableTable: 'Responses',
        airtableCredential: 'airtable',
      }),
    );
    await engine.startScheduler();
    // The first poll notes where the sheet stands: the response already there starts nothing.
    expect(await advanceTo('2026-06-01T07:05:00.000Z')).toEqual([]);
    sheet
      .grid('Form Responses 1')
      .push(
        ['6/1/2026 7:06:10', 'ada@example.com', 'Ada Lovelace', 'Please call me back'],
        ['6/1/2026 7:08:45', 'grace@example.com', 'Grace Hopper', 'Interested in the team plan'],
      );
    await received();
    const runs = await advanceTo('2026-06-01T07:10:00.000Z');
    expect(runs.map((r) => r.status)).toEqual(['success']);
    const sent = await received();
    expect(sent['sheets']!.map((r) => r.method)).toEqual(['GET']);
    expect(sent['airtable']).toEqual([
      {
        method: 'POST',
        path: '/v0/appTemplateBase01/Responses',
        query: {},
        auth: `Bearer ${AIRTABLE_TOKEN}`,
        contentType: 'application/json',
        body: {
          records: [
            {
              fields: {
                Name: 'Ada Lovelace',
                Email: 'ada@example.com',
                Message: 'Please call me back',
                'Submitted at': '6/1/2026 7:06:10',
              },
            },
            {
              fields: {
                Name: 'Grace Hopper',
                Email: 'grace@example.com',
                Message: 'Interested in the team plan',
                'Submitted at': '6/1/2026 7:08:45',
              },
            },
          ],
          typecast: true,
        },
      },
    ]);
    engine.stopScheduler();
  });
});

/** A delivery as GitHub makes it: `X-Hub-Signature-256` is `sha256=` and the hex HMAC-SHA256 of the raw body (GitHub's documented scheme). */
function githubDelivery(event: string, payload: unknown): Request {
  const body = JSON.stringify(payload);
  return hook(
    'github/issues',
    json(body, {
      'x-github-event': event,
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': `sha256=${createHmac('sha256', GITHUB_SECRET).update(body).digest('hex')}`,
      'user-agent': 'GitHub-Hookshot/044aadd',
    }),
  );
}

const issueEvent = (action: string) => ({
  action,
  issue: {
    number: 1347,
    title: 'Crash when the sheet is empty',
    html_url: 'https://github.com/octo/hello/issues/1347',
    user: { login: 'octocat' },
    state: action === 'closed' ? 'closed' : 'open',
  },
  repository: { name: 'hello', full_name: 'octo/hello', owner: { login: 'octo' } },
  sender: { login: 'octocat' },
});

describe('6. New GitHub issues in Discord', () => {
  const values = { githubWebhookSecret: 'github-signing', discordChannel: '1098765432109876543', discordCredential: 'discord' };

  it('posts an opened issue to the Discord channel, and nothing for a closed one', async () => {
    await engine.activate(filled('github-issues-to-discord.json', values));
    const opened = await call(githubDelivery('issues', issueEvent('opened')));
    expect(opened.response.status).toBe(200);
    expect(opened.runs.map((r) => r.status)).toEqual(['success']);
    expect(await received()).toEqual({
      discord: [
        {
          method: 'POST',
          path: '/api/v10/channels/1098765432109876543/messages',
          query: {},
          auth: `Bot ${DISCORD_TOKEN}`,
          contentType: 'application/json',
          body: {
            content:
              'New issue #1347 in octo/hello: **Crash when the sheet is empty** (by octocat)\nhttps://github.com/octo/hello/issues/1347',
          },
        },
      ],
    });
    const closed = await call(githubDelivery('issues', issueEvent('closed')));
    expect(closed.runs.map((r) => r.status)).toEqual(['success']);
    expect(await received()).toEqual({});
  });
});

describe('7. Social mentions by email', () => {
  const values = {
    keyword: 'Flowloom',
    fromEmail: 'Mentions <alerts@example.com>',
    toEmail: 'marketing@example.com',
    sendgridCredential: 'sendgrid',
  };

  it('every hour asks Hacker News for the last hour\u2019s mentions and emails them', async () => {
    mentions = [
      { objectID: '44100001', title: 'Show HN: Flowloom, an embeddable workflow engine', author: 'ada', created_at_i: 1780297500 },
      {
        objectID: '44100007',
        title: null,
        comment_text: 'We moved our <i>ops</i> jobs to Flowloom &amp; kept our own UI.',
        author: 'grace',
        created_at_i: 1780299000,
      },
    ];
    await engine.activate(filled('social-mentions-to-email.json', values));
    await engine.startScheduler();
    const runs = await advanceTo('2026-06-01T08:00:00.000Z');
    expect(runs.map((r) => r.status)).toEqual(['success']);
    const since = Date.parse('2026-06-01T08:00:00.000Z') / 1000 - 3600;
    expect(await received()).toEqual({
      feeds: [
        {
          method: 'GET',
          path: '/api/v1/search_by_date',
          query: { query: 'Flowloom', tags: '(story,comment)', numericFilters: `created_at_i>${since}`, hitsPerPage: '50' },
          auth: undefined,
          contentType: undefined,
          body: undefined,
        },
      ],
      sendgrid: [
        {
          method: 'POST',
          path: '/v3/mail/send',
          query: {},
          auth: `Bearer ${SENDGRID_KEY}`,
          contentType: 'application/json',
          body: {
            personalizations: [{ to: [{ email: 'marketing@example.com' }] }],
            from: { email: 'alerts@example.com', name: 'Mentions' },
            subject: '2 new mention(s) of "Flowloom" on Hacker News',
            content: [
              {
                type: 'text/plain',
                value: [
                  '- Show HN: Flowloom, an embeddable workflow engine (by ada)',
                  '  https://news.ycombinator.com/item?id=44100001',
                  '- We moved our ops jobs to Flowloom &amp; kept our own UI. (by grace)',
                  '  https://news.ycombinator.com/item?id=44100007',
                ].join('\n'),
              },
            ],
          },
        },
      ],
    });
    engine.stopScheduler();
  });

  it('sends no email in an hour without mentions', async () => {
    mentions = [];
    await engine.activate(filled('social-mentions-to-email.json', values));
    await engine.startScheduler();
    const runs = await advanceTo('2026-06-01T08:00:00.000Z');
    expect(runs.map((r) => r.status)).toEqual(['success']);
    expect(Object.keys(await received())).toEqual(['feeds']);
    engine.stopScheduler();
  });
});

describe('8. Website monitoring with Slack alerts', () => {
  const values = { siteUrl: 'https://www.example.com/health', slackChannel: '#ops-alerts', slackCredential: 'slack' };
  const alert = (text: string) => ({
    method: 'POST',
    path: '/api/chat.postMessage',
    query: {},
    auth: `Bearer ${SLACK_TOKEN}`,
    contentType: 'application/x-www-form-urlencoded',
    body: { channel: '#ops-alerts', text, unfurl_links: 'false' },
  });
  const page = { method: 'GET', path: '/health', query: {}, auth: undefined, contentType: undefined, body: undefined };

  it('alerts when the page answers an HTTP error, and stays quiet while it answers 200', async () => {
    await engine.activate(filled('website-monitoring-alert.json', values));
    await engine.startScheduler();
    website = { status: 503, body: 'upstream connect error' };
    expect((await advanceTo('2026-06-01T07:05:00.000Z')).map((r) => r.status)).toEqual(['success']);
    expect(await received()).toEqual({
      website: [page],
      slack: [alert(':red_circle: https://www.example.com/health is down: it answered HTTP 503 Service Unavailable')],
    });
    website = { status: 200, body: 'ok' };
    expect((await advanceTo('2026-06-01T07:10:00.000Z')).map((r) => r.status)).toEqual(['success']);
    expect(await received()).toEqual({ website: [page] });
    engine.stopScheduler();
  });

  it('alerts when the site cannot be reached at all', async () => {
    const gone = await startVendorServer(() => undefined);
    const deadUrl = gone.url;
    await gone.close();
    const live = routes['www.example.com']!;
    routes['www.example.com'] = deadUrl;
    try {
      await engine.activate(filled('website-monitoring-alert.json', values));
      await engine.startScheduler();
      expect((await advanceTo('2026-06-01T07:05:00.000Z')).map((r) => r.status)).toEqual(['success']);
      expect(await received()).toEqual({
        slack: [
          alert(
            ":red_circle: https://www.example.com/health is down: Node 'Request the page': GET https://www.example.com/health could not be sent: fetch failed (ECONNREFUSED)",
          ),
        ],
      });
      engine.stopScheduler();
    } finally {
      routes['www.example.com'] = live;
    }
  });
});

describe('9. Lead scoring into HubSpot', () => {
  it('creates only the leads at or above the minimum score as marketing qualified contacts', async () => {
    await engine.activate(filled('lead-scoring-to-hubspot.json', { minimumScore: '50', hubspotCredential: 'hubspot' }));
    const post = (lead: unknown) => call(hook('leads/score', json(lead)));
    // company 20 + business email 30 = 50: qualified at 50.
    const qualified = await post({
      email: ' Ada@Analytical.example ',
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines',
    });
    // free mail 0 + 25 employees 15 + budget 20 = 35: not qualified.
    const unqualified = await post({ email: 'bob@gmail.com', firstName: 'Bob', lastName: 'Builder', employees: 25, budget: true });
    expect([...qualified.runs, ...unqualified.runs].map((r) => r.status)).toEqual(['success', 'success']);
    expect(unqualified.runs[0]!.nodes['score']![0]!.output['main']![0]!.json['score']).toBe(35);
    expect(await received()).toEqual({
      hubspot: [
        {
          method: 'POST',
          path: '/crm/v3/objects/contacts',
          query: {},
          auth: `Bearer ${HUBSPOT_TOKEN}`,
          contentType: 'application/json',
          body: {
            properties: {
              email: 'ada@analytical.example',
              firstname: 'Ada',
              lastname: 'Lovelace',
              company: 'Analytical Engines',
              lifecyclestage: 'marketingqualifiedlead',
              hs_lead_status: 'NEW',
            },
          },
        },
      ],
    });
  });
});

describe('10. Customer onboarding sequence', () => {
  it('subscribes the customer and welcomes them at once, then sends the follow-up three days later', async () => {
    await engine.activate(
      filled('customer-onboarding-sequence.json', {
        audienceId: 'a1b2c3d4e5',
        mailchimpCredential: 'mailchimp',
        fromEmail: 'Acme <hello@acme.example>',
        sendgridCredential: 'sendgrid',
      }),
    );
    await engine.startScheduler();
    const { response, runs } = await call(hook('customers/signed-up', json({ email: 'Ada@Example.com', firstName: 'Ada' })));
    expect(response.status).toBe(200);
    expect(runs.map((r) => r.status)).toEqual(['waiting']);
    // Mailchimp names a member by the MD5 hash of the lowercased address (its documented subscriber hash).
    const hash = createHash('md5').update('ada@example.com').digest('hex');
    const mail = (subject: string, text: string) => ({
      method: 'POST',
      path: '/v3/mail/send',
      query: {},
      auth: `Bearer ${SENDGRID_KEY}`,
      contentType: 'application/json',
      body: {
        personalizations: [{ to: [{ email: 'Ada@Example.com' }] }],
        from: { email: 'hello@acme.example', name: 'Acme' },
        subject,
        content: [{ type: 'text/plain', value: text }],
      },
    });
    expect(await received()).toEqual({
      mailchimp: [
        {
          method: 'PUT',
          path: `/3.0/lists/a1b2c3d4e5/members/${hash}`,
          query: {},
          auth: `Basic user:${MAILCHIMP_KEY}`,
          contentType: 'application/json',
          body: { email_address: 'Ada@Example.com', status_if_new: 'subscribed', merge_fields: { FNAME: 'Ada' } },
        },
      ],
      sendgrid: [
        mail(
          'Welcome aboard, Ada!',
          'Hi Ada,\n\nThank you for signing up. Reply to this email whenever you have a question: a person reads every answer.\n\nSee you soon!',
        ),
      ],
    });
    expect(await advanceTo('2026-06-04T06:59:59.000Z')).toEqual([]);
    expect(await received()).toEqual({});
    const resumed = await advanceTo('2026-06-04T07:00:00.000Z');
    expect(resumed.map((r) => [r.id, r.status])).toEqual([[runs[0]!.id, 'success']]);
    expect(await received()).toEqual({
      sendgrid: [
        mail(
          'How is it going, Ada?',
          'Hi Ada,\n\nYou have had a few days to look around. Is there anything we can help with? Just reply to this email.\n\nThanks!',
        ),
      ],
    });
    engine.stopScheduler();
  });
});

describe('filling a starter template', () => {
  it('names the placeholder, by key and label, that was left empty', () => {
    const run = () =>
      fillTemplate(load('stripe-payment-to-slack.json'), {
        stripeSigningSecret: 'stripe-signing',
        slackChannel: ' ',
        slackCredential: 'slack',
      });
    expect(run).toThrow(TemplateError);
    expect(run).toThrow(
      'Template "Stripe payment alert in Slack" cannot be filled (1 problem):\n  - values.slackChannel: placeholder "slackChannel" (Slack channel) needs a text, but it is empty',
    );
  });

  it('names every placeholder given no value at all', () => {
    try {
      fillTemplate(load('customer-onboarding-sequence.json'), { audienceId: 'a1b2c3d4e5' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).placeholders).toEqual(['mailchimpCredential', 'fromEmail', 'sendgridCredential']);
    }
  });
});
