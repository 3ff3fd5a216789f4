import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable, type RouteEntry } from '../routes/route-table.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { DEFAULT_ROLES, PERMISSIONS, type Permission, type PolicyRequest } from './permissions.js';

let server: TestServer;
const keys: Record<string, string> = {};
const asked: PolicyRequest[] = [];

beforeAll(async () => {
  server = await startTestServer({
    roles: { auditor: ['execution:read', 'workflow:read'] },
    policy: (request) => {
      asked.push(request);
      if (request.workflow?.nodes.some((n) => n.type === 'test.sleep')) return { deny: 'Sleep nodes are not available on your plan.' };
      if (request.workflow?.meta?.['locked'] === true && request.permission === 'workflow:write')
        return { deny: 'This workflow is locked.' };
      return request.principal.role === 'admin' && request.operationId === 'deleteExecution' ? false : undefined;
    },
  });
  for (const role of [...Object.keys(DEFAULT_ROLES), 'auditor']) keys[role] = await server.keyFor('acme', role);
});
afterAll(async () => {
  await server?.close();
});

/** A concrete URL for a route: every path parameter filled with a value of the right form. */
function urlOf(route: RouteEntry): string {
  return route.path
    .replaceAll('{version}', '1')
    .replaceAll('{key}', 'matrix_key')
    .replaceAll(/\{[^}]+\}/g, 'matrix-id');
}

describe('the RBAC matrix', () => {
  const roles = Object.entries(DEFAULT_ROLES) as [string, readonly Permission[]][];
  // The built-in roles alone, without the policy of the tests below.
  let plain: TestServer;
  const plainKeys: Record<string, string> = {};
  beforeAll(async () => {
    plain = await startTestServer();
    for (const [role] of roles) plainKeys[role] = await plain.keyFor('acme', role);
  });
  afterAll(async () => {
    await plain?.close();
  });

  it('is built from a route table in which every route requires a known permission', () => {
    const table = routeTable(server.app);
    expect(table.length).toBeGreaterThanOrEqual(30);
    for (const route of table) expect(PERMISSIONS, `${route.method} ${route.path}`).toContain(route.permission);
    expect(new Set(table.map((r) => r.operationId)).size).toBe(table.length);
  });

  it('allows each role exactly the routes its permissions name, and answers the others 403 naming the permission', async () => {
    const table = routeTable(plain.app);
    const wrong: string[] = [];
    for (const route of table) {
      for (const [role, permissions] of roles) {
        const answer = await plain.call(urlOf(route), {
          method: route.method,
          auth: plainKeys[role]!,
          ...(route.hasBody ? { json: {} } : {}),
        });
        const allowed = permissions.includes(route.permission);
        const ok = allowed
          ? answer.status !== 401 && answer.status !== 403
          : answer.status === 403 && answer.body?.error?.permission === route.permission && answer.body.error.code === 'PERMISSION_DENIED';
        if (!ok) wrong.push(`${role} ${route.method} ${route.path}: ${answer.status} ${answer.text.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('checks the permission before the input: a denied caller learns nothing from validation', async () => {
    const answer = await server.call('/workflows', { auth: keys['viewer']!, json: { nodes: 'not a list' } });
    expect(answer).toMatchObject({ status: 403, body: { error: { permission: 'workflow:write' } } });
  });
});

describe('host-defined roles and the policy hook', () => {
  it('accepts a role the host defined, with exactly its permissions', async () => {
    expect((await server.call('/executions', { auth: keys['auditor']! })).status).toBe(200);
    expect((await server.call('/credentials', { auth: keys['auditor']! })).body.error.permission).toBe('credential:read');
  });

  it('lets the policy refuse a node type, with its sentence, and nothing is stored', async () => {
    const sleepy = buildWorkflow({
      id: 'wf-sleepy',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 's', type: 'test.sleep', parameters: { ms: 1 } },
      ],
    });
    const answer = await server.call('/workflows', { auth: keys['editor']!, json: sleepy });
    expect(answer).toMatchObject({
      status: 403,
      body: { error: { code: 'POLICY_DENIED', message: 'Sleep nodes are not available on your plan.' } },
    });
    expect(await server.engine.storage.workflows.get('acme', 'wf-sleepy')).toBeUndefined();
  });

  it('lets the policy lock a workflow against changes while it can still run', async () => {
    const locked = { ...buildWorkflow({ id: 'wf-locked', nodes: [{ id: 'start', type: 'core.manualTrigger' }] }), meta: { locked: true } };
    await server.engine.storage.workflows.save('acme', locked);
    const save = await server.call('/workflows/wf-locked', { method: 'PUT', auth: keys['editor']!, json: { ...locked, name: 'Changed' } });
    expect(save).toMatchObject({ status: 403, body: { error: { code: 'POLICY_DENIED', message: 'This workflow is locked.' } } });
    expect((await server.call('/workflows/wf-locked/run', { auth: keys['editor']!, json: {} })).body.status).toBe('success');
  });

  it('gives the policy the caller, the permission and the operation', async () => {
    asked.length = 0;
    await server.call('/workflows', { auth: keys['viewer']! });
    expect(asked).toEqual([
      expect.objectContaining({
        permission: 'workflow:read',
        operationId: 'listWorkflows',
        principal: expect.objectContaining({ tenantId: 'acme', role: 'viewer', via: 'apiKey' }),
      }),
    ]);
    // The role grants execution:delete; the policy still says no.
    const denied = await server.call('/executions/x', { method: 'DELETE', auth: keys['admin']! });
    expect(denied).toMatchObject({ status: 403, body: { error: { code: 'POLICY_DENIED', permission: 'execution:delete' } } });
    expect((await server.call('/executions/x', { method: 'DELETE', auth: keys['owner']! })).status).toBe(404);
  });
});
