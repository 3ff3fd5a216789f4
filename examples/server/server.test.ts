import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signEmbedToken, USERS } from './host-routes.mjs';

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

const SECRET = 'the-example-host-shares-this-with-flowloom';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const dir = mkdtempSync(join(tmpdir(), 'flowloom-server-'));
let server: RunningServer;

async function start(options: object): Promise<RunningServer> {
  // In process, the engine comes from the sources (the test runner's aliases); the execution workers and
  // the program test below load the built packages, so run `npm run build` first.
  const { startServer } = (await import('./server.mjs')) as { startServer(options: object): Promise<RunningServer> };
  return startServer({ embedSecret: SECRET, logger: quiet, ...options });
}

beforeAll(async () => {
  // The server's deadline is long: no test's real work races it. Tests of deadlines use a runaway workflow,
  // which never ends on its own, with a short deadline of its own.
  server = await start({ port: 0, dbFile: join(dir, 'test.sqlite'), shutdownGraceMs: 1_000 });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An embed token as the host's back end signs it, for a user of a tenant with a role. */
async function tokenFor(tenant: string, role = 'owner'): Promise<string> {
  return (await signEmbedToken(new TextEncoder().encode(SECRET), `u-${tenant}-${role}`, { tenant, role })).token;
}

/**
 * The id of the tenant's running execution of a workflow, once it has one: asks again until the run
 * has started (each answer is an event of the server's, not a guess at how long starting takes).
 */
async function runningExecutionOf(tenant: string, workflowId: string, base = server.url): Promise<string> {
  const authorization = `Bearer ${await tokenFor(tenant)}`;
  for (;;) {
    // The host counts a run once its start event arrived.
    const health = (await (await fetch(`${base}/health`)).json()) as { runningExecutions: number };
    if (health.runningExecutions === 0) continue;
    const response = await fetch(`${base}/api/executions?workflowId=${workflowId}&status=running`, { headers: { authorization } });
    const page = (await response.json()) as { items: { id: string }[] };
    if (page.items[0]) return page.items[0].id;
  }
}

/** A call to the Flowloom API the host mounts at /api, with an embed token of the tenant unless `token` says otherwise. */
async function call(
  path: string,
  options: {
    method?: string;
    tenant?: string;
    role?: string;
    token?: string;
    json?: unknown;
    body?: string;
    headers?: Record<string, string>;
    base?: string;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  const token = options.token ?? (options.tenant ? await tokenFor(options.tenant, options.role) : undefined);
  if (token) headers['authorization'] = `Bearer ${token}`;
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.body;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${options.base ?? server.url}/api${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
  });
  const text = await response.text();
  const isJson = response.headers.get('content-type')?.includes('json') ?? false;
  return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : text };
}

describe('the example host', () => {
  it('answers its health route without credentials', async () => {
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });
  });

  it('signs an embed token for its signed-in user, which the Flowloom API accepts', async () => {
    const signedOut = await fetch(`${server.url}/`, { redirect: 'manual' });
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/login');
    expect((await fetch(`${server.url}/session/token`, { method: 'POST' })).status).toBe(401);

    const login = await fetch(`${server.url}/login`, { method: 'POST', body: new URLSearchParams({ user: 'linus' }), redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/);
    const { token, expiresAt } = (await (await fetch(`${server.url}/session/token`, { method: 'POST', headers: { cookie } })).json()) as {
      token: string;
      expiresAt: string;
    };
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({
      sub: 'linus',
      tenant: USERS['linus']!.tenant,
      role: 'editor',
      iss: 'https://host.example',
      aud: 'flowloom',
    });
    expect(new Date(expiresAt).getTime()).toBe(claims.exp! * 1000);

    const mine = await call('/workflows', { token, json: { ...workflow('greet'), id: 'linus-greet' } });
    expect(mine.status).toBe(201);
    expect((await call('/workflows/linus-greet', { tenant: 'globex' })).status).toBe(200);
    expect((await call('/workflows/linus-greet', { tenant: 'acme' })).status).toBe(404);

    const forged = await call('/workflows', { token: `${token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe('TOKEN_INVALID');
  });

  it('saves a workflow, runs it with input in a worker, and lists its execution', async () => {
    const saved = await call('/workflows', { tenant: 'acme', json: workflow('greet') });
    expect(saved.status).toBe(201);
    expect(saved.body).toMatchObject({ workflow: { id: 'greet' }, version: 1, active: false });

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

  it("answers webhook calls of activated workflows at the tenant's webhook URL", async () => {
    await call('/workflows', { tenant: 'acme', json: workflow('order-webhook') });
    const before = await call('/t/acme/webhook/orders', { json: { customer: 'Grace' } });
    expect(before.status).toBe(404);

    const activated = await call('/workflows/order-webhook/activate', { tenant: 'acme', method: 'POST' });
    expect(activated.body).toEqual({
      workflowId: 'order-webhook',
      webhooks: [{ method: 'POST', path: 'orders', nodeId: 'hook' }],
      schedules: [],
      polls: [],
    });
    expect((await call('/webhooks', { tenant: 'acme' })).body.webhooks).toHaveLength(1);

    const hooked = await call('/t/acme/webhook/orders?ref=mail', { json: { customer: 'Grace' } });
    expect(hooked.status).toBe(200);
    expect(hooked.body).toMatchObject({ message: 'Hi, Grace!', query: { ref: 'mail' }, body: { customer: 'Grace' } });
    const executionId = hooked.headers.get('x-flowloom-execution-id');
    expect((await call(`/executions/${executionId}`, { tenant: 'acme' })).body.mode).toBe('webhook');
    expect((await call('/t/acme/webhook/orders', { method: 'GET' })).status).toBe(404);
  });

  it('serves a saved new version of an active workflow at once', async () => {
    await call('/workflows', { tenant: 'acme', json: workflow('order-webhook') });
    await call('/workflows/order-webhook/activate', { tenant: 'acme', method: 'POST' });
    const changed = workflow('order-webhook');
    changed.nodes[1].parameters.greeting = 'Bonjour';
    const saved = await call('/workflows/order-webhook', { tenant: 'acme', method: 'PUT', json: changed });
    expect(saved.status).toBe(200);
    expect(saved.body.active).toBe(true);
    expect((await call('/t/acme/webhook/orders', { json: { customer: 'Ada' } })).body.message).toBe('Bonjour, Ada!');
  });

  it("keeps each tenant's workflows, executions and webhooks to that tenant", async () => {
    await call('/workflows', { tenant: 'acme', json: workflow('greet') });
    await call('/workflows', { tenant: 'acme', json: workflow('order-webhook') });
    await call('/workflows/order-webhook/activate', { tenant: 'acme', method: 'POST' });
    const mine = await call('/workflows/greet/run', { tenant: 'acme', json: {} });
    expect(mine.body.status).toBe('success');

    expect((await call('/workflows', { tenant: 'initech' })).body.workflows).toEqual([]);
    const other = await call('/workflows/greet', { tenant: 'initech' });
    expect(other.status).toBe(404);
    expect(other.body.error).toEqual({ code: 'WORKFLOW_NOT_FOUND', message: "There is no workflow 'greet'." });
    expect((await call('/workflows/greet/run', { tenant: 'initech', json: {} })).status).toBe(404);
    expect((await call(`/executions/${mine.body.id}`, { tenant: 'initech' })).status).toBe(404);
    expect((await call('/executions', { tenant: 'initech' })).body.items).toEqual([]);
    expect((await call('/t/initech/webhook/orders', { json: {} })).status).toBe(404);

    // The same id in another tenant is another workflow.
    const theirs = workflow('greet');
    theirs.name = 'Initech greeting';
    expect((await call('/workflows', { tenant: 'initech', json: theirs })).status).toBe(201);
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
    const health = (await (await fetch(`${server.url}/health`)).json()) as { runningExecutions: number };
    expect(health.runningExecutions).toBe(1);
    const other = await call('/workflows/greet/run', { tenant: 'acme', json: { input: [{ name: 'Ada' }] } });
    expect(other.body.status).toBe('success');
    expect(runawayAnswered).toBe(false);

    expect((await call(`/executions/${id}/cancel`, { tenant: 'globex', method: 'POST' })).status).toBe(404);
    const cancel = await call(`/executions/${id}/cancel`, { tenant: 'acme', method: 'POST' });
    expect(cancel.status).toBe(202);
    const ended = await runaway;
    expect(ended.body).toMatchObject({ id, status: 'canceled' });
    expect((await call(`/executions/${id}`, { tenant: 'acme' })).body.status).toBe('canceled');
    const again = await call(`/executions/${id}/cancel`, { tenant: 'acme', method: 'POST' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EXECUTION_NOT_CANCELABLE');
    expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({ status: 'ok', runningExecutions: 0 });
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
    expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({ status: 'ok', runningExecutions: 0 });
  });

  it('caps a workflow that asks for more time than the server allows at the server limit', async () => {
    // A server of its own, whose limit is short: only the runaway runs there, so nothing races it.
    const strict = await start({ port: 0, dbFile: join(dir, 'strict.sqlite'), executionTimeoutMs: 500 });
    try {
      const greedy = { ...workflow('runaway'), id: 'greedy', settings: { timeoutMs: 600_000 } };
      await call('/workflows', { tenant: 'acme', json: greedy, base: strict.url });
      const ended = (await call('/workflows/greedy/run', { tenant: 'acme', json: {}, base: strict.url })).body;
      expect(ended.status).toBe('error');
      expect(ended.error).toMatchObject({
        code: 'EXECUTION_TIMEOUT',
        message: 'The workflow exceeded its time limit of 500 ms; its worker was stopped.',
      });
    } finally {
      await strict.close();
    }
  });

  it('answers bad requests with a 4xx JSON error saying what was wrong and where', async () => {
    await call('/workflows', { tenant: 'acme', json: workflow('greet') });
    const badJson = await call('/workflows', { tenant: 'acme', body: '{"nodes": [', headers: { 'content-type': 'application/json' } });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBe('BAD_JSON');
    expect(badJson.body.error.message).toMatch(/^The request body is not valid JSON/);

    const unknown = await call('/workflows/nope/run', { tenant: 'acme', json: {} });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual({ code: 'WORKFLOW_NOT_FOUND', message: "There is no workflow 'nope'." });

    const invalid = await call('/workflows', {
      tenant: 'acme',
      json: { id: 'broken', name: 'Broken', nodes: [{ id: 'a', name: 'A', type: 'example.nothing', position: { x: 0, y: 0 } }] },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('WORKFLOW_INVALID');
    expect(invalid.body.error.issues[0]).toMatchObject({ in: 'body', path: 'nodes[0].type' });

    const badInput = await call('/workflows/greet/run', { tenant: 'acme', json: { input: [1] } });
    expect(badInput.status).toBe(400);
    expect(badInput.body.error.issues[0]).toMatchObject({ in: 'body', path: 'input[0]' });

    const noToken = await call('/workflows');
    expect(noToken.status).toBe(401);
    expect(noToken.body.error.code).toBe('AUTH_REQUIRED');
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer');
    const viewer = await call('/workflows', { tenant: 'acme', role: 'viewer', json: workflow('greet') });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error).toMatchObject({ code: 'PERMISSION_DENIED', permission: 'workflow:write' });

    expect((await call('/executions?limit=lots', { tenant: 'acme' })).body.error.issues[0]).toMatchObject({ in: 'query', path: 'limit' });
    expect((await call('/executions?cursor=nonsense', { tenant: 'acme' })).status).toBe(400);
    expect((await call('/executions/nope', { tenant: 'acme' })).body.error.code).toBe('EXECUTION_NOT_FOUND');
    expect((await call('/nowhere', { tenant: 'acme' })).status).toBe(404);
  });
});

describe('limits on running executions', () => {
  it("makes a tenant's runs beyond its limit wait their turn while other tenants' runs go on", async () => {
    const own = await start({ port: 0, dbFile: join(dir, 'limits.sqlite'), maxRunningPerTenant: 1 });
    try {
      const post = async (tenant: string, path: string, json?: unknown) =>
        (await call(path, { tenant, method: 'POST', base: own.url, ...(json === undefined ? {} : { json }) })).body;
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
      await post('acme', `/executions/${id}/cancel`);
      expect((await runaway).status).toBe('canceled');
      expect((await queued).status).toBe('success');
      expect(order).toEqual(['runaway', 'acme greet']);
    } finally {
      await own.close();
    }
  });
});

describe('stopping the example host', () => {
  it('cancels a run still going after the grace period, records it, and closes the database', async () => {
    const dbFile = join(dir, 'stopping.sqlite');
    const own = await start({ port: 0, dbFile, executionTimeoutMs: 60_000, shutdownGraceMs: 50 });
    await call('/workflows', { tenant: 'acme', json: workflow('runaway'), base: own.url });
    const runaway = call('/workflows/runaway/run', { tenant: 'acme', json: {}, base: own.url }).then((r) => r.body);
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

describe('the example host as a program', () => {
  it('starts from the environment and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [serverFile], {
      env: { ...process.env, PORT: '0', FLOWLOOM_DB: join(dir, 'program.sqlite'), FLOWLOOM_EMBED_SECRET: SECRET },
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
    // The secret came from the environment: a token signed with it is accepted.
    const answer = await fetch(`${url}/api/workflows`, { headers: { authorization: `Bearer ${await tokenFor('acme')}` } });
    expect(answer.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('Stopped.');
  });
});
