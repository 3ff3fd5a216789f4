import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable, type RouteEntry } from './routes/route-table.js';
import { startTestServer, type TestServer } from './testing/test-server.js';

const LIMIT = 64 * 1024;
let server: TestServer;
let owner: string;

beforeAll(async () => {
  server = await startTestServer({ maxBodyBytes: LIMIT });
  owner = await server.keyFor('acme', 'owner');
  await server.call('/workflows', { auth: owner, json: buildWorkflow({ id: 'wf', nodes: [{ id: 'start', type: 'core.manualTrigger' }] }) });
});
afterAll(async () => {
  await server?.close();
});

/** A valid body for each route that reads one; a route with a body and no entry here fails the test below. */
const VALID: Record<string, unknown> = {
  createWorkflow: buildWorkflow({ id: 'wf-new', nodes: [{ id: 'start', type: 'core.manualTrigger' }] }),
  saveWorkflow: buildWorkflow({ id: 'wf', nodes: [{ id: 'start', type: 'core.manualTrigger' }] }),
  runWorkflow: { input: [{ a: 1 }] },
  retryExecution: { workflow: 'current' },
  createCredential: { id: 'c', name: 'C', type: 'bearerToken', data: { token: 'secret-token-123', allowedDomains: ['*'] } },
  updateCredential: { name: 'D' },
  testCredentialDraft: { type: 'bearerToken', data: { token: 'secret-token-123', allowedDomains: ['*'] } },
  setVariable: { value: 1 },
  createApiKey: { name: 'K', role: 'viewer' },
  importTemplate: { name: 'From a template' },
  updateMember: { role: 'viewer' },
  createInvite: { email: 'ada@example.com', role: 'viewer' },
  acceptInvite: { token: 'fli_unknown' },
  createTeam: { name: 'Support' },
  updateTeam: { name: 'Care' },
  createWorkspace: { name: 'Billing' },
  updateWorkspace: { name: 'Payments' },
};

const urlOf = (route: RouteEntry) => route.path.replaceAll('{version}', '1').replaceAll('{key}', 'v').replaceAll('{id}', 'wf');
const bodyRoutes = () => routeTable(server.app).filter((r) => r.hasBody);

/** Everything the engine and the key store hold for the tenant, to show a refused request changed nothing. */
async function snapshot() {
  const { engine, apiKeys } = server;
  return JSON.stringify([
    await engine.storage.workflows.list('acme'),
    await engine.storage.workflows.listVersions('acme', 'wf'),
    await engine.storage.executions.list('acme'),
    await engine.credentials.list({ tenantId: 'acme' }),
    await engine.variables.list({ tenantId: 'acme' }),
    (await apiKeys.list('acme')).length,
  ]);
}

describe('bad input', () => {
  it('has a valid body on record for every route that reads one', () => {
    expect(
      bodyRoutes()
        .map((r) => r.operationId)
        .filter((id) => !(id in VALID)),
    ).toEqual([]);
  });

  it('answers malformed JSON with 400 saying where parsing stopped, on every route with a body, storing nothing', async () => {
    const before = await snapshot();
    for (const route of bodyRoutes()) {
      const answer = await server.call(urlOf(route), {
        method: route.method,
        auth: owner,
        body: '{"name": "x",}',
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status, route.operationId).toBe(400);
      expect(answer.body.error.code).toBe('BAD_JSON');
      expect(answer.body.error.issues).toEqual([{ in: 'body', path: '(document)', message: expect.stringContaining('position 13') }]);
    }
    expect(await snapshot()).toBe(before);
  });

  it('answers an unknown field with 400 naming it, on every route with a body, storing nothing', async () => {
    const before = await snapshot();
    for (const route of bodyRoutes()) {
      const body = { ...(VALID[route.operationId] as object), surprise: true };
      const answer = await server.call(urlOf(route), { method: route.method, auth: owner, json: body });
      expect(answer.status, route.operationId).toBe(400);
      expect(answer.body.error.issues, route.operationId).toEqual([{ in: 'body', path: 'surprise', message: 'is not a known field' }]);
    }
    expect(await snapshot()).toBe(before);
  });

  it('answers a body over the limit with 413, declared or streamed, storing nothing', async () => {
    const before = await snapshot();
    const big = JSON.stringify({ ...(VALID['createWorkflow'] as object), name: 'x'.repeat(LIMIT) });
    for (const route of bodyRoutes()) {
      const answer = await server.call(urlOf(route), {
        method: route.method,
        auth: owner,
        body: big,
        headers: { 'content-type': 'application/json' },
      });
      expect(answer.status, route.operationId).toBe(413);
      expect(answer.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    }
    // Without a content-length: the body arrives in chunks and is cut off at the limit.
    const chunks = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode(' '.repeat(LIMIT / 2)));
        controller.close();
      },
    });
    const streamed = await fetch(`${server.url}/workflows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await snapshot()).toBe(before);
  });

  it('answers wrong types with 400 and the path of each bad field', async () => {
    const before = await snapshot();
    const workflow = { ...(VALID['createWorkflow'] as { nodes: object[] }), name: 42 };
    workflow.nodes = [{ id: 'start', name: 'Start', type: 'core.manualTrigger', position: { x: 'left', y: 0 } }];
    const answer = await server.call('/workflows', { auth: owner, json: workflow });
    expect(answer.status).toBe(400);
    expect(answer.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['name', 'nodes[0].position.x']);
    const run = await server.call('/workflows/wf/run', { auth: owner, json: { input: 'many', async: 'yes' } });
    expect(run.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['async', 'input']);
    const variable = await server.call('/variables/v', { method: 'PUT', auth: owner, json: { value: 1, type: 'integer' } });
    expect(variable.body.error.issues).toEqual([expect.objectContaining({ in: 'body', path: 'type' })]);
    expect(answer.body.error.message).toMatch(/^The request is not valid \(2 problems\): body name: .*; body nodes\[0\]\.position\.x: /);
    expect(await snapshot()).toBe(before);
  });

  it('answers a body that is not JSON with 415, and a missing required body with 400', async () => {
    const text = await server.call('/workflows', { auth: owner, body: 'name=x', headers: { 'content-type': 'text/plain' } });
    expect(text).toMatchObject({ status: 415, body: { error: { code: 'UNSUPPORTED_MEDIA_TYPE' } } });
    const empty = await server.call('/workflows', { method: 'POST', auth: owner, headers: { 'content-type': 'application/json' } });
    expect(empty.status).toBe(400);
  });

  it('answers a bad path parameter with 400 naming it', async () => {
    const answer = await server.call('/workflows/wf/versions/first', { auth: owner });
    expect(answer.status).toBe(400);
    expect(answer.body.error.issues).toEqual([expect.objectContaining({ in: 'path', path: 'version' })]);
  });
});
