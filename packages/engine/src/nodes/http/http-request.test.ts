import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, NetworkError, type Item } from '@flowloom/engine';
import { buildWorkflow, createTestClock, type TestClock } from '@flowloom/engine/testing';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../../testing/test-http-server.node.js';

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function workflow(parameters: Record<string, unknown>) {
  return buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'http', name: 'Fetch orders', type: 'core.httpRequest', parameters },
    ],
    connections: [['start', 'http']],
  });
}

async function run(parameters: Record<string, unknown>, options: { input?: Item[]; clock?: TestClock; allow?: boolean } = {}) {
  const engine = createEngine({
    http: { allowPrivateNetworks: options.allow ?? true },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  return engine.run(workflow(parameters), { input: options.input ?? [{ json: {} }] });
}

const output = (e: Awaited<ReturnType<typeof run>>) => e.nodes.http?.[0]?.output.main ?? [];

describe('HTTP Request', () => {
  it('sends a GET with query and headers and outputs the JSON answer', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { ok: true, n: 1 }));
    const e = await run({
      url: `${server.url}/orders`,
      query: [{ name: 'status', value: 'open' }],
      headers: [{ name: 'X-Tenant', value: 'acme' }],
    });
    expect(e.status).toBe('success');
    expect(output(e)).toEqual([{ json: { ok: true, n: 1 }, pairedItem: { item: 0 } }]);
    expect(server.requests[0]!.url).toBe('/orders?status=open');
    expect(server.requests[0]!.headers['x-tenant']).toBe('acme');
  });

  it('sends one request per input item and splits JSON arrays into items', async () => {
    server = await startTestHttpServer((req, res) => sendJson(res, 200, [{ path: req.url }, 7]));
    const e = await run({ url: `${server.url}/a` }, { input: [{ json: {} }, { json: {} }] });
    expect(output(e).map((i) => i.json)).toEqual([{ path: '/a' }, { value: 7 }, { path: '/a' }, { value: 7 }]);
    expect(server.requests).toHaveLength(2);
  });

  it('sends JSON, form, raw and binary bodies', async () => {
    server = await startTestHttpServer((req, res) =>
      sendJson(res, 200, { type: req.headers['content-type'], body: req.body.toString('utf8') }),
    );
    const json = await run({ method: 'POST', url: server.url, bodyType: 'json', jsonBody: '{"a":1}' });
    expect(output(json)[0]!.json).toEqual({ type: 'application/json', body: '{"a":1}' });
    const form = await run({ method: 'POST', url: server.url, bodyType: 'form', formFields: [{ name: 'q', value: 'a b' }] });
    expect(output(form)[0]!.json).toEqual({ type: 'application/x-www-form-urlencoded;charset=UTF-8', body: 'q=a+b' });
    const raw = await run({ method: 'PUT', url: server.url, bodyType: 'raw', rawBody: '<x/>', rawContentType: 'application/xml' });
    expect(output(raw)[0]!.json).toEqual({ type: 'application/xml', body: '<x/>' });
    const file = { mimeType: 'text/csv', fileName: 'a.csv', data: btoa('id\n1\n') };
    const binary = await run({ method: 'POST', url: server.url, bodyType: 'binary' }, { input: [{ json: {}, binary: { data: file } }] });
    expect(output(binary)[0]!.json).toEqual({ type: 'text/csv', body: 'id\n1\n' });
  });

  it('sends a multipart form with a file from the item', async () => {
    server = await startTestHttpServer((req, res) =>
      sendJson(res, 200, { type: String(req.headers['content-type']), body: req.body.toString('utf8') }),
    );
    const file = { mimeType: 'text/plain', fileName: 'note.txt', data: btoa('hello') };
    const e = await run(
      {
        method: 'POST',
        url: server.url,
        bodyType: 'multipart',
        multipartFields: [
          { name: 'title', value: 'Note' },
          { name: 'file', binaryProperty: 'doc' },
        ],
      },
      { input: [{ json: {}, binary: { doc: file } }] },
    );
    const seen = output(e)[0]!.json as { type: string; body: string };
    expect(seen.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(seen.body).toContain('name="title"\r\n\r\nNote');
    expect(seen.body).toContain('filename="note.txt"');
    expect(seen.body).toContain('hello');
  });

  it('reads text, files and the full response', async () => {
    server = await startTestHttpServer((req, res) => {
      if (req.url === '/text') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('plain words');
      } else {
        res.writeHead(201, { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="dot.png"' });
        res.end(Buffer.from([137, 80, 78, 71]));
      }
    });
    expect(output(await run({ url: `${server.url}/text` }))[0]!.json).toEqual({ data: 'plain words' });
    const file = output(await run({ url: `${server.url}/file` }))[0]!;
    expect(file.binary?.data).toEqual({ mimeType: 'image/png', fileName: 'dot.png', fileSize: 4, data: 'iVBORw==' });
    const full = output(await run({ url: `${server.url}/text`, fullResponse: true }))[0]!.json;
    expect(full).toMatchObject({ statusCode: 200, body: 'plain words', headers: { 'content-type': 'text/plain' } });
  });

  it('writes a file answer to the binary property asked for', async () => {
    server = await startTestHttpServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(Buffer.from([137, 80, 78, 71]));
    });
    const file = output(await run({ url: `${server.url}/avatar.png`, fileProperty: 'avatar' }))[0]!;
    expect(Object.keys(file.binary ?? {})).toEqual(['avatar']);
    expect(file.binary?.avatar).toMatchObject({ mimeType: 'image/png', fileName: 'avatar.png', data: 'iVBORw==' });
    const full = output(await run({ url: `${server.url}/bg.png`, responseFormat: 'binary', fileProperty: 'bg', fullResponse: true }))[0]!;
    expect(full.json).toMatchObject({ statusCode: 200 });
    expect(Object.keys(full.binary ?? {})).toEqual(['bg']);
  });

  it('refuses a URL written as text that is none before the run starts, naming the node and parameter', async () => {
    for (const url of ['WEBHOOK1', '', 'api.example.com/orders', '{TEMPLATE_IMAGE_URL}']) {
      await expect(run({ url })).rejects.toThrow("node 'Fetch orders' (HTTP Request): parameter 'url' must be an http:// or https:// URL");
    }
  });

  it("checks a URL given by an expression with each item's value, when the node runs", async () => {
    server = await startTestHttpServer((req, res) => sendJson(res, 200, { path: req.url }));
    const e = await run(
      { url: '{{ $json.url }}' },
      { input: [{ json: { url: `${server.url}/ok` } }, { json: { url: 'no-scheme.example' } }] },
    );
    expect(e.error?.message).toBe(`Node 'Fetch orders' (HTTP Request): parameter 'url' must be an http:// or https:// URL (item 1).`);
    expect(server.requests.map((r) => r.url)).toEqual(['/ok']);
    // An address left to fill in, given as an expression (as the n8n importer writes one), fails only when the node runs.
    const left = await run({ url: '{{ "WEBHOOK1" }}' });
    expect(left.error?.message).toBe(`Node 'Fetch orders' (HTTP Request): parameter 'url' must be an http:// or https:// URL (item 0).`);
  });

  it('fails naming the node, URL and status on an error answer, unless told never to', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 404, { error: 'no such order' }));
    const e = await run({ url: `${server.url}/orders/9` });
    expect(e.status).toBe('error');
    expect(e.error?.message).toBe(`Node 'Fetch orders': GET ${server.url}/orders/9 answered 404 Not Found.`);
    expect(e.error?.details).toEqual({ statusCode: 404, body: { error: 'no such order' } });
    const lenient = await run({ url: `${server.url}/orders/9`, neverError: true, fullResponse: true });
    expect(output(lenient)[0]!.json).toMatchObject({ statusCode: 404, body: { error: 'no such order' } });
  });

  it('retries a 503 after the time its Retry-After asks for', async () => {
    let calls = 0;
    server = await startTestHttpServer((_req, res) => {
      calls++;
      if (calls === 1) sendJson(res, 503, { busy: true }, { 'retry-after': '2' });
      else sendJson(res, 200, { ok: true });
    });
    const clock = createTestClock();
    const pending = run({ url: server.url, maxRetries: 3, retryDelayMs: 10 }, { clock });
    await clock.whenTimer(2000);
    clock.advance(1999);
    expect(calls).toBe(1);
    clock.advance(1);
    const e = await pending;
    expect(calls).toBe(2);
    expect(output(e)[0]!.json).toEqual({ ok: true });
  });

  it('gives up after its retries with the last status', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 500, { down: true }, { 'retry-after': '0' }));
    const e = await run({ url: server.url, maxRetries: 2 });
    expect(server.requests).toHaveLength(3);
    expect(e.error?.code).toBe('HTTP_STATUS');
  });

  it('times out a request that gets no answer', async () => {
    server = await startTestHttpServer(() => undefined);
    const clock = createTestClock();
    const pending = run({ url: server.url, timeoutMs: 5000 }, { clock });
    await server.received();
    clock.advance(5000);
    const e = await pending;
    expect(e.error?.code).toBe('HTTP_TIMEOUT');
    expect(e.error?.message).toBe(`Node 'Fetch orders': GET ${server.url}/ timed out after 5000 ms.`);
  });

  it('pages by page number until an empty page', async () => {
    server = await startTestHttpServer((req, res) => {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('page'));
      sendJson(res, 200, { data: page <= 2 ? [{ page }] : [] });
    });
    const e = await run({ url: `${server.url}/items`, pagination: 'pageNumber', resultsExpression: 'body.data' });
    expect(output(e).map((i) => i.json)).toEqual([{ page: 1 }, { page: 2 }]);
    expect(server.requests.map((r) => r.url)).toEqual(['/items?page=1', '/items?page=2', '/items?page=3']);
  });

  it('pages by offset and stops at a short page', async () => {
    server = await startTestHttpServer((req, res) => {
      const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset'));
      sendJson(res, 200, offset === 0 ? [{ i: 0 }, { i: 1 }] : [{ i: 2 }]);
    });
    const e = await run({ url: server.url, pagination: 'offset', pageSize: 2 });
    expect(output(e).map((i) => i.json)).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
    expect(server.requests.map((r) => r.url)).toEqual(['/?offset=0&limit=2', '/?offset=2&limit=2']);
  });

  it('pages with a cursor taken from the response', async () => {
    server = await startTestHttpServer((req, res) => {
      const cursor = new URL(req.url, 'http://x').searchParams.get('cursor');
      sendJson(res, 200, cursor === 'c2' ? { items: [{ n: 2 }], next: null } : { items: [{ n: 1 }], next: 'c2' });
    });
    const e = await run({ url: server.url, pagination: 'cursor', cursorExpression: 'body.next', resultsExpression: 'body.items' });
    expect(output(e).map((i) => i.json)).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('follows the next URL of a Link header, up to max pages', async () => {
    server = await startTestHttpServer((req, res) => {
      const n = Number(new URL(req.url, 'http://x').searchParams.get('p') ?? 1);
      sendJson(res, 200, [{ n }], { link: `</list?p=${n + 1}>; rel="next", </list?p=1>; rel="first"` });
    });
    const e = await run({ url: `${server.url}/list`, pagination: 'nextUrl', nextUrlExpression: 'headers.link', maxPages: 3 });
    expect(output(e).map((i) => i.json)).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('stops paging when the more-pages flag is false', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { data: [{ a: 1 }], has_more: false }));
    const e = await run({
      url: server.url,
      pagination: 'pageNumber',
      resultsExpression: 'body.data',
      completeExpression: 'body.has_more = false',
    });
    expect(server.requests).toHaveLength(1);
    expect(output(e)).toHaveLength(1);
  });

  it('builds the next URL and the stop condition with expressions over the answer', async () => {
    server = await startTestHttpServer((req, res) => {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('n') ?? 1);
      sendJson(res, 200, { rows: [{ page }], meta: { page, pages: 3 } });
    });
    const e = await run({
      url: `${server.url}/rows`,
      pagination: 'nextUrl',
      nextUrlExpression: '"/rows?n=" & $string(body.meta.page + 1)',
      resultsExpression: 'body.rows',
      completeExpression: 'body.meta.page >= body.meta.pages',
    });
    expect(output(e).map((i) => i.json)).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }]);
    expect(server.requests).toHaveLength(3);
  });

  it('evaluates the pagination expressions on each answer, as written, for every item', async () => {
    // The API gives the next page as a link template with a {{cursor}} placeholder and the cursor beside it.
    server = await startTestHttpServer((req, res) => {
      const url = new URL(req.url, 'http://x');
      const after = url.searchParams.get('after');
      sendJson(res, 200, {
        rows: [{ list: url.pathname.slice(1), page: after ? 2 : 1 }],
        cursor: after ? null : 'c2',
        linkTemplate: `${url.pathname}?after={{cursor}}`,
      });
    });
    const e = await run(
      {
        url: `${server.url}/{{ $json.list }}`,
        pagination: 'nextUrl',
        nextUrlExpression: 'body.cursor ? $replace(body.linkTemplate, "{{cursor}}", body.cursor) : ""',
        resultsExpression: 'body.rows',
        completeExpression: 'body.cursor = null',
      },
      { input: [{ json: { list: 'a' } }, { json: { list: 'b' } }, { json: { list: 'c' } }] },
    );
    expect(e.error).toBeUndefined();
    expect(output(e).map((i) => [i.json, i.pairedItem])).toEqual(
      ['a', 'b', 'c'].flatMap((list, item) => [
        [{ list, page: 1 }, { item }],
        [{ list, page: 2 }, { item }],
      ]),
    );
    expect(server.requests.map((r) => r.url).sort()).toEqual(['/a', '/a?after=c2', '/b', '/b?after=c2', '/c', '/c?after=c2']);
  });

  it('names the pagination parameter whose expression fails', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, { data: { not: 'a list' } }));
    const e = await run({ url: server.url, pagination: 'pageNumber', resultsExpression: 'body.data' });
    expect(e.error?.message).toContain("Node 'Fetch orders': parameter 'resultsExpression' gives object, not a list");
    const bad = await run({ url: server.url, pagination: 'cursor', cursorExpression: 'body.(' });
    expect(bad.error?.message).toContain("parameter 'cursorExpression' could not be evaluated on the answer");
  });

  it('sends batches of N requests with a pause between them', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, {}));
    const clock = createTestClock();
    const input = [1, 2, 3].map((n) => ({ json: { n } }));
    const pending = run({ url: server.url, batchSize: 2, batchIntervalMs: 1000, timeoutMs: 1_000_000 }, { clock, input });
    await clock.whenTimer(1000);
    expect(server.requests).toHaveLength(2);
    clock.advance(1000);
    const e = await pending;
    expect(server.requests).toHaveLength(3);
    expect(output(e)).toHaveLength(3);
  });

  it('refuses loopback addresses unless the host allows private networks', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, {}));
    const e = await run({ url: server.url }, { allow: false });
    expect(e.error?.code).toBe('PRIVATE_NETWORK_REFUSED');
    expect(e.error?.message).toContain("Node 'Fetch orders': Requests to '127.0.0.1' are refused");
    expect(server.requests).toHaveLength(0);
  });

  it('refuses a redirect to a private address', async () => {
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, {}));
    const target = server.url;
    const engine = createEngine({
      fetch: async (input, init) =>
        new URL(input instanceof Request ? input.url : String(input)).hostname === 'public.example'
          ? new Response(null, { status: 302, headers: { location: target } })
          : fetch(input, init),
    });
    const e = await engine.run(workflow({ url: 'http://public.example/start' }));
    expect(e.error?.code).toBe('PRIVATE_NETWORK_REFUSED');
    expect(server.requests).toHaveLength(0);
  });

  it('retries a request that failed on the network, as it does other network errors', async () => {
    let calls = 0;
    const engine = createEngine({
      fetch: () => {
        calls++;
        return Promise.reject(new NetworkError('HOST_UNRESOLVED', "Cannot resolve host 'api.example': DNS gave no addresses."));
      },
    });
    const e = await engine.run(workflow({ url: 'https://api.example/orders', maxRetries: 1, retryDelayMs: 0 }));
    expect(calls).toBe(2);
    expect(e.error?.code).toBe('HTTP_NETWORK');
    expect(e.error?.message).toContain("could not be sent: Cannot resolve host 'api.example'");
  });

  it('names the parameter when its value is wrong', async () => {
    await expect(run({})).rejects.toThrow("node 'Fetch orders' (HTTP Request): parameter 'url' is required");
    await expect(run({ url: 'ftp://x' })).rejects.toThrow("parameter 'url' must be an http:// or https:// URL");
    await expect(run({ url: 'https://a.example', timeoutMs: 'soon' })).rejects.toThrow("parameter 'timeoutMs'");
    const badJson = await run({ method: 'POST', url: 'https://api.example.com', bodyType: 'json', jsonBody: '{nope' });
    expect(badJson.error?.message).toMatch(/^Node 'Fetch orders': parameter 'jsonBody' is not valid JSON/);
    const noFile = await run({ method: 'POST', url: 'https://api.example.com', bodyType: 'binary' });
    expect(noFile.error?.message).toContain("parameter 'binaryProperty': the item has no binary 'data'");
    const badCursor = await run({ url: 'https://api.example.com', pagination: 'cursor' });
    expect(badCursor.error?.message).toContain("parameter 'cursorExpression' is required");
  });
});
