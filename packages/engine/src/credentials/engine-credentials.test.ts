import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, createMemoryStorage, defineNode, rawKeyProvider, silentLogger, type Engine } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { signedApiCredential } from '../testing/signed-api-credential.node.js';
import { sendJson, startTestHttpServer, type SeenRequest, type TestHttpServer } from '../testing/test-http-server.node.js';

/** Echo server: answers every request with what it received. `/hop?to=URL` redirects. */
let server: TestHttpServer;
let echo = '';
let seen: SeenRequest[] = [];
beforeAll(async () => {
  server = await startTestHttpServer((request, res) => {
    const url = new URL(request.url, 'http://x');
    if (url.pathname === '/hop') {
      res.writeHead(302, { location: url.searchParams.get('to')! });
      return void res.end();
    }
    sendJson(res, 200, { url: request.url, headers: request.headers });
  });
  echo = server.url;
  seen = server.requests;
});
afterAll(() => server.close());
beforeEach(() => void (seen.length = 0));

/** A node that calls `ctx.authenticatedFetch('api', params.url)` and outputs the JSON answer. */
const callApi = defineNode({
  type: 'test.callApi',
  version: 1,
  displayName: 'Call API',
  group: 'integration',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ url: z.string() }),
  credentials: [{ name: 'api', type: 'any' }],
  async execute(ctx) {
    const response = await ctx.authenticatedFetch('api', ctx.params(0).url);
    return [{ json: (await response.json()) as Record<string, unknown> }];
  },
});

let engine: Engine;
beforeEach(() => {
  engine = createEngine({
    nodeTypes: [callApi],
    credentialTypes: [signedApiCredential],
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(3) }),
    logger: silentLogger,
    // The test servers listen on loopback, which engines refuse by default.
    http: { allowPrivateNetworks: true },
  });
});

function workflow(url: string, credential = 'cred') {
  return buildWorkflow({
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'call', name: 'Call', type: 'test.callApi', parameters: { url }, credentials: { api: credential } },
    ],
    connections: [['start', 'call']],
  });
}

async function runWith(type: string, data: Record<string, unknown>, url = `${echo}/data`) {
  await engine.credentials.create({ id: 'cred', name: 'My credential', type, data });
  return engine.run(workflow(url));
}

describe('ctx.authenticatedFetch', () => {
  const local = { allowedDomains: ['127.0.0.1'] };

  it('sends an API key in a header', async () => {
    await runWith('apiKey', { key: 'k-123456', name: 'X-Key', ...local });
    expect(seen[0]!.headers['x-key']).toBe('k-123456');
  });

  it('sends an API key in the query string', async () => {
    await runWith('apiKey', { key: 'k-123456', in: 'query', name: 'api_key', ...local });
    expect(seen[0]!.url).toBe('/data?api_key=k-123456');
  });

  it('sends basic auth, a bearer token and custom headers', async () => {
    await runWith('basicAuth', { username: 'ann', password: 'pa55word', ...local });
    expect(seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('ann:pa55word').toString('base64')}`);
    await engine.credentials.create({ id: 'b', name: 'B', type: 'bearerToken', data: { token: 'tok-abcdef', ...local } });
    await engine.run(workflow(`${echo}/x`, 'b'));
    expect(seen[1]!.headers.authorization).toBe('Bearer tok-abcdef');
    await engine.credentials.create({
      id: 'h',
      name: 'H',
      type: 'customHeaders',
      data: { headers: { 'X-One': 'one-1111', 'X-Two': 'two-2222' }, ...local },
    });
    await engine.run(workflow(`${echo}/x`, 'h'));
    expect([seen[2]!.headers['x-one'], seen[2]!.headers['x-two']]).toEqual(['one-1111', 'two-2222']);
  });

  it('signs requests with a custom scheme (HMAC)', async () => {
    await runWith('signedApi', { keyId: 'k1', secret: 'hmac-secret' }, `${echo}/orders`);
    const expected = createHmac('sha256', 'hmac-secret').update('GET /orders').digest('hex');
    expect(seen[0]!.headers['x-signature']).toBe(`k1:${expected}`);
  });

  it('refuses to send a credential to a host it is not allowed for', async () => {
    const execution = await runWith('bearerToken', { token: 'tok-abcdef', allowedDomains: ['api.example.com'] });
    expect(execution.status).toBe('error');
    expect(execution.nodes.call![0]!.error).toMatchObject({ code: 'CREDENTIAL_HOST_REFUSED' });
    expect(execution.nodes.call![0]!.error!.message).toContain("Credential 'My credential' may not be sent to 127.0.0.1:");
    expect(seen).toEqual([]);
  });

  it('refuses to follow a redirect to a host the credential is not allowed for', async () => {
    const other = echo.replace('127.0.0.1', 'localhost');
    const execution = await runWith(
      'bearerToken',
      { token: 'tok-abcdef', ...local },
      `${echo}/hop?to=${encodeURIComponent(`${other}/steal`)}`,
    );
    expect(execution.nodes.call![0]!.error!.message).toContain('may not be sent to localhost:');
    expect(execution.nodes.call![0]!.error!.message).toContain('(the server redirected there)');
    expect(seen.map((s) => s.url)).toEqual([`/hop?to=${encodeURIComponent(`${other}/steal`)}`]);
  });

  it('follows a redirect within the allowed hosts and signs the next request too', async () => {
    const execution = await runWith('bearerToken', { token: 'tok-abcdef', ...local }, `${echo}/hop?to=/final`);
    expect(execution.status).toBe('success');
    expect(seen.map((s) => [s.url, s.headers.authorization])).toEqual([
      ['/hop?to=/final', 'Bearer tok-abcdef'],
      ['/final', 'Bearer tok-abcdef'],
    ]);
  });

  it('fails the node, not the engine, when its credential does not exist', async () => {
    const execution = await engine.run(workflow(`${echo}/x`, 'nope'));
    expect(execution.status).toBe('error');
    const run = execution.nodes.call![0]!;
    expect(run.status).toBe('error');
    expect(run.error!.message).toBe("Node 'Call' (slot 'api'): credential 'nope' not found");
    expect(run.error!.code).toBe('CREDENTIAL_NOT_FOUND');
    expect(seen).toEqual([]);
  });

  it('records each use in the audit trail with the execution, node and host', async () => {
    const execution = await runWith('bearerToken', { token: 'tok-abcdef', ...local });
    const trail = await engine.credentials.auditTrail({ credentialId: 'cred' });
    expect(trail).toEqual([
      {
        credentialId: 'cred',
        tenantId: 'default',
        action: 'request',
        at: expect.any(String),
        host: new URL(echo).host,
        executionId: execution.id,
        workflowId: 'wf',
        nodeId: 'call',
        nodeName: 'Call',
      },
    ]);
  });

  it('fails clearly when an engine with a storage has no key provider', async () => {
    const bare = createEngine({ storage: createMemoryStorage(), logger: silentLogger });
    await expect(bare.credentials.create({ name: 'K', type: 'bearerToken', data: { token: 'abcdefgh', ...local } })).rejects.toMatchObject({
      code: 'KEY_PROVIDER_MISSING',
    });
  });
});
