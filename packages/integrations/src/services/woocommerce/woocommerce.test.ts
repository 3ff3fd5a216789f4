// WooCommerce, checked against its JavaScript library (@woocommerce/woocommerce-rest-api): both make the same calls
// to one recording server. The library has no way to reach a store other than its URL; it takes axios options, and
// the test's axios adapter sends each request, as the library built and signed it, to the recording server. Over
// plain HTTP the library signs with OAuth 1.0a: it is given the node's nonce and timestamp, so both signatures match.
import type { SeenRequest } from '@flowloom/engine/testing/node';
import wooCommerceModule from '@woocommerce/woocommerce-rest-api';
import { beforeAll, describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import { outputOf, type Answer } from '../../testing/service-harness.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { woocommerce } from './woocommerce.js';

const KEY = 'ck_4f2b';
const SECRET = 'cs_9a1c';
const SECURE = 'shop.example.com';
const PLAIN = 'plain.example.com';

// The package is CommonJS whose types declare an ES default export; the test runner loads its ES build, whose default is the class.
const WooCommerceRestApi = wooCommerceModule as unknown as typeof wooCommerceModule.default;
type WooCommerceRestApi = InstanceType<typeof WooCommerceRestApi>;

const overrides: ((request: SeenRequest, path: string) => Answer | undefined)[] = [];

/** Answers as the WooCommerce REST API documents them. */
function answer(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  const path = url.pathname;
  for (const override of overrides) {
    const found = override(request, path);
    if (found) return found;
  }
  const basic = Buffer.from(String(request.headers.authorization ?? '').slice(6), 'base64').toString('utf8');
  if (basic !== `${KEY}:${SECRET}` && url.searchParams.get('oauth_consumer_key') !== KEY) {
    return {
      status: 401,
      body: { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } },
    };
  }
  const [, , , , collection, id] = path.split('/');
  const body = request.body.length ? (JSON.parse(request.body.toString('utf8')) as Record<string, unknown>) : {};
  if (request.method === 'GET' && id === undefined) {
    const page = Number(url.searchParams.get('page') ?? '1');
    const perPage = Number(url.searchParams.get('per_page') ?? '10');
    const pages = collection === 'products' && perPage === 100 ? 3 : 1;
    const rows = page < pages ? perPage : 2;
    return {
      headers: { 'x-wp-total': String((pages - 1) * perPage + 2), 'x-wp-totalpages': String(pages) },
      body: Array.from({ length: rows }, (_, i) => ({ id: page * 1000 + i, name: `${collection} ${page}-${i}` })),
    };
  }
  const status = request.method === 'POST' ? 201 : 200;
  return { status, body: { id: Number(id ?? 794), ...body, date_created: '2026-06-01T12:00:00' } };
}

interface AxiosLikeConfig {
  url: string;
  method: string;
  headers: { toJSON(): Record<string, string> };
  params?: Record<string, string | number | boolean>;
  auth?: { username: string; password: string };
  data?: string;
}

/** axios's own encoding of `params` in the URL. */
const axiosEncode = (text: string) =>
  encodeURIComponent(text)
    .replace(/%3A/gi, ':')
    .replace(/%24/g, '$')
    .replace(/%2C/gi, ',')
    .replace(/%20/g, '+')
    .replace(/%5B/gi, '[')
    .replace(/%5D/gi, ']');

/** Sends a request the library built (URL and params, headers, basic auth, body) to the recording server. */
async function recordingAdapter(config: AxiosLikeConfig) {
  const url = new URL(config.url);
  const params = Object.entries(config.params ?? {}).map(([k, v]) => `${axiosEncode(k)}=${axiosEncode(String(v))}`);
  const search = [url.search.slice(1), ...params].filter(Boolean).join('&');
  const headers = config.headers.toJSON();
  if (config.auth) headers['authorization'] = `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64')}`;
  const response = await fetch(`${bed.server.url}${url.pathname}${search ? `?${search}` : ''}`, {
    method: config.method.toUpperCase(),
    headers,
    ...(config.data === undefined ? {} : { body: config.data }),
  });
  const text = await response.text();
  const answerHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => (answerHeaders[name] = value));
  const result = {
    data: text ? (JSON.parse(text) as unknown) : '',
    status: response.status,
    statusText: response.statusText,
    headers: answerHeaders,
    config,
    request: {},
  };
  if (response.status >= 400) throw Object.assign(new Error(`Request failed with status code ${response.status}`), { response: result });
  return result;
}

const library = (url: string, consumerSecret = SECRET) =>
  new WooCommerceRestApi({
    url,
    consumerKey: KEY,
    consumerSecret,
    version: 'wc/v3',
    axiosConfig: { adapter: recordingAdapter } as never,
  });

const bed = serviceTestbed(woocommerce, {
  name: 'Shop',
  answers: answer,
  hosts: [SECURE, PLAIN],
  credentials: [
    { id: 'store', type: 'wooCommerceApi', data: { url: `https://${SECURE}`, consumerKey: KEY, consumerSecret: SECRET } },
    { id: 'plain', type: 'wooCommerceApi', data: { url: `http://${PLAIN}/`, consumerKey: KEY, consumerSecret: SECRET } },
    { id: 'revoked', type: 'wooCommerceApi', data: { url: `https://${SECURE}`, consumerKey: KEY, consumerSecret: 'cs_old' } },
  ],
});
const { take, node } = bed;
let sdk: WooCommerceRestApi;
beforeAll(() => {
  sdk = library(`https://${SECURE}`);
});

const billing = { first_name: 'Ada', last_name: 'Lovelace', email: 'ada@example.com', city: 'London', country: 'GB' };

const operations: [string, string, () => Promise<unknown>, Record<string, unknown>][] = [
  [
    'product',
    'create',
    () =>
      sdk.post('products', {
        name: 'Mug',
        type: 'simple',
        regular_price: '21.99',
        sku: 'MUG-1',
        description: 'Stoneware',
        categories: [{ id: 9 }],
      }),
    {
      name: 'Mug',
      type: 'simple',
      regularPrice: '21.99',
      sku: 'MUG-1',
      description: 'Stoneware',
      additionalFields: { categories: [{ id: 9 }] },
    },
  ],
  ['product', 'get', () => sdk.get('products/794'), { productId: 794 }],
  [
    'product',
    'update',
    () => sdk.put('products/794', { regular_price: '24.54', stock_quantity: 3 }),
    { productId: 794, regularPrice: '24.54', stockQuantity: 3 },
  ],
  ['product', 'delete', () => sdk.delete('products/794', { force: true }), { productId: 794 }],
  [
    'product',
    'list',
    () => sdk.get('products', { search: 'mug', status: 'publish', per_page: 50, page: 1 }),
    { search: 'mug', productStatus: 'publish' },
  ],
  [
    'order',
    'create',
    () =>
      sdk.post('orders', {
        status: 'processing',
        payment_method: 'bacs',
        set_paid: true,
        billing,
        line_items: [{ product_id: 93, quantity: 2 }],
      }),
    { orderStatus: 'processing', paymentMethod: 'bacs', setPaid: true, billing, lineItems: [{ product_id: 93, quantity: 2 }] },
  ],
  ['order', 'get', () => sdk.get('orders/727'), { orderId: 727 }],
  ['order', 'update', () => sdk.put('orders/727', { status: 'completed' }), { orderId: 727, orderStatus: 'completed' }],
  ['order', 'delete', () => sdk.delete('orders/727', { force: true }), { orderId: 727 }],
  [
    'order',
    'list',
    () => sdk.get('orders', { status: 'processing', customer: 25, per_page: 20, page: 1 }),
    { orderStatus: 'processing', customer: 25, limit: 20 },
  ],
  [
    'customer',
    'create',
    () => sdk.post('customers', { email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace', username: 'ada', billing }),
    { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', username: 'ada', billing },
  ],
  ['customer', 'get', () => sdk.get('customers/25'), { customerId: 25 }],
  ['customer', 'update', () => sdk.put('customers/25', { first_name: 'Augusta' }), { customerId: 25, firstName: 'Augusta' }],
  ['customer', 'delete', () => sdk.delete('customers/25', { force: true }), { customerId: 25 }],
  ['customer', 'list', () => sdk.get('customers', { email: 'ada@example.com', per_page: 50, page: 1 }), { email: 'ada@example.com' }],
];

describe('WooCommerce, against the woocommerce-rest-api library', () => {
  it.each(operations)('%s.%s sends what the library sends over HTTPS', async (resource, operation, sdkCall, parameters) => {
    await sdkCall();
    const expected = await take();
    const { execution, requests } = await node(resource, operation, parameters);
    expect(execution.error?.message).toBeUndefined();
    expect(requests).toEqual(expected);
    expect(requests[0]!.auth).toBe(`Basic ${KEY}:${SECRET}`);
  });

  it('makes items of the documented answers', async () => {
    const { items } = await node('product', 'get', { productId: 794 });
    expect(items).toEqual([{ json: { id: 794, date_created: '2026-06-01T12:00:00' }, pairedItem: { item: 0 } }]);
  });

  it('lists products over three pages by X-WP-TotalPages, as the library asks for each page', async () => {
    for (const page of [1, 2, 3]) await sdk.get('products', { per_page: 100, page });
    const expected = await take();
    const { items, requests } = await node('product', 'list', { returnAll: true });
    expect(requests).toEqual(expected);
    expect(items).toHaveLength(202);
    expect(items.at(-1)!.json).toMatchObject({ id: 3001 });
  });

  it('signs with OAuth 1.0a in the query over plain HTTP, as the library signs with the same nonce and timestamp', async () => {
    const cases: [string, string, Record<string, unknown>, (api: WooCommerceRestApi) => Promise<unknown>][] = [
      [
        'product',
        'list',
        { search: 'mug & cup', productStatus: 'publish', limit: 10 },
        (api) => api.get('products', { search: 'mug & cup', status: 'publish', per_page: 10, page: 1 }),
      ],
      ['product', 'create', { name: 'Mug' }, (api) => api.post('products', { name: 'Mug' })],
      ['order', 'delete', { orderId: 727 }, (api) => api.delete('orders/727', { force: true })],
    ];
    for (const [resource, operation, parameters, sdkCall] of cases) {
      const {
        requests: [signed],
      } = await node(resource, operation, parameters, { credentials: { wooCommerceApi: 'plain' } });
      const query = signed!.query as Record<string, string>;
      expect(signed!.auth).toBeUndefined();
      expect(query).toMatchObject({ oauth_consumer_key: KEY, oauth_signature_method: 'HMAC-SHA256', oauth_version: '1.0' });
      const api = library(`http://${PLAIN}/`);
      // The library's OAuth signer, given the node's nonce and timestamp instead of fresh ones.
      const signer = api as unknown as { _getOAuth(): { getNonce(): string; getTimeStamp(): number } };
      const getOAuth = signer._getOAuth.bind(api);
      signer._getOAuth = () =>
        Object.assign(getOAuth(), { getNonce: () => query['oauth_nonce']!, getTimeStamp: () => Number(query['oauth_timestamp']) });
      await sdkCall(api);
      // The library passes the signed parameters to axios as params and leaves the query in the URL too, so a GET's
      // own parameters reach the store twice; each once is what it signed, and what the node sends.
      const [fromLibrary] = await take();
      const once = Object.fromEntries(
        Object.entries(fromLibrary!.query).map(([k, v]) => [k, Array.isArray(v) && new Set(v).size === 1 ? v[0]! : v]),
      );
      expect({ ...fromLibrary, query: once }).toEqual(signed);
    }
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits as Retry-After says on a 429, on the engine clock, then succeeds',
    parameters: { resource: 'product', operation: 'create', name: 'Later' },
    limits: (request) => request.method === 'POST',
    answer: {
      status: 429,
      headers: { 'retry-after': '4' },
      body: { code: 'rest_too_many_requests', message: 'Too many requests.', data: { status: 429 } },
    },
    waitMs: 4_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect([limited.length, retried.length]).toEqual([1, 1]);
      expect(limited).toEqual(retried);
      expect(outputOf(execution)[0]!.json).toMatchObject({ name: 'Later' });
    },
  });

  it("turns WooCommerce's error into a node error naming the code and the parameter, as the library reports it", async () => {
    overrides.push((request, path) =>
      path.endsWith('/customers') && request.method === 'POST'
        ? {
            status: 400,
            body: {
              code: 'rest_invalid_param',
              message: 'Invalid parameter(s): email',
              data: { status: 400, params: { email: 'Invalid email address.' } },
            },
          }
        : undefined,
    );
    const sdkError = await sdk
      .post('customers', { email: 'ada@nowhere' })
      .catch((e: { response: { status: number; data: { code: string } } }) => [e.response.status, e.response.data.code]);
    await take();
    const { execution } = await node('customer', 'create', { email: 'ada@nowhere' });
    overrides.pop();
    expect(sdkError).toEqual([400, 'rest_invalid_param']);
    expect(execution.error?.message).toBe(
      "Node 'Shop': WooCommerce customer.create failed: HTTP 400 rest_invalid_param: Invalid parameter(s): email Invalid email address. (parameter 'email')",
    );
    expect(execution.error?.details).toMatchObject({
      service: 'woocommerce',
      status: 400,
      vendorCode: 'rest_invalid_param',
      parameter: 'email',
    });
  });

  itTestsCredential(bed, 'tests a credential by listing one product at its store: a revoked secret fails as the library sees it', [
    {
      id: 'store',
      sdk: async () => {
        const status = await library(`https://${SECURE}`)
          .get('products', { per_page: 1 })
          .then(() => 200)
          .catch(() => 0);
        expect(status).toBe(200);
      },
    },
    { id: 'plain' },
    {
      id: 'revoked',
      sdk: async () => {
        const refused = await library(`https://${SECURE}`, 'cs_old')
          .get('products', { per_page: 1 })
          .catch((e: { response: { status: number } }) => e.response.status);
        expect(refused).toBe(401);
      },
      outcome: { ok: false, status: 401 },
    },
  ]);
});

describe('WooCommerce node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Shop',
    parameters: { resource: 'order', operation: 'get', orderId: 1 },
    message: "Node 'Shop': WooCommerce order.get needs a credential: choose a WooCommerce REST API key credential.",
  });

  itRejectsBadInput(bed, 'names the node, the service and the parameter left out or of the wrong kind', {
    name: 'Shop',
    cases: [
      {
        parameters: { resource: 'product', operation: 'create', sku: 'X' },
        fails: "Node 'Shop': WooCommerce product.create: parameter 'name' is required.",
      },
      {
        parameters: { resource: 'product', operation: 'get', productId: 'seven' },
        throws: "node 'Shop' (WooCommerce): parameter 'productId' expected a number",
      },
    ],
    unknown: { service: 'WooCommerce', resources: ['product', 'order', 'customer', 'custom'], operation: ['product', 'create'] },
  });

  it('refuses a store address that is not a URL, naming the field', async () => {
    await expect(
      bed.engine.credentials.create({ name: 'x', type: 'wooCommerceApi', data: { url: 'shop', consumerKey: KEY, consumerSecret: SECRET } }),
    ).rejects.toThrow(/url.*must be the store\u2019s address/);
  });
});
