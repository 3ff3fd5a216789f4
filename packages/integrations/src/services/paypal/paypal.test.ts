// PayPal, checked against PayPal's server SDK (@paypal/paypal-server-sdk): both make the same calls to one recording
// server, its token call included. The SDK has no base-URL option; its HTTP client (axios) takes an adapter, and the
// test's adapter sends each request, as the SDK built and signed it, to the recording server instead of PayPal. The SDK has no invoicing calls:
// those are checked against PayPal's published Invoicing v2 reference (developer.paypal.com/docs/api/invoicing/v2/).
// Nor has it payouts: those follow the Payouts v1 reference (developer.paypal.com/docs/api/payments.payouts-batch/v1/).
import {
  CheckoutPaymentIntent,
  Client,
  Environment,
  OrdersController,
  PaymentsController,
  SubscriptionsController,
  type ApiError,
} from '@paypal/paypal-server-sdk';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, startVendorServer, type Answer, type VendorServer } from '../../testing/service-harness.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { paypal } from './paypal.js';

const CLIENT_ID = 'AaZ-client';
const SECRET = 'EJ-secret';
const TOKEN = 'A21AAF-token';
const SANDBOX = 'api-m.sandbox.paypal.com';
const LIVE = 'api-m.paypal.com';

const overrides: ((request: SeenRequest, path: string) => Answer | undefined)[] = [];
let liveServer: VendorServer;
let orders: OrdersController;
let payments: PaymentsController;
let subscriptions: SubscriptionsController;

const paypalError = (status: number, name: string, message: string, details?: unknown[]): Answer => ({
  status,
  body: { name, message, debug_id: 'f0e1d2c3', ...(details ? { details } : {}) },
});

/** Answers as PayPal documents them. */
function answer(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const path = url.pathname;
  for (const override of overrides) {
    const found = override(request, path);
    if (found) return found;
  }
  if (path === '/v1/oauth2/token') {
    const basic = Buffer.from(String(request.headers.authorization ?? '').slice(6), 'base64').toString('utf8');
    return basic === `${CLIENT_ID}:${SECRET}`
      ? {
          body: {
            scope: 'https://uri.paypal.com/services/invoicing',
            access_token: TOKEN,
            token_type: 'Bearer',
            app_id: 'APP-80W',
            expires_in: 32400,
            nonce: 'n',
          },
        }
      : { status: 401, body: { error: 'invalid_client', error_description: 'Client Authentication failed' } };
  }
  if (request.headers.authorization !== `Bearer ${TOKEN}`) {
    return { status: 401, body: { error: 'invalid_token', error_description: 'Token signature verification failed' } };
  }
  const body = request.body.length ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  const last = path.split('/').at(-1)!;
  if (request.method === 'GET' && path === '/v1/billing/plans') {
    const page = Number(url.searchParams.get('page'));
    const size = Number(url.searchParams.get('page_size'));
    const count = page < 3 ? size : 1;
    return {
      body: {
        plans: Array.from({ length: count }, (_, i) => ({ id: `P-${page}-${i}`, name: 'Monthly', status: 'ACTIVE' })),
        total_items: 2 * size + 1,
        total_pages: 3,
        links: [],
      },
    };
  }
  if (request.method === 'GET' && path === '/v2/invoicing/invoices') {
    const page = Number(url.searchParams.get('page'));
    return { body: { total_items: 2, total_pages: 1, items: page === 1 ? [{ id: 'INV2-1' }, { id: 'INV2-2' }] : [] } };
  }
  if (request.method === 'GET' && path === '/v1/notifications/webhooks') return { body: { webhooks: [] } };
  if (path === '/v2/checkout/orders' && request.method === 'POST') {
    return {
      status: 201,
      body: {
        id: '5O190127TN364715T',
        status: 'CREATED',
        ...body,
        links: [{ href: 'https://www.paypal.com/checkoutnow?token=5O190127TN364715T', rel: 'payer-action', method: 'GET' }],
      },
    };
  }
  if (path.endsWith('/capture') && path.startsWith('/v2/checkout/orders/')) {
    return {
      status: 201,
      body: {
        id: path.split('/')[4],
        status: 'COMPLETED',
        purchase_units: [
          { payments: { captures: [{ id: '3C679366HH908993F', status: 'COMPLETED', amount: { currency_code: 'USD', value: '100.00' } }] } },
        ],
      },
    };
  }
  if (request.method === 'POST' && path === '/v1/payments/payouts') {
    const header = body['sender_batch_header'] as Record<string, unknown>;
    return {
      status: 201,
      body: {
        batch_header: { payout_batch_id: 'FYXMPQTX4JC9N', batch_status: 'PENDING', sender_batch_header: header },
        links: [{ href: `https://${SANDBOX}/v1/payments/payouts/FYXMPQTX4JC9N`, rel: 'self', method: 'GET' }],
      },
    };
  }
  if (request.method === 'GET' && path.startsWith('/v1/payments/payouts/')) {
    const page = Number(url.searchParams.get('page'));
    const size = Number(url.searchParams.get('page_size'));
    const count = page === 1 ? size : page === 2 ? 2 : 0;
    return {
      body: {
        batch_header: { payout_batch_id: last, batch_status: 'SUCCESS' },
        items: Array.from({ length: count }, (_, i) => ({
          payout_item_id: `ITEM-${page}-${i}`,
          transaction_status: 'SUCCESS',
          payout_batch_id: last,
          payout_item: { recipient_type: 'EMAIL', amount: { value: '1.00', currency: 'USD' }, receiver: `r${i}@example.com` },
        })),
      },
    };
  }
  if (path.startsWith('/v1/payments/payouts-item/')) {
    const item = path.split('/')[4]!;
    return {
      body: {
        payout_item_id: item,
        transaction_status: last === 'cancel' ? 'RETURNED' : 'UNCLAIMED',
        payout_batch_id: 'FYXMPQTX4JC9N',
        payout_item: { recipient_type: 'EMAIL', amount: { value: '9.87', currency: 'USD' }, receiver: 'ada@example.com' },
      },
    };
  }
  if (request.method === 'DELETE' || ['cancel', 'suspend', 'activate', 'void', 'send'].includes(last)) return { status: 204 };
  return {
    status: request.method === 'POST' ? 201 : 200,
    body: { id: request.method === 'POST' ? `${last}-1` : last, status: 'COMPLETED', ...body },
  };
}

interface AxiosLikeConfig {
  url: string;
  method: string;
  headers: { toJSON(): Record<string, string> };
  data?: string;
}

/** Sends a request the SDK built (method, URL, headers, body) to the recording server, and answers as axios would. */
async function recordingAdapter(config: AxiosLikeConfig) {
  const url = new URL(config.url);
  const response = await fetch(`${bed.server.url}${url.pathname}${url.search}`, {
    method: config.method.toUpperCase(),
    headers: config.headers.toJSON(),
    ...(config.data === undefined ? {} : { body: config.data }),
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  return {
    data: await response.text(),
    status: response.status,
    statusText: response.statusText,
    headers,
    config,
    request: {},
  };
}

function sdkClient(clientSecret = SECRET) {
  return new Client({
    clientCredentialsAuthCredentials: { oAuthClientId: CLIENT_ID, oAuthClientSecret: clientSecret },
    environment: Environment.Sandbox,
    timeout: 10_000,
    httpClientOptions: { retryConfig: { maxNumberOfRetries: 0 } },
    unstable_httpClientOptions: { adapter: recordingAdapter },
  });
}

const bed = serviceTestbed(paypal, {
  name: 'PayPal',
  answers: answer,
  hosts: [SANDBOX],
  credentials: [
    { id: 'app', type: 'paypalOAuth2Api', data: { clientId: CLIENT_ID, clientSecret: SECRET, environment: 'sandbox' } },
    { id: 'live', type: 'paypalOAuth2Api', data: { clientId: CLIENT_ID, clientSecret: SECRET, environment: 'live' } },
    { id: 'wrong', type: 'paypalOAuth2Api', data: { clientId: CLIENT_ID, clientSecret: 'not-it', environment: 'sandbox' } },
  ],
});
const { take, node } = bed;

beforeAll(async () => {
  // The live host has a recording server of its own, so a test sees which host a credential reached.
  liveServer = await startVendorServer(answer);
  bed.routes[LIVE] = liveServer.url;
  const client = sdkClient();
  orders = new OrdersController(client);
  payments = new PaymentsController(client);
  subscriptions = new SubscriptionsController(client);
  // Both get their token first, so each operation below is one request from each.
  await orders.getOrder({ id: 'warm' });
  await node('order', 'get', { orderId: 'warm' });
});

afterAll(async () => {
  await liveServer.close();
});

const operations: [string, string, () => Promise<unknown>, Record<string, unknown>][] = [
  [
    'order',
    'create',
    () =>
      orders.createOrder({
        body: {
          intent: CheckoutPaymentIntent.Capture,
          purchaseUnits: [{ referenceId: 'order-42', description: 'Two mugs', amount: { currencyCode: 'USD', value: '100.00' } }],
        },
        paypalRequestId: 'rid',
      }),
    { intent: 'CAPTURE', currency: 'USD', amount: '100.00', description: 'Two mugs', referenceId: 'order-42' },
  ],
  ['order', 'get', () => orders.getOrder({ id: '5O190127TN364715T' }), { orderId: '5O190127TN364715T' }],
  ['order', 'capture', () => orders.captureOrder({ id: '5O190127TN364715T', paypalRequestId: 'rid' }), { orderId: '5O190127TN364715T' }],
  [
    'order',
    'authorize',
    () => orders.authorizeOrder({ id: '5O190127TN364715T', paypalRequestId: 'rid' }),
    { orderId: '5O190127TN364715T' },
  ],
  [
    'payment',
    'refund',
    () =>
      payments.refundCapturedPayment({
        captureId: '3C679366HH908993F',
        body: { amount: { value: '10.99', currencyCode: 'USD' }, invoiceId: 'INV-1', noteToPayer: 'Sorry' },
        paypalRequestId: 'rid',
      }),
    { captureId: '3C679366HH908993F', amount: '10.99', currency: 'USD', invoiceId: 'INV-1', noteToPayer: 'Sorry' },
  ],
  ['payment', 'getCapture', () => payments.getCapturedPayment({ captureId: '3C679366HH908993F' }), { captureId: '3C679366HH908993F' }],
  ['payment', 'getRefund', () => payments.getRefund({ refundId: '1JU08902781691411' }), { refundId: '1JU08902781691411' }],
  [
    'payment',
    'captureAuthorization',
    () =>
      payments.captureAuthorizedPayment({
        authorizationId: '0VF52814937998046',
        body: { amount: { value: '50.00', currencyCode: 'USD' } },
        paypalRequestId: 'rid',
      }),
    { authorizationId: '0VF52814937998046', amount: '50.00', currency: 'USD' },
  ],
  [
    'payment',
    'voidAuthorization',
    () => payments.voidPayment({ authorizationId: '0VF52814937998046' }),
    { authorizationId: '0VF52814937998046' },
  ],
  [
    'subscription',
    'create',
    () =>
      subscriptions.createSubscription({
        body: { planId: 'P-5ML4271244454362WXNWU5NQ', quantity: '2', customId: 'cust-7', subscriber: { emailAddress: 'ada@example.com' } },
        paypalRequestId: 'rid',
      }),
    { planId: 'P-5ML4271244454362WXNWU5NQ', quantity: '2', customId: 'cust-7', subscriberEmail: 'ada@example.com' },
  ],
  ['subscription', 'get', () => subscriptions.getSubscription({ id: 'I-BW452GLLEP1G' }), { subscriptionId: 'I-BW452GLLEP1G' }],
  [
    'subscription',
    'cancel',
    () => subscriptions.cancelSubscription({ id: 'I-BW452GLLEP1G', body: { reason: 'Not satisfied' } }),
    { subscriptionId: 'I-BW452GLLEP1G', reason: 'Not satisfied' },
  ],
  [
    'subscription',
    'suspend',
    () => subscriptions.suspendSubscription({ id: 'I-BW452GLLEP1G', body: { reason: 'Out of stock' } }),
    { subscriptionId: 'I-BW452GLLEP1G', reason: 'Out of stock' },
  ],
  [
    'subscription',
    'activate',
    () => subscriptions.activateSubscription({ id: 'I-BW452GLLEP1G', body: { reason: 'Back in stock' } }),
    { subscriptionId: 'I-BW452GLLEP1G', reason: 'Back in stock' },
  ],
];

describe('PayPal, against the PayPal server SDK', () => {
  it.each(operations)('%s.%s sends what the SDK sends', async (resource, operation, sdkCall, parameters) => {
    await sdkCall();
    const expected = await take();
    const { execution, requests } = await node(resource, operation, parameters);
    expect(execution.error?.message).toBeUndefined();
    // The SDK names a JSON content type on requests without a body too.
    expect(requests).toEqual(
      expected.map((r) => (r.body === undefined && requests[0]?.contentType === undefined ? { ...r, contentType: undefined } : r)),
    );
    expect(requests[0]!.auth).toBe(`Bearer ${TOKEN}`);
  });

  it('gets its token as the SDK does: client credentials, HTTP Basic, at the sandbox host', async () => {
    const fresh = new OrdersController(sdkClient());
    await fresh.getOrder({ id: 'A' });
    const [sdkToken] = await take();
    const again = await bed.startEngine({
      credentials: [{ id: 'app', type: 'paypalOAuth2Api', data: { clientId: CLIENT_ID, clientSecret: SECRET } }],
    });
    const {
      requests: [nodeToken],
    } = await node('order', 'get', { orderId: 'A' }, { engine: again });
    expect(nodeToken).toMatchObject({ method: 'POST', path: '/v1/oauth2/token', auth: `Basic ${CLIENT_ID}:${SECRET}` });
    expect(nodeToken).toMatchObject({
      method: sdkToken!.method,
      path: sdkToken!.path,
      auth: sdkToken!.auth,
      contentType: sdkToken!.contentType,
    });
    expect((nodeToken!.body as Record<string, string>)['grant_type']).toBe((sdkToken!.body as Record<string, string>)['grant_type']);
  });

  itWaitsOutRateLimit(bed, {
    title: 'sends a PayPal-Request-Id on creates and captures, the same when the call is tried again',
    // The token first, so the limited call below is the capture.
    before: (run) => run({ resource: 'order', operation: 'get', orderId: 'A' }),
    parameters: { resource: 'order', operation: 'capture', orderId: 'O-1' },
    limits: (request, path) => path.endsWith('/capture'),
    answer: {
      ...paypalError(429, 'RATE_LIMIT_REACHED', 'Too many requests. Blocked due to rate limiting.'),
      headers: { 'retry-after': '3' },
    },
    waitMs: 3_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect([limited.length, retried.length]).toEqual([1, 1]);
      expect(limited).toEqual(retried);
      const ids = bed.server.requests.slice(-2).map((r) => r.headers['paypal-request-id']);
      expect(typeof ids[0]).toBe('string');
      expect(ids[0]).toBe(ids[1]);
      expect(outputOf(execution)[0]!.json).toMatchObject({ id: 'O-1', status: 'COMPLETED' });
    },
  });

  it('lists billing plans over three pages as the SDK asks for each page', async () => {
    for (const page of [1, 2, 3]) await subscriptions.listBillingPlans({ productId: 'PROD-1', pageSize: 20, page, totalRequired: true });
    const expected = await take();
    const { items, requests } = await node('subscription', 'listPlans', { productId: 'PROD-1', returnAll: true });
    expect(requests).toEqual(expected.map((r) => ({ ...r, contentType: undefined })));
    expect(items).toHaveLength(41);
    expect(items.at(-1)!.json).toMatchObject({ id: 'P-3-0' });
  });

  it("turns PayPal's error into a node error naming the issue and the field, as the SDK reports it", async () => {
    overrides.push((request, path) =>
      path === '/v2/checkout/orders' && request.method === 'POST'
        ? paypalError(
            422,
            'UNPROCESSABLE_ENTITY',
            'The requested action could not be performed, semantically incorrect, or failed business validation.',
            [
              {
                field: '/intent',
                value: 'SELL',
                location: 'body',
                issue: 'INVALID_PARAMETER_VALUE',
                description: 'The value of a field is invalid.',
              },
            ],
          )
        : undefined,
    );
    const sdkError = await orders
      .createOrder({ body: { intent: CheckoutPaymentIntent.Capture, purchaseUnits: [{ amount: { currencyCode: 'USD', value: '1.00' } }] } })
      .catch((e: ApiError) => ({ status: e.statusCode, name: (e.result as { name: string }).name }));
    await take();
    const { execution } = await node('order', 'create', { currency: 'USD', amount: '1.00' });
    overrides.pop();
    expect(sdkError).toEqual({ status: 422, name: 'UNPROCESSABLE_ENTITY' });
    expect(execution.error?.message).toBe(
      "Node 'PayPal': PayPal order.create failed: HTTP 422 INVALID_PARAMETER_VALUE: The requested action could not be performed, semantically incorrect, or failed business validation. The value of a field is invalid. (parameter 'intent')",
    );
    expect(execution.error?.details).toMatchObject({
      service: 'paypal',
      status: 422,
      vendorCode: 'INVALID_PARAMETER_VALUE',
      parameter: 'intent',
    });
  });

  itTestsCredential(
    bed,
    'tests a credential by getting a token and listing webhooks: a wrong secret fails as the SDK sees it',
    [
      { id: 'app', calls: [{ method: 'GET', path: '/v1/notifications/webhooks' }] },
      {
        id: 'wrong',
        sdk: async () => {
          const sdkError = await new OrdersController(sdkClient('not-it')).getOrder({ id: 'A' }).catch((e: Error) => e.constructor.name);
          expect(sdkError).not.toBe(undefined);
        },
        outcome: { ok: false },
        calls: [{ method: 'POST', path: '/v1/oauth2/token' }],
      },
    ],
    // The token request: the same client, as HTTP Basic.
    (r) => r.auth,
  );

  it('sends a live credential to the live host and a sandbox one to the sandbox', async () => {
    const { requests } = await node('order', 'get', { orderId: 'L-1' }, { credentials: { paypalOAuth2Api: 'live' } });
    expect((await liveServer.take()).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/oauth2/token', 'GET /v2/checkout/orders/L-1']);
    expect(requests).toEqual([]);
  });
});

describe('PayPal invoices, against the Invoicing v2 reference', () => {
  it('creates a draft invoice with the documented body', async () => {
    const items = [{ name: 'Setup', quantity: '1', unit_amount: { currency_code: 'USD', value: '50.00' } }];
    const {
      items: out,
      requests: [request],
    } = await node('invoice', 'create', {
      currency: 'USD',
      recipientEmail: 'bill@example.com',
      items,
      invoiceNumber: '#123',
      note: 'Thanks',
      paymentTerm: 'NET_30',
    });
    expect(request).toEqual({
      method: 'POST',
      path: '/v2/invoicing/invoices',
      query: {},
      auth: `Bearer ${TOKEN}`,
      contentType: 'application/json',
      body: {
        detail: { currency_code: 'USD', invoice_number: '#123', note: 'Thanks', payment_term: { term_type: 'NET_30' } },
        primary_recipients: [{ billing_info: { email_address: 'bill@example.com' } }],
        items,
      },
    });
    expect(out[0]!.json).toMatchObject({ id: 'invoices-1' });
  });

  it('gets, lists, sends, cancels and deletes invoices at the documented paths', async () => {
    const runs = [
      await node('invoice', 'get', { invoiceId: 'INV2-1' }),
      await node('invoice', 'list', {}),
      await node('invoice', 'send', { invoiceId: 'INV2-1', subject: 'Your invoice' }),
      await node('invoice', 'cancel', { invoiceId: 'INV2-1', note: 'Sent twice' }),
      await node('invoice', 'delete', { invoiceId: 'INV2-2' }),
    ];
    const requests = runs.flatMap((r) => r.requests);
    expect(requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ['GET', '/v2/invoicing/invoices/INV2-1', {}, undefined],
      ['GET', '/v2/invoicing/invoices', { total_required: 'true', page_size: '100', page: '1' }, undefined],
      ['POST', '/v2/invoicing/invoices/INV2-1/send', {}, { subject: 'Your invoice', send_to_recipient: true }],
      ['POST', '/v2/invoicing/invoices/INV2-1/cancel', {}, { note: 'Sent twice', send_to_recipient: true }],
      ['DELETE', '/v2/invoicing/invoices/INV2-2', {}, undefined],
    ]);
    expect(runs[1]!.items.map((i) => i.json['id'])).toEqual(['INV2-1', 'INV2-2']);
  });
});

describe('PayPal payouts, against the Payouts v1 reference', () => {
  const header = { sender_batch_id: 'Payouts_2026_0601', recipient_type: 'EMAIL', email_subject: 'You have a payout!' };
  const payoutItems = [
    { recipient_type: 'EMAIL', amount: { value: '9.87', currency: 'USD' }, receiver: 'ada@example.com', sender_item_id: 'A-1' },
    {
      recipient_type: 'PHONE',
      amount: { value: '112.34', currency: 'USD' },
      receiver: '408-234-1234',
      note: 'Thanks!',
      recipient_wallet: 'VENMO',
    },
  ];

  it('creates a batch payout with the documented header and items, and a PayPal-Request-Id', async () => {
    const {
      items: out,
      requests: [request],
    } = await node('payout', 'create', {
      senderBatchId: 'Payouts_2026_0601',
      emailSubject: 'You have a payout!',
      payoutItems,
    });
    expect(request).toEqual({
      method: 'POST',
      path: '/v1/payments/payouts',
      query: {},
      auth: `Bearer ${TOKEN}`,
      contentType: 'application/json',
      body: { sender_batch_header: header, items: payoutItems },
    });
    expect(bed.server.requests.at(-1)!.headers['paypal-request-id']).toEqual(expect.any(String));
    expect(out.map((i) => i.json)).toEqual([
      {
        batch_header: { payout_batch_id: 'FYXMPQTX4JC9N', batch_status: 'PENDING', sender_batch_header: header },
        links: [{ href: `https://${SANDBOX}/v1/payments/payouts/FYXMPQTX4JC9N`, rel: 'self', method: 'GET' }],
      },
    ]);
  });

  it('pays one receiver the amount given, with the header options', async () => {
    const {
      requests: [request],
    } = await node('payout', 'create', {
      senderBatchId: 'B-2',
      recipientType: 'PAYPAL_ID',
      receiver: 'QWERTY12345',
      amount: '5.32',
      currency: 'EUR',
      emailMessage: 'Your commission',
      note: 'June',
    });
    expect(request!.body).toEqual({
      sender_batch_header: { sender_batch_id: 'B-2', recipient_type: 'PAYPAL_ID', email_message: 'Your commission', note: 'June' },
      items: [{ receiver: 'QWERTY12345', amount: { value: '5.32', currency: 'EUR' } }],
    });
  });

  it("gets a batch's items page by page, a thousand to a page, or up to the limit", async () => {
    const all = await node('payout', 'get', { payoutBatchId: 'FYXMPQTX4JC9N', returnAll: true });
    expect(all.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/v1/payments/payouts/FYXMPQTX4JC9N', { page_size: '1000', page: '1' }],
      ['GET', '/v1/payments/payouts/FYXMPQTX4JC9N', { page_size: '1000', page: '2' }],
    ]);
    expect(all.items).toHaveLength(1002);
    expect(all.items.at(-1)!.json).toMatchObject({ payout_item_id: 'ITEM-2-1', payout_batch_id: 'FYXMPQTX4JC9N' });
    const some = await node('payout', 'get', { payoutBatchId: 'FYXMPQTX4JC9N', limit: 3 });
    expect(some.requests).toHaveLength(1);
    expect(some.items.map((i) => i.json['payout_item_id'])).toEqual(['ITEM-1-0', 'ITEM-1-1', 'ITEM-1-2']);
  });

  it('gets and cancels a payout item at the documented paths', async () => {
    const got = await node('payoutItem', 'get', { payoutItemId: '8AELMXH8UB2P8' });
    const cancelled = await node('payoutItem', 'cancel', { payoutItemId: '8AELMXH8UB2P8' });
    expect([...got.requests, ...cancelled.requests].map((r) => [r.method, r.path, r.body])).toEqual([
      ['GET', '/v1/payments/payouts-item/8AELMXH8UB2P8', undefined],
      ['POST', '/v1/payments/payouts-item/8AELMXH8UB2P8/cancel', undefined],
    ]);
    expect(cancelled.items[0]!.json).toMatchObject({ payout_item_id: '8AELMXH8UB2P8', transaction_status: 'RETURNED' });
  });
});

describe('PayPal node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Pay',
    parameters: { resource: 'order', operation: 'get', orderId: 'A' },
    message: "Node 'Pay': PayPal order.get needs a credential: choose a PayPal app (client credentials) credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter left out or of the wrong kind', {
    name: 'Pay',
    cases: [
      {
        parameters: { resource: 'order', operation: 'create', currency: 'USD' },
        fails: "Node 'Pay': PayPal order.create: parameter 'amount' and 'currency', or 'purchaseUnits', are required.",
      },
      {
        parameters: { resource: 'payout', operation: 'create', senderBatchId: 'B-1', receiver: 'ada@example.com' },
        fails: "Node 'Pay': PayPal payout.create: parameter 'payoutItems' or 'receiver', 'amount' and 'currency', are required.",
      },
      {
        parameters: { resource: 'payment', operation: 'refund', captureId: 'C', amount: '10,00' },
        throws: "node 'Pay' (PayPal): parameter 'amount' must be an amount written with a dot, such as 10.00",
      },
    ],
    unknown: {
      service: 'PayPal',
      resources: ['order', 'payment', 'invoice', 'subscription', 'payout', 'payoutItem', 'custom'],
      operation: ['order', 'create'],
    },
  });
});
