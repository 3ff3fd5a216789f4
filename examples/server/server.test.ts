import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface RunningServer {
  url: string;
  close(): Promise<void>;
}
interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

const here = new URL('./', import.meta.url);
const serverFile = fileURLToPath(new URL('./server.mjs', here));
const workflow = (name: string) => JSON.parse(readFileSync(new URL(`./workflows/${name}.json`, here), 'utf8'));

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const dir = mkdtempSync(join(tmpdir(), 'flowloom-server-'));
let server: RunningServer;

beforeAll(async () => {
  // In process, the engine comes from the sources (the test runner's aliases); the execution workers and
  // the program test below load the built packages, so run `npm run build` first.
  const { startServer } = (await import('./server.mjs')) as { startServer(options: object): Promise<RunningServer> };
  // The server's deadline is long: no test's real work races it. Tests of deadlines use a runaway workflow,
  // which never ends on its own, with a short deadline of its own.
  server = await startServer({ port: 0, dbFile: join(dir, 'test.sqlite'), shutdownGraceMs: 1_000, logger: quiet });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The id of the tenant's running execution of a workflow, once it has one: asks again until the run
 * has started (each answer is an event of the server's, not a guess at how long starting takes).
 */
async function runningExecutionOf(tenant: string, workflowId: string, base = server.url): Promise<string> {
  for (;;) {
    // The server counts a run once its start event arrived, which is when it becomes cancelable.
    const health = (await (await fetch(`${base}/health`)).json()) as { runningExecutions: number };
    if (health.runningExecutions === 0) continue;
    const response = await fetch(`${base}/executions?workflowId=${workflowId}&status=running`, { headers: { 'x-tenant': tenant } });
    const page = (await response.json()) as { items: { id: string }[] };
    if (page.items[0]) return page.items[0].id;
  }
}

async function call(
  path: string,
  options: { method?: string; tenant?: string; json?: unknown; body?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.tenant) headers['x-tenant'] = options.tenant;
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${server.url}${path}`, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

describe('the example server', () => {
  it('answers its health route without a tenant', async () => {
    const health = await call('/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok' });
  });

  it('saves a workflow, runs it with input in a worker, and lists its execution', async () => {
    const saved = await call('/workflows', { tenant: 'acme', json: workflow('greet') });
    expect(saved.status).toBe(201);
    expect(saved.body.workflow).toMatchObject({ workflowId: 'greet', version: 1 });

    const list = await call('/workflows', { tenant: 'acme' });
    expect(list.body.workflows.map((w: { id: string }) => w.id)).toContain('greet');
    expect((await call('/workflows/greet', { tenant: 'acme' })).body.nodes).toHaveLength(2);

    const run = await call('/workflows/greet/run', { tenant: 'acme', json: { input: [{ name: 'Ada' }, { json: { name: 'Grace' } }] } });
    expect(run.status).toBe(200);
    expect(run.body.status).toBe('success');
    expect(run.body.nodes.greet[0].output.main.map((i: { json: { message: string } }) => i.json.message)).toEqual([
      'Hello, Ada!',
      'Hello, Grace!',
    ]);

    const executions = await call('/executions?workflowId=greet&status=success', { tenant: 'acme' });
    expect(executions.status).toBe(200);
    expect(executions.body.items.map((e: { id: string }) => e.id)).toContain(run.body.id);
    const stored = await call(`/executions/${run.body.id}`, { tenant: 'acme' });
    expect(stored.body.nodes.greet[0].output.main[0].json.message).toBe('Hello, Ada!');
  });

  it('answers webhook calls of activated workflows, the tenant in a header or in the path', async () => {
    await call('/workflows', { tenant: 'acme', json: workflow('order-webhook') });
    const before = await call('/webhook/orders', { tenant: 'acme', json: { customer: 'Grace' } });
    expect(before.status).toBe(404);
    expect(before.body.error.code).toBe('WEBHOOK_NOT_FOUND');

    const activated = await call('/webhooks/activate', { tenant: 'acme', method: 'POST' });
    expect(activated.body.activated).toEqual([
      { workflowId: 'order-webhook', webhooks: [{ method: 'POST', path: 'orders', nodeId: 'hook' }], schedules: [], polls: [] },
    ]);
    expect((await call('/webhooks', { tenant: 'acme' })).body.active).toHaveLength(1);

    const byHeader = await call('/webhook/orders?ref=mail', { tenant: 'acme', json: { customer: 'Grace' } });
    expect(byHeader.status).toBe(200);
    expect(byHeader.body).toMatchObject({ message: 'Hi, Grace!', query: { ref: 'mail' }, body: { customer: 'Grace' } });
    const executionId = byHeader.headers.get('x-flowloom-execution-id');
    expect((await call(`/executions/${executionId}`, { tenant: 'acme' })).body.mode).toBe('webhook');

    const byPath = await call('/t/acme/webhook/orders', { json: { customer: 'Linus' } });
    expect(byPath.body.message).toBe('Hi, Linus!');
    expect((await call('/webhook/orders', { tenant: 'acme', method: 'GET' })).status).toBe(405);
  });

  it('serves a saved new version of an active workflow at once', async () => {
    await call('/workflows', { tenant: 'acme', json: workflow('order-webhook') });
    await call('/workflows/order-webhook/activate', { tenant: 'acme', method: 'POST' });
    const changed = workflow('order-webhook');
    changed.nodes[1].parameters.greeting = 'Bonjour';
    const saved = await call('/workflows/order-webhook', { tenant: 'acme', method: 'PUT', json: changed });
    expect(saved.status).toBe(200);
    expect(saved.body.active).toBe(true);
    expect((await call('/webhook/orders', { tenant: 'acme', json: { customer: 'Ada' } })).body.message).toBe('Bonjour, Ada!');
  });

  it("keeps each tenant's workflows, executions and webhooks to that tenant", async () => {
    await call('/workflows', { tenant: 'acme', json: workflow('greet') });
    await call('/workflows', { tenant: 'acme', json: workflow('order-webhook') });
    await call('/workflows/order-webhook/activate', { tenant: 'acme', method: 'POST' });
    const mine = await call('/workflows/greet/run', { tenant: 'acme', json: {} });
    expect(mine.body.status).toBe('success');

    expect((await call('/workflows', { tenant: 'globex' })).body.workflows).toEqual([]);
    const other = await call('/workflows/greet', { tenant: 'globex' });
    expect(other.status).toBe(404);
    expect(other.body.error).toEqual({ code: 'WORKFLOW_NOT_FOUND', message: "There is no workflow 'greet' for tenant 'globex'." });
    expect((await call('/workflows/greet/run', { tenant: 'globex', json: {} })).status).toBe(404);
    expect((await call(`/executions/${mine.body.id}`, { tenant: 'globex' })).status).toBe(404);
    expect((await call('/executions', { tenant: 'globex' })).body.items).toEqual([]);
    expect((await call('/webhook/orders', { tenant: 'globex', json: {} })).status).toBe(404);
    expect((await call('/t/globex/webhook/orders', { json: {} })).status).toBe(404);

    // The same id in another tenant is another workflow.
    const theirs = workflow('greet');
    theirs.name = 'Globex greeting';
    expect((await call('/workflows', { tenant: 'globex', json: theirs })).status).toBe(201);
    expect((await call('/workflows/greet', { tenant: 'acme' })).body.name).toBe('Greet the input');
  });

  it('answers other requests while a runaway workflow spins, and cancels it on request', async () => {
    await call('/workflows', { tenant: 'acme', json: workflow('greet') });
    await call('/workflows', { tenant: 'acme', json: workflow('runaway') });
    let runawayAnswered = false;
    const runaway = call('/workflows/runaway/run', { tenant: 'acme', json: {} }).then((answer) => {
      runawayAnswered = true;
      return answer;
    });

    // The health route answers while the runaway spins (it reports it running).
    const id = await runningExecutionOf('acme', 'runaway');
    const health = await call('/health');
    expect(health.status).toBe(200);
    expect(health.body.runningExecutions).toBe(1);
    const other = await call('/workflows/greet/run', { tenant: 'acme', json: { input: [{ name: 'Ada' }] } });
    expect(other.body.status).toBe('success');
    expect(runawayAnswered).toBe(false);

    expect((await call(`/executions/${id}/cancel`, { tenant: 'globex', json: {} })).status).toBe(404);
    const cancel = await call(`/executions/${id}/cancel`, { tenant: 'acme', json: {} });
    expect(cancel.status).toBe(202);
    const ended = await runaway;
    expect(ended.body).toMatchObject({ id, status: 'canceled' });
    expect((await call(`/executions/${id}`, { tenant: 'acme' })).body.status).toBe('canceled');
    const again = await call(`/executions/${id}/cancel`, { tenant: 'acme', json: {} });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EXECUTION_NOT_RUNNING');
    expect((await call('/health')).body).toMatchObject({ status: 'ok', runningExecutions: 0 });
  });

  it('ends a runaway workflow at its deadline and stops its worker', async () => {
    const runaway = { ...workflow('runaway'), id: 'runaway-500', settings: { timeoutMs: 500 } };
    expect((await call('/workflows', { tenant: 'acme', json: runaway })).status).toBe(201);
    const ended = await call('/workflows/runaway-500/run', { tenant: 'acme', json: {} });
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('error');
    expect(ended.body.error).toMatchObject({
      code: 'EXECUTION_TIMEOUT',
      message: 'The workflow exceeded its time limit of 500 ms; its worker was stopped.',
    });
    expect((await call(`/executions/${ended.body.id}`, { tenant: 'acme' })).body.status).toBe('error');
    expect((await call('/health')).body).toMatchObject({ status: 'ok', runningExecutions: 0 });
  });

  it('caps a workflow that asks for more time than the server allows at the server limit', async () => {
    // A server of its own, whose limit is short: only the runaway runs there, so nothing races it.
    const { startServer } = (await import('./server.mjs')) as { startServer(options: object): Promise<RunningServer> };
    const strict = await startServer({ port: 0, dbFile: join(dir, 'strict.sqlite'), executionTimeoutMs: 500, logger: quiet });
    try {
      const greedy = { ...workflow('runaway'), id: 'greedy', settings: { timeoutMs: 600_000 } };
      const post = async (path: string, json: unknown) =>
        (await fetch(`${strict.url}${path}`, { method: 'POST', headers: { 'x-tenant': 'acme' }, body: JSON.stringify(json) })).json();
      await post('/workflows', greedy);
      const ended = await post('/workflows/greedy/run', {});
      expect(ended.status).toBe('error');
      expect(ended.error).toMatchObject({
        code: 'EXECUTION_TIMEOUT',
        message: 'The workflow exceeded its time limit of 500 ms; its worker was stopped.',
      });
    } finally {
      await strict.close();
    }
  });

  it('answers bad requests with a 4xx JSON error saying what was wrong', async () => {
    await call('/workflows', { tenant: 'acme', json: workflow('greet') });
    const badJson = await call('/workflows', { tenant: 'acme', body: '{"nodes": [', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('BAD_JSON');
    expect(badJson.body.error.message).toMatch(/^The request body is not valid JSON/);

    const unknown = await call('/workflows/nope/run', { tenant: 'acme', json: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'WORKFLOW_NOT_FOUND', message: "There is no workflow 'nope' for tenant 'acme'." });

    const invalid = await call('/workflows', {
      tenant: 'acme',
      json: { id: 'broken', nodes: [{ id: 'a', name: 'A', type: 'example.nothing', position: { x: 0, y: 0 } }] },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('WORKFLOW_INVALID');
    expect(invalid.body.error.issues[0].path).toMatch(/^nodes\[0\]/);

    const badInput = await call('/workflows/greet/run', { tenant: 'acme', json: { input: [1] } });
    expect(badInput.status).toBe(422);
    expect(badInput.body.error).toMatchObject({ code: 'INPUT_INVALID', issues: [{ path: 'input[0]', message: 'must be an object' }] });

    expect((await call('/workflows', { json: workflow('greet') })).body.error.code).toBe('TENANT_REQUIRED');
    expect((await call('/workflows', { tenant: '../etc' })).body.error.code).toBe('TENANT_INVALID');
    expect((await call('/executions?limit=lots', { tenant: 'acme' })).body.error.code).toBe('QUERY_INVALID');
    expect((await call('/executions?cursor=nonsense', { tenant: 'acme' })).status).toBe(400);
    expect((await call('/executions/nope', { tenant: 'acme' })).body.error.code).toBe('EXECUTION_NOT_FOUND');
    expect((await call('/nowhere', { tenant: 'acme' })).status).toBe(404);
    const wrongMethod = await call('/workflows/greet', { tenant: 'acme', method: 'PATCH', json: {} });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('DELETE, GET, PUT');
  });
});

describe('limits on running executions', () => {
  it("makes a tenant's runs beyond its limit wait their turn while other tenants' runs go on", async () => {
    const { startServer } = (await import('./server.mjs')) as { startServer(options: object): Promise<RunningServer> };
    const own = await startServer({ port: 0, dbFile: join(dir, 'limits.sqlite'), maxRunningPerTenant: 1, logger: quiet });
    try {
      const post = async (tenant: string, path: string, json: unknown) => {
        const response = await fetch(`${own.url}${path}`, { method: 'POST', headers: { 'x-tenant': tenant }, body: JSON.stringify(json) });
        return response.json();
      };
      const health = async () => (await fetch(`${own.url}/health`)).json();
      for (const [tenant, name] of [
        ['acme', 'runaway'],
        ['acme', 'greet'],
        ['globex', 'greet'],
      ] as const) {
        await post(tenant, '/workflows', workflow(name));
      }
      const order: string[] = [];
      const runaway = post('acme', '/workflows/runaway/run', {}).then((e) => (order.push('runaway'), e));
      const id = await runningExecutionOf('acme', 'runaway', own.url);
      const queued = post('acme', '/workflows/greet/run', {}).then((e) => (order.push('acme greet'), e));
      while ((await health()).queuedExecutions === 0);

      // The runaway holds acme's only slot until it is canceled; globex is not held up by it.
      const other = await post('globex', '/workflows/greet/run', { input: [{ name: 'Linus' }] });
      expect(other.status).toBe('success');
      expect(order).toEqual([]);
      await post('acme', `/executions/${id}/cancel`, {});
      expect((await runaway).status).toBe('canceled');
      expect((await queued).status).toBe('success');
      expect(order).toEqual(['runaway', 'acme greet']);
    } finally {
      await own.close();
    }
  });
});

describe('stopping the example server', () => {
  it('cancels a run still going after the grace period, records it, and closes the database', async () => {
    const { startServer } = (await import('./server.mjs')) as { startServer(options: object): Promise<RunningServer> };
    const dbFile = join(dir, 'stopping.sqlite');
    const own = await startServer({ port: 0, dbFile, executionTimeoutMs: 60_000, shutdownGraceMs: 50, logger: quiet });
    const post = (path: string, json: unknown) =>
      fetch(`${own.url}${path}`, { method: 'POST', headers: { 'x-tenant': 'acme' }, body: JSON.stringify(json) });
    await post('/workflows', workflow('runaway'));
    const runaway = post('/workflows/runaway/run', {}).then((r) => r.json());
    while ((await (await fetch(`${own.url}/health`)).json()).runningExecutions === 0);

    await own.close();
    const ended = await runaway;
    expect(ended.status).toBe('canceled');
    await expect(fetch(`${own.url}/health`)).rejects.toThrow();

    const { openSqliteStorage } = await import('@flowloom/adapters/sqlite');
    const storage = await openSqliteStorage(dbFile);
    expect((await storage.executions.get('acme', ended.id))?.status).toBe('canceled');
    await storage.close();
  });
});

describe('the example server as a program', () => {
  it('starts from the environment and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [serverFile], {
      env: { ...process.env, PORT: '0', FLOWLOOM_DB: join(dir, 'program.sqlite') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const found = /listening on (http:\/\/\S+)/.exec(output);
        if (found) resolve(found[1]!);
      });
      void exited.then(() => reject(new Error(`The server exited before listening:\n${output}`)));
    });
    expect((await fetch(`${url}/health`)).status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped.');
  });
});
