// Shopify, checked against Shopify's own client (@shopify/admin-api-client): both send the same GraphQL document to one
// recording server (the client through its `customFetchApi`, relayed like the engine's fetch), to the store's
// /admin/api/{version}/graphql.json with X-Shopify-Access-Token, with the same variables. The variables each operation must
// send are written here from Shopify's Admin GraphQL reference; the answers are shaped like its documented ones.
import { createAdminApiClient } from '@shopify/admin-api-client';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { describe, expect, it } from 'vitest';
import { itNamesMissingCredential, itRejectsBadInput } from '../../testing/bad-input-cases.js';
import { itKeepsCustomCall, itTestsCredential, itWaitsOutRateLimit } from '../../testing/service-cases.js';
import {
  outputOf,
  relayFetch,
  runNode,
  serviceEngine,
  startVendorServer,
  type Answer,
  type NormalizedRequest,
} from '../../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../../testing/service-testbed.js';
import { editFields, lineAfterTrigger } from '../../testing/workflows.js';
import { shopify, shopifyOAuth2 } from './shopify.js';

const TOKEN = 'shpat_0123456789abcdef';
const REVOKED = 'shpat_revoked';
const STORE = 'acme.myshopify.com';
const GRAPHQL = '/admin/api/2026-10/graphql.json';

const cost = (requested = 52, available = 1948) => ({
  cost: {
    requestedQueryCost: requested,
    actualQueryCost: requested,
    throttleStatus: { maximumAvailable: 2000, currentlyAvailable: available, restoreRate: 100 },
  },
});
const products = Array.from({ length: 600 }, (_, i) => ({
  id: `gid://shopify/Product/${i + 1}`,
  title: `Product ${i + 1}`,
  status: 'ACTIVE',
}));
const connection = (all: unknown[], variables: Record<string, unknown>) => {
  const start = variables['after'] ? Number(String(variables['after']).replace('cursor-', '')) : 0;
  const first = Number(variables['first']);
  const nodes = all.slice(start, start + first);
  return {
    nodes,
    pageInfo: { hasNextPage: start + first < all.length, endCursor: nodes.length ? `cursor-${start + nodes.length}` : null },
  };
};

const overrides: ((operation: string, variables: Record<string, unknown>) => Answer | undefined)[] = [];

/** The GraphQL operation a request runs (its name, or `Shop` for the shop query), and its variables. */
function graphql(request: SeenRequest): { operation: string; variables: Record<string, unknown> } {
  const { query, variables = {} } = JSON.parse(request.body.toString('utf8') || '{}') as {
    query?: string;
    variables?: Record<string, unknown>;
  };
  const operation = /^(?:query|mutation)\s+(\w+)/.exec(query ?? '')?.[1] ?? (query?.includes('shop') ? 'Shop' : '');
  return { operation, variables };
}

function vendor(request: SeenRequest): Answer | undefined {
  if (request.headers['x-shopify-access-token'] !== TOKEN)
    return { status: 401, body: { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' } };
  if (request.method !== 'POST' || request.url !== GRAPHQL) return { status: 404, body: { errors: 'Not Found' } };
  const { operation, variables } = graphql(request);
  for (const override of overrides) {
    const answer = override(operation, variables);
    if (answer) return answer;
  }
  const input = (variables['product'] ?? variables['input'] ?? {}) as Record<string, unknown>;
  const data = ((): Record<string, unknown> | undefined => {
    switch (operation) {
      case 'Shop':
        return { shop: { name: 'Acme' } };
      case 'ProductList':
        return { products: connection(products, variables) };
      case 'ProductGet':
        return { product: variables['id'] === 'gid://shopify/Product/404' ? null : { ...products[0], id: variables['id'] } };
      case 'ProductCreate':
        return { productCreate: { product: { id: 'gid://shopify/Product/1001', ...input }, userErrors: [] } };
      case 'ProductUpdate':
        return { productUpdate: { product: { ...input }, userErrors: [] } };
      case 'ProductDelete':
        return { productDelete: { deletedProductId: input['id'], userErrors: [] } };
      case 'OrderList':
        return { orders: connection([{ id: 'gid://shopify/Order/1', name: '#1001' }], variables) };
      case 'OrderGet':
        return {
          order: { id: variables['id'], name: '#1001', totalPriceSet: { shopMoney: { amount: '120.00', currencyCode: 'EUR' } } },
        };
      case 'CustomerList':
        return { customers: connection([{ id: 'gid://shopify/Customer/7', email: 'ada@example.com' }], variables) };
      case 'CustomerGet':
        return { customer: { id: variables['id'], email: 'ada@example.com' } };
      case 'CustomerCreate':
        return { customerCreate: { customer: { id: 'gid://shopify/Customer/8', ...input }, userErrors: [] } };
      case 'CustomerUpdate':
        return { customerUpdate: { customer: { ...input }, userErrors: [] } };
      case 'InventoryLevels':
        return {
          inventoryItem: {
            inventoryLevels: connection(
              [
                {
                  id: 'gid://shopify/InventoryLevel/1?inventory_item_id=5',
                  location: { id: 'gid://shopify/Location/3', name: 'Berlin' },
                  quantities: [{ name: 'available', quantity: 9 }],
                },
              ],
              variables,
            ),
          },
        };
      case 'InventoryAdjust':
        return {
          inventoryAdjustQuantities: {
            inventoryAdjustmentGroup: {
              createdAt: '2026-06-01T00:00:00Z',
              reason: 'correction',
              changes: [{ name: 'available', delta: -2, quantityAfterChange: null }],
            },
            userErrors: [],
          },
        };
    }
    return undefined;
  })();
  return data ? { body: { data, extensions: cost() } } : { body: { errors: [{ message: `unknown operation ${operation}` }] } };
}

const bed = serviceTestbed(shopify, {
  name: 'Shopify',
  answers: vendor,
  authHeaders: ['X-Shopify-Access-Token'],
  hosts: [STORE],
  credentials: [
    { id: 'token', type: 'shopifyAccessTokenApi', data: { shop: 'Acme', accessToken: TOKEN } },
    { id: 'revoked', type: 'shopifyAccessTokenApi', data: { shop: STORE, accessToken: REVOKED } },
  ],
});
const { take, node } = bed;
/** Shopify's client, reaching the store through the same relay as the engine. */
const client = (accessToken = TOKEN) =>
  createAdminApiClient({ storeDomain: STORE, apiVersion: '2026-10', accessToken, customFetchApi: relayFetch(bed.routes) });
const documentOf = (request: NormalizedRequest) => (request.body as { query: string }).query;

/** The node's request, then the client's with the same document and the variables Shopify's reference asks for: they must agree. */
async function againstClient(node: { requests: NormalizedRequest[] }, variables: Record<string, unknown>[]) {
  for (const [i, request] of node.requests.entries()) await client().request(documentOf(request), { variables: variables[i]! });
  const expected = await take();
  expect(node.requests).toEqual(expected);
  expect(node.requests[0]).toMatchObject({
    method: 'POST',
    path: GRAPHQL,
    auth: `x-shopify-access-token: ${TOKEN}`,
    contentType: 'application/json',
  });
}

describe('Shopify products, against @shopify/admin-api-client', () => {
  it('lists products over three pages through pageInfo, 250 at a time, as the client pages them', async () => {
    const listed = await node('product', 'list', { search: 'status:active', returnAll: true });
    await againstClient(listed, [
      { query: 'status:active', first: 250 },
      { query: 'status:active', first: 250, after: 'cursor-250' },
      { query: 'status:active', first: 250, after: 'cursor-500' },
    ]);
    expect(listed.items.map((i) => i.json)).toEqual(products);
    expect(documentOf(listed.requests[0]!)).toMatch(
      /^query ProductList\(\$first: Int!, \$after: String, \$query: String\) \{\s+products\(first: \$first, after: \$after, query: \$query\)/,
    );
  });

  it('asks for no more than the limit: 250, then the 50 still wanted', async () => {
    const { items, requests } = await node('product', 'list', { limit: 300 });
    expect(items).toHaveLength(300);
    expect(requests.map((r) => (r.body as { variables: unknown }).variables)).toEqual([{ first: 250 }, { first: 50, after: 'cursor-250' }]);
  });

  it('gets, creates, updates and deletes a product with the variables Shopify documents', async () => {
    const got = await node('product', 'get', { productId: '42' });
    await againstClient(got, [{ id: 'gid://shopify/Product/42' }]);
    expect(got.items[0]!.json).toMatchObject({ id: 'gid://shopify/Product/42', title: 'Product 1' });

    const created = await node('product', 'create', { title: 'Mug', vendor: 'Acme', tags: ['kitchen'], status: 'DRAFT' });
    await againstClient(created, [{ product: { title: 'Mug', vendor: 'Acme', tags: ['kitchen'], status: 'DRAFT' } }]);
    expect(created.items[0]!.json).toEqual({
      id: 'gid://shopify/Product/1001',
      title: 'Mug',
      vendor: 'Acme',
      tags: ['kitchen'],
      status: 'DRAFT',
    });

    const updated = await node('product', 'update', { productId: 'gid://shopify/Product/1001', status: 'ACTIVE' });
    await againstClient(updated, [{ product: { id: 'gid://shopify/Product/1001', status: 'ACTIVE' } }]);

    const deleted = await node('product', 'delete', { productId: '1001' });
    await againstClient(deleted, [{ input: { id: 'gid://shopify/Product/1001' } }]);
    expect(deleted.items[0]!.json).toEqual({ deletedProductId: 'gid://shopify/Product/1001', userErrors: [] });
  });
});

describe('Shopify orders, customers and inventory, against @shopify/admin-api-client', () => {
  it('lists orders newest first and gets one', async () => {
    const listed = await node('order', 'list', { search: 'financial_status:paid' });
    await againstClient(listed, [{ query: 'financial_status:paid', sortKey: 'CREATED_AT', reverse: true, first: 50 }]);
    const got = await node('order', 'get', { orderId: '1' });
    await againstClient(got, [{ id: 'gid://shopify/Order/1' }]);
    expect(got.items[0]!.json['totalPriceSet']).toEqual({ shopMoney: { amount: '120.00', currencyCode: 'EUR' } });
  });

  it('lists, gets, creates and updates customers', async () => {
    await againstClient(await node('customer', 'list', {}), [{ first: 50 }]);
    await againstClient(await node('customer', 'get', { customerId: '7' }), [{ id: 'gid://shopify/Customer/7' }]);
    const created = await node('customer', 'create', { email: 'grace@example.com', firstName: 'Grace', tags: ['vip'] });
    await againstClient(created, [{ input: { email: 'grace@example.com', firstName: 'Grace', tags: ['vip'] } }]);
    expect(created.items[0]!.json).toMatchObject({ id: 'gid://shopify/Customer/8', email: 'grace@example.com' });
    await againstClient(await node('customer', 'update', { customerId: '8', note: 'Called' }), [
      { input: { id: 'gid://shopify/Customer/8', note: 'Called' } },
    ]);
  });

  it('lists an item\u2019s inventory levels and adjusts the available quantity at a location', async () => {
    const levels = await node('inventoryLevel', 'list', { inventoryItemId: '5' });
    await againstClient(levels, [{ id: 'gid://shopify/InventoryItem/5', first: 50 }]);
    expect(levels.items[0]!.json).toMatchObject({ location: { name: 'Berlin' }, quantities: [{ name: 'available', quantity: 9 }] });
    const adjusted = await node('inventoryLevel', 'adjust', { inventoryItemId: '5', locationId: '3', delta: -2 });
    await againstClient(adjusted, [
      {
        input: {
          reason: 'correction',
          name: 'available',
          changes: [{ delta: -2, inventoryItemId: 'gid://shopify/InventoryItem/5', locationId: 'gid://shopify/Location/3' }],
        },
      },
    ]);
    expect(adjusted.items[0]!.json).toMatchObject({ reason: 'correction', changes: [{ name: 'available', delta: -2 }] });
  });
});

describe('Shopify rate limits', () => {
  itWaitsOutRateLimit(bed, {
    title: 'waits for the points a THROTTLED query needs, from the throttle status, on the engine clock',
    parameters: { resource: 'product', operation: 'get', productId: '1' },
    limits: (request) => graphql(request).operation === 'ProductGet',
    answer: {
      body: {
        errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }],
        extensions: {
          cost: {
            requestedQueryCost: 752,
            actualQueryCost: null,
            throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2, restoreRate: 100 },
          },
        },
      },
    },
    // 750 points short at 100 points a second: 7.5 s, waited as 8 s.
    waitMs: 8_000,
    check: ({ execution, limited, retried }) => {
      expect(execution.status).toBe('success');
      expect([limited.length, retried.length]).toEqual([1, 1]);
      expect(retried[0]!.body).toEqual(limited[0]!.body);
    },
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits before a page the bucket cannot pay for',
    parameters: { resource: 'product', operation: 'list', limit: 260 },
    limits: (request) => graphql(request).operation === 'ProductList' && !graphql(request).variables['after'],
    answer: { body: { data: { products: connection(products, { first: 250 }) }, extensions: cost(300, 100) } },
    waitMs: 2_000,
    check: ({ execution, limited, retried }) => {
      expect(outputOf(execution)).toHaveLength(260);
      expect([limited, retried].map((r) => r.map((x) => (x.body as { variables: unknown }).variables))).toEqual([
        [{ first: 250 }],
        [{ first: 10, after: 'cursor-250' }],
      ]);
    },
  });

  itWaitsOutRateLimit(bed, {
    title: 'waits as Retry-After says on an HTTP 429',
    parameters: { resource: 'customer', operation: 'get', customerId: '7' },
    limits: () => true,
    answer: { status: 429, headers: { 'retry-after': '2.0' }, body: { errors: 'Exceeded 2 calls per second for api client.' } },
    waitMs: 2_000,
    check: (result) => {
      expect(result.execution.status).toBe('success');
      expect([result.limited.length, result.retried.length]).toEqual([1, 1]);
    },
  });
});

describe('Shopify errors', () => {
  it('turns userErrors into a node error naming the parameter', async () => {
    overrides.push((operation) =>
      operation === 'ProductCreate'
        ? {
            body: {
              data: { productCreate: { product: null, userErrors: [{ field: ['title'], message: "Title can't be blank" }] } },
              extensions: cost(),
            },
          }
        : undefined,
    );
    const { execution } = await node('product', 'create', { title: ' ' });
    overrides.pop();
    expect(execution.error?.message).toBe("Node 'Shopify': Shopify product.create failed: title: Title can't be blank (parameter 'title')");
    expect(execution.error?.details).toMatchObject({ service: 'shopify', parameter: 'title' });
  });

  it('turns GraphQL errors into a node error with Shopify\u2019s code, as the client receives them', async () => {
    const denied = { errors: [{ message: 'Access denied for orders field.', extensions: { code: 'ACCESS_DENIED' } }], extensions: cost() };
    overrides.push((operation) => (operation === 'OrderList' ? { body: denied } : undefined));
    const { execution, requests } = await node('order', 'list', {});
    const fromClient = await client().request(documentOf(requests[0]!), { variables: { sortKey: 'CREATED_AT', reverse: true, first: 50 } });
    await take();
    overrides.pop();
    expect(fromClient.errors?.graphQLErrors).toEqual(denied.errors);
    expect(execution.error?.message).toBe("Node 'Shopify': Shopify order.list failed: ACCESS_DENIED: Access denied for orders field.");
  });

  it('names the parameter of a record that does not exist', async () => {
    const { execution } = await node('product', 'get', { productId: '404' });
    expect(execution.error?.message).toBe("Node 'Shopify': Shopify product.get: no such record (parameter 'productId').");
  });

  itTestsCredential(bed, 'tests a credential with the shop query: a good token passes, a revoked one fails, as the client sees them', [
    { id: 'token', sdk: () => client().request('{ shop { name } }') },
    {
      id: 'revoked',
      sdk: async () => expect((await client(REVOKED).request('{ shop { name } }')).errors?.networkStatusCode).toBe(401),
      outcome: { ok: false, message: 'The test request was refused with HTTP 401 Unauthorized.' },
      calls: [{ auth: `x-shopify-access-token: ${REVOKED}` }],
    },
  ]);

  it('refuses a store that is not a myshopify name', async () => {
    await expect(
      bed.engine.credentials.create({ name: 'bad', type: 'shopifyAccessTokenApi', data: { shop: 'evil.example.com', accessToken: TOKEN } }),
    ).rejects.toThrow(/must be the store\u2019s myshopify name/);
  });
});

describe('Shopify node: bad input', () => {
  itNamesMissingCredential(bed, {
    name: 'Stock',
    parameters: { resource: 'product', operation: 'get', productId: '1' },
    message: "Node 'Stock': Shopify product.get needs a credential: choose a Shopify access token or Shopify OAuth2 credential.",
  });

  itRejectsBadInput(bed, 'names the node and the parameter that is wrong, missing or unknown', {
    name: 'Stock',
    cases: [
      {
        parameters: { resource: 'inventoryLevel', operation: 'adjust', inventoryItemId: '5', locationId: '3', delta: 'two' },
        throws: "node 'Stock' (Shopify): parameter 'delta' expected a number",
      },
      {
        parameters: { resource: 'product', operation: 'get' },
        fails: "Node 'Stock': Shopify product.get: parameter 'productId' is required.",
      },
    ],
    unknown: { service: 'Shopify', resources: ['product', 'order', 'customer', 'inventoryLevel', 'custom'], operation: ['order', 'list'] },
  });

  itKeepsCustomCall(bed, 'keeps the custom API call on the store\u2019s Admin API, signed with the token', {
    parameters: { method: 'POST', path: '/graphql.json', body: { query: '{ shop { name } }' } },
    request: { method: 'POST', path: GRAPHQL, auth: `x-shopify-access-token: ${TOKEN}` },
    item: { statusCode: 200, body: { data: { shop: { name: 'Acme' } } } },
  });
});

describe('Shopify in a workflow', () => {
  it('tags repeat customers: Manual Trigger \u2192 Shopify order list \u2192 Edit Fields \u2192 Shopify customer update, in engine.run and the CLI', async () => {
    overrides.push((operation, variables) =>
      operation === 'OrderList'
        ? {
            body: {
              data: {
                orders: connection(
                  [
                    { id: 'gid://shopify/Order/1', name: '#1001', customer: { id: 'gid://shopify/Customer/7' } },
                    { id: 'gid://shopify/Order/2', name: '#1002', customer: { id: 'gid://shopify/Customer/9' } },
                  ],
                  variables,
                ),
              },
              extensions: cost(),
            },
          }
        : undefined,
    );
    const workflow = lineAfterTrigger([
      {
        id: 'orders',
        name: 'Paid orders',
        type: shopify.node.type,
        parameters: { resource: 'order', operation: 'list', search: 'financial_status:paid', limit: 10 },
        credentials: { shopifyAccessTokenApi: 'token' },
      },
      editFields({ id: 'who', name: 'Customer' }, { customerId: '{{ $json.customer.id }}', order: '{{ $json.name }}' }, { only: true }),
      {
        id: 'tag',
        name: 'Tag customer',
        type: shopify.node.type,
        parameters: {
          resource: 'customer',
          operation: 'update',
          customerId: '{{ $json.customerId }}',
          note: 'Last paid order {{ $json.order }}',
        },
        credentials: { shopifyAccessTokenApi: 'token' },
      },
    ]);
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'token', type: 'shopifyAccessTokenApi', data: { accessToken: TOKEN, shop: 'acme' } }],
      compare: 'tag',
    });
    overrides.pop();
    expect(requests.map((r) => (r.body as { variables: unknown }).variables)).toEqual([
      { query: 'financial_status:paid', sortKey: 'CREATED_AT', reverse: true, first: 10 },
      { input: { id: 'gid://shopify/Customer/7', note: 'Last paid order #1001' } },
      { input: { id: 'gid://shopify/Customer/9', note: 'Last paid order #1002' } },
    ]);
  });
});

describe('Shopify OAuth2', () => {
  it('connects at the store\u2019s own endpoints and sends the token as X-Shopify-Access-Token', async () => {
    // Per Shopify's authorization code grant: authorize at https://{shop}.myshopify.com/admin/oauth/authorize, exchange the
    // code at /admin/oauth/access_token with client_id, client_secret and code; offline tokens do not expire.
    const oauth = await startVendorServer(
      (request) => {
        if (request.url === '/admin/oauth/access_token') return { body: { access_token: 'shpua_1', scope: 'read_products' } };
        if (request.url === GRAPHQL)
          return {
            body: { data: { products: { nodes: [{ id: 'gid://shopify/Product/1' }], pageInfo: { hasNextPage: false, endCursor: null } } } },
          };
        return undefined;
      },
      ['X-Shopify-Access-Token'],
    );
    const connected = await serviceEngine({
      nodeTypes: [shopify.node],
      credentialTypes: [shopifyOAuth2],
      routes: { 'shop2.myshopify.com': oauth.url },
      credentials: [{ id: 'app', type: 'shopifyOAuth2Api', data: { shop: 'shop2', clientId: 'client-1', clientSecret: 'shh' } }],
    });
    const { url, state } = await connected.credentials.oauth2.startAuthorization('app', {
      redirectUri: 'https://app.example.com/callback',
    });
    const authorize = new URL(url);
    expect(authorize.origin + authorize.pathname).toBe('https://shop2.myshopify.com/admin/oauth/authorize');
    expect(authorize.searchParams.get('scope')).toContain('read_products');
    await connected.credentials.oauth2.completeAuthorization({ state, code: 'code-1' });
    expect((await oauth.take())[0]).toMatchObject({
      method: 'POST',
      path: '/admin/oauth/access_token',
      body: { grant_type: 'authorization_code', code: 'code-1', client_id: 'client-1', client_secret: 'shh' },
    });
    const run = await runNode(connected, {
      type: shopify.node.type,
      parameters: { resource: 'product', operation: 'list' },
      credentials: { shopifyOAuth2Api: 'app' },
    });
    expect(outputOf(run).map((i) => i.json['id'])).toEqual(['gid://shopify/Product/1']);
    const call = oauth.requests.at(-1)!;
    expect([call.headers['x-shopify-access-token'], call.headers.authorization]).toEqual(['shpua_1', undefined]);
    await oauth.close();
  });
});
