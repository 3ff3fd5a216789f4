// SendGrid, checked against SendGrid's own SDK (@sendgrid/client, pointed at the recording server with its
// `baseUrl` request default; it sends with axios): both make the same call to one recording server.
// Mail is sent as @sendgrid/mail does it (its MailService.send): @sendgrid/helpers' Mail builds the body,
// and the client posts it to /v3/mail/send.
import { Client } from '@sendgrid/client';
import { classes } from '@sendgrid/helpers';
import type { Item } from '@flowloom/engine';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { type Answer } from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { withoutBodilessContentType } from '../../testing/recording-vendor.js';
import { editFields, lineAfterTrigger } from '../../testing/workflows.js';
import { sendgrid } from './sendgrid.js';

const API_KEY = 'SG.good-key';
const SENDGRID = 'https://api.sendgrid.com';

const templates = ['d-1', 'd-2', 'd-3', 'd-4', 'd-5'].map((id) => ({
  id,
  name: `Template ${id}`,
  generation: 'dynamic',
  updated_at: '2024-05-01 12:00:00',
  versions: [{ id: `v-${id}`, template_id: id, active: 1, name: 'v1', subject: '{{subject}}', updated_at: '2024-05-01 12:00:00' }],
}));
const lists = ['L1', 'L2', 'L3', 'L4', 'L5'].map((id) => ({
  id,
  name: `List ${id}`,
  contact_count: 3,
  _metadata: { self: `${SENDGRID}/v3/marketing/lists/${id}` },
}));
/** Pages by `page_token`: two entries each, and the token of the next page. */
const pageOf = <T>(all: T[], token: string | null) => {
  const start = token ? Number(token.slice(1)) : 0;
  return { entries: all.slice(start, start + 2), next: start + 2 < all.length ? `p${start + 2}` : undefined };
};
const contact = (email: string, first: string) => ({
  id: `id-${first}`,
  email,
  first_name: first,
  last_name: 'Lovelace',
  alternate_emails: [],
  list_ids: ['L1'],
  custom_fields: {},
  created_at: '2024-03-02T15:25:47Z',
  updated_at: '2024-03-30T15:26:16Z',
  _metadata: { self: `${SENDGRID}/v3/marketing/contacts/id-${first}` },
});
const known: Record<string, ReturnType<typeof contact>> = {
  'ada@example.com': contact('ada@example.com', 'Ada'),
  'grace@example.com': contact('grace@example.com', 'Grace'),
};
const metrics = { blocks: 0, bounces: 1, clicks: 4, delivered: 40, opens: 12, processed: 41, requests: 42, unique_opens: 10 };

/** Answers shaped like SendGrid's documented ones; `overrides` answer first when they match. */
const overrides: ((path: string, sdk: boolean) => Answer | undefined)[] = [];

function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const fromSdk = String(request.headers['user-agent'] ?? '').startsWith('sendgrid/');
  for (const override of overrides) {
    const answer = override(url.pathname, fromSdk);
    if (answer) return answer;
  }
  const body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  // `_metadata.next` is an absolute URL: SendGrid's host for the node (the relay brings it here), this server for the SDK.
  const nextUrl = (token: string | undefined) => {
    if (!token) return undefined;
    const next = new URL(`${fromSdk ? bed.server.url : SENDGRID}${url.pathname}${url.search}`);
    next.searchParams.set('page_token', token);
    return next.href;
  };
  switch (`${request.method} ${url.pathname}`) {
    case 'GET /v3/scopes':
      return request.headers.authorization === `Bearer ${API_KEY}`
        ? { body: { scopes: ['mail.send', 'templates.read', 'marketing.read'] } }
        : { status: 401, body: { errors: [{ field: null, message: 'authorization required' }] } };
    case 'POST /v3/mail/send':
      return { status: 202, headers: { 'x-message-id': 'W3nSxy0bQ1iN3dAa-Msg' } };
    case 'GET /v3/templates': {
      const page = pageOf(templates, url.searchParams.get('page_token'));
      return { body: { result: page.entries, _metadata: { self: `${SENDGRID}/v3/templates`, next: nextUrl(page.next), count: 5 } } };
    }
    case 'GET /v3/templates/d-2':
      return { body: templates[1] };
    case 'PUT /v3/marketing/contacts':
      return { status: 202, body: { job_id: '2387e363-4104-4225-8960-4a5758492351' } };
    case 'POST /v3/marketing/contacts/search/emails': {
      const found = (body['emails'] as string[]).filter((email) => known[email]);
      if (found.length === 0) return { status: 404, body: { errors: [{ field: null, message: 'No contacts found' }] } };
      const result = Object.fromEntries(
        (body['emails'] as string[]).map((email) => [email, known[email] ? { contact: known[email] } : { error: 'contact not found' }]),
      );
      return { body: { result } };
    }
    case 'POST /v3/marketing/contacts/search':
      return {
        body: { result: Object.values(known), contact_count: 2, _metadata: { self: `${SENDGRID}/v3/marketing/contacts/search` } },
      };
    case 'GET /v3/marketing/lists': {
      const page = pageOf(lists, url.searchParams.get('page_token'));
      return {
        body: { result: page.entries, _metadata: { self: `${SENDGRID}/v3/marketing/lists`, next: nextUrl(page.next), count: 5 } },
      };
    }
    case 'POST /v3/marketing/lists':
      return {
        status: 201,
        body: {
          id: 'ca7a3796-e8a8',
          name: body['name'],
          contact_count: 0,
          _metadata: { self: `${SENDGRID}/v3/marketing/lists/ca7a3796-e8a8` },
        },
      };
    case 'GET /v3/stats':
      return {
        body: ['2024-05-01', '2024-05-02'].map((day) => ({ date: day, stats: [{ metrics }] })),
      };
    case 'GET /v3/user/account':
      return { body: { type: 'paid', reputation: 99.7 } };
  }
  return undefined;
}

const bed = serviceTestbed(sendgrid, {
  name: 'SendGrid',
  answers: vendor,
  hosts: ['api.sendgrid.com'],
  credentials: [
    { id: 'key', type: 'sendGridApi', data: { apiKey: API_KEY } },
    { id: 'revoked', type: 'sendGridApi', data: { apiKey: 'SG.revoked' } },
  ],
});
const { take } = bed;
const node = (resource: string, operation: string, parameters: Record<string, unknown>, input?: Item[]) =>
  bed.node(resource, operation, parameters, { input });
let sdk: Client;
beforeAll(() => {
  sdk = sdkClient(API_KEY);
});

/** The SDK's client, sending to the recording server (`setApiKey` resets the base URL, so it comes second). */
function sdkClient(apiKey: string): Client {
  const client = new Client();
  client.setApiKey(apiKey);
  client.setDefaultRequest('baseUrl', `${bed.server.url}/`);
  return client;
}

/** Sends mail as @sendgrid/mail's MailService.send does. */
async function sdkSend(data: NonNullable<ConstructorParameters<typeof classes.Mail>[0]>) {
  const mail = classes.Mail.create({ ...data, isMultiple: false, substitutionWrappers: ['{{', '}}'] });
  return sdk.request({
    method: 'POST',
    url: '/v3/mail/send',
    headers: (mail as { headers?: Record<string, string> }).headers ?? {},
    body: mail.toJSON(),
  });
}

/** Follows `_metadata.next` with the SDK, as its users page through lists. */
async function sdkPages(url: string, qs: Record<string, string | number>) {
  const nextOf = (body: unknown) => (body as { _metadata: { next?: string } })._metadata.next;
  let [, body] = await sdk.request({ method: 'GET', url, qs });
  for (let next = nextOf(body); next; next = nextOf(body)) [, body] = await sdk.request({ method: 'GET', url: next });
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

/** The SDK sends its default `Content-Type: application/json` even without a body; the node sends a type only with one. */
const sdkRequests = async () => (await take()).map(withoutBodilessContentType);

describe('SendGrid, against @sendgrid/client', () => {
  it('sends an email with cc, bcc, reply-to, text and HTML as the SDK does, and returns the message ID', async () => {
    await sdkSend({
      from: 'Acme <hello@acme.test>',
      to: ['ada@example.com', 'Grace Hopper <grace@example.com>'],
      cc: 'carol@example.com',
      bcc: ['audit@acme.test'],
      replyTo: 'support@acme.test',
      subject: 'Your order',
      text: 'Thanks!',
      html: '<p>Thanks!</p>',
      categories: ['orders', 'receipts'],
    });
    const expected = await sdkRequests();
    const { items, requests } = await node('mail', 'send', {
      from: 'Acme <hello@acme.test>',
      to: 'ada@example.com, Grace Hopper <grace@example.com>',
      cc: 'carol@example.com',
      bcc: ['audit@acme.test'],
      replyTo: 'support@acme.test',
      subject: 'Your order',
      text: 'Thanks!',
      html: '<p>Thanks!</p>',
      categories: 'orders, receipts',
    });
    expect(requests).toEqual(expected);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/v3/mail/send',
      auth: `Bearer ${API_KEY}`,
      contentType: 'application/json',
    });
    expect(items).toEqual([{ json: { statusCode: 202, messageId: 'W3nSxy0bQ1iN3dAa-Msg' }, pairedItem: { item: 0 } }]);
  });

  it('sends a dynamic template with its data as the SDK does', async () => {
    const dynamicTemplateData = { firstName: 'Ada', order: { id: 'A-17', lines: [{ sku: 'LOOM', qty: 2 }] } };
    await sdkSend({ from: 'hello@acme.test', to: 'ada@example.com', templateId: 'd-2', dynamicTemplateData });
    const expected = await sdkRequests();
    const { requests } = await node('mail', 'send', {
      from: 'hello@acme.test',
      to: 'ada@example.com',
      templateId: 'd-2',
      dynamicTemplateData,
    });
    expect(requests).toEqual(expected);
    expect(requests[0]!.body).toMatchObject({ template_id: 'd-2', personalizations: [{ dynamic_template_data: dynamicTemplateData }] });
  });

  it('attaches the item\u2019s files as base64 attachments as the SDK does', async () => {
    const invoice = { data: base64('%PDF-1.7 invoice'), mimeType: 'application/pdf', fileName: 'invoice.pdf' };
    const notes = { data: base64('thank you'), mimeType: 'text/plain', fileName: 'notes.txt' };
    await sdkSend({
      from: 'hello@acme.test',
      to: 'ada@example.com',
      subject: 'Invoice',
      text: 'Attached.',
      attachments: [
        { content: invoice.data, filename: 'invoice.pdf', type: 'application/pdf' },
        { content: notes.data, filename: 'notes.txt', type: 'text/plain' },
      ],
    });
    const expected = await sdkRequests();
    const { requests } = await node(
      'mail',
      'send',
      { from: 'hello@acme.test', to: 'ada@example.com', subject: 'Invoice', text: 'Attached.', attachments: 'data, notes' },
      [{ json: {}, binary: { data: invoice, notes } }],
    );
    expect(requests).toEqual(expected);
    expect(Buffer.from((requests[0]!.body as { attachments: { content: string }[] }).attachments[0]!.content, 'base64').toString()).toBe(
      '%PDF-1.7 invoice',
    );
  });

  it('lists dynamic templates over three pages following _metadata.next as the SDK does', async () => {
    await sdkPages('/v3/templates', { generations: 'dynamic', page_size: 200 });
    const expected = await sdkRequests();
    const { items, requests } = await node('template', 'list', { returnAll: true });
    expect(expected).toHaveLength(3);
    expect(requests).toEqual(expected);
    expect(requests.map((r) => r.query)).toEqual([
      { generations: 'dynamic', page_size: '200' },
      { generations: 'dynamic', page_size: '200', page_token: 'p2' },
      { generations: 'dynamic', page_size: '200', page_token: 'p4' },
    ]);
    expect(items.map((i) => i.json['id'])).toEqual(['d-1', 'd-2', 'd-3', 'd-4', 'd-5']);
  });

  it('stops at the limit without asking for pages it does not need', async () => {
    const { items, requests } = await node('template', 'list', { limit: 3 });
    expect(items.map((i) => i.json['id'])).toEqual(['d-1', 'd-2', 'd-3']);
    expect(requests).toHaveLength(2);
  });

  it('gets a template as the SDK does', async () => {
    await sdk.request({ method: 'GET', url: '/v3/templates/d-2' });
    const expected = await sdkRequests();
    const { items, requests } = await node('template', 'get', { templateId: 'd-2' });
    expect(requests).toEqual(expected);
    expect(items[0]!.json).toEqual(templates[1]);
  });

  it('adds or updates a contact with list IDs and custom fields as the SDK does', async () => {
    await sdk.request({
      method: 'PUT',
      url: '/v3/marketing/contacts',
      body: {
        list_ids: ['L1', 'L2'],
        contacts: [
          {
            email: 'ada@example.com',
            first_name: 'Ada',
            last_name: 'Lovelace',
            city: 'London',
            postal_code: 'W1',
            address_line_1: '12 St James Sq',
            alternate_emails: ['ada@analytical.engine'],
            custom_fields: { e1_T: 'engines' },
          },
        ],
      },
    });
    const expected = await sdkRequests();
    const { items, requests } = await node('contact', 'upsert', {
      email: 'ada@example.com',
      listIds: 'L1,L2',
      firstName: 'Ada',
      lastName: 'Lovelace',
      city: 'London',
      postalCode: 'W1',
      addressLine1: '12 St James Sq',
      alternateEmails: ['ada@analytical.engine'],
      customFields: { e1_T: 'engines' },
    });
    expect(requests).toEqual(expected);
    expect(items[0]!.json).toEqual({ job_id: '2387e363-4104-4225-8960-4a5758492351' });
  });

  it('gets contacts by email as the SDK does: one item per contact found, none when SendGrid answers 404', async () => {
    await sdk.request({
      method: 'POST',
      url: '/v3/marketing/contacts/search/emails',
      body: { emails: ['ada@example.com', 'nobody@example.com'] },
    });
    const expected = await sdkRequests();
    const { items, requests } = await node('contact', 'getByEmail', { emails: 'ada@example.com, nobody@example.com' });
    expect(requests).toEqual(expected);
    expect(items).toEqual([{ json: known['ada@example.com'], pairedItem: { item: 0 } }]);
    const none = await node('contact', 'getByEmail', { emails: ['nobody@example.com'] });
    expect(none.execution.status).toBe('success');
    expect(none.items).toEqual([]);
  });

  it('searches contacts with SGQL as the SDK does', async () => {
    const query = "email LIKE '%@example.com'";
    await sdk.request({ method: 'POST', url: '/v3/marketing/contacts/search', body: { query } });
    const expected = await sdkRequests();
    const { items, requests } = await node('contact', 'search', { sgql: query });
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json['email'])).toEqual(['ada@example.com', 'grace@example.com']);
  });

  it('lists marketing lists over three pages and creates one as the SDK does', async () => {
    await sdkPages('/v3/marketing/lists', { page_size: 1000 });
    await sdk.request({ method: 'POST', url: '/v3/marketing/lists', body: { name: 'Newsletter' } });
    const expected = await sdkRequests();
    const listed = await node('list', 'list', { returnAll: true });
    const created = await node('list', 'create', { name: 'Newsletter' });
    expect(expected).toHaveLength(4);
    expect([...listed.requests, ...created.requests]).toEqual(expected);
    expect(listed.items.map((i) => i.json['id'])).toEqual(['L1', 'L2', 'L3', 'L4', 'L5']);
    expect(created.items[0]!.json).toMatchObject({ id: 'ca7a3796-e8a8', name: 'Newsletter', contact_count: 0 });
  });

  it('gets statistics for a date range as the SDK does, one item per day', async () => {
    await sdk.request({ method: 'GET', url: '/v3/stats', qs: { start_date: '2024-05-01', end_date: '2024-05-02', aggregated_by: 'day' } });
    const expected = await sdkRequests();
    const { items, requests } = await node('stats', 'get', { startDate: '2024-05-01T00:00:00.000Z', endDate: '2024-05-02' });
    expect(requests).toEqual(expected);
    expect(items.map((i) => i.json)).toEqual([
      { date: '2024-05-01', stats: [{ metrics }] },
      { date: '2024-05-02', stats: [{ metrics }] },
    ]);
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits until X-RateLimit-Reset on a 429 and then succeeds, on the engine clock',
    parameters: { resource: 'mail', operation: 'send', from: 'hello@acme.test', to: 'ada@example.com', subject: 'Later', text: 'x' },
    limits: (request, path) => path === '/v3/mail/send',
    answer: (clock) => ({
      status: 429,
      headers: {
        'x-ratelimit-limit': '600',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(clock.now() / 1000) + 30),
      },
      body: { errors: [{ field: null, message: 'too many requests' }] },
    }),
    waitMs: 30_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect(limited.map((r) => r.path)).toEqual(['/v3/mail/send']);
      expect(retried.map((r) => r.path)).toEqual(['/v3/mail/send']);
    },
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits as Retry-After says on a 429, on the engine clock',
    parameters: { resource: 'list', operation: 'create', name: 'Later' },
    limits: (request, path) => path === '/v3/marketing/lists',
    answer: { status: 429, headers: { 'retry-after': '7' }, body: { errors: [] } },
    waitMs: 7_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect([...limited, ...retried].map((r) => r.path)).toEqual(['/v3/marketing/lists', '/v3/marketing/lists']);
    },
  });

  it("turns SendGrid's errors into a node error naming the service and the node's parameter, as the SDK reports them", async () => {
    const invalidFrom = {
      message: 'The from email does not contain a valid address.',
      field: 'from.email',
      help: 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html#message.from',
    };
    overrides.push((path) => (path === '/v3/mail/send' ? { status: 400, body: { errors: [invalidFrom] } } : undefined));
    const sdkError = await sdkSend({ from: 'not-an-address', to: 'ada@example.com', subject: 's', text: 'x' }).catch(
      (e: { code: number; response: { body: { errors: { field: string }[] } } }) => [e.code, e.response.body.errors[0]!.field],
    );
    const { execution } = await node('mail', 'send', { from: 'not-an-address', to: 'ada@example.com', subject: 's', text: 'x' });
    overrides.pop();
    expect(sdkError).toEqual([400, 'from.email']);
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toBe(
      "Node 'SendGrid': SendGrid mail.send failed: HTTP 400: The from email does not contain a valid address. (parameter 'from')",
    );
    expect(execution.error?.details).toMatchObject({ service: 'sendgrid', status: 400, parameter: 'from' });
  });

  it('maps nested SendGrid fields to parameters, and names a field no parameter stands for', async () => {
    overrides.push((path) =>
      path === '/v3/mail/send'
        ? {
            status: 400,
            body: { errors: [{ message: 'Invalid email address', field: 'personalizations.0.bcc.0.email' }] },
          }
        : path === '/v3/marketing/contacts'
          ? {
              status: 400,
              body: { errors: [{ message: 'is not a valid postal code', field: 'contacts[0].postal_code', error_id: 'invalid_field' }] },
            }
          : path === '/v3/marketing/lists'
            ? { status: 400, body: { errors: [{ message: 'unknown field', field: 'segments' }] } }
            : undefined,
    );
    const mail = await node('mail', 'send', { from: 'a@acme.test', to: 'b@example.com', bcc: 'nope', text: 'x' });
    const upsert = await node('contact', 'upsert', { email: 'ada@example.com', postalCode: '???' });
    const create = await node('list', 'create', { name: 'x' });
    overrides.pop();
    expect(mail.execution.error?.message).toBe(
      "Node 'SendGrid': SendGrid mail.send failed: HTTP 400: Invalid email address (parameter 'bcc')",
    );
    expect(upsert.execution.error?.message).toBe(
      "Node 'SendGrid': SendGrid contact.upsert failed: HTTP 400 invalid_field: is not a valid postal code (parameter 'postalCode')",
    );
    expect(create.execution.error?.message).toBe(
      "Node 'SendGrid': SendGrid list.create failed: HTTP 400: unknown field (field 'segments')",
    );
  });

  itTestsCredential(
    bed,
    'tests a credential with GET /v3/scopes: a good key passes, a revoked one fails as the SDK sees it',
    [
      { id: 'key', calls: [{ path: '/v3/scopes', auth: `Bearer ${API_KEY}` }] },
      {
        id: 'revoked',
        sdk: async () => {
          const sdkError = await sdkClient('SG.revoked')
            .request({ method: 'GET', url: '/v3/scopes' })
            .catch((e: { code: number }) => e.code);
          expect(sdkError).toBe(401);
        },
        outcome: { ok: false, status: 401, message: 'The test request was refused with HTTP 401 Unauthorized.' },
        calls: [{ path: '/v3/scopes', auth: 'Bearer SG.revoked' }],
      },
    ],
    withoutBodilessContentType,
  );
});

describe('SendGrid in a workflow', () => {
  it('sends each order confirmation from Manual Trigger through Edit Fields to SendGrid, in engine.run and the CLI', async () => {
    await take();
    const workflow = lineAfterTrigger([
      editFields(
        { id: 'fields', name: 'Prepare email' },
        { recipient: '{{ $json.customer }} <{{ $json.email }}>', orderTotal: '{{ $formatNumber($json.total, "0.00") }} EUR' },
      ),
      {
        id: 'mail',
        name: 'Confirm order',
        type: sendgrid.node.type,
        parameters: {
          resource: 'mail',
          operation: 'send',
          from: 'Acme Shop <orders@acme.test>',
          to: '{{ $json.recipient }}',
          templateId: 'd-2',
          dynamicTemplateData: { order: '{{ $json.order }}', total: '{{ $json.orderTotal }}' },
        },
        credentials: { sendGridApi: 'key' },
      },
    ]);
    const input = [
      { json: { customer: 'Ada Lovelace', email: 'ada@example.com', order: 'A-17', total: 42 } },
      { json: { customer: 'Grace Hopper', email: 'grace@example.com', order: 'A-18', total: 7.5 } },
    ];
    const { execution, requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'key', type: 'sendGridApi', data: { apiKey: API_KEY } }],
      input,
      compare: 'mail',
    });
    expect(execution.nodes['mail']![0]!.output['main']!.map((i) => i.json)).toEqual([
      { statusCode: 202, messageId: 'W3nSxy0bQ1iN3dAa-Msg' },
      { statusCode: 202, messageId: 'W3nSxy0bQ1iN3dAa-Msg' },
    ]);
    expect(requests.map((r) => r.body)).toEqual([
      {
        personalizations: [
          { to: [{ email: 'ada@example.com', name: 'Ada Lovelace' }], dynamic_template_data: { order: 'A-17', total: '42.00 EUR' } },
        ],
        from: { email: 'orders@acme.test', name: 'Acme Shop' },
        template_id: 'd-2',
      },
      {
        personalizations: [
          { to: [{ email: 'grace@example.com', name: 'Grace Hopper' }], dynamic_template_data: { order: 'A-18', total: '7.50 EUR' } },
        ],
        from: { email: 'orders@acme.test', name: 'Acme Shop' },
        template_id: 'd-2',
      },
    ]);
  });
});

describe('SendGrid node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Mailer',
    parameters: { resource: 'list', operation: 'create', name: 'x' },
    message: "Node 'Mailer': SendGrid list.create needs a credential: choose a SendGrid API key credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter of the wrong type or left out', {
    name: 'Mailer',
    cases: [
      {
        parameters: { resource: 'template', operation: 'list', limit: 'many' },
        throws: "node 'Mailer' (SendGrid): parameter 'limit' expected a number",
      },
      {
        parameters: { resource: 'mail', operation: 'send', to: 'ada@example.com', text: 'x' },
        fails: "Node 'Mailer': SendGrid mail.send: parameter 'from' is required.",
      },
      {
        parameters: { resource: 'mail', operation: 'send', from: 'a@acme.test', to: 'ada@example.com', subject: 'Hi' },
        fails: "Node 'Mailer': SendGrid mail.send: parameter 'text' or 'html' or 'templateId' is required.",
      },
      {
        parameters: { resource: 'stats', operation: 'get', startDate: 'yesterday' },
        throws: "node 'Mailer' (SendGrid): parameter 'startDate' must be a date such as 2024-05-31",
      },
      {
        parameters: { resource: 'stats', operation: 'get', startDate: '{{ "yesterday" }}' },
        fails: /^Node 'Mailer' \(SendGrid\): parameter 'startDate' must be a date such as 2024-05-31/,
      },
    ],
  });

  itRejectsBadInput(bed, 'names the attachment the item does not have, before sending anything', {
    name: 'Mailer',
    cases: [
      {
        parameters: {
          resource: 'mail',
          operation: 'send',
          from: 'a@acme.test',
          to: 'ada@example.com',
          text: 'x',
          attachments: 'data, invoice',
        },
        input: [{ json: {}, binary: { data: { data: base64('x'), mimeType: 'text/plain' } } }],
        fails: "Node 'Mailer': SendGrid mail.send: parameter 'attachments': the item has no binary 'invoice' with data.",
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Mailer',
    unknown: { service: 'SendGrid', resources: ['mail', 'template', 'contact', 'list', 'stats', 'custom'], operation: ['mail', 'send'] },
  });

  itKeepsCustomCall(bed, 'signs a custom API call on the base URL with the credential', {
    parameters: { method: 'GET', path: '/v3/user/account' },
    request: { method: 'GET', path: '/v3/user/account', auth: `Bearer ${API_KEY}` },
    item: { statusCode: 200, body: { type: 'paid', reputation: 99.7 } },
    exact: true,
  });
});
