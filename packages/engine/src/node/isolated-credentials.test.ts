// Credentials in isolated executions: used through the host's manager, never inside the worker.
import { createHmac } from 'node:crypto';
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, silentLogger, type Engine } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { createNodeExecutionIsolation } from './node-execution-isolation.js';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../testing/test-http-server.node.js';
import { signedApiCredential } from '../testing/signed-api-credential.node.js';

const nodeModule = new URL('./fixtures/isolated-services-nodes.mjs', import.meta.url).href;
const isolation = createNodeExecutionIsolation({ heapMb: 64 });
const SECRET = 'sk-live-4242-very-secret';

// An API that echoes what it received (headers included, so a leaked secret would show), and an OAuth2 token endpoint.
let api: TestHttpServer;
let tokensIssued = 0;
let stallClosed: () => void = () => {};
beforeAll(async () => {
  api = await startTestHttpServer((req, res) => {
    if (req.url === '/token')
      return sendJson(res, 200, { access_token: `at-${++tokensIssued}-token`, token_type: 'Bearer', expires_in: 3600 });
    // The first token issued is refused, as if revoked: the host must refresh it and try again.
    if (req.url === '/oauth-api' && req.headers.authorization === 'Bearer at-1-token') return sendJson(res, 401, { error: 'revoked' });
    if (req.url === '/empty') return void res.writeHead(204).end();
    if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      return void res.end(Buffer.alloc(3 * 1024 * 1024, 7));
    }
    if (req.url === '/stall') return void res.on('close', () => stallClosed()); // never answers
    sendJson(res, 200, { path: req.url, headers: req.headers });
  });
});
afterAll(async () => {
  await api.close();
  await isolation.close();
});

let engine: Engine;
beforeEach(() => {
  api.requests.length = 0;
  engine = createEngine({
    isolation,
    nodeModules: [nodeModule],
    // Only the host knows this type: its signer is a function, which cannot cross into a worker.
    credentialTypes: [signedApiCredential],
    logger: silentLogger,
    // The test servers listen on loopback, which engines refuse by default.
    http: { allowPrivateNetworks: true },
  });
});

const call = (path: string, credential: string) =>
  buildWorkflow({
    id: 'wf-call',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'where', type: 'services.thread' },
      {
        id: 'call',
        name: 'Call API',
        type: 'core.httpRequest',
        parameters: { url: `${api.url}${path}` },
        credentials: { auth: credential },
      },
    ],
    connections: [
      ['start', 'where'],
      ['where', 'call'],
    ],
  });

const apiKey = (tenantId?: string, id = 'orders-key') =>
  engine.credentials.create(
    { id, name: 'Orders API', type: 'apiKey', data: { key: SECRET, name: 'X-Api-Key', allowedDomains: ['127.0.0.1'] } },
    tenantId ? { tenantId } : {},
  );

describe('credentials in isolated executions', () => {
  it('signs an HTTP Request with a stored credential on the host; nothing the run records holds the secret', async () => {
    await apiKey();
    const events: unknown[] = [];
    const execution = await engine.run(call('/orders', 'orders-key'), { onEvent: (e) => events.push(e) });
    expect(execution.error).toBeUndefined();
    expect(execution.status).toBe('success');
    // It ran in a worker, and the server got the key.
    expect(execution.nodes.where![0]!.output.main![0]!.json.threadId).not.toBe(threadId);
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]!.headers['x-api-key']).toBe(SECRET);
    // The server echoed the key back; the record, the stored execution and the events hold it redacted.
    const output = execution.nodes.call![0]!.output.main![0]!.json as { headers: Record<string, string> };
    expect(output.headers['x-api-key']).toBe('__redacted__');
    const stored = await engine.storage.executions.get('default', execution.id);
    expect(stored?.status).toBe('success');
    for (const record of [execution, stored, events]) expect(JSON.stringify(record)).not.toContain(SECRET);
    // The host's audit trail has the use, attributed to the execution and the node.
    const audit = await engine.credentials.auditTrail({ executionId: execution.id });
    expect(audit).toEqual([
      expect.objectContaining({
        credentialId: 'orders-key',
        action: 'request',
        host: new URL(api.url).host,
        executionId: execution.id,
        workflowId: 'wf-call',
        nodeId: 'call',
        nodeName: 'Call API',
      }),
    ]);
  });

  it('signs with a credential type only the host knows, and sends a request body unchanged', async () => {
    await engine.credentials.create({ id: 'signed', name: 'Signed', type: 'signedApi', data: { keyId: 'k1', secret: SECRET } });
    const wf = call('/signed', 'signed');
    Object.assign(wf.nodes[2]!.parameters, { method: 'POST', bodyType: 'json', jsonBody: { order: 7, note: 'héllo' } });
    const execution = await engine.run(wf);
    expect(execution.error).toBeUndefined();
    const mac = createHmac('sha256', SECRET).update('POST /signed').digest('hex');
    expect(api.requests[0]!.headers['x-signature']).toBe(`k1:${mac}`);
    expect(JSON.parse(api.requests[0]!.body.toString('utf8'))).toEqual({ order: 7, note: 'héllo' });
    expect(api.requests[0]!.headers['content-type']).toMatch(/application\/json/);
  });

  it('gets and refreshes OAuth2 tokens on the host, and redacts the refreshed token', async () => {
    tokensIssued = 0;
    await engine.credentials.create({
      id: 'oauth',
      name: 'Provider',
      type: 'oauth2',
      data: {
        grantType: 'clientCredentials',
        tokenUrl: `${api.url}/token`,
        clientId: 'client',
        clientSecret: SECRET,
        allowedDomains: ['127.0.0.1'],
      },
    });
    const execution = await engine.run(call('/oauth-api', 'oauth'));
    expect(execution.error).toBeUndefined();
    const apiCalls = api.requests.filter((r) => r.url === '/oauth-api');
    expect(apiCalls.map((r) => r.headers.authorization)).toEqual(['Bearer at-1-token', 'Bearer at-2-token']);
    // The refreshed token is kept by the host (encrypted) and redacted from the echo in the record.
    expect((await engine.credentials.get('oauth'))?.oauth2?.connected).toBe(true);
    expect(JSON.stringify(execution)).not.toContain('at-2-token');
    const actions = (await engine.credentials.auditTrail({ credentialId: 'oauth' })).map((a) => a.action);
    expect(actions.filter((a) => a === 'token')).toHaveLength(2);
    expect(actions.filter((a) => a === 'request')).toHaveLength(2);
  });

  it('streams a large answer from the host to the worker', async () => {
    await apiKey();
    const wf = call('/big', 'orders-key');
    Object.assign(wf.nodes[2]!.parameters, { responseFormat: 'binary' });
    const execution = await engine.run(wf);
    expect(execution.error).toBeUndefined();
    const binary = execution.nodes.call![0]!.output.main![0]!.binary?.data;
    expect(binary?.fileSize).toBe(3 * 1024 * 1024);
    expect(Buffer.from(binary!.data!, 'base64').every((b) => b === 7)).toBe(true);
  });

  it('passes on an answer without a body', async () => {
    await apiKey();
    const wf = call('/empty', 'orders-key');
    Object.assign(wf.nodes[2]!.parameters, { fullResponse: true });
    const execution = await engine.run(wf);
    expect(execution.error).toBeUndefined();
    expect(execution.nodes.call![0]!.output.main![0]!.json).toMatchObject({ statusCode: 204 });
  });

  it("aborts the host's request when the node gives up waiting for it", async () => {
    await apiKey();
    const closed = new Promise<void>((resolve) => (stallClosed = resolve));
    const wf = call('/stall', 'orders-key');
    Object.assign(wf.nodes[2]!.parameters, { timeoutMs: 200, maxRetries: 0 });
    const execution = await engine.run(wf);
    expect(execution.status).toBe('error');
    expect(execution.error).toMatchObject({ code: 'HTTP_TIMEOUT' });
    expect(api.requests.map((r) => r.url)).toEqual(['/stall']);
    // The host dropped the connection it held for the worker.
    await closed;
  });

  it('uses a credential in a sub-workflow, audited under the sub-workflow execution', async () => {
    await apiKey();
    const child = call('/child', 'orders-key');
    child.id = 'wf-child-call';
    child.nodes[0] = { ...child.nodes[0]!, type: 'core.executeWorkflowTrigger' };
    const parent = buildWorkflow({
      id: 'wf-parent-call',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'sub', type: 'core.executeWorkflow', parameters: { source: 'parameter', workflowJson: child as never } },
      ],
      connections: [['start', 'sub']],
    });
    const execution = await engine.run(parent);
    expect(execution.error).toBeUndefined();
    expect(api.requests[0]!.headers['x-api-key']).toBe(SECRET);
    const [entry] = await engine.credentials.auditTrail({ credentialId: 'orders-key' });
    expect(entry).toMatchObject({ workflowId: 'wf-child-call', nodeName: 'Call API' });
    expect(entry!.executionId).not.toBe(execution.id);
    expect(JSON.stringify(await engine.storage.executions.get('default', entry!.executionId!))).not.toContain(SECRET);
  });

  it("cannot reach another tenant's credential, by id or by owner reference", async () => {
    await apiKey('tenant-b', 'theirs');
    const byId = await engine.run(call('/orders', 'theirs'));
    expect(byId.status).toBe('error');
    expect(byId.error).toMatchObject({ code: 'CREDENTIAL_NOT_FOUND' });
    expect(byId.error?.message).toContain("Node 'Call API'");
    const byOwner = await engine.run(call('/orders', '@tenant-b/theirs'));
    expect(byOwner.status).toBe('error');
    expect(byOwner.error).toMatchObject({ code: 'CREDENTIAL_NOT_SHARED' });
    expect(api.requests).toHaveLength(0);
  });
});
