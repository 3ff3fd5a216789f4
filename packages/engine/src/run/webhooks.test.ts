import { describe, expect, it } from 'vitest';
import { createEngine, createMemoryStorage, silentLogger, type Engine, type Execution } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';

const BASE = 'https://hooks.example.com';

function hookWorkflow(
  params: Record<string, unknown>,
  rest: { id?: string; after?: { type: string; parameters?: Record<string, unknown> }[] } = {},
) {
  const after = rest.after ?? [];
  return buildWorkflow({
    id: rest.id ?? 'wf-hook',
    nodes: [
      { id: 'hook', name: 'Incoming order', type: 'core.webhook', parameters: params },
      ...after.map((n, i) => ({ id: `n${i}`, name: `Step ${i}`, type: n.type, parameters: n.parameters ?? {} })),
    ],
    connections: after.map((_, i) => [i === 0 ? 'hook' : `n${i - 1}`, `n${i}`] as [string, string]),
  });
}

function finished(engine: Engine): Promise<Execution> {
  return new Promise((resolve) => {
    const off = engine.on('executionFinish', (e) => {
      off();
      resolve(e.execution);
    });
  });
}

const post = (path: string, body: string | Uint8Array | FormData, headers: Record<string, string> = {}) =>
  new Request(`${BASE}${path}`, { method: 'POST', body, headers });

describe('engine.handleWebhook', () => {
  it('starts the workflow listening on the path and answers at once with the execution id', async () => {
    const engine = createEngine();
    await engine.activate(hookWorkflow({ httpMethod: 'POST', path: 'orders/new' }));
    const done = finished(engine);
    const response = await engine.handleWebhook(
      post('/webhook/orders/new?source=shop&tag=a&tag=b', JSON.stringify({ id: 7 }), {
        'content-type': 'application/json',
        'X-Shop': 'acme',
      }),
    );
    expect(response.status).toBe(200);
    const { executionId } = (await response.json()) as { executionId: string };
    const execution = await done;
    expect(execution.id).toBe(executionId);
    expect(execution.mode).toBe('webhook');
    const item = execution.nodes.hook![0]!.output.main![0]!;
    expect(item.json).toMatchObject({
      method: 'POST',
      path: 'orders/new',
      query: { source: 'shop', tag: ['a', 'b'] },
      body: { id: 7 },
    });
    expect((item.json.headers as Record<string, string>)['x-shop']).toBe('acme');
  });

  it('turns form, text and binary bodies into the trigger item', async () => {
    const engine = createEngine();
    await engine.activate(hookWorkflow({ httpMethod: 'POST', path: 'in', responseMode: 'lastNode' }));
    const form = await engine.handleWebhook(post('/webhook/in', 'a=1&b=x+y', { 'content-type': 'application/x-www-form-urlencoded' }));
    expect(((await form.json()) as { body: unknown }).body).toEqual({ a: '1', b: 'x y' });
    const text = await engine.handleWebhook(post('/webhook/in', 'hello', { 'content-type': 'text/plain' }));
    expect(((await text.json()) as { body: unknown }).body).toBe('hello');

    const run = finished(engine);
    await engine.handleWebhook(post('/webhook/in', new Uint8Array([1, 2, 3]), { 'content-type': 'application/pdf' }));
    const item = (await run).nodes.hook![0]!.output.main![0]!;
    expect(item.binary?.data).toEqual({ mimeType: 'application/pdf', fileSize: 3, data: 'AQID' });

    const multipart = new FormData();
    multipart.append('title', 'Scan');
    multipart.append('scan', new Blob(['PNG'], { type: 'image/png' }), 'scan.png');
    const run2 = finished(engine);
    await engine.handleWebhook(post('/webhook/in', multipart));
    const item2 = (await run2).nodes.hook![0]!.output.main![0]!;
    expect(item2.json.body).toEqual({ title: 'Scan' });
    expect(item2.binary?.scan).toEqual({ mimeType: 'image/png', fileName: 'scan.png', fileSize: 3, data: 'UE5H' });
  });

  it('answers with the first item of the last node, or all of them', async () => {
    const engine = createEngine();
    const after = [{ type: 'core.noOp' }];
    await engine.activate(
      hookWorkflow({ httpMethod: 'GET', path: 'first', responseMode: 'lastNode', responseCode: 201 }, { id: 'a', after }),
    );
    await engine.activate(
      hookWorkflow({ httpMethod: 'GET', path: 'all', responseMode: 'lastNode', responseData: 'allEntries' }, { id: 'b', after }),
    );
    const first = await engine.handleWebhook(new Request(`${BASE}/webhook/first?x=1`));
    expect(first.status).toBe(201);
    expect(await first.json()).toMatchObject({ method: 'GET', query: { x: '1' } });
    const all = await engine.handleWebhook(new Request(`${BASE}/webhook/all`));
    expect(((await all.json()) as unknown[]).length).toBe(1);
  });

  it('answers with what a Respond to Webhook node says: status, headers and body', async () => {
    const engine = createEngine();
    await engine.activate(
      hookWorkflow(
        { httpMethod: 'POST', path: 'reply', responseMode: 'responseNode' },
        {
          after: [
            {
              type: 'core.respondToWebhook',
              parameters: {
                respondWith: 'json',
                responseBody: '{"accepted":true}',
                responseCode: 202,
                responseHeaders: [{ name: 'X-Request-Id', value: 'r-1' }],
              },
            },
          ],
        },
      ),
    );
    const response = await engine.handleWebhook(post('/webhook/reply', '{}', { 'content-type': 'application/json' }));
    expect(response.status).toBe(202);
    expect(response.headers.get('x-request-id')).toBe('r-1');
    expect(await response.json()).toEqual({ accepted: true });
  });

  it('answers 500 when the run ends without reaching the Respond to Webhook node', async () => {
    const engine = createEngine();
    await engine.activate(hookWorkflow({ httpMethod: 'GET', path: 'silent', responseMode: 'responseNode' }));
    const response = await engine.handleWebhook(new Request(`${BASE}/webhook/silent`));
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('NO_WEBHOOK_RESPONSE');
  });

  it('answers 202 with the execution id when the run goes to wait before answering', async () => {
    const engine = createEngine();
    await engine.activate(
      hookWorkflow(
        { httpMethod: 'POST', path: 'approve', responseMode: 'lastNode' },
        { after: [{ type: 'core.wait', parameters: { resume: 'webhook' } }] },
      ),
    );
    const response = await engine.handleWebhook(post('/webhook/approve', ''));
    expect(response.status).toBe(202);
    const { executionId, status } = (await response.json()) as { executionId: string; status: string };
    expect(status).toBe('waiting');
    expect((await engine.storage.executions.get('default', executionId))?.status).toBe('waiting');
  });

  it('passes :name path segments as params', async () => {
    const engine = createEngine();
    await engine.activate(hookWorkflow({ httpMethod: 'GET', path: 'users/:id', responseMode: 'lastNode' }));
    const response = await engine.handleWebhook(new Request(`${BASE}/webhook/users/42`));
    expect(((await response.json()) as { params: unknown }).params).toEqual({ id: '42' });
  });

  it('routes a call by the path the host gives (a prefix of its own before it), with the query of its URL', async () => {
    const engine = createEngine();
    await engine.activate(hookWorkflow({ httpMethod: 'GET', path: 'users/:id', responseMode: 'lastNode' }));
    const plain = await engine.handleWebhook(new Request(`${BASE}/webhook/users/42?x=1`));
    const prefixed = await engine.handleWebhook(new Request(`${BASE}/t/acme/webhook/users/42?x=1`), { path: '/webhook/users/42' });
    expect(prefixed.status).toBe(200);
    const item = (await prefixed.json()) as Record<string, unknown>;
    expect(item).toMatchObject({ params: { id: '42' }, query: { x: '1' } });
    expect(item).toEqual(await plain.json());
    const missing = await engine.handleWebhook(new Request(`${BASE}/t/acme/webhook/nothing`), { path: '/webhook/nothing' });
    expect(await missing.json()).toEqual({
      error: { code: 'WEBHOOK_NOT_FOUND', message: 'No active workflow listens on /webhook/nothing.' },
    });
  });

  it('resumes a waiting execution by the path the host gives, as by its own URL', async () => {
    const engine = createEngine();
    const workflow = buildWorkflow({
      id: 'wf-approve',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'pause', type: 'core.wait', parameters: { resume: 'webhook', httpMethod: 'POST' } },
        { id: 'after', type: 'core.noOp' },
      ],
      connections: [
        ['start', 'pause'],
        ['pause', 'after'],
      ],
    });
    // The item the resumed run gets, with its execution id in place of the id.
    const resumedItem = async (call: (id: string) => Promise<Response>) => {
      const waiting = await engine.run(workflow);
      const done = finished(engine);
      expect((await call(waiting.id)).status).toBe(200);
      const item = (await done).nodes.after![0]!.input.main![0]!.json;
      return { ...item, path: String(item.path).replace(waiting.id, '<id>') };
    };
    const own = await resumedItem((id) => engine.handleWebhook(post(`/webhook-waiting/${id}`, '{"ok":true}')));
    const prefixed = await resumedItem((id) =>
      engine.handleWebhook(post(`/t/acme/webhook-waiting/${id}`, '{"ok":true}'), { path: `/webhook-waiting/${id}` }),
    );
    expect(prefixed).toEqual(own);
    expect(prefixed).toMatchObject({ path: '/webhook-waiting/<id>', body: '{"ok":true}' });
  });

  it('refuses a path that is not one, naming the option', async () => {
    const engine = createEngine();
    await expect(engine.handleWebhook(new Request(`${BASE}/webhook/x`), { path: 'webhook/x' })).rejects.toThrow(
      `engine.handleWebhook: path must be the call's path, starting with '/', got "webhook/x".`,
    );
  });

  it('answers 404 with a JSON error for an unknown path and 405 for a wrong method', async () => {
    const engine = createEngine();
    await engine.activate(hookWorkflow({ httpMethod: 'POST', path: 'orders' }));
    const missing = await engine.handleWebhook(new Request(`${BASE}/webhook/nothing`));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'WEBHOOK_NOT_FOUND', message: 'No active workflow listens on /webhook/nothing.' },
    });
    const wrong = await engine.handleWebhook(new Request(`${BASE}/webhook/orders`));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('POST');
    expect(((await wrong.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers 400 for a JSON body that does not parse, without starting a run', async () => {
    const engine = createEngine();
    await engine.activate(hookWorkflow({ httpMethod: 'POST', path: 'orders' }));
    const response = await engine.handleWebhook(post('/webhook/orders', '{bad', { 'content-type': 'application/json' }));
    expect(response.status).toBe(400);
    expect(await engine.storage.executions.list('default')).toEqual([]);
  });

  it('stops answering once the workflow is deactivated', async () => {
    const engine = createEngine();
    await engine.activate(hookWorkflow({ httpMethod: 'GET', path: 'ping' }));
    expect(engine.deactivate('wf-hook')).toBe(true);
    expect((await engine.handleWebhook(new Request(`${BASE}/webhook/ping`))).status).toBe(404);
  });

  it('keeps tenants apart', async () => {
    const engine = createEngine();
    await engine.activate(hookWorkflow({ httpMethod: 'GET', path: 'ping' }), { tenantId: 'acme' });
    expect((await engine.handleWebhook(new Request(`${BASE}/webhook/ping`))).status).toBe(404);
    expect((await engine.handleWebhook(new Request(`${BASE}/webhook/ping`), { tenantId: 'acme' })).status).toBe(200);
  });

  it('activates a stored workflow by id', async () => {
    const engine = createEngine();
    await engine.storage.workflows.save('default', hookWorkflow({ httpMethod: 'GET', path: 'stored' }, { id: 'stored-1' }));
    const summary = await engine.activate('stored-1');
    expect(summary.webhooks).toEqual([{ method: 'GET', path: 'stored', nodeId: 'hook' }]);
    await expect(engine.activate('missing')).rejects.toThrow("Workflow 'missing' was not found");
  });

  it('refuses a second workflow on the same method and path', async () => {
    const engine = createEngine();
    await engine.activate(hookWorkflow({ httpMethod: 'POST', path: 'orders' }, { id: 'one' }));
    await expect(engine.activate(hookWorkflow({ httpMethod: 'POST', path: '/orders/' }, { id: 'two' }))).rejects.toThrow(
      "Webhook POST /orders is already used by workflow 'Test workflow'",
    );
    await engine.activate(hookWorkflow({ httpMethod: 'GET', path: 'orders' }, { id: 'two' }));
  });

  it('answers 500 with a JSON error, never a rejection, when storage fails', async () => {
    const storage = createMemoryStorage();
    const engine = createEngine({
      storage: {
        ...storage,
        executions: {
          ...storage.executions,
          get: () => Promise.reject(new Error('database is down')),
        },
      },
      logger: silentLogger,
    });
    const response = await engine.handleWebhook(new Request(`${BASE}/webhook-waiting/abc`, { method: 'POST' }));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 'INTERNAL_ERROR', message: 'The webhook call could not be handled: database is down' },
    });
  });

  it('refuses to activate a Webhook node with a bad path, naming the node and parameter', async () => {
    const engine = createEngine();
    await expect(engine.activate(hookWorkflow({ httpMethod: 'POST', path: 'a b' }))).rejects.toThrow(
      "node 'Incoming order' (Webhook): parameter 'path' must be URL path segments",
    );
    await expect(engine.activate(hookWorkflow({ httpMethod: 'POST', path: '{{ $json.x }}' }))).rejects.toThrow(
      'node \'Incoming order\' (Webhook): parameter \'path\' must be URL path segments such as "orders/new" or "users/:id" ({{ }} is text here: this parameter takes no expressions)',
    );
  });
});

describe("a webhook caller's credentials", () => {
  const copyHeaders = {
    type: 'core.set',
    parameters: {
      mode: 'json',
      json: {
        copied: '{{ $json.headers.authorization }}',
        token: '{{ $substringAfter($json.headers.authorization, " ") }}',
        keyMatches: '{{ $json.headers."x-api-key" = "k1" }}',
        other: '{{ $json.headers."x-shop" }}',
      },
    },
  };
  const callerHeaders = {
    authorization: 'Bearer s3cret-t0ken-42',
    cookie: 'sid=1',
    'proxy-authorization': 'Basic cHJveHk6cGFzcw==',
    'x-api-key': 'k1',
    'x-shop': 'acme',
  };

  async function callWith(options: Parameters<typeof createEngine>[0]) {
    const storage = createMemoryStorage();
    const engine = createEngine({ storage, ...options });
    const emitted: string[] = [];
    engine.on('nodeFinish', (e) => emitted.push(JSON.stringify(e.run)));
    await engine.activate(hookWorkflow({ httpMethod: 'POST', path: 'in' }, { after: [copyHeaders] }));
    const done = finished(engine);
    await engine.handleWebhook(post('/webhook/in', '{}', { 'content-type': 'application/json', ...callerHeaders }));
    const execution = await done;
    const stored = (await storage.executions.get('default', execution.id))!;
    return { execution, stored, emitted: emitted.join('\n') };
  }

  it('are redacted from the stored trigger item, the copies the run made, and events; the run itself read them', async () => {
    const { execution, stored, emitted } = await callWith({});
    for (const record of [execution, stored]) {
      const headers = record.nodes.hook![0]!.output.main![0]!.json.headers as Record<string, string>;
      expect(headers).toMatchObject({
        authorization: '__redacted__',
        cookie: '__redacted__',
        'proxy-authorization': '__redacted__',
        'x-api-key': '__redacted__',
        'x-shop': 'acme',
      });
      // The workflow saw the real values while it ran (the key check was true), and what it copied is redacted.
      expect(record.nodes.n0![0]!.output.main![0]!.json).toMatchObject({
        copied: '__redacted__',
        token: '__redacted__',
        keyMatches: true,
        other: 'acme',
      });
    }
    for (const text of [JSON.stringify(stored), emitted]) {
      for (const secret of ['s3cret-t0ken-42', 'sid=1', 'cHJveHk6cGFzcw==', '"k1"']) expect(text).not.toContain(secret);
    }
  });

  it('are kept when the host sets webhooks.redactHeaders to []', async () => {
    const { stored } = await callWith({ webhooks: { redactHeaders: [] } });
    expect(stored.nodes.hook![0]!.output.main![0]!.json.headers).toMatchObject(callerHeaders);
    expect(stored.nodes.n0![0]!.output.main![0]!.json).toMatchObject({ copied: 'Bearer s3cret-t0ken-42', token: 's3cret-t0ken-42' });
  });

  it('follow the host list: only the headers it names are redacted', async () => {
    const { stored } = await callWith({ webhooks: { redactHeaders: ['X-Shop'] } });
    expect(stored.nodes.hook![0]!.output.main![0]!.json.headers).toMatchObject({ 'x-shop': '__redacted__', cookie: 'sid=1' });
  });

  it('are redacted from a Wait resumed by a webhook call', async () => {
    const storage = createMemoryStorage();
    const engine = createEngine({ storage });
    const workflow = buildWorkflow({
      id: 'wf-approve',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'pause', type: 'core.wait', parameters: { resume: 'webhook', httpMethod: 'POST' } },
        { id: 'after', type: 'core.noOp' },
      ],
      connections: [
        ['start', 'pause'],
        ['pause', 'after'],
      ],
    });
    const waiting = await engine.run(workflow);
    const done = finished(engine);
    await engine.handleWebhook(post(`/webhook-waiting/${waiting.id}`, '{}', { authorization: 'Bearer approver-t0ken' }));
    await done;
    const stored = (await storage.executions.get('default', waiting.id))!;
    expect(stored.nodes.after![0]!.input.main![0]!.json.headers).toMatchObject({ authorization: '__redacted__' });
    expect(JSON.stringify(stored)).not.toContain('approver-t0ken');
  });
});
