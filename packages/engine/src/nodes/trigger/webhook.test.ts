import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, describeNodeType, silentLogger, type Execution } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { serveWebhooks, type TestHttpServer } from '@flowloom/engine/testing/node';
import { webhook } from './webhook.js';
import { webhookOutputs } from './webhook-ports.js';

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * One Webhook at `/webhook/orders` for GET and POST, each method on its own
 * output: GET answers with the list, POST with 201 and the order it got.
 */
function ordersWorkflow() {
  return buildWorkflow({
    id: 'wf-orders',
    nodes: [
      {
        id: 'hook',
        name: 'Orders',
        type: 'core.webhook',
        parameters: {
          path: 'orders',
          multipleMethods: true,
          httpMethods: ['GET', 'POST'],
          outputPerMethod: true,
          responseMode: 'responseNode',
        },
      },
      {
        id: 'list',
        name: 'List',
        type: 'core.respondToWebhook',
        parameters: { respondWith: 'json', responseBody: { orders: ['o-1', 'o-2'] } },
      },
      {
        id: 'create',
        name: 'Create',
        type: 'core.respondToWebhook',
        parameters: { respondWith: 'json', responseCode: 201, responseBody: { created: '{{ $json.body.order }}' } },
      },
    ],
    connections: [
      ['hook:GET', 'list'],
      ['hook:POST', 'create'],
    ],
  });
}

describe('Webhook node', () => {
  it('emits the call it was started with', async () => {
    const engine = createEngine();
    const workflow = buildWorkflow({ nodes: [{ id: 'hook', type: 'core.webhook', parameters: { path: 'x' } }] });
    const item = { json: { method: 'POST', body: { a: 1 } } };
    const e = await engine.run(workflow, { input: [item], mode: 'webhook' });
    expect(e.nodes.hook![0]!.output.main).toEqual([item]);
  });

  it('emits an empty request in a manual run', async () => {
    const engine = createEngine();
    const workflow = buildWorkflow({ nodes: [{ id: 'hook', type: 'core.webhook', parameters: { path: 'x', httpMethod: 'GET' } }] });
    const e = await engine.run(workflow);
    expect(e.nodes.hook![0]!.output.main).toEqual([{ json: { method: 'GET', path: 'x', params: {}, query: {}, headers: {}, body: {} } }]);
  });

  it('refuses a missing or empty path and an unknown method, naming the parameter', async () => {
    const engine = createEngine();
    await engine.nodeTypes.load('core.webhook');
    const check = (parameters: Record<string, unknown>) => {
      const r = engine.validate(buildWorkflow({ nodes: [{ id: 'hook', name: 'Hook', type: 'core.webhook', parameters }] }));
      return r.success ? '' : r.error.message;
    };
    expect(check({})).toContain("node 'Hook' (Webhook): parameter 'path' is required");
    expect(check({ path: '' })).toContain("parameter 'path' must not be empty");
    expect(check({ path: 'a', httpMethod: 'TRACE' })).toContain("parameter 'httpMethod'");
  });

  it('refuses an empty or repeated list of methods when it allows several, naming the parameter', async () => {
    const engine = createEngine();
    await engine.nodeTypes.load('core.webhook');
    const check = (httpMethods: unknown) => {
      const parameters = { path: 'a', multipleMethods: true, httpMethods };
      const r = engine.validate(buildWorkflow({ nodes: [{ id: 'hook', name: 'Hook', type: 'core.webhook', parameters }] }));
      return r.success ? '' : r.error.message;
    };
    expect(check(['GET', 'POST'])).toBe('');
    expect(check([])).toContain("parameter 'httpMethods' choose at least one method");
    expect(check(['GET', 'GET'])).toContain("parameter 'httpMethods' must not name a method twice");
  });

  it('emits an empty request of its first method in a manual run when it allows several', async () => {
    const engine = createEngine();
    const parameters = { path: 'x', multipleMethods: true, httpMethods: ['PUT', 'POST'] };
    const e = await engine.run(buildWorkflow({ nodes: [{ id: 'hook', type: 'core.webhook', parameters }] }));
    expect(e.nodes.hook![0]!.output.main![0]!.json).toMatchObject({ method: 'PUT', path: 'x' });
  });

  it('has one output per method, in the order listed, only when asked to', () => {
    expect(webhookOutputs({ multipleMethods: true, httpMethods: ['POST', 'GET', 'DELETE'], outputPerMethod: true })).toEqual([
      'POST',
      'GET',
      'DELETE',
    ]);
    expect(webhookOutputs({ multipleMethods: true, outputPerMethod: true })).toEqual(['GET', 'POST']);
    expect(webhookOutputs({ multipleMethods: true, httpMethods: ['GET', 'POST'] })).toEqual(['main']);
    expect(webhookOutputs({ httpMethod: 'GET', outputPerMethod: true })).toEqual(['main']);
  });

  it('refuses a connection from a method output unless each method has its own output', async () => {
    const engine = createEngine();
    await engine.nodeTypes.load('core.webhook');
    expect(engine.validate(ordersWorkflow()).success).toBe(true);
    const single = ordersWorkflow();
    delete single.nodes[0]!.parameters.outputPerMethod;
    const r = engine.validate(single);
    expect(r.success ? '' : r.error.message).toContain(`node 'Orders' (core.webhook) has no output port "GET" (its outputs: "main")`);
  });

  it('runs the branch of the method called: a GET and a POST to the same path over HTTP', async () => {
    const engine = createEngine({ logger: silentLogger });
    const finished: Execution[] = [];
    engine.on('executionFinish', (e) => finished.push(e.execution));
    await engine.activate(ordersWorkflow());
    server = await serveWebhooks(engine);
    const url = `${server.url}/webhook/orders`;

    const listed = await fetch(url);
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ orders: ['o-1', 'o-2'] });
    const created = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"order":"o-3"}' });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ created: 'o-3' });
    expect((await fetch(url, { method: 'PUT' })).status).toBe(405);

    await engine.idle();
    const [get, post] = finished;
    expect(Object.keys(get!.nodes).sort()).toEqual(['hook', 'list']);
    expect(get!.nodes.hook![0]!.output.GET![0]!.json).toMatchObject({ method: 'GET', path: 'orders' });
    expect(get!.nodes.hook![0]!.output.POST).toEqual([]);
    expect(Object.keys(post!.nodes).sort()).toEqual(['create', 'hook']);
    expect(post!.nodes.hook![0]!.output.POST![0]!.json).toMatchObject({ method: 'POST', body: { order: 'o-3' } });
  });

  it('sends a manual run down the output of its first method', async () => {
    const engine = createEngine();
    const e = await engine.run(ordersWorkflow());
    expect(e.nodes.hook![0]!.output.GET![0]!.json).toMatchObject({ method: 'GET', path: 'orders' });
    expect(e.nodes.list).toHaveLength(1);
    expect(e.nodes.create).toBeUndefined();
  });

  it('fails naming the method when an item is a call with a method it has no output for', async () => {
    const engine = createEngine({ logger: silentLogger });
    const e = await engine.run(ordersWorkflow(), { input: [{ json: { method: 'PATCH' } }], mode: 'webhook' });
    expect(e.status).toBe('error');
    expect(e.error?.message).toBe(
      `Node 'Orders': item 0 is a call with method "PATCH", but the node has outputs for GET, POST only (parameter 'httpMethods').`,
    );
  });

  it('describes its form for the editor', () => {
    const d = describeNodeType(webhook);
    expect(d.type).toBe('core.webhook');
    expect(JSON.stringify(d)).toContain('responseMode');
  });
});
