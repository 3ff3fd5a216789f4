import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { runCliWithFiles } from '../../testing/run-cli-in-process.node.js';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../../testing/test-http-server.node.js';

// A shop API: orders listed with a cursor, invoices created one per order.
let api: TestHttpServer;
beforeEach(async () => {
  api = await startTestHttpServer((req, res) => {
    const url = new URL(req.url, 'http://api');
    if (req.method === 'GET' && url.pathname === '/orders') {
      if (req.headers.authorization !== 'Bearer shop-token') return sendJson(res, 401, { error: 'unauthorized' });
      const page = url.searchParams.get('cursor') === 'p2' ? 2 : 1;
      const orders =
        page === 1
          ? [
              { id: 1, total: 30 },
              { id: 2, total: 70 },
            ]
          : [{ id: 3, total: 120 }];
      return sendJson(res, 200, { orders, next: page === 1 ? 'p2' : null });
    }
    if (req.method === 'POST' && url.pathname.startsWith('/invoices/')) {
      const body = JSON.parse(req.body.toString('utf8')) as { total: number };
      return sendJson(res, 201, { invoice: `INV-${url.pathname.split('/').pop()}`, amount: body.total });
    }
    sendJson(res, 404, { error: 'not found' });
  });
});
afterEach(() => api.close());

const syncInvoices = () =>
  buildWorkflow({
    id: 'sync-invoices',
    name: 'Invoice every order',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      {
        id: 'orders',
        name: 'List orders',
        type: 'core.httpRequest',
        parameters: {
          url: `${api.url}/orders`,
          headers: [{ name: 'Authorization', value: 'Bearer shop-token' }],
          pagination: 'cursor',
          cursorExpression: 'body.next',
          resultsExpression: 'body.orders',
        },
      },
      {
        id: 'invoice',
        name: 'Create invoice',
        type: 'core.httpRequest',
        parameters: { method: 'POST', url: `${api.url}/invoices/{{ $json.id }}`, bodyType: 'json', jsonBody: '{{ $json }}', batchSize: 2 },
      },
    ],
    connections: [
      ['start', 'orders'],
      ['orders', 'invoice'],
    ],
  });

const expected = [
  { invoice: 'INV-1', amount: 30 },
  { invoice: 'INV-2', amount: 70 },
  { invoice: 'INV-3', amount: 120 },
];

describe('HTTP end to end', () => {
  it('pages through an API and posts one request per item, through engine.run', async () => {
    const engine = createEngine({ http: { allowPrivateNetworks: true } });
    const e = await engine.run(syncInvoices());
    expect(e.status).toBe('success');
    expect(e.nodes.invoice![0]!.output.main!.map((i) => i.json)).toEqual(expected);
    expect(api.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /orders',
      'GET /orders?cursor=p2',
      'POST /invoices/1',
      'POST /invoices/2',
      'POST /invoices/3',
    ]);
  });

  it('runs the same workflow through the flowloom run CLI', async () => {
    const r = await runCliWithFiles({ 'wf.json': syncInvoices() }, ['run', 'wf.json', '--allow-private-networks']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.execution.nodes.invoice![0]!.output.main!.map((i) => i.json)).toEqual(expected);
  });

  it('refuses the local API from the CLI unless private networks are allowed', async () => {
    const r = await runCliWithFiles({ 'wf.json': syncInvoices() }, ['run', 'wf.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Node 'List orders': Requests to '127.0.0.1' are refused");
    expect(api.requests).toHaveLength(0);
  });
});
