import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable, type RouteEntry } from './routes/route-table.js';
import { startTestServer, type TestServer } from './testing/test-server.js';

// Globex's records, which no caller of Acme may read, change or learn of.
const MARK = 'globex-confidential';
let server: TestServer;
let acme: string;
let globex: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startTestServer();
  acme = await server.keyFor('acme', 'owner');
  globex = await server.keyFor('globex', 'owner');
  const workflow = buildWorkflow({
    id: 'wf-globex',
    name: MARK,
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'fail', type: 'test.flaky', parameters: { message: MARK } },
    ],
    connections: [['start', 'fail']],
  });
  await server.call('/workflows', { auth: globex, json: workflow });
  ids['workflow'] = 'wf-globex';
  ids['execution'] = (await server.call('/workflows/wf-globex/run', { auth: globex, json: {} })).body.id;
  await server.call('/credentials', {
    auth: globex,
    json: { id: 'cred-globex', name: MARK, type: 'bearerToken', data: { token: MARK, allowedDomains: ['*'] } },
  });
  ids['credential'] = 'cred-globex';
  await server.call('/variables/globex_var', { method: 'PUT', auth: globex, json: { value: MARK } });
  ids['variable'] = 'globex_var';
  ids['apiKey'] = (await server.call('/api-keys', { auth: globex, json: { name: MARK, role: 'viewer' } })).body.apiKey.id;
});
afterAll(async () => {
  await server?.close();
});

/** Globex's id for the record a route's path names. */
function urlOf(route: RouteEntry): string {
  const kind = route.path.startsWith('/executions')
    ? 'execution'
    : route.path.startsWith('/credentials')
      ? 'credential'
      : route.path.startsWith('/api-keys')
        ? 'apiKey'
        : 'workflow';
  return route.path.replaceAll('{version}', '1').replaceAll('{key}', ids['variable']!).replaceAll('{id}', ids[kind]!);
}

/** A body each route accepts, so the request gets past validation to the lookup. */
function bodyOf(route: RouteEntry): unknown {
  switch (route.operationId) {
    case 'saveWorkflow':
      return buildWorkflow({ id: 'wf-globex', name: 'overwritten', nodes: [{ id: 'start', type: 'core.manualTrigger' }] });
    case 'updateCredential':
      return { name: 'stolen' };
    case 'setVariable':
      return { value: 'overwritten' };
    default:
      return {};
  }
}

describe('another tenant’s ids', () => {
  it('answer 404 on every route that takes one, and never the data', async () => {
    const leaks: string[] = [];
    // setVariable last: it creates Acme's own variable of that key, which the other variable routes would then find.
    const routes = routeTable(server.app)
      .filter((r) => r.path.includes('{'))
      .sort((a, b) => Number(a.operationId === 'setVariable') - Number(b.operationId === 'setVariable'));
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const route of routes) {
      const answer = await server.call(urlOf(route), {
        method: route.method,
        auth: acme,
        ...(route.hasBody ? { json: bodyOf(route) } : {}),
      });
      // A variable is set by key in the caller's own tenant: Acme gets its own variable, Globex's stays as it was.
      const expected = route.operationId === 'setVariable' ? 200 : 404;
      if (answer.status !== expected || answer.text.includes(MARK))
        leaks.push(`${route.method} ${route.path}: ${answer.status} ${answer.text.slice(0, 120)}`);
    }
    expect(leaks).toEqual([]);
  });

  it('left every Globex record as it was', async () => {
    expect((await server.engine.storage.workflows.get('globex', 'wf-globex'))?.name).toBe(MARK);
    expect(await server.engine.storage.workflows.listVersions('globex', 'wf-globex')).toHaveLength(1);
    expect((await server.engine.storage.executions.get('globex', ids['execution']!))?.status).toBe('error');
    expect((await server.engine.credentials.get('cred-globex', { tenantId: 'globex' }))?.name).toBe(MARK);
    expect((await server.engine.variables.get('globex_var', { tenantId: 'globex' }))?.value).toBe(MARK);
    expect((await server.apiKeys.get('globex', ids['apiKey']!))?.revokedAt).toBeUndefined();
    expect((await server.call('/workflows', { auth: globex })).body.workflows).toHaveLength(1);
  });

  it('never appear in the lists of the caller’s tenant', async () => {
    const lists = routeTable(server.app).filter((r) => r.method === 'GET' && !r.path.includes('{'));
    for (const route of lists) {
      const answer = await server.call(route.path, { auth: acme });
      expect(answer.status, route.path).toBe(200);
      expect(answer.text, route.path).not.toContain(MARK);
      for (const id of Object.values(ids)) if (id !== ids['variable']) expect(answer.text, route.path).not.toContain(id);
    }
  });
});
