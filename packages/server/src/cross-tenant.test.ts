import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signEmbedToken } from './auth/embed-tokens.js';
import { routeTable, type RouteEntry } from './routes/route-table.js';
import { startTestServer, type TestServer } from './testing/test-server.js';

// Globex's records, which no caller of Acme may read, change or learn of.
const MARK = 'globex-confidential';
let server: TestServer;
let acme: string;
let globex: string;
const ids: Record<string, string> = {};

const EMBED = { secret: 'the cross-tenant test secret, long enough', issuer: 'https://host.example', audience: 'flowloom' };

beforeAll(async () => {
  server = await startTestServer({ auth: { embedTokens: EMBED } });
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
  ids['team'] = (await server.call('/teams', { auth: globex, json: { name: MARK } })).body.id;
  const invite = await server.call('/invites', {
    auth: globex,
    json: { email: `${MARK}@globex.example`, role: 'editor', teamIds: [ids['team']] },
  });
  const user = await signEmbedToken({ ...EMBED, tenantId: 'globex', userId: 'globex-user-7', role: 'viewer' });
  ids['member'] = (await server.call('/invites/accept', { auth: user, json: { token: invite.body.token } })).body.member.userId;
  ids['invite'] = (
    await server.call('/invites', { auth: globex, json: { email: `other-${MARK}@globex.example`, role: 'viewer' } })
  ).body.invite.id;
  ids['workspace'] = (await server.call('/workspaces', { auth: globex, json: { name: MARK, teamIds: [ids['team']] } })).body.id;
  await server.call(`/workspaces/${ids['workspace']}/workflows/wf-globex`, { method: 'PUT', auth: globex });
});
afterAll(async () => {
  await server?.close();
});

/** The kind of record a path's `{id}` names, by the path's first segment. */
const KIND_OF_PATH: Record<string, string> = {
  executions: 'execution',
  credentials: 'credential',
  'api-keys': 'apiKey',
  members: 'member',
  teams: 'team',
  invites: 'invite',
  workspaces: 'workspace',
};

/** Globex's id for the record a route's path names. */
function urlOf(route: RouteEntry): string {
  const kind = KIND_OF_PATH[route.path.split('/')[1]!] ?? 'workflow';
  return route.path
    .replaceAll('{version}', '1')
    .replaceAll('{key}', ids['variable']!)
    .replaceAll('{id}', ids[kind]!)
    .replaceAll('{userId}', ids['member']!)
    .replaceAll('{workflowId}', ids['workflow']!)
    .replaceAll('{credentialId}', ids['credential']!);
}

/** A body each route accepts, so the request gets past validation to the lookup. */
function bodyOf(route: RouteEntry): unknown {
  switch (route.operationId) {
    case 'saveWorkflow':
      return buildWorkflow({ id: 'wf-globex', name: 'overwritten', nodes: [{ id: 'start', type: 'core.manualTrigger' }] });
    case 'updateCredential':
    case 'updateTeam':
    case 'updateWorkspace':
      return { name: 'stolen' };
    case 'updateMember':
      return { role: 'viewer' };
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
    const members = await server.call('/members', { auth: globex });
    expect(members.body.members).toEqual([expect.objectContaining({ userId: ids['member'], role: 'editor', teamIds: [ids['team']] })]);
    const teams = (await server.call('/teams', { auth: globex })).body.teams;
    expect(teams).toEqual([expect.objectContaining({ name: MARK, memberIds: [ids['member']] })]);
    const invites = (await server.call('/invites', { auth: globex })).body.invites;
    expect(invites.map((i: { status: string }) => i.status)).toEqual(['accepted', 'pending']);
    const workspace = (await server.call(`/workspaces/${ids['workspace']}`, { auth: globex })).body;
    expect(workspace).toMatchObject({ name: MARK, teamIds: [ids['team']], workflowIds: ['wf-globex'] });
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
