// Webhook handling and the HTTP Request node, each beside a hand-written
// equivalent measured in the same run.
import { createServer } from 'node:http';
import { createEngine, silentLogger } from '../packages/engine/dist/index.js';
import { fmt, row, section, time } from './lib.mjs';

const CALLS = 1000;
const REQUESTS = 200;

const hookWorkflow = {
  schemaVersion: 1,
  id: 'bench-hook',
  name: 'Webhook bench',
  nodes: [
    {
      id: 'hook',
      name: 'Hook',
      type: 'core.webhook',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      parameters: { httpMethod: 'POST', path: 'orders', responseMode: 'lastNode' },
    },
    { id: 'next', name: 'Next', type: 'core.noOp', typeVersion: 1, position: { x: 200, y: 0 }, parameters: {} },
  ],
  connections: [{ from: { node: 'hook', port: 'main' }, to: { node: 'next', port: 'main' } }],
  settings: {},
};

const request = () =>
  new Request('https://shop.example/webhook/orders?source=bench', {
    method: 'POST',
    body: JSON.stringify({ id: 7, lines: [{ sku: 'a', qty: 2 }] }),
    headers: { 'content-type': 'application/json' },
  });

section(`engine.handleWebhook: ${fmt(CALLS)} POST calls answered with the last node's item`);
const engine = createEngine({ logger: silentLogger, storage: undefined });
await engine.activate(hookWorkflow);
const flowloom = await time(
  async () => {
    for (let i = 0; i < CALLS; i++) await (await engine.handleWebhook(request())).json();
  },
  { minRuns: 3, minMs: 500 },
);
const reference = await time(
  async () => {
    for (let i = 0; i < CALLS; i++) {
      const r = request();
      const url = new URL(r.url);
      const item = {
        method: r.method,
        query: Object.fromEntries(url.searchParams),
        headers: Object.fromEntries(r.headers),
        body: await r.json(),
      };
      await Response.json(item).json();
    }
  },
  { minRuns: 3, minMs: 500 },
);
row('handleWebhook (lastNode, 2 nodes, stored run)', flowloom, reference, `${fmt((CALLS / flowloom) * 1000)} calls/s`);

section(`HTTP Request node: ${fmt(REQUESTS)} GET requests to a server on 127.0.0.1`);
const server = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end('{"ok":true,"n":1}');
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/x`;
const httpEngine = createEngine({ logger: silentLogger, http: { allowPrivateNetworks: true } });
const items = Array.from({ length: REQUESTS }, (_, i) => ({ json: { i } }));
const httpWorkflow = {
  ...hookWorkflow,
  id: 'bench-http',
  nodes: [
    { id: 'start', name: 'Start', type: 'core.manualTrigger', typeVersion: 1, position: { x: 0, y: 0 }, parameters: {} },
    { id: 'http', name: 'HTTP', type: 'core.httpRequest', typeVersion: 1, position: { x: 200, y: 0 }, parameters: { url } },
  ],
  connections: [{ from: { node: 'start', port: 'main' }, to: { node: 'http', port: 'main' } }],
};
const viaNode = await time(() => httpEngine.run(httpWorkflow, { input: items }), { minRuns: 3, minMs: 500 });
const plain = await time(
  async () => {
    for (let i = 0; i < REQUESTS; i++) await (await fetch(url)).json();
  },
  { minRuns: 3, minMs: 500 },
);
row('HTTP Request node, one request per item', viaNode, plain, `${fmt((REQUESTS / viaNode) * 1000)} requests/s`);
server.close();
