import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '@flowloom/engine';
import { buildWorkflow, createTestClock, type TestClock } from '@flowloom/engine/testing';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../../testing/test-http-server.node.js';

/**
 * Pagination that updates parameters in each request, specified by the
 * documented behaviour of n8n's HTTP Request pagination ("Update a Parameter
 * in Each Request" with `$response` and `$pageCount`, "Pagination Complete
 * When: Response Is Empty", the limit of pages, the interval between
 * requests, and the stop on an API answering the same page again), against
 * a real HTTP server.
 */

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function run(parameters: Record<string, unknown>, clock?: TestClock) {
  const engine = createEngine({ http: { allowPrivateNetworks: true }, ...(clock ? { clock } : {}) });
  const workflow = buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'http', name: 'List orders', type: 'core.httpRequest', parameters: { pagination: 'parameters', ...parameters } },
    ],
    connections: [['start', 'http']],
  });
  return engine.run(workflow, { input: [{ json: {} }] });
}

const jsonOf = (e: Awaited<ReturnType<typeof run>>) => (e.nodes.http?.[0]?.output.main ?? []).map((i) => i.json);
const pathsSeen = () => server!.requests.map((r) => r.url);

describe('HTTP Request pagination updating parameters', () => {
  it('sets a page number from the page count and stops at the first empty list', async () => {
    server = await startTestHttpServer((req, res) => {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('page'));
      sendJson(
        res,
        200,
        page < 3
          ? [
              { page, n: 1 },
              { page, n: 2 },
            ]
          : [],
      );
    });
    const e = await run({ url: `${server.url}/orders`, pageParameters: [{ in: 'query', name: 'page', value: '{{ pageCount + 1 }}' }] });
    expect(e.status).toBe('success');
    expect(pathsSeen()).toEqual(['/orders?page=1', '/orders?page=2', '/orders?page=3']);
    expect(jsonOf(e)).toEqual([
      { page: 1, n: 1 },
      { page: 1, n: 2 },
      { page: 2, n: 1 },
      { page: 2, n: 2 },
    ]);
  });

  it("keeps the request's own value while the template gives nothing (before the first answer)", async () => {
    const next: Record<string, string | undefined> = { start: 'b', b: 'c', c: undefined };
    server = await startTestHttpServer((req, res) => {
      const cursor = new URL(req.url, 'http://x').searchParams.get('cursor') ?? '';
      sendJson(res, 200, { items: [cursor], ...(next[cursor] ? { next: next[cursor] } : {}) });
    });
    const e = await run({
      url: server.url,
      query: [{ name: 'cursor', value: 'start' }],
      pageParameters: [{ in: 'query', name: 'cursor', value: '{{ response.body.next }}' }],
      continueExpression: '{{ $exists(response.body.next) }}',
    });
    expect(e.status).toBe('success');
    expect(pathsSeen()).toEqual(['/?cursor=start', '/?cursor=b', '/?cursor=c']);
    expect(jsonOf(e)).toEqual([{ items: ['start'], next: 'b' }, { items: ['b'], next: 'c' }, { items: ['c'] }]);
  });

  it('sets headers, and an object answer continues the pagination up to the page limit', async () => {
    server = await startTestHttpServer((req, res) => sendJson(res, 200, { token: req.headers['x-page-token'] ?? null }));
    const e = await run({
      url: server.url,
      maxPages: 3,
      pageParameters: [{ in: 'header', name: 'X-Page-Token', value: 'page-{{ pageCount }}' }],
    });
    expect(e.status).toBe('success');
    expect(jsonOf(e)).toEqual([{ token: 'page-0' }, { token: 'page-1' }, { token: 'page-2' }]);
  });

  it('waits the pause between pages on the engine clock', async () => {
    server = await startTestHttpServer((req, res) => {
      const page = Number(new URL(req.url, 'http://x').searchParams.get('page'));
      sendJson(res, 200, page < 3 ? [page] : []);
    });
    const clock = createTestClock();
    const pending = run(
      { url: server.url, pageIntervalMs: 250, pageParameters: [{ in: 'query', name: 'page', value: '{{ pageCount + 1 }}' }] },
      clock,
    );
    await clock.whenTimer(250);
    expect(server.requests).toHaveLength(1);
    clock.advance(250);
    await clock.whenTimer(250);
    expect(server.requests).toHaveLength(2);
    clock.advance(250);
    const e = await pending;
    expect(e.status).toBe('success');
    expect(server.requests).toHaveLength(3);
    expect(jsonOf(e)).toEqual([{ value: 1 }, { value: 2 }]);
  });

  it('fails when it asks for another page after an error status, and stops quietly on one that ends the pagination', async () => {
    server = await startTestHttpServer((req, res) =>
      req.url.includes('empty') ? (res.writeHead(404).end() as unknown as void) : sendJson(res, 404, { error: 'no such page' }),
    );
    const failed = await run({ url: `${server.url}/full`, pageParameters: [{ in: 'query', name: 'page', value: '{{ pageCount }}' }] });
    expect(failed.status).toBe('error');
    expect(failed.error).toMatchObject({ code: 'HTTP_STATUS' });
    expect(failed.error?.message).toContain('answered 404');
    const quiet = await run({ url: `${server.url}/empty`, pageParameters: [{ in: 'query', name: 'page', value: '{{ pageCount }}' }] });
    expect(quiet.status).toBe('success');
  });

  it('stops with an error when the API keeps giving the same answer', async () => {
    const same = JSON.stringify([{ same: true }]);
    server = await startTestHttpServer((_req, res) => sendJson(res, 200, [{ same: true }], { 'content-length': String(same.length) }));
    const e = await run({ url: server.url, pageParameters: [{ in: 'query', name: 'page', value: '1' }] });
    expect(e.status).toBe('error');
    expect(e.error).toMatchObject({ code: 'HTTP_PAGINATION_STUCK' });
    // The same length and body five times: the first, then three repeats more than the two allowed.
    expect(server.requests).toHaveLength(5);
  });
});
