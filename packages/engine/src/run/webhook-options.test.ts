// The Webhook node's options over real HTTP on 127.0.0.1, as n8n documents them for its Webhook node:
// several methods on one node, the raw body as a file, and the answer written from the last node's output.
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, silentLogger, type Engine, type Execution } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { serveWebhooks, type TestHttpServer } from '../testing/test-http-server.node.js';

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A real HTTP server in front of `engine.handleWebhook`. */
async function serve(engine: Engine): Promise<string> {
  server = await serveWebhooks(engine);
  return server.url;
}

/** A Webhook node followed by a No Operation node (the last node, which passes the call's item on). */
async function listen(parameters: Record<string, unknown>): Promise<{ engine: Engine; url: string }> {
  const engine = createEngine({ logger: silentLogger });
  await engine.activate(
    buildWorkflow({
      id: 'wf-options',
      nodes: [
        { id: 'hook', name: 'Hook', type: 'core.webhook', parameters: { path: 'in', ...parameters } },
        { id: 'last', name: 'Last', type: 'core.noOp' },
      ],
      connections: [['hook', 'last']],
    }),
  );
  return { engine, url: `${await serve(engine)}/webhook/in` };
}

function nextRun(engine: Engine): Promise<Execution> {
  return new Promise((resolve) => {
    const off = engine.on('executionFinish', ({ execution }) => {
      off();
      resolve(execution);
    });
  });
}

describe('Webhook node options over HTTP', () => {
  it('answers each of several methods on one node, and refuses the others with 405 and Allow', async () => {
    const { engine, url } = await listen({ multipleMethods: true, httpMethods: ['GET', 'POST'], responseMode: 'lastNode' });
    const get = await fetch(`${url}?q=1`);
    expect(get.status).toBe(200);
    expect(await get.json()).toMatchObject({ method: 'GET', query: { q: '1' } });
    const post = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    expect(await post.json()).toMatchObject({ method: 'POST', body: { a: 1 } });
    const put = await fetch(url, { method: 'PUT', body: 'x' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
    await engine.close();
  });

  it('refuses to activate a second workflow on a method and path the several methods of another already hold', async () => {
    const engine = createEngine({ logger: silentLogger });
    const hook = (id: string, parameters: Record<string, unknown>) =>
      buildWorkflow({ id, nodes: [{ id: 'hook', type: 'core.webhook', parameters: { path: 'shared', ...parameters } }] });
    await engine.activate(hook('a', { multipleMethods: true, httpMethods: ['GET', 'PUT'] }));
    await expect(engine.activate(hook('b', { httpMethod: 'PUT' }))).rejects.toThrow(/PUT \/shared is already used/);
    await engine.activate(hook('c', { httpMethod: 'POST' }));
    await engine.close();
  });

  it('gives the body as sent as a file in binary.data with the raw body option, and still parses it', async () => {
    const { engine, url } = await listen({ httpMethod: 'POST', rawBody: true });
    const run = nextRun(engine);
    const sent = '{"b": [1, 2]}';
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: sent });
    expect(response.status).toBe(200);
    const item = (await run).nodes.hook![0]!.output.main![0]!;
    expect(item.json.body).toEqual({ b: [1, 2] });
    expect(item.binary?.data).toMatchObject({ mimeType: 'application/json', fileSize: sent.length });
    expect(Buffer.from(item.binary!.data!.data!, 'base64').toString()).toBe(sent);
    await engine.close();
  });

  it('answers with one field of the first item (Property Name), as JSON', async () => {
    const { engine, url } = await listen({ httpMethod: 'POST', responseMode: 'lastNode', responsePropertyName: 'body.order' });
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"order":{"id":7}}' });
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ id: 7 });
    await engine.close();
  });

  it('sends a text field as it is with the response content type: an HTML page', async () => {
    const { engine, url } = await listen({
      httpMethod: 'POST',
      responseMode: 'lastNode',
      responsePropertyName: 'body.page',
      responseContentType: 'text/html; charset=utf-8',
    });
    const page = '<!DOCTYPE html><p>Thanks</p>';
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ page }) });
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toBe(page);
    await engine.close();
  });

  it('adds the response headers to the answer, whether at once or from the last node', async () => {
    const headers = [
      { name: 'X-Source', value: 'flowloom' },
      { name: 'Cache-Control', value: 'no-store' },
    ];
    const now = await listen({ httpMethod: 'GET', responseHeaders: headers });
    const atOnce = await fetch(now.url);
    expect(atOnce.headers.get('x-source')).toBe('flowloom');
    expect(atOnce.headers.get('cache-control')).toBe('no-store');
    expect(await atOnce.json()).toHaveProperty('executionId');
    await now.engine.close();
    await server!.close();
    server = undefined;
    const last = await listen({ httpMethod: 'GET', responseMode: 'lastNode', responseHeaders: headers });
    const fromLast = await fetch(last.url);
    expect(fromLast.headers.get('x-source')).toBe('flowloom');
    expect(fromLast.headers.get('x-flowloom-execution-id')).toBeTruthy();
    await last.engine.close();
  });

  it('answers with every item as a JSON array, or with no body at all', async () => {
    const all = await listen({ httpMethod: 'GET', responseMode: 'lastNode', responseData: 'allEntries' });
    const list = await fetch(`${all.url}?n=1`);
    expect(await list.json()).toEqual([expect.objectContaining({ method: 'GET', query: { n: '1' } })]);
    await all.engine.close();
    await server!.close();
    server = undefined;
    const none = await listen({ httpMethod: 'GET', responseMode: 'lastNode', responseData: 'noData', responseCode: 202 });
    const empty = await fetch(none.url);
    expect(empty.status).toBe(202);
    expect(await empty.text()).toBe('');
    await none.engine.close();
  });
});
