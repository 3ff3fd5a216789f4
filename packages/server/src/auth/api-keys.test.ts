import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let server: TestServer;
let owner: string;
beforeAll(async () => {
  server = await startTestServer();
  owner = await server.keyFor('acme', 'owner');
});
afterAll(async () => {
  await server?.close();
});

describe('API keys', () => {
  it('are created through the API, shown once, and stored only as their SHA-256 hash', async () => {
    const created = await server.call('/api-keys', { auth: owner, json: { name: 'CI', role: 'operator' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    const { key, apiKey } = created.body as { key: string; apiKey: { id: string; prefix: string } };
    expect(key).toMatch(/^flk_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    // The oracle is Node's own SHA-256: the store holds that, and nothing holds the key.
    const stored = await server.apiKeys.store.get('acme', apiKey.id);
    expect(stored?.hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(await server.apiKeys.store.list('acme'))).not.toContain(key);
    const listed = await server.call('/api-keys', { auth: owner });
    expect(listed.text).not.toContain(key);
    expect(listed.body.apiKeys).toContainEqual(expect.objectContaining({ id: apiKey.id, name: 'CI', role: 'operator' }));
    expect(listed.body.apiKeys[0]).not.toHaveProperty('hash');
    expect((await server.call('/workflows', { auth: key })).status).toBe(200);
  });

  it('stop working the moment they are revoked', async () => {
    const { key, apiKey } = (await server.call('/api-keys', { auth: owner, json: { name: 'Temp', role: 'viewer' } })).body;
    expect((await server.call('/workflows', { auth: key })).status).toBe(200);
    expect((await server.call(`/api-keys/${apiKey.id}`, { method: 'DELETE', auth: owner })).status).toBe(204);
    const after = await server.call('/workflows', { auth: key });
    expect(after).toMatchObject({ status: 401, body: { error: { code: 'API_KEY_INVALID' } } });
    expect((await server.call(`/api-keys/${apiKey.id}`, { method: 'DELETE', auth: owner })).status).toBe(404);
  });

  it('refuse keys that were never issued, or that are one character off', async () => {
    const { key } = (await server.call('/api-keys', { auth: owner, json: { name: 'Real', role: 'viewer' } })).body as { key: string };
    const off = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
    for (const guess of [off, 'flk_nothing', `${key} `.trim() + 'x']) {
      expect((await server.call('/workflows', { auth: guess })).status).toBe(401);
    }
  });

  it('narrow their role to the permissions they list', async () => {
    const { key } = (
      await server.call('/api-keys', { auth: owner, json: { name: 'Read wf', role: 'editor', permissions: ['workflow:read'] } })
    ).body as { key: string };
    expect((await server.call('/workflows', { auth: key })).status).toBe(200);
    const denied = await server.call('/executions', { auth: key });
    expect(denied).toMatchObject({ status: 403, body: { error: { permission: 'execution:read' } } });
  });

  it('cannot be made with more than the caller holds, nor with a role or permission that does not exist', async () => {
    const admin = await server.keyFor('acme', 'admin');
    const narrow = (
      await server.call('/api-keys', { auth: admin, json: { name: 'Mgr', role: 'admin', permissions: ['member:manage', 'workflow:read'] } })
    ).body.key as string;
    const escalate = await server.call('/api-keys', { auth: narrow, json: { name: 'More', role: 'editor' } });
    expect(escalate).toMatchObject({ status: 403, body: { error: { code: 'PERMISSION_DENIED' } } });
    const role = await server.call('/api-keys', { auth: owner, json: { name: 'X', role: 'superuser' } });
    expect(role.body.error.issues).toEqual([expect.objectContaining({ in: 'body', path: 'role' })]);
    const permission = await server.call('/api-keys', {
      auth: owner,
      json: { name: 'X', role: 'viewer', permissions: ['workflow:read', 'all'] },
    });
    expect(permission.body.error.issues).toEqual([expect.objectContaining({ in: 'body', path: 'permissions[1]' })]);
  });

  it('belong to one tenant: another tenant can neither list nor revoke them', async () => {
    const { apiKey } = (await server.call('/api-keys', { auth: owner, json: { name: 'Mine', role: 'viewer' } })).body;
    const other = await server.keyFor('globex', 'owner');
    expect((await server.call('/api-keys', { auth: other })).body.apiKeys.map((k: { id: string }) => k.id)).not.toContain(apiKey.id);
    expect((await server.call(`/api-keys/${apiKey.id}`, { method: 'DELETE', auth: other })).status).toBe(404);
    expect((await server.apiKeys.get('acme', apiKey.id))?.revokedAt).toBeUndefined();
  });

  it('refuse a malformed Authorization header with 401', async () => {
    const answer = await server.call('/workflows', { headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'AUTH_INVALID' } } });
  });
});
