import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Item } from '../../../model/item.js';
import { createNodeEngine } from '../../../node/create-node-engine.js';
import { silentLogger } from '../../../ports/logger.js';
import { buildWorkflow } from '../../../testing/build-workflow.js';
import { sendJson, startTestHttpServer, type SeenRequest, type TestHttpServer } from '../../../testing/test-http-server.node.js';
import { graphqlErrorMessage } from './graphql-answer.js';

// The `graphql` reference implementation is not among the repository's packages, so the server here checks each
// request against what GraphQL over HTTP (and n8n's GraphQL node, whose own test pins the same JSON body) sends,
// and answers as graphql-js shapes its results: `{ errors, data }`, errors first.

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const engine = createNodeEngine({ logger: silentLogger, http: { allowPrivateNetworks: true } });
const guarded = createNodeEngine({ logger: silentLogger });
afterAll(async () => {
  await engine.close();
  await guarded.close();
});

function workflow(parameters: Record<string, unknown>, credentials?: Record<string, string>) {
  return buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'gql', name: 'Query shop', type: 'core.graphql', parameters, ...(credentials ? { credentials } : {}) },
    ],
    connections: [['start', 'gql']],
  });
}

async function run(parameters: Record<string, unknown>, input: Item[] = [{ json: {} }], on = engine, credentials?: Record<string, string>) {
  return on.run(workflow(parameters, credentials), { input });
}
const output = (e: Awaited<ReturnType<typeof run>>) => e.nodes.gql?.[0]?.output.main ?? [];
const bodyOf = (r: SeenRequest) => JSON.parse(r.body.toString('utf8')) as unknown;

const PRODUCT = 'query Product($id: ID!) { product(id: $id) { id title } }';

describe('GraphQL', () => {
  it('posts { query, variables, operationName } as JSON and outputs the answer as the item', async () => {
    server = await startTestHttpServer((req, res) => {
      const body = bodyOf(req) as { variables: { id: string } };
      sendJson(res, 200, { data: { product: { id: body.variables.id, title: 'Mug' } } });
    });
    const e = await run(
      {
        endpoint: `${server.url}/graphql`,
        query: PRODUCT,
        variables: '{{ { "id": $json.productId } }}',
        operationName: 'Product',
      },
      [{ json: { productId: 'gid://shop/Product/7' } }],
    );
    expect(e.status).toBe('success');
    expect(output(e)).toEqual([{ json: { data: { product: { id: 'gid://shop/Product/7', title: 'Mug' } } }, pairedItem: { item: 0 } }]);
    const seen = server.requests[0]!;
    expect([seen.method, seen.url, seen.headers['content-type'], seen.headers.accept]).toEqual([
      'POST',
      '/graphql',
      'application/json',
      'application/json',
    ]);
    expect(bodyOf(seen)).toEqual({ query: PRODUCT, variables: { id: 'gid://shop/Product/7' }, operationName: 'Product' });
  });

  it('sends empty variables as {} and no operation name as null, as n8n does', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { data: { shop: { name: 'Acme' } } }));
    const e = await run({ endpoint: server.url, query: '{ shop { name } }', variables: '' });
    expect(e.status).toBe('success');
    expect(server.requests[0]!.body.toString('utf8')).toBe('{"query":"{ shop { name } }","variables":{},"operationName":null}');
  });

  it('runs once per item, each with its own variables', async () => {
    server = await startTestHttpServer((req, res) =>
      sendJson(res, 200, { data: { echo: (bodyOf(req) as { variables: unknown }).variables } }),
    );
    const e = await run({ endpoint: server.url, query: 'query($n: Int) { echo(n: $n) }', variables: { n: '{{ $json.n }}' } }, [
      { json: { n: 1 } },
      { json: { n: 2 } },
    ]);
    expect(output(e).map((i) => [i.json, i.pairedItem])).toEqual([
      [{ data: { echo: { n: 1 } } }, { item: 0 }],
      [{ data: { echo: { n: 2 } } }, { item: 1 }],
    ]);
  });

  it('posts the query alone as application/graphql when the request format is GraphQL', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { data: { ok: true } }));
    const e = await run({ endpoint: server.url, query: '{ ok }', requestFormat: 'graphql', variables: '{"ignored":1}' });
    expect(e.status).toBe('success');
    const seen = server.requests[0]!;
    expect([seen.headers['content-type'], seen.body.toString('utf8')]).toEqual(['application/graphql', '{ ok }']);
  });

  it('sends a GET with the query, variables and operation name in the query string', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { data: { product: null } }));
    const e = await run({
      endpoint: `${server.url}/graphql?v=2`,
      method: 'GET',
      query: PRODUCT,
      variables: { id: '7' },
      operationName: 'Product',
    });
    expect(e.status).toBe('success');
    const seen = new URL(server.requests[0]!.url, server.url);
    expect([server.requests[0]!.method, seen.pathname, [...seen.searchParams]]).toEqual([
      'GET',
      '/graphql',
      [
        ['v', '2'],
        ['query', PRODUCT],
        ['variables', '{"id":"7"}'],
        ['operationName', 'Product'],
      ],
    ]);
    expect(server.requests[0]!.body.length).toBe(0);
  });

  it("lets the node's headers replace the content type and add others", async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { data: {} }));
    await run({
      endpoint: server.url,
      query: '{ a }',
      headers: [
        { name: 'Content-Type', value: 'application/json; charset=utf-8' },
        { name: 'X-Shopify-Access-Token', value: 'shpat_1' },
      ],
    });
    const seen = server.requests[0]!;
    expect([seen.headers['content-type'], seen.headers['x-shopify-access-token']]).toEqual(['application/json; charset=utf-8', 'shpat_1']);
  });

  it('fails naming the node with the messages of GraphQL errors, keeping errors and partial data in the details', async () => {
    const errors = [
      { message: 'Cannot query field "titel" on type "Product". Did you mean "title"?', locations: [{ line: 1, column: 30 }] },
      { message: 'Variable "$id" of required type "ID!" was not provided.' },
    ];
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { errors, data: { shop: { name: 'Acme' } } }));
    const e = await run({ endpoint: server.url, query: PRODUCT });
    expect(e.status).toBe('error');
    expect(e.error?.message).toBe(
      "Node 'Query shop': the GraphQL server answered with errors: " +
        'Cannot query field "titel" on type "Product". Did you mean "title"?, Variable "$id" of required type "ID!" was not provided. (item 0).',
    );
    expect(e.error).toMatchObject({ code: 'GRAPHQL_ERRORS', details: { statusCode: 200, errors, data: { shop: { name: 'Acme' } } } });
  });

  it('reads GraphQL errors from an error status too, and fails with the status when there are none', async () => {
    server = await startTestHttpServer((req, res) =>
      req.url === '/bad'
        ? sendJson(
            res,
            400,
            { errors: [{ message: 'Syntax Error: Expected Name, found <EOF>.' }] },
            { 'content-type': 'application/graphql-response+json' },
          )
        : sendJson(res, 503, { message: 'maintenance' }),
    );
    const bad = await run({ endpoint: `${server.url}/bad`, query: '{' });
    expect(bad.error?.message).toBe(
      "Node 'Query shop': the GraphQL server answered with errors: Syntax Error: Expected Name, found <EOF>. (item 0).",
    );
    const down = await run({ endpoint: `${server.url}/down`, query: '{ a }' });
    expect(down.error?.message).toBe(`Node 'Query shop': POST ${server.url}/down answered 503 Service Unavailable (item 0).`);
    expect(down.error).toMatchObject({ code: 'HTTP_STATUS', details: { statusCode: 503, body: { message: 'maintenance' } } });
  });

  it('reads errors that servers outside the specification send as text or as one object', () => {
    expect(graphqlErrorMessage('An unexpected error occurred')).toBe('An unexpected error occurred');
    expect(graphqlErrorMessage({ message: 'Throttled' })).toBe('Throttled');
    expect(graphqlErrorMessage([{ extensions: { code: 'X' } }])).toBe('errors without a message');
    expect(graphqlErrorMessage({ code: 42 })).toBe('{"code":42}');
  });

  it('takes an empty errors list as no error', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { errors: [], data: { a: 1 } }));
    const e = await run({ endpoint: server.url, query: '{ a }' });
    expect(output(e)[0]!.json).toEqual({ errors: [], data: { a: 1 } });
  });

  it('puts the answer as text into the chosen field with the string response format, and still fails on its errors', async () => {
    server = await startTestHttpServer((req, res) =>
      req.url === '/err' ? sendJson(res, 200, { errors: [{ message: 'Denied' }] }) : sendJson(res, 200, { data: { a: 1 } }),
    );
    const e = await run({ endpoint: server.url, query: '{ a }', responseFormat: 'string', dataField: 'raw' });
    expect(output(e)[0]!.json).toEqual({ raw: '{"data":{"a":1}}' });
    const failed = await run({ endpoint: `${server.url}/err`, query: '{ a }', responseFormat: 'string' });
    expect(failed.error?.message).toContain('answered with errors: Denied');
  });

  it('refuses an answer that is not JSON, saying how to read it as text', async () => {
    server = await startTestHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<h1>Login</h1>');
    });
    const e = await run({ endpoint: server.url, query: '{ a }' });
    expect(e.error?.message).toBe(
      `Node 'Query shop': ${server.url} answered with a body that is not JSON (item 0); set parameter 'responseFormat' to 'string' to read it as text.`,
    );
    const text = await run({ endpoint: server.url, query: '{ a }', responseFormat: 'string' });
    expect(output(text)[0]!.json).toEqual({ data: '<h1>Login</h1>' });
  });

  it('fails naming the parameter when the variables are not a JSON object', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { data: {} }));
    const bad = await run({ endpoint: server.url, query: '{ a }', variables: '{"id": 7' });
    expect(bad.error?.message).toMatch(/^Node 'Query shop': parameter 'variables' is not valid JSON: .+ \(item 0\)\.$/);
    const list = await run({ endpoint: server.url, query: '{ a }', variables: [1] });
    expect(list.error?.message).toBe("Node 'Query shop': parameter 'variables' must be a JSON object of variables, got a list (item 0).");
    expect(server.requests).toHaveLength(0);
  });

  it('signs the request with the credential in its auth slot, as HTTP Request does', async () => {
    server = await startTestHttpServer((req, res) =>
      sendJson(res, 200, { data: { authorized: req.headers.authorization === 'Bearer gql-s3cret' } }),
    );
    await engine.credentials.create({
      id: 'gql-token',
      name: 'Shop API',
      type: 'bearerToken',
      data: { token: 'gql-s3cret', allowedDomains: ['127.0.0.1'] },
    });
    const e = await run({ endpoint: server.url, query: '{ authorized }' }, [{ json: {} }], engine, { auth: 'gql-token' });
    expect(output(e)[0]!.json).toEqual({ data: { authorized: true } });
    expect(JSON.stringify(e)).not.toContain('gql-s3cret');
  });

  it("refuses a private address under the engine's network policy", async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { data: {} }));
    const e = await run({ endpoint: server.url, query: '{ a }' }, [{ json: {} }], guarded);
    expect(e.status).toBe('error');
    expect(e.error?.message).toMatch(/^Node 'Query shop': .*private/i);
    expect(server.requests).toHaveLength(0);
  });
});
