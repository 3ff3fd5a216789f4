import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinTenant, TEST_EMBED } from '../testing/embed-users.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
let admin: string;
let viewer: string;

beforeAll(async () => {
  server = await startTestServer({ auth: { embedTokens: TEST_EMBED } });
  admin = await server.keyFor('acme', 'admin');
  viewer = await server.keyFor('acme', 'viewer');
  await joinTenant(server, { by: admin, tenantId: 'acme', userId: 'u-ann', role: 'editor' });
  await joinTenant(server, { by: admin, tenantId: 'acme', userId: 'u-ben', role: 'viewer' });
});
afterAll(async () => {
  await server?.close();
});

const create = (json: unknown, auth = admin) => server.call('/teams', { auth, json });

describe('teams', () => {
  it('are created, read, listed, renamed and deleted', async () => {
    const created = await create({ name: 'Billing', description: 'Invoices and refunds' });
    expect(created).toMatchObject({ status: 201, body: { name: 'Billing', description: 'Invoices and refunds', memberIds: [] } });
    const id = created.body.id as string;
    expect((await server.call(`/teams/${id}`, { auth: viewer })).body.name).toBe('Billing');
    expect((await server.call('/teams', { auth: viewer })).body.teams).toContainEqual(expect.objectContaining({ id, name: 'Billing' }));
    const renamed = await server.call(`/teams/${id}`, { method: 'PATCH', auth: admin, json: { name: 'Finance' } });
    expect(renamed).toMatchObject({ status: 200, body: { id, name: 'Finance', description: 'Invoices and refunds' } });
    expect((await server.call(`/teams/${id}`, { method: 'DELETE', auth: admin })).status).toBe(204);
    expect(await server.call(`/teams/${id}`, { auth: viewer })).toMatchObject({ status: 404, body: { error: { code: 'TEAM_NOT_FOUND' } } });
    expect((await server.call(`/teams/${id}`, { method: 'DELETE', auth: admin })).status).toBe(404);
  });

  it('have names unique in the tenant, whatever their case', async () => {
    const support = (await create({ name: 'Support' })).body;
    const again = await create({ name: ' support ' });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'TEAM_NAME_TAKEN', issues: [{ in: 'body', path: 'name' }] } } });
    const other = (await create({ name: 'Sales' })).body;
    const rename = await server.call(`/teams/${other.id}`, { method: 'PATCH', auth: admin, json: { name: 'SUPPORT' } });
    expect(rename).toMatchObject({ status: 409, body: { error: { code: 'TEAM_NAME_TAKEN' } } });
    expect(rename.body.error.message).toContain(support.id);
    // Another tenant may use the name.
    expect((await create({ name: 'Support' }, await server.keyFor('globex', 'admin'))).status).toBe(201);
  });

  it('refuse an empty name and unknown fields, naming them', async () => {
    expect(await create({ name: '  ' })).toMatchObject({ status: 400, body: { error: { issues: [{ in: 'body', path: 'name' }] } } });
    const unknown = await create({ name: 'X', memberIds: ['u-ann'] });
    expect(unknown).toMatchObject({
      status: 400,
      body: { error: { issues: [{ in: 'body', path: 'memberIds', message: 'is not a known field' }] } },
    });
  });

  it('take members of the tenant in and out', async () => {
    const team = (await create({ name: 'Platform' })).body;
    const put = (userId: string) => server.call(`/teams/${team.id}/members/${userId}`, { method: 'PUT', auth: admin });
    expect((await put('u-ann')).body.memberIds).toEqual(['u-ann']);
    expect((await put('u-ann')).body.memberIds).toEqual(['u-ann']);
    expect((await put('u-ben')).body.memberIds).toEqual(['u-ann', 'u-ben']);
    expect((await server.call('/members/u-ann', { auth: viewer })).body.teamIds).toEqual([team.id]);
    expect((await server.call(`/teams/${team.id}/members/u-ann`, { method: 'DELETE', auth: admin })).status).toBe(204);
    expect((await server.call(`/teams/${team.id}`, { auth: viewer })).body.memberIds).toEqual(['u-ben']);
    const absent = await server.call(`/teams/${team.id}/members/u-ann`, { method: 'DELETE', auth: admin });
    expect(absent).toMatchObject({ status: 404, body: { error: { code: 'TEAM_MEMBER_NOT_FOUND' } } });
  });

  it('take in members of the tenant only, and answer 404 naming what is missing', async () => {
    const team = (await create({ name: 'Closed' })).body;
    const stranger = await server.call(`/teams/${team.id}/members/u-stranger`, { method: 'PUT', auth: admin });
    expect(stranger).toMatchObject({
      status: 404,
      body: { error: { code: 'MEMBER_NOT_FOUND', message: "There is no member 'u-stranger'." } },
    });
    const noTeam = await server.call('/teams/team_nope/members/u-ann', { method: 'PUT', auth: admin });
    expect(noTeam).toMatchObject({ status: 404, body: { error: { code: 'TEAM_NOT_FOUND' } } });
    expect((await server.call(`/teams/${team.id}`, { auth: viewer })).body.memberIds).toEqual([]);
  });

  it('are managed only with member:manage', async () => {
    const answer = await create({ name: 'Viewers' }, viewer);
    expect(answer).toMatchObject({ status: 403, body: { error: { permission: 'member:manage' } } });
  });
});
