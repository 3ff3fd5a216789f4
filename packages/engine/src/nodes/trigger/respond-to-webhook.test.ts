import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { serveWebhooks, startTestHttpServer, type TestHttpServer } from '../../testing/test-http-server.node.js';

const BASE = 'https://hooks.example.com';

async function respond(
  parameters: Record<string, unknown>,
  body: { data: string | Uint8Array; type: string } = { data: '{"n":1}', type: 'application/json' },
) {
  const engine = createEngine();
  const workflow = buildWorkflow({
    nodes: [
      { id: 'hook', type: 'core.webhook', parameters: { httpMethod: 'POST', path: 'r', responseMode: 'responseNode' } },
      { id: 'reply', name: 'Reply', type: 'core.respondToWebhook', parameters },
    ],
    connections: [['hook', 'reply']],
  });
  await engine.activate(workflow);
  return engine.handleWebhook(
    new Request(`${BASE}/webhook/r`, { method: 'POST', body: body.data, headers: { 'content-type': body.type } }),
  );
}

describe('Respond to Webhook', () => {
  it('answers with the first incoming item by default', async () => {
    const response = await respond({});
    expect(response.status).toBe(200);
    expect(((await response.json()) as { body: unknown }).body).toEqual({ n: 1 });
  });

  it('answers with all items, text, or no body', async () => {
    expect(Array.isArray(await (await respond({ respondWith: 'allIncomingItems' })).json())).toBe(true);
    const text = await respond({ respondWith: 'text', responseBody: 'thanks', responseCode: 201 });
    expect(text.status).toBe(201);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe('thanks');
    const empty = await respond({ respondWith: 'noData', responseCode: 204 });
    expect(empty.status).toBe(204);
  });

  it('answers with a binary file of the item', async () => {
    const response = await respond({ respondWith: 'binary' }, { data: new Uint8Array([137, 80, 78, 71]), type: 'image/png' });
    expect(response.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await response.arrayBuffer())]).toEqual([137, 80, 78, 71]);
  });

  it('fails naming the parameter when the JSON body does not parse or is missing', async () => {
    const engine = createEngine();
    const workflow = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'reply', name: 'Reply', type: 'core.respondToWebhook', parameters: { respondWith: 'json', responseBody: '{oops' } },
      ],
      connections: [['start', 'reply']],
    });
    const e = await engine.run(workflow);
    expect(e.error?.message).toMatch(/^Node 'Reply': parameter 'responseBody' must be valid JSON/);
    const missing = await engine.run({
      ...workflow,
      nodes: [workflow.nodes[0]!, { ...workflow.nodes[1]!, parameters: { respondWith: 'text' } }],
    });
    expect(missing.error?.message).toBe("Node 'Reply': parameter 'responseBody' is required when responding with text");
    const noFile = await engine.run({
      ...workflow,
      nodes: [workflow.nodes[0]!, { ...workflow.nodes[1]!, parameters: { respondWith: 'binary' } }],
    });
    expect(noFile.error?.message).toContain("parameter 'binaryProperty' names no binary data");
  });

  it('passes its items on when no webhook call waits for an answer', async () => {
    const engine = createEngine();
    const workflow = buildWorkflow({
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'reply', type: 'core.respondToWebhook' },
      ],
      connections: [['start', 'reply']],
    });
    const e = await engine.run(workflow, { input: [{ json: { a: 1 } }] });
    expect(e.status).toBe('success');
    expect(e.nodes.reply![0]!.output.main).toEqual([{ json: { a: 1 } }]);
  });

  it('refuses a response code out of range when the workflow is validated', async () => {
    const engine = createEngine();
    await engine.nodeTypes.load('core.respondToWebhook');
    const result = engine.validate(
      buildWorkflow({
        nodes: [
          { id: 'start', type: 'core.manualTrigger' },
          { id: 'reply', name: 'Reply', type: 'core.respondToWebhook', parameters: { responseCode: 99 } },
        ],
        connections: [['start', 'reply']],
      }),
    );
    expect(result.success).toBe(false);
    expect(result.success ? '' : result.error.message).toContain("node 'Reply' (Respond to Webhook): parameter 'responseCode'");
  });
});

describe('Respond to Webhook redirecting the caller, over HTTP', () => {
  const servers: TestHttpServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  /** A real HTTP server in front of an engine whose webhook `go` answers with a redirect node of these parameters. */
  async function redirecting(parameters: Record<string, unknown>) {
    const engine = createEngine();
    await engine.activate(
      buildWorkflow({
        nodes: [
          { id: 'hook', type: 'core.webhook', parameters: { httpMethod: 'POST', path: 'go', responseMode: 'responseNode' } },
          { id: 'reply', name: 'Send on', type: 'core.respondToWebhook', parameters: { respondWith: 'redirect', ...parameters } },
        ],
        connections: [['hook', 'reply']],
      }),
    );
    const server = await serveWebhooks(engine);
    servers.push(server);
    return { engine, url: `${server.url}/webhook/go` };
  }

  it('answers 307 with the Location, and the caller repeats its request there', async () => {
    const target = await startTestHttpServer((_request, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('arrived');
    });
    servers.push(target);
    const { url } = await redirecting({ redirectUrl: `{{ "${target.url}/signed-in?user=" & $json.body.user }}` });
    const call = { method: 'POST', body: JSON.stringify({ user: 'ada' }), headers: { 'content-type': 'application/json' } };
    const answer = await fetch(url, { ...call, redirect: 'manual' });
    expect(answer.status).toBe(307);
    expect(answer.headers.get('location')).toBe(`${target.url}/signed-in?user=ada`);
    expect(await answer.text()).toBe('');
    // 307 keeps the method and the body: the client sends the same POST to the new address.
    const followed = await fetch(url, call);
    expect(await followed.text()).toBe('arrived');
    expect(target.requests.map((r) => [r.method, r.url, r.body.toString('utf8')])).toEqual([
      ['POST', '/signed-in?user=ada', '{"user":"ada"}'],
    ]);
  });

  it('answers with the response code and headers set, and takes a path or an address without a scheme', async () => {
    const found = await redirecting({
      redirectUrl: '/thanks',
      responseCode: 302,
      responseHeaders: [{ name: 'Cache-Control', value: 'no-store' }],
    });
    const answer = await fetch(found.url, { method: 'POST', redirect: 'manual' });
    expect([answer.status, answer.headers.get('location'), answer.headers.get('cache-control')]).toEqual([302, '/thanks', 'no-store']);
    const bare = await redirecting({ redirectUrl: 'example.com/welcome' });
    expect((await fetch(bare.url, { method: 'POST', redirect: 'manual' })).headers.get('location')).toBe('https://example.com/welcome');
  });

  it('fails naming the parameter when the address is missing or not a web address', async () => {
    const engine = createEngine();
    const run = (redirectUrl?: string) =>
      engine.run(
        buildWorkflow({
          nodes: [
            { id: 'start', type: 'core.manualTrigger' },
            { id: 'reply', name: 'Send on', type: 'core.respondToWebhook', parameters: { respondWith: 'redirect', redirectUrl } },
          ],
          connections: [['start', 'reply']],
        }),
      );
    expect((await run()).error?.message).toBe("Node 'Send on': parameter 'redirectUrl' is required when responding with a redirect");
    expect((await run('javascript:alert(1)')).error?.message).toBe(
      "Node 'Send on': parameter 'redirectUrl' must be an http or https URL or a path such as /thanks, got a javascript: URL",
    );
  });
});
