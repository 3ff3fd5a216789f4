import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ROLES } from '../auth/permissions.js';
import { embedToken, joinTenant, TEST_EMBED } from '../testing/embed-users.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
let owner: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer({ roles: { auditor: ['execution:read', 'member:read'] }, auth: { embedTokens: TEST_EMBED } });
  owner = await server.keyFor('acme', 'owner');
  admin = await server.keyFor('acme', 'admin');
});
afterAll(async () => {
  await server?.close();
});

const member = (userId: string, auth = admin) => server.call(`/members/${userId}`, { auth });
const setRole = (userId: string, role: string, auth = admin) =>
  server.call(`/members/${userId}`, { method: 'PATCH', auth, json: { role } });
const remove = (userId: string, auth = admin) => server.call(`/members/${userId}`, { method: 'DELETE', auth });

describe('members', () => {
  it('are listed and read with their role, address and teams, by any member of the tenant', async () => {
    const team = (await server.call('/teams', { auth: admin, json: { name: 'Readers' } })).body;
    const ada = await joinTenant(server, { by: owner, tenantId: 'acme', userId: 'u-ada', role: 'viewer', teamIds: [team.id] });
    const listed = await server.call('/members', { auth: ada });
    expect(listed.status).toBe(200);
    expect(listed.body.members).toContainEqual(
      expect.objectContaining({ userId: 'u-ada', email: 'u-ada@acme.example', role: 'viewer', teamIds: [team.id] }),
    );
    expect((await member('u-ada', ada)).body).toMatchObject({ userId: 'u-ada', role: 'viewer' });
    expect(await member('u-nobody')).toMatchObject({ status: 404, body: { error: { code: 'MEMBER_NOT_FOUND' } } });
    expect(await remove('u-ada', ada)).toMatchObject({ status: 403, body: { error: { permission: 'member:manage' } } });
  });

  it('change role at once: the member’s next request has the new role’s permissions, whatever its token says', async () => {
    const bob = await joinTenant(server, { by: owner, tenantId: 'acme', userId: 'u-bob', role: 'editor' });
    expect((await server.call('/credentials', { auth: bob })).status).toBe(200);
    const changed = await setRole('u-bob', 'auditor');
    expect(changed).toMatchObject({ status: 200, body: { userId: 'u-bob', role: 'auditor' } });
    const denied = await server.call('/credentials', { auth: bob });
    expect(denied).toMatchObject({ status: 403, body: { error: { permission: 'credential:read' } } });
    expect(denied.body.error.message).toContain("the role 'auditor'");
    // A token claiming more changes nothing for a member.
    const claimed = await embedToken('acme', 'u-bob', 'owner');
    expect((await server.call('/credentials', { auth: claimed })).status).toBe(403);
  });

  it('refuse an unknown role and an unknown field, naming them', async () => {
    await joinTenant(server, { by: owner, tenantId: 'acme', userId: 'u-cy', role: 'viewer' });
    const role = await setRole('u-cy', 'wizard');
    expect(role).toMatchObject({ status: 400, body: { error: { code: 'ROLE_UNKNOWN', issues: [{ in: 'body', path: 'role' }] } } });
    const field = await server.call('/members/u-cy', { method: 'PATCH', auth: admin, json: { role: 'editor', email: 'x@example.com' } });
    expect(field).toMatchObject({
      status: 400,
      body: { error: { issues: [{ in: 'body', path: 'email', message: 'is not a known field' }] } },
    });
    expect((await member('u-cy')).body.role).toBe('viewer');
    expect(await setRole('u-nobody', 'viewer')).toMatchObject({ status: 404, body: { error: { code: 'MEMBER_NOT_FOUND' } } });
  });

  it('leave the tenant, and its teams, when removed', async () => {
    const team = (await server.call('/teams', { auth: admin, json: { name: 'Leavers' } })).body;
    await joinTenant(server, { by: owner, tenantId: 'acme', userId: 'u-dee', role: 'editor', teamIds: [team.id] });
    expect((await remove('u-dee')).status).toBe(204);
    expect((await member('u-dee')).status).toBe(404);
    expect((await server.call(`/teams/${team.id}`, { auth: admin })).body.memberIds).toEqual([]);
    expect(await remove('u-dee')).toMatchObject({ status: 404, body: { error: { code: 'MEMBER_NOT_FOUND' } } });
  });
});

describe('owners', () => {
  it('are made, changed and removed by owners only', async () => {
    await joinTenant(server, { by: owner, tenantId: 'acme', userId: 'u-eve', role: 'editor' });
    expect(await setRole('u-eve', 'owner', admin)).toMatchObject({ status: 403, body: { error: { code: 'OWNER_REQUIRED' } } });
    expect((await setRole('u-eve', 'owner', owner)).body.role).toBe('owner');
    await joinTenant(server, { by: owner, tenantId: 'acme', userId: 'u-fay', role: 'owner' });
    expect(await setRole('u-eve', 'viewer', admin)).toMatchObject({ status: 403, body: { error: { code: 'OWNER_REQUIRED' } } });
    expect(await remove('u-eve', admin)).toMatchObject({ status: 403, body: { error: { code: 'OWNER_REQUIRED' } } });
    expect((await member('u-eve')).body.role).toBe('owner');
  });

  it('keep their last one: the tenant’s only owner is neither demoted nor removed', async () => {
    const globexOwner = await server.keyFor('globex', 'owner');
    const gus = await joinTenant(server, { by: globexOwner, tenantId: 'globex', userId: 'u-gus', role: 'owner' });
    const demote = await server.call('/members/u-gus', { method: 'PATCH', auth: gus, json: { role: 'admin' } });
    expect(demote).toMatchObject({ status: 409, body: { error: { code: 'LAST_OWNER' } } });
    expect(demote.body.error.message).toContain("'u-gus' is the tenant's last owner");
    const removal = await server.call('/members/u-gus', { method: 'DELETE', auth: globexOwner });
    expect(removal).toMatchObject({ status: 409, body: { error: { code: 'LAST_OWNER' } } });
    // With a second owner, the first may step down.
    await joinTenant(server, { by: gus, tenantId: 'globex', userId: 'u-hal', role: 'owner' });
    expect((await server.call('/members/u-gus', { method: 'PATCH', auth: gus, json: { role: 'admin' } })).body.role).toBe('admin');
    const last = await server.call('/members/u-hal', { method: 'DELETE', auth: globexOwner });
    expect(last).toMatchObject({ status: 409, body: { error: { code: 'LAST_OWNER' } } });
    expect((await server.call('/members', { auth: globexOwner })).body.members.map((m: { role: string }) => m.role).sort()).toEqual([
      'admin',
      'owner',
    ]);
  });
});

describe('roles', () => {
  it('lists the built-in roles and the host’s, each with its permissions', async () => {
    const viewer = await server.keyFor('acme', 'viewer');
    const { status, body } = await server.call('/roles', { auth: viewer });
    expect(status).toBe(200);
    expect(body.roles.map((r: { name: string }) => r.name)).toEqual(['owner', 'admin', 'editor', 'operator', 'viewer', 'auditor']);
    expect(body.roles).toContainEqual({ name: 'viewer', permissions: [...DEFAULT_ROLES.viewer], builtin: true });
    expect(body.roles).toContainEqual({ name: 'auditor', permissions: ['execution:read', 'member:read'], builtin: false });
  });
});
