import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Execution } from '@flowloom/engine';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { runCliWithFiles } from '../../testing/run-cli-in-process.node.js';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../../testing/test-http-server.node.js';

// A stock service the workflows call.
let stock: TestHttpServer;
beforeEach(async () => {
  stock = await startTestHttpServer((req, res) => {
    if (req.url === '/ping') return sendJson(res, 200, { pong: true });
    const { sku } = JSON.parse(req.body.toString('utf8') || '{}') as { sku?: string };
    sendJson(res, 200, { sku, reserved: sku !== 'none-left' });
  });
});
afterEach(() => stock.close());

/** Webhook -> Execute Workflow (a sub-workflow reserving stock over HTTP) -> Respond to Webhook. */
const orderIntake = () => {
  const reserve = buildWorkflow({
    id: 'reserve',
    nodes: [
      { id: 'in', type: 'core.executeWorkflowTrigger', parameters: { requiredFields: ['body'] } },
      {
        id: 'call',
        type: 'core.httpRequest',
        parameters: { method: 'POST', url: `${stock.url}/reserve`, bodyType: 'json', jsonBody: '{{ $json.body }}' },
      },
    ],
    connections: [['in', 'call']],
  });
  return buildWorkflow({
    id: 'intake',
    name: 'Order intake',
    nodes: [
      { id: 'hook', type: 'core.webhook', parameters: { httpMethod: 'POST', path: 'orders', responseMode: 'responseNode' } },
      { id: 'reserve', type: 'core.executeWorkflow', parameters: { source: 'parameter', workflowJson: reserve as never } },
      {
        id: 'reply',
        type: 'core.respondToWebhook',
        parameters: { responseCode: 201, responseHeaders: [{ name: 'X-Flow', value: 'intake' }] },
      },
    ],
    connections: [
      ['hook', 'reserve'],
      ['reserve', 'reply'],
    ],
  });
};

const order = { method: 'POST', path: 'orders', params: {}, query: {}, headers: {}, body: { sku: 'lamp-1' } };

describe('triggers end to end', () => {
  it('answers a webhook call with the result of a sub-workflow calling an API', async () => {
    const engine = createEngine({ http: { allowPrivateNetworks: true } });
    await engine.activate(orderIntake());
    const response = await engine.handleWebhook(
      new Request('https://shop.example/webhook/orders', {
        method: 'POST',
        body: JSON.stringify({ sku: 'lamp-1' }),
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(response.status).toBe(201);
    expect(response.headers.get('x-flow')).toBe('intake');
    expect(await response.json()).toEqual({ sku: 'lamp-1', reserved: true });
  });

  it('runs the same workflow through engine.run with the call as input', async () => {
    const engine = createEngine({ http: { allowPrivateNetworks: true } });
    const e = await engine.run(orderIntake(), { input: [{ json: order }], mode: 'webhook' });
    expect(e.status).toBe('success');
    expect(e.nodes.reply![0]!.output.main![0]!.json).toEqual({ sku: 'lamp-1', reserved: true });
  });

  it('runs the same workflow through the flowloom run CLI', async () => {
    const r = await runCliWithFiles({ 'wf.json': orderIntake(), 'call.json': [{ json: order }] }, [
      'run',
      'wf.json',
      '--input',
      'call.json',
      '--allow-private-networks',
    ]);
    expect(r.code).toBe(0);
    expect(r.execution.nodes.reply![0]!.output.main![0]!.json).toEqual({ sku: 'lamp-1', reserved: true });
  });

  it('calls an API on a schedule', async () => {
    const clock = createTestClock({ start: Date.UTC(2026, 0, 1) });
    const engine = createEngine({ clock, http: { allowPrivateNetworks: true } });
    const finished: Execution[] = [];
    engine.on('executionFinish', (e) => finished.push(e.execution));
    await engine.activate(
      buildWorkflow({
        id: 'heartbeat',
        nodes: [
          { id: 'tick', type: 'core.scheduleTrigger', parameters: { mode: 'cron', cronExpression: '*/15 * * * *' } },
          { id: 'ping', type: 'core.httpRequest', parameters: { url: `${stock.url}/ping` } },
        ],
        connections: [['tick', 'ping']],
      }),
    );
    await engine.startScheduler();
    clock.advance(15 * 60_000);
    await engine.idle();
    engine.stopScheduler();
    expect(finished[0]!.status).toBe('success');
    expect(finished[0]!.nodes.ping![0]!.output.main![0]!.json).toEqual({ pong: true });
    expect(stock.requests.map((r) => r.url)).toEqual(['/ping']);
  });
});
