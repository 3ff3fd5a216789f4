// What the HTTP adapter adds to the storage contracts, against a real server on 127.0.0.1: tokens and their
// refresh, the server's refusals as errors, masked credentials, variables, runs followed live, the catalog.
import {
  defineNode,
  OptionError,
  StorageError,
  WorkflowValidationError,
  type EngineEvent,
  type Execution,
  type Workflow,
} from '@flowloom/engine';
import { buildWorkflow, testNodeTypes } from '@flowloom/engine/testing';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCredential,
  createHttpStorage,
  getNodeType,
  HttpClient,
  HttpStorageError,
  listCredentials,
  listCredentialTypes,
  listNodeTypes,
  runWorkflow,
  saveWorkflow,
  updateCredential,
  type FetchLike,
  type TokenRequest,
} from './index.js';
import { startFlowloomServer, type FlowloomTestServer } from './testing/flowloom-server.js';

/** The Gate node holds its run until the test opens it (before or after the node starts): a latch, not a timer. */
let gateOpen = false;
let wakeGate: () => void = () => undefined;
const openGate = () => {
  gateOpen = true;
  wakeGate();
};
const gateNode = defineNode({
  type: 'test.gate',
  version: 1,
  displayName: 'Gate',
  description: 'Test helper: passes its items on once the test opens it.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({}),
  async execute(ctx) {
    await new Promise<void>((resolve) => {
      if (gateOpen) resolve();
      else wakeGate = resolve;
    });
    return ctx.input();
  },
});

let server: FlowloomTestServer;
beforeAll(async () => {
  server = await startFlowloomServer({ engine: { nodeTypes: [...testNodeTypes, gateNode] } });
});
afterAll(async () => {
  await server?.close();
});

/** The global fetch, recording each request's method, path and answer text: what went over the wire. */
function recordingFetch() {
  const wire: { method: string; path: string; status: number; text: string }[] = [];
  const fetchLike: FetchLike = async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.clone().text();
    wire.push({ method: init.method ?? 'GET', path: new URL(input).pathname, status: response.status, text });
    return response;
  };
  return { wire, fetch: fetchLike };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (error: unknown) => error,
  );
}

const greet = (id: string): Workflow =>
  buildWorkflow({
    id,
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'emit', type: 'test.emitItems', parameters: { items: [{ n: 1 }, { n: 2 }] } },
    ],
    connections: [['start', 'emit']],
  });

const describeEvent = (e: EngineEvent) =>
  e.type === 'nodeStart' ? `${e.type} ${e.nodeId}` : e.type === 'nodeFinish' ? `${e.type} ${e.run.nodeId}` : e.type;

describe('tokens', () => {
  it('asks a token function again when the server refuses its token as expired, and sends the call once more', async () => {
    const asked: TokenRequest[] = [];
    const storage = createHttpStorage({
      baseUrl: server.url,
      token: async (request) => {
        asked.push(request);
        // The first token was signed two hours ago and lived ten minutes: the server refuses it.
        return server.token(request.tenantId!, asked.length === 1 ? { issuedAt: Date.now() - 2 * 3600_000 } : {});
      },
    });
    expect(await storage.workflows.list('acme')).toEqual([]);
    expect(asked).toEqual([
      { tenantId: 'acme', refresh: false },
      { tenantId: 'acme', refresh: true },
    ]);
    // The fresh token is kept for the next calls.
    await storage.workflows.list('acme');
    expect(asked).toHaveLength(2);
  });

  it('rejects with the server’s reason when a single token is refused, without asking for another', async () => {
    const expired = await server.token('acme', { issuedAt: Date.now() - 2 * 3600_000 });
    const storage = createHttpStorage({ baseUrl: server.url, token: expired, tenantId: 'acme' });
    const error = (await rejection(storage.workflows.list('acme'))) as HttpStorageError;
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'STORAGE_REFUSED', status: 401, serverCode: 'TOKEN_INVALID' });
    expect(error.serverMessage).toBe('The embed token was refused: it has expired.');
  });

  it('refuses a call for another tenant than a single token’s, sending nothing', async () => {
    const recorder = recordingFetch();
    const storage = createHttpStorage({ baseUrl: server.url, token: await server.token('acme'), tenantId: 'acme', fetch: recorder.fetch });
    const error = (await rejection(storage.workflows.get('globex', 'wf-1'))) as HttpStorageError;
    expect(error.code).toBe('STORAGE_REFUSED');
    expect(error.message).toBe(
      "This HTTP storage speaks for tenant 'acme' (its token's); a call for tenant 'globex' was refused and not sent.",
    );
    expect(recorder.wire).toEqual([]);
  });

  it('refuses a single token without its tenant, and options it does not know, naming them', async () => {
    const token = await server.token('acme');
    expect(() => createHttpStorage({ baseUrl: server.url, token })).toThrow(OptionError);
    expect(() => createHttpStorage({ baseUrl: server.url, token })).toThrow(/name it with tenantId/);
    expect(() => createHttpStorage({ baseUrl: server.url, token, tenant: 'acme' } as never)).toThrow(/unknown option 'tenant'/);
    expect(() => createHttpStorage({ baseUrl: 'flowloom.example.com', token, tenantId: 'acme' })).toThrow(
      /baseUrl must be an absolute URL/,
    );
  });
});

describe('the server’s refusals', () => {
  it('turns a workflow the server refuses into a WorkflowValidationError with the paths the engine gives', async () => {
    const storage = createHttpStorage({ baseUrl: server.url, token: ({ tenantId }) => server.token(tenantId!) });
    const broken = { ...greet('wf-broken'), nodes: [{ ...greet('x').nodes[0]!, type: 'acme.nothing' }] } as Workflow;
    const error = (await rejection(storage.workflows.save('acme', broken))) as WorkflowValidationError;
    expect(error).toBeInstanceOf(WorkflowValidationError);
    // The oracle: the server engine's own verdict on the same document.
    const verdict = server.engine.validate(broken);
    expect(verdict.success).toBe(false);
    const expected = verdict.success ? [] : verdict.error.issues;
    expect(error.issues.map((i) => [i.path, i.message])).toEqual(expected.map((i) => [i.path, i.message]));
    expect(error.issues[0]?.path).toEqual(['nodes', 0, 'type']);
    expect(await storage.workflows.get('acme', 'wf-broken')).toBeUndefined();
  });

  it('says which permission a role lacks when the server refuses a call', async () => {
    const storage = createHttpStorage({ baseUrl: server.url, token: ({ tenantId }) => server.token(tenantId!, { role: 'viewer' }) });
    const error = (await rejection(storage.workflows.save('acme', greet('wf-viewer')))) as HttpStorageError;
    expect(error).toMatchObject({ code: 'STORAGE_REFUSED', status: 403, serverCode: 'PERMISSION_DENIED' });
    expect(error.message).toBe(
      "The Flowloom server refused PUT /workflows/wf-viewer (403 PERMISSION_DENIED): This call needs the permission 'workflow:write', which the role 'viewer' does not grant.",
    );
  });

  it('refuses to delete a running execution with the server’s sentence, and deletes finished ones', async () => {
    const storage = createHttpStorage({ baseUrl: server.url, token: ({ tenantId }) => server.token(tenantId!) });
    const running: Execution = {
      id: 'e-run',
      workflowId: 'wf',
      tenantId: 'acme',
      status: 'running',
      mode: 'manual',
      startedAt: new Date().toISOString(),
      nodes: {},
    };
    await server.storage.executions.create(running);
    const error = (await rejection(storage.executions.delete('acme', ['e-run']))) as HttpStorageError;
    expect(error).toMatchObject({ code: 'STORAGE_REFUSED', status: 409, serverCode: 'EXECUTION_RUNNING' });
    expect(error.serverMessage).toBe("Execution 'e-run' is still running; cancel it first.");
    await server.storage.executions.finish('acme', 'e-run', { status: 'canceled', finishedAt: new Date().toISOString() });
    expect(await storage.executions.delete('acme', ['e-run', 'e-run', 'e-none'])).toBe(1);
  });

  it('refuses the execution writes only the server’s engine makes, saying how to run one', async () => {
    const storage = createHttpStorage({ baseUrl: server.url, token: ({ tenantId }) => server.token(tenantId!) });
    const error = (await rejection(storage.executions.create({} as Execution))) as HttpStorageError;
    expect(error.code).toBe('STORAGE_REFUSED');
    expect(error.message).toMatch(/^executions\.create: the API has no route to record an execution\. .*POST \/workflows\/\{id\}\/run/);
    expect(await rejection(storage.executions.tenants())).toBeInstanceOf(HttpStorageError);
  });

  it('tells a server that cannot be reached, and a base URL where no API answers, from a missing record', async () => {
    const down = createHttpStorage({ baseUrl: 'http://127.0.0.1:9', token: 't', tenantId: 'acme' });
    const unreachable = (await rejection(down.workflows.get('acme', 'wf-1'))) as HttpStorageError;
    expect(unreachable.code).toBe('STORAGE_FAILED');
    expect(unreachable.message).toMatch(
      /^Could not reach the Flowloom server for GET http:\/\/127\.0\.0\.1:9\/workflows\/wf-1: fetch failed/,
    );

    const elsewhere = createHttpStorage({ baseUrl: `${server.url}/nothing-here`, token: ({ tenantId }) => server.token(tenantId!) });
    const route = (await rejection(elsewhere.workflows.get('acme', 'wf-1'))) as HttpStorageError;
    expect(route).toMatchObject({ status: 404, serverCode: 'NOT_FOUND' });
    const storage = createHttpStorage({ baseUrl: server.url, token: ({ tenantId }) => server.token(tenantId!) });
    expect(await storage.workflows.get('acme', 'wf-none')).toBeUndefined();
  });

  it('rejects every call after close with STORAGE_CLOSED', async () => {
    const storage = createHttpStorage({ baseUrl: server.url, token: ({ tenantId }) => server.token(tenantId!) });
    await storage.close();
    expect(await rejection(storage.variables.list('acme'))).toMatchObject({ code: 'STORAGE_CLOSED' });
  });
});

describe('variables', () => {
  it('stores values of every type and reads them back, stamped with the server’s time', async () => {
    const storage = createHttpStorage({ baseUrl: server.url, token: ({ tenantId }) => server.token(tenantId!) });
    const values = { s: ['string', 'text'], n: ['number', 4.5], b: ['boolean', false], j: ['json', { a: [1, { b: null }] }] } as const;
    for (const [key, [type, value]] of Object.entries(values)) {
      await storage.variables.set('vars', { key, type, value, updatedAt: '2000-01-01T00:00:00.000Z' });
    }
    for (const [key, [type, value]] of Object.entries(values)) {
      const stored = await storage.variables.get('vars', key);
      // The oracle: what the server's engine itself reads.
      expect(stored).toEqual(await server.engine.variables.get(key, { tenantId: 'vars' }));
      expect(stored).toMatchObject({ key, type, value });
      expect(stored?.updatedAt).not.toBe('2000-01-01T00:00:00.000Z');
    }
    const error = (await rejection(
      storage.variables.set('vars', { key: 'x', type: 'number', value: 'nine', updatedAt: '' }),
    )) as HttpStorageError;
    expect(error).toMatchObject({ code: 'STORAGE_REFUSED', status: 400, issues: [{ in: 'body', path: 'value' }] });
  });
});

describe('credentials', () => {
  it('creates, lists and updates credentials whose secrets never come back over the wire', async () => {
    const recorder = recordingFetch();
    const client = new HttpClient({ baseUrl: server.url, token: await server.token('creds'), fetch: recorder.fetch });
    const secret = 'sk-live-0123456789abcdef';
    const data = { key: secret, name: 'x-api-key', allowedDomains: ['orders.example.com'] };
    const created = await createCredential(client, { id: 'c-1', name: 'Orders API', type: 'apiKey', data });
    expect(created).toMatchObject({ id: 'c-1', name: 'Orders API', type: 'apiKey', data: { key: '__redacted__', name: 'x-api-key' } });
    expect((await listCredentials(client)).map((c) => c.id)).toEqual(['c-1']);
    const renamed = await updateCredential(client, 'c-1', { name: 'Orders', data: { ...data, key: '__redacted__' } });
    expect(renamed.name).toBe('Orders');
    // The server still holds the secret: its engine signs with it.
    const resolved = await server.engine.credentials.resolve('c-1', { tenantId: 'creds' });
    expect(JSON.stringify(resolved)).toContain(secret);
    expect(recorder.wire.length).toBeGreaterThanOrEqual(3);
    for (const answer of recorder.wire) expect(answer.text).not.toContain(secret);
  });

  it('names each field the credential type refuses', async () => {
    const client = new HttpClient({ baseUrl: server.url, token: await server.token('creds') });
    const data = { name: 'x-api-key', allowedDomains: ['orders.example.com'] };
    const error = (await rejection(createCredential(client, { name: 'Bad', type: 'apiKey', data }))) as HttpStorageError;
    expect(error).toMatchObject({ code: 'STORAGE_REFUSED', status: 400, serverCode: 'CREDENTIAL_INVALID' });
    expect(error.issues.map((i) => i.path)).toEqual(['data.key']);
    const unknown = (await rejection(createCredential(client, { name: 'Bad', type: 'nope', data: {} }))) as HttpStorageError;
    expect(unknown.issues).toMatchObject([{ in: 'body', path: 'type' }]);
  });
});

describe('runs on the server', () => {
  it('runs a saved workflow and resolves with the stored record, telling each node run once', async () => {
    const client = new HttpClient({ baseUrl: server.url, token: () => server.token('runs') });
    await saveWorkflow(client, greet('wf-greet'));
    const events: EngineEvent[] = [];
    const execution = await runWorkflow(client, 'wf-greet', { onEvent: (e) => events.push(e) });
    expect(execution.status).toBe('success');
    // The oracle: the record in the server's storage, as the API shows it.
    const { workflow: _w, state: _s, ...stored } = (await server.storage.executions.get('runs', execution.id))!;
    expect(execution).toEqual(stored);
    expect(execution.nodes['emit']?.[0]?.output['main']?.map((i) => i.json)).toEqual([{ n: 1 }, { n: 2 }]);
    // This run may end before the stream opens: its runs then come from the record, still once each and in order.
    expect(events.map(describeEvent)).toEqual([
      'executionStart',
      'nodeStart start',
      'nodeFinish start',
      'nodeStart emit',
      'nodeFinish emit',
      'executionFinish',
    ]);
    expect(events.at(-1)).toEqual({ type: 'executionFinish', execution });
  });

  it('streams the node runs that happen while it follows the run', async () => {
    const client = new HttpClient({ baseUrl: server.url, token: () => server.token('runs') });
    const gated = buildWorkflow({
      id: 'wf-gated',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'gate', type: 'test.gate' },
        { id: 'emit', type: 'test.emitItems', parameters: { items: [{ n: 3 }] } },
      ],
      connections: [
        ['start', 'gate'],
        ['gate', 'emit'],
      ],
    });
    await saveWorkflow(client, gated);
    gateOpen = false;
    const events: EngineEvent[] = [];
    const execution = await runWorkflow(client, 'wf-gated', {
      onEvent: (e) => {
        events.push(e);
        // The stream is open and the gate is holding the run: what follows happens live.
        if (e.type === 'nodeFinish' && e.run.nodeId === 'start') openGate();
      },
    });
    expect(execution.status).toBe('success');
    // The gate may have started before the stream opened; everything after it is streamed.
    expect(events.map(describeEvent).filter((e) => e !== 'nodeStart gate')).toEqual([
      'executionStart',
      'nodeStart start',
      'nodeFinish start',
      'nodeFinish gate',
      'nodeStart emit',
      'nodeFinish emit',
      'executionFinish',
    ]);
    // Streamed runs leave their items to the record.
    const streamed = events.find((e) => e.type === 'nodeFinish' && e.run.nodeId === 'emit');
    expect(streamed).toMatchObject({ run: { nodeId: 'emit', status: 'success', input: {}, output: {} } });
    expect(execution.nodes['emit']?.[0]?.output['main']?.[0]?.json).toEqual({ n: 3 });
  });

  it('cancels a run on the server when the signal aborts, and resolves with the canceled record', async () => {
    const client = new HttpClient({ baseUrl: server.url, token: () => server.token('runs') });
    const sleepy = buildWorkflow({
      id: 'wf-sleepy',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'nap', type: 'test.sleep', parameters: { ms: 600_000 } },
      ],
      connections: [['start', 'nap']],
    });
    await saveWorkflow(client, sleepy);
    const controller = new AbortController();
    const execution = await runWorkflow(client, 'wf-sleepy', {
      signal: controller.signal,
      // Abort once the run is being followed; its node sleeps for ten minutes.
      onEvent: (e) => e.type === 'executionStart' && controller.abort(),
    });
    expect(execution.status).toBe('canceled');
    expect((await server.storage.executions.get('runs', execution.id))?.status).toBe('canceled');
  });

  it('refuses run input the server refuses, naming the item', async () => {
    const client = new HttpClient({ baseUrl: server.url, token: () => server.token('runs') });
    await saveWorkflow(client, greet('wf-input'));
    const error = (await rejection(runWorkflow(client, 'wf-input', { input: [{ json: 'not an object' }] }))) as WorkflowValidationError;
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect(error.issues[0]?.path.slice(0, 2)).toEqual(['input', 0]);
  });
});

describe('the catalog', () => {
  it('lists the server engine’s node types and credential types', async () => {
    const client = new HttpClient({ baseUrl: server.url, token: () => server.token('acme') });
    expect(await listNodeTypes(client)).toEqual(JSON.parse(JSON.stringify(server.engine.nodeTypes.describe())));
    expect((await getNodeType(client, 'test.sleep'))?.displayName).toBe('Sleep');
    expect(await getNodeType(client, 'test.none')).toBeUndefined();
    const types = await listCredentialTypes(client);
    expect(types.map((t) => t.name)).toEqual(server.engine.credentials.types.list().map((t) => t.name));
  });
});
