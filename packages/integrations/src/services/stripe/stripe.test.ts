// Stripe, checked against Stripe's own library (stripe): both make the same call to one recording server, pointed
// there with the library's host, port and protocol options. Stripe's form bodies are compared field by field, in
// order: the library writes brackets unescaped (`metadata[order]`), the node escapes them (`metadata%5Border%5D`),
// which a form decoder reads the same, so each raw body is compared after one canonical form encoding.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, type Answer } from '../../testing/service-harness.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { withoutBodilessContentType } from '../../testing/recording-vendor.js';
import { stripe } from './stripe.js';

const KEY = 'sk_test_good';
const singular: Record<string, string> = {
  customers: 'customer',
  payment_intents: 'payment_intent',
  charges: 'charge',
  refunds: 'refund',
  subscriptions: 'subscription',
  invoices: 'invoice',
  invoiceitems: 'invoiceitem',
  products: 'product',
  prices: 'price',
};
const prefix: Record<string, string> = {
  customers: 'cus',
  payment_intents: 'pi',
  charges: 'ch',
  refunds: 're',
  subscriptions: 'sub',
  invoices: 'in',
  invoiceitems: 'ii',
  products: 'prod',
  prices: 'price',
};

/** An object as Stripe answers it (its common fields, and the flat fields it was sent). */
function stripeObject(collection: string, id: string, form: Record<string, string> = {}) {
  return { id, object: singular[collection], created: 1780000000, livemode: false, metadata: {}, ...form };
}

const customerPages: Record<string, { ids: string[]; hasMore: boolean }> = {
  '': { ids: ['cus_1', 'cus_2'], hasMore: true },
  cus_2: { ids: ['cus_3', 'cus_4'], hasMore: true },
  cus_4: { ids: ['cus_5'], hasMore: false },
};
const searchPages: Record<string, { ids: string[]; next: string | null }> = {
  '': { ids: ['cus_1', 'cus_2'], next: 'page_2' },
  page_2: { ids: ['cus_3', 'cus_4'], next: 'page_3' },
  page_3: { ids: ['cus_5'], next: null },
};

const overrides: ((request: SeenRequest, form: Record<string, string>) => Answer | undefined)[] = [];

function answer(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const form = Object.fromEntries(new URLSearchParams(request.body.toString('utf8')));
  for (const override of overrides) {
    const found = override(request, form);
    if (found) return found;
  }
  if (url.pathname === '/v1/balance') {
    return request.headers.authorization === `Bearer ${KEY}`
      ? { body: { object: 'balance', available: [{ amount: 0, currency: 'usd' }], livemode: false, pending: [] } }
      : {
          status: 401,
          body: { error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_****oked' } },
        };
  }
  const [, version, collection = '', id, action] = url.pathname.split('/');
  if (version !== 'v1' || !singular[collection]) return undefined;
  if (request.method === 'GET' && id === 'search') {
    const page = searchPages[url.searchParams.get('page') ?? '']!;
    return {
      body: {
        object: 'search_result',
        url: url.pathname,
        has_more: page.next !== null,
        next_page: page.next,
        data: page.ids.map((i) => stripeObject(collection, i)),
      },
    };
  }
  if (request.method === 'GET' && id === undefined) {
    const page =
      collection === 'customers'
        ? customerPages[url.searchParams.get('starting_after') ?? '']!
        : { ids: [`${prefix[collection]}_1`, `${prefix[collection]}_2`], hasMore: false };
    return {
      body: { object: 'list', url: url.pathname, has_more: page.hasMore, data: page.ids.map((i) => stripeObject(collection, i)) },
    };
  }
  if (request.method === 'DELETE' && collection !== 'subscriptions') return { body: { id, object: singular[collection], deleted: true } };
  const status = action === 'cancel' || request.method === 'DELETE' ? { status: 'canceled' } : action ? { status: action } : {};
  return { body: { ...stripeObject(collection, id ?? `${prefix[collection]}_new`, form), ...status } };
}

const bed = serviceTestbed(stripe, {
  name: 'Stripe',
  answers: answer,
  hosts: ['api.stripe.com'],
  credentials: [
    { id: 'key', type: 'stripeApi', data: { secretKey: KEY } },
    { id: 'revoked', type: 'stripeApi', data: { secretKey: 'sk_test_revoked' } },
  ],
  // The library names a form content type on requests without a body too; what matters is the body.
  read: withoutBodilessContentType,
});
const { take, node } = bed;
let sdk: Stripe;
beforeAll(() => {
  sdk = new Stripe(KEY, { ...sdkOptions(), maxNetworkRetries: 0 });
});

/** The raw requests the server received from `start` on. */
const raw = (start: number) => bed.server.requests.slice(start);

/** A raw form body in one canonical encoding (what any form decoder reads of it, written back in order). */
const canonical = (body: Buffer) => new URLSearchParams(body.toString('utf8')).toString();

/** Runs the library's call and the node's, and requires the same requests, raw bodies included. */
async function sameAsSdk(sdkCall: () => Promise<unknown>, resource: string, operation: string, parameters: Record<string, unknown>) {
  const start = bed.server.requests.length;
  await sdkCall();
  const expected = await take();
  const middle = bed.server.requests.length;
  const result = await node(resource, operation, parameters);
  expect(result.execution.error?.message).toBeUndefined();
  expect(result.requests).toEqual(expected);
  const [sdkRaw, nodeRaw] = [raw(start).slice(0, middle - start), raw(middle)];
  expect(nodeRaw.map((r) => canonical(r.body))).toEqual(sdkRaw.map((r) => canonical(r.body)));
  expect(nodeRaw.map((r) => r.body.toString('utf8'))).toEqual(nodeRaw.map((r) => canonical(r.body)));
  return { ...result, raw: nodeRaw };
}

const metadata = { order: '42', note: 'first & best' };

/** Each operation: the library's call, and the node's parameters for the same request. */
const operations: [string, string, () => Promise<unknown>, Record<string, unknown>][] = [
  [
    'customer',
    'create',
    () =>
      sdk.customers.create({
        email: 'ada@example.com',
        name: 'Ada Lovelace',
        metadata,
        preferred_locales: ['en', 'fr'],
        shipping: { name: 'Ada', address: { city: 'London', line1: '12 St James Sq' } },
        expand: ['tax'],
      }),
    {
      email: 'ada@example.com',
      name: 'Ada Lovelace',
      metadata,
      additionalFields: {
        preferred_locales: ['en', 'fr'],
        shipping: { name: 'Ada', address: { city: 'London', line1: '12 St James Sq' } },
      },
      expand: ['tax'],
    },
  ],
  ['customer', 'get', () => sdk.customers.retrieve('cus_1', { expand: ['default_source'] }), { id: 'cus_1', expand: ['default_source'] }],
  [
    'customer',
    'update',
    () => sdk.customers.update('cus_1', { name: 'Ada King', metadata: { order: null } }),
    { id: 'cus_1', name: 'Ada King', metadata: { order: null } },
  ],
  ['customer', 'delete', () => sdk.customers.del('cus_1'), { id: 'cus_1' }],
  [
    'paymentIntent',
    'create',
    () =>
      sdk.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        customer: 'cus_1',
        capture_method: 'manual',
        description: 'Order 42',
        metadata,
        allowed_payment_method_types: ['card'],
      }),
    {
      amount: 2000,
      currency: 'usd',
      customer: 'cus_1',
      captureMethod: 'manual',
      description: 'Order 42',
      metadata,
      additionalFields: { allowed_payment_method_types: ['card'] },
    },
  ],
  ['paymentIntent', 'get', () => sdk.paymentIntents.retrieve('pi_1'), { id: 'pi_1' }],
  [
    'paymentIntent',
    'update',
    () => sdk.paymentIntents.update('pi_1', { amount: 2500, metadata: { order: '43' } }),
    { id: 'pi_1', amount: 2500, metadata: { order: '43' } },
  ],
  [
    'paymentIntent',
    'confirm',
    () => sdk.paymentIntents.confirm('pi_1', { payment_method: 'pm_card_visa', return_url: 'https://example.com/back?x=1' }),
    { id: 'pi_1', paymentMethod: 'pm_card_visa', returnUrl: 'https://example.com/back?x=1' },
  ],
  [
    'paymentIntent',
    'capture',
    () => sdk.paymentIntents.capture('pi_1', { amount_to_capture: 1500 }),
    { id: 'pi_1', amountToCapture: 1500 },
  ],
  [
    'paymentIntent',
    'cancel',
    () => sdk.paymentIntents.cancel('pi_1', { cancellation_reason: 'requested_by_customer' }),
    { id: 'pi_1', cancellationReason: 'requested_by_customer' },
  ],
  ['paymentIntent', 'list', () => sdk.paymentIntents.list({ customer: 'cus_1', limit: 50 }), { customer: 'cus_1' }],
  [
    'paymentIntent',
    'search',
    () => sdk.paymentIntents.search({ query: "status:'succeeded'", limit: 100 }),
    { searchQuery: "status:'succeeded'", limit: 2 },
  ],
  ['charge', 'get', () => sdk.charges.retrieve('ch_1', { expand: ['customer'] }), { id: 'ch_1', expand: ['customer'] }],
  [
    'charge',
    'update',
    () => sdk.charges.update('ch_1', { description: 'Paid at the counter', metadata }),
    { id: 'ch_1', description: 'Paid at the counter', metadata },
  ],
  ['charge', 'list', () => sdk.charges.list({ payment_intent: 'pi_1', limit: 20 }), { paymentIntent: 'pi_1', limit: 20 }],
  ['charge', 'search', () => sdk.charges.search({ query: 'amount>999', limit: 100 }), { searchQuery: 'amount>999', limit: 2 }],
  [
    'refund',
    'create',
    () => sdk.refunds.create({ payment_intent: 'pi_1', amount: 500, reason: 'requested_by_customer', metadata: { ticket: 'T-9' } }),
    { paymentIntent: 'pi_1', amount: 500, reason: 'requested_by_customer', metadata: { ticket: 'T-9' } },
  ],
  ['refund', 'create', () => sdk.refunds.create({ charge: 'ch_1' }), { charge: 'ch_1' }],
  ['refund', 'get', () => sdk.refunds.retrieve('re_1'), { id: 're_1' }],
  ['refund', 'list', () => sdk.refunds.list({ charge: 'ch_1', limit: 50 }), { charge: 'ch_1' }],
  [
    'subscription',
    'create',
    () =>
      sdk.subscriptions.create({
        customer: 'cus_1',
        items: [{ price: 'price_1', quantity: 2 }, { price: 'price_2' }],
        trial_period_days: 14,
        metadata: { plan: 'pro' },
        expand: ['latest_invoice.payment_intent'],
      }),
    {
      customer: 'cus_1',
      items: [{ price: 'price_1', quantity: 2 }, { price: 'price_2' }],
      trialPeriodDays: 14,
      metadata: { plan: 'pro' },
      expand: ['latest_invoice.payment_intent'],
    },
  ],
  ['subscription', 'get', () => sdk.subscriptions.retrieve('sub_1'), { id: 'sub_1' }],
  [
    'subscription',
    'update',
    () =>
      sdk.subscriptions.update('sub_1', {
        items: [{ id: 'si_1', price: 'price_3' }],
        cancel_at_period_end: false,
        proration_behavior: 'none',
      }),
    { id: 'sub_1', items: [{ id: 'si_1', price: 'price_3' }], cancelAtPeriodEnd: false, prorationBehavior: 'none' },
  ],
  [
    'subscription',
    'cancel',
    () => sdk.subscriptions.cancel('sub_1', { invoice_now: true, prorate: false }),
    { id: 'sub_1', invoiceNow: true, prorate: false },
  ],
  [
    'subscription',
    'list',
    () => sdk.subscriptions.list({ customer: 'cus_1', status: 'active', limit: 50 }),
    { customer: 'cus_1', subscriptionStatus: 'active' },
  ],
  [
    'subscription',
    'search',
    () => sdk.subscriptions.search({ query: "status:'active'", limit: 100 }),
    { searchQuery: "status:'active'", limit: 2 },
  ],
  [
    'invoice',
    'create',
    () =>
      sdk.invoices.create({
        customer: 'cus_1',
        description: 'March',
        collection_method: 'send_invoice',
        days_until_due: 30,
        auto_advance: false,
        metadata,
      }),
    { customer: 'cus_1', description: 'March', collectionMethod: 'send_invoice', daysUntilDue: 30, autoAdvance: false, metadata },
  ],
  [
    'invoice',
    'addItem',
    () => sdk.invoiceItems.create({ customer: 'cus_1', invoice: 'in_1', pricing: { price: 'price_1' }, quantity: 2 }),
    { customer: 'cus_1', invoice: 'in_1', price: 'price_1', quantity: 2 },
  ],
  [
    'invoice',
    'addItem',
    () => sdk.invoiceItems.create({ customer: 'cus_1', invoice: 'in_1', amount: 1250, currency: 'eur', description: 'Setup fee' }),
    { customer: 'cus_1', invoice: 'in_1', amount: 1250, currency: 'eur', description: 'Setup fee' },
  ],
  ['invoice', 'get', () => sdk.invoices.retrieve('in_1'), { id: 'in_1' }],
  ['invoice', 'finalize', () => sdk.invoices.finalizeInvoice('in_1', { auto_advance: true }), { id: 'in_1', autoAdvance: true }],
  ['invoice', 'pay', () => sdk.invoices.pay('in_1', { paid_out_of_band: true }), { id: 'in_1', paidOutOfBand: true }],
  ['invoice', 'send', () => sdk.invoices.sendInvoice('in_1'), { id: 'in_1' }],
  ['invoice', 'void', () => sdk.invoices.voidInvoice('in_1'), { id: 'in_1' }],
  [
    'invoice',
    'list',
    () => sdk.invoices.list({ customer: 'cus_1', subscription: 'sub_1', status: 'open', limit: 50 }),
    { customer: 'cus_1', subscription: 'sub_1', invoiceStatus: 'open' },
  ],
  ['invoice', 'search', () => sdk.invoices.search({ query: 'total>1000', limit: 100 }), { searchQuery: 'total>1000', limit: 2 }],
  [
    'product',
    'create',
    () => sdk.products.create({ name: 'T-shirt', description: 'Cotton', active: true, metadata: { sku: 'TS-1' } }),
    { name: 'T-shirt', description: 'Cotton', active: true, metadata: { sku: 'TS-1' } },
  ],
  ['product', 'get', () => sdk.products.retrieve('prod_1'), { id: 'prod_1' }],
  ['product', 'update', () => sdk.products.update('prod_1', { name: 'Tee', active: false }), { id: 'prod_1', name: 'Tee', active: false }],
  ['product', 'delete', () => sdk.products.del('prod_1'), { id: 'prod_1' }],
  ['product', 'list', () => sdk.products.list({ active: true, limit: 50 }), { active: true }],
  ['product', 'search', () => sdk.products.search({ query: "name~'shirt'", limit: 100 }), { searchQuery: "name~'shirt'", limit: 1 }],
  [
    'price',
    'create',
    () =>
      sdk.prices.create({
        currency: 'usd',
        unit_amount: 1500,
        product: 'prod_1',
        recurring: { interval: 'month', interval_count: 3 },
        nickname: 'Quarterly',
      }),
    { currency: 'usd', unitAmount: 1500, product: 'prod_1', recurringInterval: 'month', recurringIntervalCount: 3, nickname: 'Quarterly' },
  ],
  ['price', 'get', () => sdk.prices.retrieve('price_1'), { id: 'price_1' }],
  [
    'price',
    'update',
    () => sdk.prices.update('price_1', { active: false, nickname: 'Old' }),
    { id: 'price_1', active: false, nickname: 'Old' },
  ],
  [
    'price',
    'list',
    () => sdk.prices.list({ product: 'prod_1', active: true, type: 'recurring', limit: 50 }),
    { product: 'prod_1', active: true, priceType: 'recurring' },
  ],
  ['price', 'search', () => sdk.prices.search({ query: "active:'true'", limit: 100 }), { searchQuery: "active:'true'", limit: 1 }],
];

describe('Stripe, against the stripe library', () => {
  it.each(operations)('%s.%s sends what the library sends', async (resource, operation, sdkCall, parameters) => {
    const { execution } = await sameAsSdk(sdkCall, resource, operation, parameters);
    expect(execution.status).toBe('success');
  });

  it('covers every operation of the service', () => {
    // The customer list and search are compared with the library over three pages below.
    const tested = new Set([...operations.map(([r, o]) => `${r}.${o}`), 'customer.list', 'customer.search']);
    const all = Object.entries(stripe.definition.resources)
      .filter(([r]) => r !== 'custom')
      .flatMap(([r, res]) => Object.keys(res.operations).map((o) => `${r}.${o}`));
    expect(all.filter((op) => !tested.has(op))).toEqual([]);
  });

  it('creates a customer with nested fields encoded as Stripe reads them, and an item of the customer', async () => {
    const [, , sdkCall, parameters] = operations[0]!;
    const { items, requests, raw: sent } = await sameAsSdk(sdkCall, 'customer', 'create', parameters);
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/customers',
      auth: `Bearer ${KEY}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expect([...new URLSearchParams(sent[0]!.body.toString('utf8'))]).toEqual([
      ['email', 'ada@example.com'],
      ['name', 'Ada Lovelace'],
      ['metadata[order]', '42'],
      ['metadata[note]', 'first & best'],
      ['preferred_locales[0]', 'en'],
      ['preferred_locales[1]', 'fr'],
      ['shipping[name]', 'Ada'],
      ['shipping[address][city]', 'London'],
      ['shipping[address][line1]', '12 St James Sq'],
      ['expand[0]', 'tax'],
    ]);
    expect(items).toEqual([
      {
        json: {
          ...stripeObject('customers', 'cus_new', Object.fromEntries(new URLSearchParams(sent[0]!.body.toString('utf8')))),
        },
        pairedItem: { item: 0 },
      },
    ]);
  });

  it('sends an Idempotency-Key on every create, and the same key when a create is tried again', async () => {
    const creates = operations.filter(([, o]) => o === 'create' || o === 'addItem');
    const start = bed.server.requests.length;
    for (const [resource, operation, , parameters] of creates) await node(resource, operation, parameters);
    const keys = raw(start).map((r) => r.headers['idempotency-key']);
    expect(keys).toHaveLength(creates.length);
    expect(keys.every((k) => typeof k === 'string' && k.length > 0 && k.length <= 255)).toBe(true);
    expect(new Set(keys).size).toBe(creates.length);
    const reads = bed.server.requests.length;
    await node('customer', 'get', { id: 'cus_1' });
    expect(raw(reads)[0]!.headers['idempotency-key']).toBeUndefined();
  });

  it('lists customers over three pages with starting_after until has_more is false, as the library pages', async () => {
    const all = await sdk.customers.list({ email: 'ada@example.com', limit: 100 }).autoPagingToArray({ limit: 1000 });
    const expected = await take();
    const { items, requests } = await node('customer', 'list', { email: 'ada@example.com', returnAll: true });
    expect(expected).toHaveLength(3);
    expect(requests).toEqual(expected);
    expect(requests.map((r) => r.query)).toEqual([
      { email: 'ada@example.com', limit: '100' },
      { email: 'ada@example.com', limit: '100', starting_after: 'cus_2' },
      { email: 'ada@example.com', limit: '100', starting_after: 'cus_4' },
    ]);
    expect(items.map((i) => i.json['id'])).toEqual(all.map((c) => c.id));
    expect(items.map((i) => i.json['id'])).toEqual(['cus_1', 'cus_2', 'cus_3', 'cus_4', 'cus_5']);
  });

  it('stops at the limit without asking for pages it does not need', async () => {
    const { items, requests } = await node('customer', 'list', { limit: 3 });
    expect(items.map((i) => i.json['id'])).toEqual(['cus_1', 'cus_2', 'cus_3']);
    expect(requests.map((r) => r.query)).toEqual([{ limit: '3' }, { limit: '3', starting_after: 'cus_2' }]);
  });

  it('searches customers over three pages following next_page, as the library pages', async () => {
    const all = await sdk.customers.search({ query: "email:'ada@example.com'", limit: 100 }).autoPagingToArray({ limit: 1000 });
    const expected = await take();
    const { items, requests } = await node('customer', 'search', { searchQuery: "email:'ada@example.com'", returnAll: true });
    expect(expected).toHaveLength(3);
    expect(requests).toEqual(expected);
    expect(requests[2]!.query).toEqual({ query: "email:'ada@example.com'", limit: '100', page: 'page_3' });
    expect(items.map((i) => i.json['id'])).toEqual(all.map((c) => c.id));
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits as Retry-After says on a 429, on the engine clock, and tries again with the same Idempotency-Key',
    parameters: { resource: 'customer', operation: 'create', email: 'later@example.com' },
    limits: (request) => request.method === 'POST' && request.url === '/v1/customers',
    answer: {
      status: 429,
      headers: { 'retry-after': '2' },
      body: { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' } },
    },
    waitMs: 2_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect([limited.length, retried.length]).toEqual([1, 1]);
      expect(limited).toEqual(retried);
      const keys = raw(-2).map((r) => r.headers['idempotency-key']);
      expect(keys[0]).toBe(keys[1]);
      expect(outputOf(execution)[0]!.json).toMatchObject({ id: 'cus_new', email: 'later@example.com' });
    },
  });

  it("turns Stripe's error into a node error naming the code and the parameter, as the library reports them", async () => {
    overrides.push((request, form) =>
      request.url === '/v1/payment_intents' && form['amount'] === '10'
        ? {
            status: 400,
            body: {
              error: {
                type: 'invalid_request_error',
                code: 'amount_too_small',
                param: 'amount',
                message: 'Amount must be at least $0.50 usd',
                doc_url: 'https://docs.stripe.com/error-codes/amount-too-small',
              },
            },
          }
        : request.url === '/v1/customers/cus_missing'
          ? {
              status: 404,
              body: {
                error: { type: 'invalid_request_error', code: 'resource_missing', param: 'id', message: "No such customer: 'cus_missing'" },
              },
            }
          : undefined,
    );
    const sdkError = await sdk.paymentIntents
      .create({ amount: 10, currency: 'usd' })
      .catch((e: Stripe.errors.StripeError) => ({ type: e.type, code: e.code, param: e.param, message: e.message }));
    const missing = await sdk.customers.retrieve('cus_missing').catch((e: Stripe.errors.StripeError) => e.param);
    await take();
    const small = await node('paymentIntent', 'create', { amount: 10, currency: 'usd' });
    const gone = await node('customer', 'get', { id: 'cus_missing' });
    overrides.pop();
    expect(sdkError).toEqual({
      type: 'StripeInvalidRequestError',
      code: 'amount_too_small',
      param: 'amount',
      message: 'Amount must be at least $0.50 usd',
    });
    expect(small.execution.error?.message).toBe(
      "Node 'Stripe': Stripe paymentIntent.create failed: HTTP 400 amount_too_small: Amount must be at least $0.50 usd (parameter 'amount')",
    );
    expect(small.execution.error?.details).toMatchObject({
      service: 'stripe',
      status: 400,
      vendorCode: 'amount_too_small',
      parameter: 'amount',
    });
    expect(missing).toBe('id');
    expect(gone.execution.error?.message).toBe(
      "Node 'Stripe': Stripe customer.get failed: HTTP 404 resource_missing: No such customer: 'cus_missing' (parameter 'id')",
    );
    await take();
  });

  itTestsCredential(bed, 'tests a credential by reading the balance: a good key passes, a revoked one fails as the library sees it', [
    { id: 'key', calls: [{ method: 'GET', path: '/v1/balance', auth: `Bearer ${KEY}` }] },
    {
      id: 'revoked',
      sdk: async () => {
        const revoked = new Stripe('sk_test_revoked', { ...sdkOptions(), maxNetworkRetries: 0 });
        expect(await revoked.balance.retrieve().catch((e: Stripe.errors.StripeError) => e.type)).toBe('StripeAuthenticationError');
      },
      outcome: { ok: false, status: 401, message: 'The test request was refused with HTTP 401 Unauthorized.' },
      calls: [{ method: 'GET', path: '/v1/balance', auth: 'Bearer sk_test_revoked' }],
    },
  ]);

  it('refuses a credential that is not a secret key, naming the field', async () => {
    await expect(bed.engine.credentials.create({ name: 'pk', type: 'stripeApi', data: { secretKey: 'pk_test_public' } })).rejects.toThrow(
      /secretKey.*must be a secret or restricted key/,
    );
  });
});

/** The library's options that aim it at the recording server. */
function sdkOptions() {
  const { hostname, port } = new URL(bed.server.url);
  return { host: hostname, port: Number(port), protocol: 'http' as const, telemetry: false };
}

describe('Stripe node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Charge',
    parameters: { resource: 'customer', operation: 'get', id: 'cus_1' },
    message: "Node 'Charge': Stripe customer.get needs a credential: choose a Stripe secret key credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter left out or of the wrong kind', {
    name: 'Charge',
    cases: [
      {
        parameters: { resource: 'paymentIntent', operation: 'create', currency: 'usd' },
        fails: "Node 'Charge': Stripe paymentIntent.create: parameter 'amount' is required.",
      },
      {
        parameters: { resource: 'paymentIntent', operation: 'create', amount: 100, currency: 'US Dollars' },
        throws: "node 'Charge' (Stripe): parameter 'currency' must be a three-letter ISO currency code in lower case, such as usd",
      },
      {
        parameters: { resource: 'refund', operation: 'create', amount: 100 },
        fails: "Node 'Charge': Stripe refund.create: parameter 'paymentIntent' or 'charge' is required.",
      },
      {
        parameters: { resource: 'invoice', operation: 'addItem', customer: 'cus_1', amount: 100 },
        fails: "Node 'Charge': Stripe invoice.addItem: parameter 'price' or 'amount' and 'currency' are required.",
      },
      {
        parameters: { resource: 'paymentIntent', operation: 'create', amount: 'lots', currency: 'usd' },
        throws: "node 'Charge' (Stripe): parameter 'amount' expected a number",
      },
    ],
  });

  itRejectsBadInput(bed, 'names an unknown resource or operation with the real ones', {
    name: 'Charge',
    unknown: {
      service: 'Stripe',
      resources: ['customer', 'paymentIntent', 'charge', 'refund', 'subscription', 'invoice', 'product', 'price', 'custom'],
      operation: ['customer', 'create'],
    },
  });

  it('signs a custom API call and keeps it on Stripe', async () => {
    const ok = await node('custom', 'apiCall', { method: 'GET', path: '/balance' }, { name: 'Charge' });
    expect(ok.requests).toMatchObject([{ method: 'GET', path: '/v1/balance', auth: `Bearer ${KEY}` }]);
    expect(ok.items[0]!.json).toMatchObject({ statusCode: 200, body: { object: 'balance' } });
    const away = await node('custom', 'apiCall', { method: 'GET', path: 'https://evil.example.com/v1/balance' }, { name: 'Charge' });
    expect(away.execution.error?.message).toMatch(/parameter 'path' must be a path below https:\/\/api.stripe.com\/v1/);
    expect(away.requests).toEqual([]);
  });
});
