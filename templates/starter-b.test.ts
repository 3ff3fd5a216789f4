// The starter templates 11 to 20, end to end: each is validated, its gallery metadata read, filled with a person's
// values, and run against recording stand-ins of the services it calls (on 127.0.0.1, reached through a relay
// fetch as a host's relay would), on a test clock. The tests check what reached each service.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import {
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
import { createNodeEngine } from '@flowloom/engine/node';
import { createTestClock, type TestClock } from '@flowloom/engine/testing';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { allIntegrationCredentials, allIntegrations } from '@flowloom/integrations';
import Stripe from 'stripe';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SheetsModel } from '../packages/integrations/src/services/google-sheets/testing/sheets-model.js';
import {
  relayFetch,
  startVendorServer,
  type Answers,
  type NormalizedRequest,
  type VendorServer,
} from '../packages/integrations/src/testing/service-harness.js';

const FILES = [
  'invoice-generation.json',
  'survey-response-processing.json',
  'social-cross-posting.json',
  'data-backup-to-s3-and-drive.json',
  'scheduled-analytics-report.json',
  'calendar-event-reminders.json',
  'support-ticket-routing.json',
  'marketing-campaign-trigger.json',
  'inventory-sync-shopify-woocommerce.json',
  'analytics-data-collection.json',
] as const;
type TemplateFile = (typeof FILES)[number];

const load = (file: TemplateFile) =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`./${file}`, import.meta.url)), 'utf8')) as WorkflowInput;

/** Monday 1 June 2026, 07:00 UTC. */
const START = Date.UTC(2026, 5, 1, 7, 0, 0);
const SLACK_TOKEN = 'xoxb-template-b-51c';
const SENDGRID_KEY = 'SG.template-b-key';
const GOOGLE_CLIENT = { clientId: '5678-template.apps.googleusercontent.com', clientSecret: 'GOCSPX-template-b' };
const SHEETS_TOKEN = 'ya29.template-b-sheets';
const GMAIL_TOKEN = 'ya29.template-b-gmail';
const DRIVE_TOKEN = 'ya29.template-b-drive';
const ANALYTICS_TOKEN = 'ya29.template-b-analytics';
const TEAMS_TOKEN = 'eyJ0eXAiOiJKV1Qi.template-b-graph';
const TELEGRAM_TOKEN = '110201543:AAHtemplateBtemplateBtemplateB0';
const DISCORD_TOKEN = 'discord-template-b-bot';
const TWILIO_SID = `AC${'7e'.repeat(16)}`;
const TWILIO_TOKEN = 'twilio-template-b-token';
const MAILCHIMP_KEY = 'fedcba9876543210fedcba9876543210-us21';
const META_TOKEN = 'EAATemplateB0123';
const WOO = { url: 'https://shop.example.com', consumerKey: 'ck_template_b', consumerSecret: 'cs_template_b' };
const MEASUREMENT = { apiSecret: 'mp-template-b-secret', measurementId: 'G-TEMPLATEB1' };
const AWS = { accessKeyId: 'AKIATEMPLATEB0000000', secretAccessKey: 'template/b/secret/key/0000000000000000000', region: 'eu-west-1' };
const STRIPE_SECRET = 'whsec_template_b_secret';
const SHOPIFY_SECRET = 'shpss_template_b_secret';
const SOURCE_TOKEN = 'export-token-3f9';
const CALENDAR_TOKEN = 'ya29.template-b-calendar';
const SPREADSHEET = '1TemplateBSheetIdForTests00000000000000000';
const PROPERTY = '123456789';

const CREDENTIALS = [
  { id: 'slack', type: 'slackApi', data: { token: SLACK_TOKEN } },
  { id: 'sendgrid', type: 'sendGridApi', data: { apiKey: SENDGRID_KEY } },
  { id: 'sheets', type: 'googleSheetsOAuth2Api', data: GOOGLE_CLIENT },
  { id: 'gmail', type: 'gmailOAuth2Api', data: GOOGLE_CLIENT },
  { id: 'drive', type: 'googleDriveOAuth2Api', data: GOOGLE_CLIENT },
  { id: 'analytics', type: 'googleAnalyticsOAuth2Api', data: GOOGLE_CLIENT },
  { id: 'measurement', type: 'googleAnalyticsMeasurementApi', data: MEASUREMENT },
  { id: 'teams', type: 'microsoftTeamsOAuth2Api', data: { clientId: '11111111-2222-3333-4444-555555555555', clientSecret: 'app~b' } },
  { id: 'telegram', type: 'telegramApi', data: { botToken: TELEGRAM_TOKEN } },
  { id: 'discord', type: 'discordBotApi', data: { token: DISCORD_TOKEN } },
  { id: 'twilio', type: 'twilioApi', data: { accountSid: TWILIO_SID, authToken: TWILIO_TOKEN } },
  { id: 'mailchimp', type: 'mailchimpApi', data: { apiKey: MAILCHIMP_KEY } },
  { id: 'meta', type: 'metaAdsApi', data: { accessToken: META_TOKEN } },
  { id: 'woo', type: 'wooCommerceApi', data: WOO },
  { id: 'aws', type: 'awsS3Api', data: AWS },
  { id: 'stripe-signing', type: 'stripeWebhookSecret', data: { signingSecret: STRIPE_SECRET } },
  { id: 'shopify-signing', type: 'shopifyWebhookSecret', data: { clientSecret: SHOPIFY_SECRET } },
  { id: 'source', type: 'bearerToken', data: { token: SOURCE_TOKEN, allowedDomains: ['api.example.com'] } },
  { id: 'calendar', type: 'bearerToken', data: { token: CALENDAR_TOKEN, allowedDomains: ['www.googleapis.com'] } },
];
const OAUTH_TOKENS: Record<string, string> = {
  sheets: SHEETS_TOKEN,
  gmail: GMAIL_TOKEN,
  drive: DRIVE_TOKEN,
  analytics: ANALYTICS_TOKEN,
  teams: TEAMS_TOKEN,
};

const sheet = new SheetsModel(SPREADSHEET);
/** What the stand-ins hold that a test sets: the export's records, the calendar's events, WooCommerce's products. */
const state = {
  records: [] as unknown[],
  events: [] as unknown[],
  wooProducts: [] as { id: number; sku: string; stock_quantity: number }[],
};
const bodyOf = (request: SeenRequest) => JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
const pathOf = (request: SeenRequest) => new URL(request.url, 'http://x').pathname;

/** The stand-ins, one recording server per service, each answering as the service documents. */
const STANDINS: Record<string, { hosts: string[]; answers: Answers; authHeaders?: string[] }> = {
  slack: {
    hosts: ['slack.com'],
    answers: (request) =>
      request.url === '/api/chat.postMessage' ? { body: { ok: true, channel: 'C0TEMPLATE', ts: '1780300000.000200' } } : undefined,
  },
  sendgrid: {
    hosts: ['api.sendgrid.com'],
    answers: (request) => (request.url === '/v3/mail/send' ? { status: 202 } : undefined),
  },
  sheets: {
    hosts: ['sheets.googleapis.com'],
    answers: (request) => (request.headers.authorization === `Bearer ${SHEETS_TOKEN}` ? sheet.answer(request) : { status: 401 }),
  },
  gmail: {
    hosts: ['gmail.googleapis.com'],
    answers: (request) => {
      if (pathOf(request) === '/gmail/v1/users/me/profile') return { body: { emailAddress: 'billing@acme.example', messagesTotal: 12 } };
      if (pathOf(request) === '/gmail/v1/users/me/messages/send')
        return { body: { id: '18f0c0ffee', threadId: '18f0c0ffee', labelIds: ['SENT'] } };
      return undefined;
    },
  },
  telegram: {
    hosts: ['api.telegram.org'],
    answers: (request) => {
      const sent = Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
      return {
        body: { ok: true, result: { message_id: 77, chat: { id: -1001, type: 'channel' }, date: START / 1000, text: sent['text'] } },
      };
    },
  },
  discord: {
    hosts: ['discord.com'],
    answers: (request) => ({ body: { id: '1240000000000000002', channel_id: request.url.split('/')[4], ...bodyOf(request) } }),
  },
  s3: {
    hosts: ['acme-backups.s3.eu-west-1.amazonaws.com'],
    answers: (request) => (request.method === 'PUT' ? { headers: { etag: '"9b2cf535f27731c974343645a3985328"' } } : undefined),
  },
  /** www.googleapis.com: Drive's uploads and the Calendar API. */
  googleapis: {
    hosts: ['www.googleapis.com'],
    answers: (request) => {
      if (pathOf(request) === '/upload/drive/v3/files') {
        return { body: { id: '1DriveBackupFileId', name: 'backup', mimeType: 'application/gzip', parents: ['1BackupsFolder'] } };
      }
      if (pathOf(request) === '/calendar/v3/calendars/primary/events') return { body: { kind: 'calendar#events', items: state.events } };
      return undefined;
    },
  },
  source: {
    hosts: ['api.example.com'],
    answers: (request) => (pathOf(request) === '/v1/customers' ? { body: state.records } : undefined),
  },
  analytics: {
    hosts: ['analyticsdata.googleapis.com'],
    answers: (request) =>
      pathOf(request) === `/v1beta/properties/${PROPERTY}:runReport`
        ? {
            body: {
              dimensionHeaders: [{ name: 'sessionDefaultChannelGroup' }],
              metricHeaders: [
                { name: 'sessions', type: 'TYPE_INTEGER' },
                { name: 'activeUsers', type: 'TYPE_INTEGER' },
              ],
              rows: [
                ['Organic Search', '5210', '3980'],
                ['Direct', '2480', '2011'],
                ['Email', '640', '522'],
              ].map(([channel, sessions, users]) => ({
                dimensionValues: [{ value: channel }],
                metricValues: [{ value: sessions }, { value: users }],
              })),
              rowCount: 3,
              kind: 'analyticsData#runReport',
            },
          }
        : undefined,
  },
  measurement: {
    hosts: ['www.google-analytics.com'],
    answers: (request) => (pathOf(request) === '/mp/collect' ? { status: 204 } : undefined),
  },
  teams: {
    hosts: ['graph.microsoft.com'],
    answers: (request) => (request.method === 'POST' ? { status: 201, body: { id: '1780300000000', ...bodyOf(request) } } : undefined),
  },
  twilio: {
    hosts: ['api.twilio.com'],
    answers: (request) => {
      const sent = Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
      return {
        status: 201,
        body: { sid: `SM${'0a'.repeat(16)}`, status: 'queued', to: sent['To'], from: sent['From'], body: sent['Body'] },
      };
    },
  },
  mailchimp: {
    hosts: ['us21.api.mailchimp.com'],
    answers: (request) => {
      if (request.method === 'POST' && pathOf(request) === '/3.0/campaigns') {
        return { body: { id: 'c0ffee0123', web_id: 42, type: 'regular', status: 'save', ...bodyOf(request) } };
      }
      if (request.method === 'POST' && pathOf(request) === '/3.0/campaigns/c0ffee0123/actions/send') return { status: 204 };
      return undefined;
    },
  },
  meta: {
    hosts: ['graph.facebook.com'],
    answers: (request) => (request.method === 'POST' ? { body: { success: true } } : undefined),
  },
  woo: {
    hosts: ['shop.example.com'],
    answers: (request) => {
      const url = new URL(request.url, 'http://x');
      if (request.method === 'GET' && url.pathname === '/wp-json/wc/v3/products') {
        const sku = url.searchParams.get('sku');
        return { headers: { 'x-wp-total': '1', 'x-wp-totalpages': '1' }, body: state.wooProducts.filter((p) => p.sku === sku) };
      }
      const id = /^\/wp-json\/wc\/v3\/products\/(\d+)$/.exec(url.pathname)?.[1];
      if (request.method === 'PUT' && id) {
        const product = state.wooProducts.find((p) => p.id === Number(id));
        return product
          ? { body: { ...product, ...bodyOf(request) } }
          : { status: 404, body: { code: 'woocommerce_rest_product_invalid_id' } };
      }
      return undefined;
    },
  },
};

const servers: Record<string, VendorServer> = {};
const routes: Record<string, string> = {};

beforeAll(async () => {
  for (const [name, standin] of Object.entries(STANDINS)) {
    const server = await startVendorServer(standin.answers, standin.authHeaders);
    servers[name] = server;
    for (const host of standin.hosts) routes[host] = server.url;
  }
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
});

type Received = Record<string, NormalizedRequest[]>;
/** The requests each stand-in received since the last look, by service; services that got none are left out. */
async function received(): Promise<Received> {
  const out: Received = {};
  for (const [name, server] of Object.entries(servers)) {
    const taken = await server.take();
    if (taken.length > 0) out[name] = taken;
  }
  return out;
}
/** The last `count` requests one stand-in received, as they arrived (for bodies that are bytes). */
const rawRequests = (name: string, count: number) => servers[name]!.requests.slice(-count);

let engine: Engine;
let clock: TestClock;
let finished: Execution[];

beforeEach(async () => {
  clock = createTestClock({ start: START });
  // The Node entry's engine runs the Code node (in worker threads); the relay sends every vendor name to 127.0.0.1.
  engine = createNodeEngine({
    nodeTypes: [...allIntegrations],
    credentialTypes: [...allIntegrationCredentials],
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(11) }),
    fetch: relayFetch(routes),
    http: { allowPrivateNetworks: true },
    clock,
    logger: silentLogger,
  });
  for (const credential of CREDENTIALS) await engine.credentials.create({ ...credential, name: credential.id });
  for (const [id, accessToken] of Object.entries(OAUTH_TOKENS)) {
    await engine.credentials.oauth2.importTokens(id, { accessToken, tokenType: 'Bearer' });
  }
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

/** Each run's status, with the error's message when one failed. */
const outcomes = (runs: Execution[]) => runs.map((r) => r.error?.message ?? r.status);

describe('starter templates 11-20: the documents', () => {
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
    // Every credential slot of a service node is a placeholder's target, so a filled template needs no more set-up.
    const slots = new Set(meta.placeholders.flatMap((p) => p.targets.filter((t) => t.slot).map((t) => `${t.node}/${t.slot}`)));
    for (const node of workflow.nodes) {
      for (const slot of Object.keys(node.credentials ?? {})) expect(slots.has(`${node.id}/${slot}`)).toBe(true);
    }
  });

  it('refuses to fill a template with a placeholder left empty, naming it', () => {
    const template = load('social-cross-posting.json');
    const values = { telegramChat: '@acme', telegramCredential: 'telegram', discordChannel: '1', discordCredential: 'discord' };
    let error: unknown;
    try {
      fillTemplate(template, { ...values, slackChannel: '  ', slackCredential: 'slack' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).placeholders).toEqual(['slackChannel']);
    expect((error as TemplateError).message).toContain('placeholder "slackChannel" (Slack channel)');
  });
});

/** A MIME entity as RFC 2045 and 2046 define it: its headers (unfolded, by lower-case name), its body decoded, its parts. */
interface MimeEntity {
  headers: Record<string, string>;
  body: string;
  parts: MimeEntity[];
}
/** A header's RFC 2047 encoded words (`=?utf-8?B?...?=`, `=?utf-8?Q?...?=`) as the text they stand for. */
const decodeWords = (value: string) =>
  value.replace(/\?=\s+=\?/g, '?==?').replace(/=\?utf-8\?([BQ])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : Buffer.from(
          text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8'),
  );
function readMime(text: string): MimeEntity {
  const split = text.indexOf('\r\n\r\n');
  const headers: Record<string, string> = {};
  for (const line of text
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  const raw = text.slice(split + 4);
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (boundary) {
    const parts = raw.split(`--${boundary}`).slice(1, -1);
    return { headers, body: '', parts: parts.map((part) => readMime(part.replace(/^\r\n/, ''))) };
  }
  const encoding = headers['content-transfer-encoding']?.toLowerCase();
  const body =
    encoding === 'base64'
      ? Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8')
        : raw;
  return { headers, body, parts: [] };
}
const leaves = (entity: MimeEntity): MimeEntity[] => (entity.parts.length > 0 ? entity.parts.flatMap(leaves) : [entity]);

describe('11. Invoice receipt by email', () => {
  const stripe = new Stripe('sk_test_template_b');
  const invoicePaid = () => ({
    id: 'evt_template_b_1',
    object: 'event',
    type: 'invoice.paid',
    created: START / 1000,
    data: {
      object: {
        id: 'in_1TemplateB',
        object: 'invoice',
        number: 'ACME-0042',
        currency: 'eur',
        customer_email: 'grace@example.com',
        customer_name: 'Grace <Hopper>',
        status: 'paid',
        status_transitions: { paid_at: START / 1000 },
        subtotal: 12000,
        tax: 2400,
        total: 14400,
        lines: {
          object: 'list',
          data: [
            { id: 'il_1', description: 'Pro plan (June)', quantity: 1, amount: 9000 },
            { id: 'il_2', description: 'Extra seats', quantity: 3, amount: 3000 },
          ],
        },
      },
    },
  });
  /** A call signed by the stripe library itself, at the engine clock's time. */
  const stripeCall = (body: unknown) => {
    const payload = JSON.stringify(body);
    const header = stripe.webhooks.generateTestHeaderString({ payload, secret: STRIPE_SECRET, timestamp: Math.floor(clock.now() / 1000) });
    return hook('stripe/invoices', json(payload, { 'stripe-signature': header }));
  };

  it('builds the receipt of a paid invoice and emails it as HTML to the customer, with a blind copy to accounting', async () => {
    await engine.activate(
      filled('invoice-generation.json', {
        stripeSigningSecret: 'stripe-signing',
        companyName: 'Acme Ltd',
        accountingEmail: 'accounting@acme.example',
        gmailCredential: 'gmail',
      }),
    );
    const { response, runs } = await call(stripeCall(invoicePaid()));
    expect(response.status).toBe(200);
    expect(outcomes(runs)).toEqual(['success']);
    const sent = await received();
    expect(Object.keys(sent)).toEqual(['gmail']);
    expect(sent['gmail']!.map((r) => [r.method, r.path, r.auth])).toEqual([
      ['GET', '/gmail/v1/users/me/profile', `Bearer ${GMAIL_TOKEN}`],
      ['POST', '/gmail/v1/users/me/messages/send', `Bearer ${GMAIL_TOKEN}`],
    ]);
    const email = readMime(Buffer.from((sent['gmail']![1]!.body as { raw: string }).raw, 'base64url').toString('latin1'));
    expect([email.headers['from'], email.headers['to'], email.headers['bcc'], email.headers['subject']]).toEqual([
      'Acme Ltd <billing@acme.example>',
      '<grace@example.com>',
      '<accounting@acme.example>',
      'Your receipt ACME-0042',
    ]);
    const html = leaves(email).find((part) => part.headers['content-type']?.startsWith('text/html'));
    expect(html?.body).toBe(
      '<html><body><h1>Receipt ACME-0042</h1><p>Paid on 2026-06-01 by Grace &lt;Hopper&gt;.</p>' +
        '<table><tr><th>Item</th><th>Quantity</th><th>Amount</th></tr>' +
        '<tr><td>Pro plan (June)</td><td>1</td><td>90.00 EUR</td></tr><tr><td>Extra seats</td><td>3</td><td>30.00 EUR</td></tr></table>' +
        '<p>Subtotal: 120.00 EUR<br>Tax: 24.00 EUR<br><b>Total: 144.00 EUR</b></p></body></html>',
    );
  });

  it('refuses a call whose signature was made with another secret, and emails nothing', async () => {
    await engine.activate(
      filled('invoice-generation.json', {
        stripeSigningSecret: 'stripe-signing',
        companyName: 'Acme Ltd',
        accountingEmail: 'accounting@acme.example',
        gmailCredential: 'gmail',
      }),
    );
    const payload = JSON.stringify(invoicePaid());
    const forged = stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_other', timestamp: Math.floor(clock.now() / 1000) });
    const { response, runs } = await call(hook('stripe/invoices', json(payload, { 'stripe-signature': forged })));
    expect(response.status).toBe(401);
    expect(runs).toEqual([]);
    expect(await received()).toEqual({});
  });
});

describe('12. Survey responses to Sheets, detractors to Slack', () => {
  const values = {
    spreadsheet: `https://docs.google.com/spreadsheets/d/${SPREADSHEET}/edit#gid=0`,
    sheetsCredential: 'sheets',
    slackChannel: 'C0FEEDBACK',
    slackCredential: 'slack',
  };

  it('appends every answer to the sheet and posts only the detractor to Slack', async () => {
    sheet.set('Responses', [['email', 'score', 'segment', 'comment', 'submittedAt']]);
    await engine.activate(filled('survey-response-processing.json', values));
    const answers = [
      { email: ' Ada@Example.com ', score: 10, comment: 'Love it' },
      { email: 'linus@example.com', score: '4', comment: 'Too slow since the update' },
      { email: 'grace@example.com', score: 8 },
    ];
    const runs: Execution[] = [];
    for (const answer of answers) runs.push(...(await call(hook('surveys/responses', json(answer)))).runs);
    expect(outcomes(runs)).toEqual(['success', 'success', 'success']);
    expect(sheet.grid('Responses')).toEqual([
      ['email', 'score', 'segment', 'comment', 'submittedAt'],
      ['ada@example.com', 10, 'promoter', 'Love it', '2026-06-01T07:00:00.000Z'],
      ['linus@example.com', 4, 'detractor', 'Too slow since the update', '2026-06-01T07:00:00.000Z'],
      ['grace@example.com', 8, 'passive', '', '2026-06-01T07:00:00.000Z'],
    ]);
    const sent = await received();
    expect(sent['sheets']!.every((r) => r.auth === `Bearer ${SHEETS_TOKEN}` && r.path.includes(SPREADSHEET))).toBe(true);
    expect(sent['slack']).toEqual([
      {
        method: 'POST',
        path: '/api/chat.postMessage',
        query: {},
        auth: `Bearer ${SLACK_TOKEN}`,
        contentType: 'application/x-www-form-urlencoded',
        body: { channel: 'C0FEEDBACK', text: ':warning: linus@example.com scored us 4/10: Too slow since the update' },
      },
    ]);
  });
});

describe('13. Cross-post to Telegram, Discord and Slack', () => {
  it('posts the announcement with its link to the three channels', async () => {
    await engine.activate(
      filled('social-cross-posting.json', {
        telegramChat: '@acme_news',
        telegramCredential: 'telegram',
        discordChannel: '1240000000000000777',
        discordCredential: 'discord',
        slackChannel: '#announcements',
        slackCredential: 'slack',
      }),
    );
    const { runs } = await call(hook('social/posts', json({ text: 'Flowloom 2.0 is out!', link: 'https://example.com/blog/2-0' })));
    expect(outcomes(runs)).toEqual(['success']);
    const message = 'Flowloom 2.0 is out!\nhttps://example.com/blog/2-0';
    expect(await received()).toEqual({
      slack: [
        {
          method: 'POST',
          path: '/api/chat.postMessage',
          query: {},
          auth: `Bearer ${SLACK_TOKEN}`,
          contentType: 'application/x-www-form-urlencoded',
          body: { channel: '#announcements', text: message },
        },
      ],
      telegram: [
        {
          method: 'POST',
          path: `/bot${TELEGRAM_TOKEN}/sendMessage`,
          query: {},
          auth: undefined,
          contentType: 'application/x-www-form-urlencoded',
          body: { chat_id: '@acme_news', text: message },
        },
      ],
      discord: [
        {
          method: 'POST',
          path: '/api/v10/channels/1240000000000000777/messages',
          query: {},
          auth: `Bot ${DISCORD_TOKEN}`,
          contentType: 'application/json',
          body: { content: message },
        },
      ],
    });
  });

  it('posts the text alone when the announcement has no link', async () => {
    await engine.activate(
      filled('social-cross-posting.json', {
        telegramChat: '-1001234567890',
        telegramCredential: 'telegram',
        discordChannel: '1240000000000000777',
        discordCredential: 'discord',
        slackChannel: '#announcements',
        slackCredential: 'slack',
      }),
    );
    await call(hook('social/posts', json({ text: 'Maintenance tonight at 22:00 UTC.' })));
    const sent = await received();
    expect([
      (sent['telegram']![0]!.body as Record<string, string>)['text'],
      (sent['discord']![0]!.body as Record<string, string>)['content'],
      (sent['slack']![0]!.body as Record<string, string>)['text'],
    ]).toEqual(Array(3).fill('Maintenance tonight at 22:00 UTC.'));
    expect((sent['telegram']![0]!.body as Record<string, string>)['chat_id']).toBe('-1001234567890');
  });
});

describe('20. Collect events into Google Analytics and Sheets', () => {
  it('sends each event to GA4 through the Measurement Protocol and logs it in the sheet', async () => {
    sheet.set('Events', [['receivedAt', 'clientId', 'event', 'value', 'currency', 'page']]);
    await engine.activate(
      filled('analytics-data-collection.json', {
        measurementCredential: 'measurement',
        spreadsheet: SPREADSHEET,
        sheetsCredential: 'sheets',
      }),
    );
    const { runs } = await call(
      hook('analytics/events', json({ clientId: '1789.1780300000', event: 'sign_up', value: 0, page: 'https://example.com/pricing' })),
    );
    expect(outcomes(runs)).toEqual(['success']);
    const sent = await received();
    expect(sent['measurement']).toEqual([
      {
        method: 'POST',
        path: '/mp/collect',
        query: { measurement_id: MEASUREMENT.measurementId, api_secret: MEASUREMENT.apiSecret },
        auth: undefined,
        contentType: 'application/json',
        body: {
          client_id: '1789.1780300000',
          events: [{ name: 'sign_up', params: { page_location: 'https://example.com/pricing', value: 0, currency: 'EUR' } }],
        },
      },
    ]);
    expect(sheet.grid('Events')).toEqual([
      ['receivedAt', 'clientId', 'event', 'value', 'currency', 'page'],
      ['2026-06-01T07:00:00.000Z', '1789.1780300000', 'sign_up', 0, 'EUR', 'https://example.com/pricing'],
    ]);
  });
});

describe('14. Nightly data backup to S3 and Google Drive', () => {
  it('at 02:00 exports the records, gzips them as one JSON file and uploads the same bytes to S3 and Drive', async () => {
    state.records = [
      { id: 1, email: 'ada@example.com', plan: 'pro' },
      { id: 2, email: 'grace@example.com', plan: 'team', tags: ['beta'] },
    ];
    await engine.activate(
      filled('data-backup-to-s3-and-drive.json', {
        sourceUrl: 'https://api.example.com/v1/customers',
        sourceCredential: 'source',
        bucket: 'acme-backups',
        s3Credential: 'aws',
        driveFolder: '1BackupsFolder',
        driveCredential: 'drive',
      }),
    );
    await engine.startScheduler();
    expect(await advanceTo('2026-06-02T01:59:59.000Z')).toEqual([]);
    const runs = await advanceTo('2026-06-02T02:00:00.000Z');
    expect(outcomes(runs)).toEqual(['success']);
    engine.stopScheduler();

    const sent = await received();
    expect(sent['source']).toEqual([
      { method: 'GET', path: '/v1/customers', query: {}, auth: `Bearer ${SOURCE_TOKEN}`, contentType: undefined, body: undefined },
    ]);
    expect(sent['s3']!.map((r) => [r.method, r.path, r.contentType])).toEqual([
      ['PUT', '/backups/backup-2026-06-02.json.gz', 'application/gzip'],
    ]);
    const [put] = rawRequests('s3', 1);
    // Signed with AWS Signature Version 4 by the credential's key, for the bucket's region.
    expect(put!.headers['authorization']).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${AWS.accessKeyId}/20260602/eu-west-1/s3/aws4_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$`,
      ),
    );
    // The file is the records, as JSON, gzipped: node's zlib reads it back.
    expect(JSON.parse(gunzipSync(put!.body).toString('utf8'))).toEqual(state.records);

    expect(sent['googleapis']!.map((r) => [r.method, r.path, r.query, r.auth])).toEqual([
      ['POST', '/upload/drive/v3/files', expect.objectContaining({ uploadType: 'multipart' }), `Bearer ${DRIVE_TOKEN}`],
    ]);
    const [upload] = rawRequests('googleapis', 1);
    const multipart = upload!.body;
    // Drive's multipart upload: the file's metadata as JSON, then the very bytes S3 received.
    expect(multipart.includes(put!.body)).toBe(true);
    const metadata = /\{[^\r\n]*"name"[^\r\n]*\}/.exec(multipart.toString('latin1'))?.[0];
    expect(JSON.parse(metadata!)).toMatchObject({ name: 'backup-2026-06-02.json.gz', parents: ['1BackupsFolder'] });
  });
});

describe('15. Weekly Google Analytics report in Slack', () => {
  it('on Monday at 08:00 runs last week\u2019s report by channel and posts the totals and the top channel', async () => {
    await engine.activate(
      filled('scheduled-analytics-report.json', {
        propertyId: PROPERTY,
        analyticsCredential: 'analytics',
        slackChannel: '#marketing',
        slackCredential: 'slack',
      }),
    );
    await engine.startScheduler();
    expect(await advanceTo('2026-06-01T07:59:59.000Z')).toEqual([]);
    const runs = await advanceTo('2026-06-01T08:00:00.000Z');
    expect(outcomes(runs)).toEqual(['success']);
    // Nothing more until the next Monday.
    expect(await advanceTo('2026-06-08T07:59:59.000Z')).toEqual([]);
    engine.stopScheduler();
    const sent = await received();
    expect(sent['analytics']!.map((r) => [r.method, r.path, r.auth])).toEqual([
      ['POST', `/v1beta/properties/${PROPERTY}:runReport`, `Bearer ${ANALYTICS_TOKEN}`],
    ]);
    expect(sent['analytics']![0]!.body).toMatchObject({
      dimensions: [{ name: 'sessionDefaultChannelGroup' }],
      metrics: [{ name: 'sessions' }, { name: 'activeUsers' }],
      dateRanges: [{ startDate: '7daysAgo', endDate: 'yesterday' }],
      orderBys: [{ metric: { metricName: 'sessions' }, desc: true }],
    });
    expect(sent['slack']).toEqual([
      {
        method: 'POST',
        path: '/api/chat.postMessage',
        query: {},
        auth: `Bearer ${SLACK_TOKEN}`,
        contentType: 'application/x-www-form-urlencoded',
        body: {
          channel: '#marketing',
          text: ':bar_chart: Last 7 days: 8,330 sessions from 6,513 active users. Top channel: Organic Search (5,210 sessions).',
        },
      },
    ]);
  });
});

describe('16. Calendar event reminders by Slack and SMS', () => {
  const values = {
    eventsUrl: 'https://www.googleapis.com/calendar/v3/calendars/primary/events',
    calendarCredential: 'calendar',
    slackChannel: '#meetings',
    slackCredential: 'slack',
    smsTo: '+14155550123',
    smsFrom: '+14155550100',
    twilioCredential: 'twilio',
  };
  const event = (summary: string, start: string, status = 'confirmed') => ({
    kind: 'calendar#event',
    id: summary.toLowerCase().replace(/\W+/g, ''),
    status,
    summary,
    htmlLink: `https://www.google.com/calendar/event?eid=${summary.length}`,
    start: { dateTime: start, timeZone: 'UTC' },
    end: { dateTime: start.replace('T07', 'T08'), timeZone: 'UTC' },
  });

  it('every quarter of an hour asks for the events starting 15 to 30 minutes later and reminds of each once', async () => {
    // Google lists events that end after timeMin: one already under way comes back too, and is skipped.
    state.events = [
      event('Standup', '2026-06-01T06:45:00Z'),
      event('Customer call', '2026-06-01T07:30:00Z'),
      event('Cancelled review', '2026-06-01T07:40:00Z', 'cancelled'),
    ];
    await engine.activate(filled('calendar-event-reminders.json', values));
    await engine.startScheduler();
    const runs = await advanceTo('2026-06-01T07:15:00.000Z');
    expect(outcomes(runs)).toEqual(['success']);
    engine.stopScheduler();
    const sent = await received();
    expect(sent['googleapis']).toEqual([
      {
        method: 'GET',
        path: '/calendar/v3/calendars/primary/events',
        query: { timeMin: '2026-06-01T07:30:00.000Z', timeMax: '2026-06-01T07:45:00.000Z', singleEvents: 'true', orderBy: 'startTime' },
        auth: `Bearer ${CALENDAR_TOKEN}`,
        contentType: undefined,
        body: undefined,
      },
    ]);
    expect(sent['slack']!.map((r) => r.body)).toEqual([
      { channel: '#meetings', text: ':alarm_clock: Customer call starts at 07:30 UTC: https://www.google.com/calendar/event?eid=13' },
    ]);
    expect(sent['twilio']).toEqual([
      {
        method: 'POST',
        path: `/2010-04-01/Accounts/${TWILIO_SID}/Messages.json`,
        query: {},
        auth: `Basic ${TWILIO_SID}:${TWILIO_TOKEN}`,
        contentType: 'application/x-www-form-urlencoded',
        body: { To: '+14155550123', From: '+14155550100', Body: 'Reminder: Customer call at 07:30 UTC' },
      },
    ]);
  });

  it('sends nothing when no event starts in the window', async () => {
    state.events = [];
    await engine.activate(filled('calendar-event-reminders.json', values));
    await engine.startScheduler();
    expect(outcomes(await advanceTo('2026-06-01T07:15:00.000Z'))).toEqual(['success']);
    engine.stopScheduler();
    expect(Object.keys(await received())).toEqual(['googleapis']);
  });
});

describe('17. Route support tickets to Teams, Slack or email', () => {
  it('sends a billing ticket to Teams, a technical one to Slack, and any other to the support inbox', async () => {
    await engine.activate(
      filled('support-ticket-routing.json', {
        teamsTeamId: '0d0f3a4e-5b6c-4d7e-8f90-123456789abc',
        teamsChannelId: '19:billing0123456789@thread.tacv2',
        teamsCredential: 'teams',
        slackChannel: 'C0SUPPORTENG',
        slackCredential: 'slack',
        supportFrom: 'Support desk <desk@example.com>',
        supportInbox: 'support@example.com',
        sendgridCredential: 'sendgrid',
      }),
    );
    const tickets = [
      { category: 'Billing', subject: 'Charged twice', email: 'grace@example.com', message: 'Two charges for May.' },
      { category: 'technical', subject: 'Webhook 500s', email: 'linus@example.com', message: 'Every call fails since noon.' },
      { subject: 'Partnership', email: 'ada@example.com', message: 'Could we talk?' },
    ];
    const runs: Execution[] = [];
    for (const ticket of tickets) runs.push(...(await call(hook('support/tickets', json(ticket)))).runs);
    expect(outcomes(runs)).toEqual(['success', 'success', 'success']);
    const sent = await received();
    expect(sent['teams']!.map((r) => [r.method, r.path, r.auth])).toEqual([
      [
        'POST',
        `/v1.0/teams/0d0f3a4e-5b6c-4d7e-8f90-123456789abc/channels/${encodeURIComponent('19:billing0123456789@thread.tacv2')}/messages`,
        `Bearer ${TEAMS_TOKEN}`,
      ],
    ]);
    expect(sent['teams']![0]!.body).toEqual({
      subject: 'Billing: Charged twice',
      body: { contentType: 'text', content: 'From grace@example.com: Two charges for May.' },
    });
    expect(sent['slack']!.map((r) => r.body)).toEqual([
      { channel: 'C0SUPPORTENG', text: ':wrench: *Webhook 500s* from linus@example.com\nEvery call fails since noon.' },
    ]);
    expect(sent['sendgrid']).toEqual([
      {
        method: 'POST',
        path: '/v3/mail/send',
        query: {},
        auth: `Bearer ${SENDGRID_KEY}`,
        contentType: 'application/json',
        body: {
          personalizations: [{ to: [{ email: 'support@example.com' }] }],
          from: { email: 'desk@example.com', name: 'Support desk' },
          reply_to: { email: 'ada@example.com' },
          subject: '[general] Partnership',
          content: [{ type: 'text/plain', value: 'Could we talk?' }],
        },
      },
    ]);
  });
});

describe('18. Launch a Mailchimp campaign and its Meta ad', () => {
  it('creates the campaign from the template, sends it, then switches the Meta Ads campaign on', async () => {
    await engine.activate(
      filled('marketing-campaign-trigger.json', {
        audienceId: 'a1b2c3d4e5',
        fromName: 'Acme',
        replyTo: 'news@acme.example',
        mailchimpCredential: 'mailchimp',
        metaCampaignId: '120210000000000001',
        metaCredential: 'meta',
      }),
    );
    const { runs } = await call(
      hook(
        'campaigns/launch',
        json({ title: 'Summer launch', subject: 'Meet Flowloom 2.0', previewText: 'Faster, everywhere', templateId: '2001' }),
      ),
    );
    expect(outcomes(runs)).toEqual(['success']);
    const sent = await received();
    // Mailchimp takes HTTP Basic with any user name and the API key as the password.
    const basic = expect.stringMatching(new RegExp(`^Basic [^:]*:${MAILCHIMP_KEY}$`)) as string;
    expect(sent['mailchimp']).toEqual([
      {
        method: 'POST',
        path: '/3.0/campaigns',
        query: {},
        auth: basic,
        contentType: 'application/json',
        body: {
          type: 'regular',
          recipients: { list_id: 'a1b2c3d4e5' },
          settings: {
            subject_line: 'Meet Flowloom 2.0',
            preview_text: 'Faster, everywhere',
            title: 'Summer launch',
            from_name: 'Acme',
            reply_to: 'news@acme.example',
            template_id: 2001,
          },
        },
      },
      { method: 'POST', path: '/3.0/campaigns/c0ffee0123/actions/send', query: {}, auth: basic, contentType: undefined, body: undefined },
    ]);
    // The Graph API takes the token as the access_token query parameter.
    expect(sent['meta']!.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ['POST', '/v24.0/120210000000000001', { access_token: META_TOKEN }, { status: 'ACTIVE' }],
    ]);
  });

  it('leaves the ads off when Mailchimp refuses the campaign', async () => {
    await engine.activate(
      filled('marketing-campaign-trigger.json', {
        audienceId: 'a1b2c3d4e5',
        fromName: 'Acme',
        replyTo: 'news@acme.example',
        mailchimpCredential: 'mailchimp',
        metaCampaignId: '120210000000000001',
        metaCredential: 'meta',
      }),
    );
    servers['mailchimp']!.answerOnce((r) => pathOf(r) === '/3.0/campaigns', {
      status: 400,
      body: {
        type: 'https://mailchimp.com/developer/marketing/docs/errors/',
        title: 'Invalid Resource',
        status: 400,
        detail: 'The template does not exist.',
      },
    });
    const { runs } = await call(hook('campaigns/launch', json({ title: 'Launch', subject: 'Hello', templateId: '9' })));
    expect(runs.map((r) => r.status)).toEqual(['error']);
    expect(runs[0]!.error?.message).toContain('The template does not exist.');
    const sent = await received();
    expect(sent['mailchimp']!.map((r) => r.path)).toEqual(['/3.0/campaigns']);
    expect(sent['meta']).toBeUndefined();
  });
});

describe('19. Sync stock from Shopify to WooCommerce', () => {
  /** A call as Shopify makes it: the raw body signed with the app's secret, base64 HMAC-SHA256 (Shopify's documented scheme). */
  const shopifyCall = (product: unknown, secret = SHOPIFY_SECRET) => {
    const body = JSON.stringify(product);
    return hook(
      'shopify/products',
      json(body, {
        'x-shopify-topic': 'products/update',
        'x-shopify-shop-domain': 'acme.myshopify.com',
        'x-shopify-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
        'x-shopify-webhook-id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      }),
    );
  };
  const product = {
    id: 788032119674292900,
    title: 'Linen shirt',
    variants: [
      { id: 1, sku: 'SHIRT-S', inventory_quantity: 4 },
      { id: 2, sku: 'SHIRT-M', inventory_quantity: 9 },
      { id: 3, sku: '', inventory_quantity: 2 },
      { id: 4, sku: 'SHIRT-L', inventory_quantity: 0 },
    ],
  };

  it('sets the WooCommerce stock of each SKU whose quantity differs, and leaves the others', async () => {
    state.wooProducts = [
      { id: 501, sku: 'SHIRT-S', stock_quantity: 6 },
      { id: 502, sku: 'SHIRT-M', stock_quantity: 9 },
      { id: 503, sku: 'SHIRT-L', stock_quantity: 1 },
    ];
    await engine.activate(
      filled('inventory-sync-shopify-woocommerce.json', { shopifySigningSecret: 'shopify-signing', wooCredential: 'woo' }),
    );
    const { response, runs } = await call(shopifyCall(product));
    expect(response.status).toBe(200);
    expect(outcomes(runs)).toEqual(['success']);
    const sent = await received();
    const basic = `Basic ${WOO.consumerKey}:${WOO.consumerSecret}`;
    expect(sent['woo']!.filter((r) => r.method === 'GET').map((r) => [r.path, r.query['sku'], r.auth])).toEqual([
      ['/wp-json/wc/v3/products', 'SHIRT-S', basic],
      ['/wp-json/wc/v3/products', 'SHIRT-M', basic],
      ['/wp-json/wc/v3/products', 'SHIRT-L', basic],
    ]);
    expect(sent['woo']!.filter((r) => r.method !== 'GET').map((r) => [r.method, r.path, r.auth, r.body])).toEqual([
      ['PUT', '/wp-json/wc/v3/products/501', basic, { manage_stock: true, stock_quantity: 4 }],
      ['PUT', '/wp-json/wc/v3/products/503', basic, { manage_stock: true, stock_quantity: 0 }],
    ]);
  });

  it('refuses a call not signed with the app\u2019s secret, and asks WooCommerce nothing', async () => {
    await engine.activate(
      filled('inventory-sync-shopify-woocommerce.json', { shopifySigningSecret: 'shopify-signing', wooCredential: 'woo' }),
    );
    const { response, runs } = await call(shopifyCall(product, 'shpss_someone_else'));
    expect(response.status).toBe(401);
    expect(runs).toEqual([]);
    expect(await received()).toEqual({});
  });
});
