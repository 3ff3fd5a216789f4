import { createHash } from 'node:crypto';
import { buildWorkflow } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryMemberStore } from '../members/member-store.js';
import { embedToken, TEST_EMBED } from '../testing/embed-users.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';

// The server's clock moves only when a test moves it; embed tokens are signed at the same time.
let clock = Date.UTC(2026, 5, 1, 12, 0, 0);
const HOUR = 3600_000;
const store = createMemoryMemberStore();
let server: TestServer;
let owner: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer({
    now: () => clock,
    members: store,
    roles: { keeper: ['member:manage', 'member:read', 'workflow:read'] },
    auth: { embedTokens: TEST_EMBED },
  });
  owner = await server.keyFor('acme', 'owner');
  admin = await server.keyFor('acme', 'admin');
});
afterAll(async () => {
  await server?.close();
});

const invite = (json: unknown, auth = owner) => server.call('/invites', { auth, json });
const accept = async (token: string, userId: string, tenantId = 'acme') =>
  server.call('/invites/accept', { auth: await embedToken(tenantId, userId, 'viewer', clock), json: { token } });

describe('invites', () => {
  it('are made with a token shown once, stored only as its SHA-256 hash', async () => {
    const created = await invite({ email: 'Ada@Example.com', role: 'editor' });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { token, invite: record } = created.body;
    expect(token).toMatch(/^fli_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ email: 'ada@example.com', role: 'editor', status: 'pending', teamIds: [] });
    expect(record.expiresAt).toBe(new Date(clock + 7 * 24 * HOUR).toISOString());
    // The oracle is Node's own SHA-256: the store holds that, and nothing holds the token.
    const stored = (await store.read('acme')).invites.find((i) => i.id === record.id);
    expect(stored?.hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(await store.read('acme'))).not.toContain(token);
    const listed = await server.call('/invites', { auth: admin });
    expect(listed.text).not.toContain(token);
    expect(listed.body.invites).toContainEqual(expect.objectContaining({ id: record.id, status: 'pending' }));
    expect(listed.body.invites[0]).not.toHaveProperty('hash');
  });

  it('make the user of the accepting embed token a member with the invite’s role and teams', async () => {
    const team = (await server.call('/teams', { auth: owner, json: { name: 'Ops' } })).body;
    const { token } = (await invite({ email: 'grace@example.com', role: 'editor', teamIds: [team.id] })).body;
    // The host signs the token with role viewer; the membership decides from now on.
    const grace = await embedToken('acme', 'u-grace', 'viewer', clock);
    const workflow = buildWorkflow({ id: 'wf-grace', nodes: [{ id: 'start', type: 'core.manualTrigger' }] });
    expect((await server.call('/workflows', { auth: grace, json: workflow })).status).toBe(403);
    const accepted = await server.call('/invites/accept', { auth: grace, json: { token } });
    expect(accepted.status).toBe(201);
    expect(accepted.body.member).toMatchObject({ userId: 'u-grace', email: 'grace@example.com', role: 'editor', teamIds: [team.id] });
    expect(accepted.body.invite).toMatchObject({ status: 'accepted', acceptedBy: 'u-grace' });
    expect((await server.call('/members/u-grace', { auth: admin })).body.role).toBe('editor');
    expect((await server.call(`/teams/${team.id}`, { auth: admin })).body.memberIds).toEqual(['u-grace']);
    expect((await server.call('/workflows', { auth: grace, json: workflow })).status).toBe(201);
  });

  it('take the member from the embed token alone, never from the body', async () => {
    const { token } = (await invite({ email: 'mallory@example.com', role: 'admin' })).body;
    const forged = await server.call('/invites/accept', {
      auth: await embedToken('acme', 'u-mallory', 'viewer', clock),
      json: { token, userId: 'u-someone-else' },
    });
    expect(forged).toMatchObject({ status: 400, body: { error: { issues: [{ in: 'body', path: 'userId' }] } } });
    const byKey = await server.call('/invites/accept', { auth: owner, json: { token } });
    expect(byKey).toMatchObject({ status: 403, body: { error: { code: 'EMBED_TOKEN_REQUIRED' } } });
    expect((await server.call('/invites', { auth: owner })).body.invites).toContainEqual(
      expect.objectContaining({ email: 'mallory@example.com', status: 'pending' }),
    );
  });

  it('admit one user once: a used invite is refused, to its user and to anyone else', async () => {
    const { token } = (await invite({ email: 'once@example.com', role: 'viewer' })).body;
    expect((await accept(token, 'u-once')).status).toBe(201);
    for (const userId of ['u-once', 'u-second']) {
      const again = await accept(token, userId);
      expect(again).toMatchObject({ status: 409, body: { error: { code: 'INVITE_USED', issues: [{ in: 'body', path: 'token' }] } } });
    }
    expect((await server.call('/members/u-second', { auth: owner })).status).toBe(404);
  });

  it('expire at their time, by the server’s clock', async () => {
    const { token, invite: record } = (await invite({ email: 'late@example.com', role: 'viewer', expiresInHours: 1 })).body;
    clock += HOUR;
    const late = await accept(token, 'u-late');
    expect(late).toMatchObject({ status: 409, body: { error: { code: 'INVITE_EXPIRED' } } });
    expect(late.body.error.message).toContain(record.expiresAt);
    const listed = (await server.call('/invites', { auth: owner })).body.invites;
    expect(listed).toContainEqual(expect.objectContaining({ id: record.id, status: 'expired' }));
    expect((await server.call('/members/u-late', { auth: owner })).status).toBe(404);
    // An expired invite no longer stands in the way of a new one to the same address.
    expect((await invite({ email: 'late@example.com', role: 'viewer' })).status).toBe(201);
  });

  it('are revoked once, and a revoked token admits nobody', async () => {
    const { token, invite: record } = (await invite({ email: 'revoked@example.com', role: 'viewer' })).body;
    expect((await server.call(`/invites/${record.id}`, { method: 'DELETE', auth: admin })).status).toBe(204);
    expect(await accept(token, 'u-revoked')).toMatchObject({ status: 409, body: { error: { code: 'INVITE_REVOKED' } } });
    const twice = await server.call(`/invites/${record.id}`, { method: 'DELETE', auth: admin });
    expect(twice).toMatchObject({ status: 409, body: { error: { code: 'INVITE_REVOKED' } } });
    const unknown = await server.call('/invites/inv_nothing', { method: 'DELETE', auth: admin });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: 'INVITE_NOT_FOUND' } } });
  });

  it('belong to their tenant: another tenant’s user cannot accept one, and an unknown token is a 404', async () => {
    const { token } = (await invite({ email: 'tenant@example.com', role: 'viewer' })).body;
    const globex = await accept(token, 'u-globex', 'globex');
    expect(globex).toMatchObject({ status: 404, body: { error: { code: 'INVITE_NOT_FOUND', issues: [{ in: 'body', path: 'token' }] } } });
    expect((await store.read('globex')).members).toEqual([]);
    expect(await accept('fli_not-a-token', 'u-x')).toMatchObject({ status: 404, body: { error: { code: 'INVITE_NOT_FOUND' } } });
    expect((await accept(token, 'u-tenant')).status).toBe(201);
  });

  it('are not accepted by a user who is already a member, and stay usable', async () => {
    expect((await accept((await invite({ email: 'dup@example.com', role: 'viewer' })).body.token, 'u-dup')).status).toBe(201);
    const { token } = (await invite({ email: 'twice@example.com', role: 'viewer' })).body;
    const member = await accept(token, 'u-dup');
    expect(member).toMatchObject({ status: 409, body: { error: { code: 'MEMBER_EXISTS' } } });
    expect((await accept(token, 'u-twice')).status).toBe(201);
  });

  it('refuse a bad address, an unknown role or team, and say where', async () => {
    const email = await invite({ email: 'not-an-address', role: 'viewer' });
    expect(email).toMatchObject({ status: 400, body: { error: { issues: [{ in: 'body', path: 'email' }] } } });
    const role = await invite({ email: 'r@example.com', role: 'wizard' });
    expect(role).toMatchObject({ status: 400, body: { error: { code: 'ROLE_UNKNOWN', issues: [{ in: 'body', path: 'role' }] } } });
    const team = await invite({ email: 't@example.com', role: 'viewer', teamIds: ['team_nope'] });
    expect(team).toMatchObject({
      status: 400,
      body: { error: { code: 'TEAM_UNKNOWN', issues: [{ in: 'body', path: 'teamIds[0]', message: "there is no team 'team_nope'" }] } },
    });
    const hours = await invite({ email: 'h@example.com', role: 'viewer', expiresInHours: 0 });
    expect(hours).toMatchObject({ status: 400, body: { error: { issues: [{ in: 'body', path: 'expiresInHours' }] } } });
    const invites = (await server.call('/invites', { auth: owner })).body.invites.map((i: { email: string }) => i.email);
    expect(invites).not.toContain('r@example.com');
  });

  it('refuse a second pending invite to an address, and one to a member’s address', async () => {
    const first = (await invite({ email: 'pending@example.com', role: 'viewer' })).body.invite;
    const second = await invite({ email: 'PENDING@example.com', role: 'editor' });
    expect(second).toMatchObject({ status: 409, body: { error: { code: 'INVITE_PENDING', issues: [{ in: 'body', path: 'email' }] } } });
    expect(second.body.error.message).toContain(first.id);
    expect((await accept((await invite({ email: 'joined@example.com', role: 'viewer' })).body.token, 'u-joined')).status).toBe(201);
    const member = await invite({ email: 'joined@example.com', role: 'viewer' });
    expect(member).toMatchObject({ status: 409, body: { error: { code: 'MEMBER_EXISTS', issues: [{ in: 'body', path: 'email' }] } } });
  });

  it('give no more than the inviter holds: only owners invite owners, and a role’s permissions must be the inviter’s', async () => {
    const ownerByAdmin = await invite({ email: 'o@example.com', role: 'owner' }, admin);
    expect(ownerByAdmin).toMatchObject({ status: 403, body: { error: { code: 'OWNER_REQUIRED' } } });
    const keeper = await server.keyFor('acme', 'keeper');
    const editorByKeeper = await invite({ email: 'e@example.com', role: 'editor' }, keeper);
    expect(editorByKeeper).toMatchObject({ status: 403, body: { error: { code: 'PERMISSION_DENIED' } } });
    expect(editorByKeeper.body.error.message).toContain("The role 'editor' carries");
    expect((await invite({ email: 'k@example.com', role: 'keeper' }, keeper)).status).toBe(201);
    expect((await invite({ email: 'o@example.com', role: 'owner' })).status).toBe(201);
    const editor = await server.keyFor('acme', 'editor');
    expect(await invite({ email: 'x@example.com', role: 'viewer' }, editor)).toMatchObject({
      status: 403,
      body: { error: { permission: 'member:manage' } },
    });
  });
});
