import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../node/create-node-engine.js';
import { silentLogger } from '../../ports/logger.js';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../../testing/test-http-server.node.js';
import { importN8nWorkflow } from '../import-workflow.js';

/**
 * n8n's HTTP Request pagination ("Update a Parameter in Each Request"),
 * imported and run against a real server. The expected requests follow n8n's
 * documented behaviour: the parameters are set before every request from
 * `$response` (empty before the first, so an expression reading it gives
 * nothing and the request keeps its own value), the pagination goes on until
 * the complete rule says so (an expression failing on the answer ends it),
 * and "Max Pages" caps it.
 */

const engine = createNodeEngine({ logger: silentLogger, http: { allowPrivateNetworks: true } });
afterAll(() => engine.close());

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function request(parameters: Record<string, unknown>) {
  return importN8nWorkflow({
    nodes: [
      { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
      { name: 'List', type: 'n8n-nodes-base.httpRequest', typeVersion: 4.2, position: [200, 0], parameters },
    ],
    connections: { Start: { main: [[{ node: 'List', type: 'main', index: 0 }]] } },
  });
}

const queries = () => server!.requests.map((r) => Object.fromEntries(new URL(r.url, 'http://x').searchParams));

describe("n8n's HTTP Request pagination", () => {
  it('updates a cursor from the last answer, up to the pages allowed (corpus 0640)', async () => {
    server = await startTestHttpServer((req, res) => {
      const cursor = new URL(req.url, 'http://x').searchParams.get('cursor') ?? '';
      sendJson(res, 200, { followers: [{ after: cursor }], cursor: `${cursor}+` });
    });
    const { workflow, report } = request({
      url: `${server.url}/getFollowers`,
      sendQuery: true,
      queryParameters: { parameters: [{ name: 'limit', value: '100' }] },
      options: {
        response: { response: { responseFormat: 'json' } },
        pagination: {
          pagination: {
            parameters: { parameters: [{ name: 'cursor', value: '={{ $response.body.cursor }}' }] },
            maxRequests: 2,
            requestInterval: 5,
            limitPagesFetched: true,
          },
        },
      },
    });
    expect(report.placeholders).toEqual([]);
    const execution = await engine.run(workflow!);
    expect(execution.status, JSON.stringify(execution.error)).toBe('success');
    expect(queries()).toEqual([{ limit: '100' }, { limit: '100', cursor: '+' }]);
    expect(execution.nodes[workflow!.nodes[1]!.id]![0]!.output.main!.map((i) => i.json)).toEqual([
      { followers: [{ after: '' }], cursor: '+' },
      { followers: [{ after: '+' }], cursor: '++' },
    ]);
  });

  it('ends when the complete expression is true, or fails on the answer (corpus 0810)', async () => {
    const next: Record<string, string | null | undefined> = { start: 'p2', p2: 'p3', p3: null };
    server = await startTestHttpServer((req, res) => {
      const cursor = new URL(req.url, 'http://x').searchParams.get('cursor') ?? '';
      const after = next[cursor];
      sendJson(res, 200, after === undefined ? { result: [cursor] } : { result: [cursor], pagination: { nextPageCursor: after } });
    });
    const node = (cursorAfter: string) => ({
      url: `${server!.url}/orders`,
      sendQuery: true,
      queryParameters: { parameters: [{ name: 'cursor', value: 'start' }] },
      options: {
        pagination: {
          pagination: {
            parameters: { parameters: [{ name: 'cursor', value: `={{ $response.body.pagination.nextPageCursor${cursorAfter} }}` }] },
            maxRequests: '={{ $json.maxPage === -1 ? Infinity : $json.maxPage }}',
            limitPagesFetched: true,
            completeExpression: '={{ !$response.body.pagination.nextPageCursor }}',
            paginationCompleteWhen: 'other',
          },
        },
      },
    });
    const complete = request(node(''));
    expect(complete.report.placeholders).toEqual([]);
    const first = await engine.run(complete.workflow!);
    expect(first.status, JSON.stringify(first.error)).toBe('success');
    expect(queries()).toEqual([{ cursor: 'start' }, { cursor: 'p2' }, { cursor: 'p3' }]);

    // A cursor the API does not know answers without `pagination`: the complete expression fails on it, which ends the pagination.
    server.requests.length = 0;
    const failing = request(node(" + 'x'"));
    const second = await engine.run(failing.workflow!);
    expect(second.status, JSON.stringify(second.error)).toBe('success');
    expect(queries()).toEqual([{ cursor: 'start' }, { cursor: 'p2x' }]);
  });

  it('keeps as placeholders the pagination Flowloom cannot reproduce, saying why', () => {
    const withPagination = (pagination: Record<string, unknown>) =>
      request({ url: 'https://api.example.com/items', options: { pagination: { pagination } } }).report.placeholders;
    expect(withPagination({ paginationMode: 'responseContainsNextURL', nextURL: '={{ $response.body.next }}' })).toMatchObject([
      { parameter: 'options.pagination.pagination.paginationMode', reason: expect.stringContaining('Next URL') },
    ]);
    expect(withPagination({ parameters: { parameters: [{ name: 'page', value: '={{ $json.page + $pageCount }}' }] } })).toMatchObject([
      { parameter: 'options.pagination.pagination.parameters.parameters[0].value', reason: expect.stringContaining('$json') },
    ]);
    expect(withPagination({ parameters: { parameters: [{ type: 'body', name: 'page', value: '={{ $pageCount }}' }] } })).toMatchObject([
      { parameter: 'options.pagination.pagination.parameters.parameters[0].type' },
    ]);
  });
});
