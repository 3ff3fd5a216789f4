import { startTestHttpServer, type TestHttpServer } from '@flowloom/engine/testing/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

const SECRET = 'tok-very-secret-1234';
let server: TestServer;
let service: TestHttpServer;
let editor: string;
let operator: string;

beforeAll(async () => {
  // The service the credential is for: it accepts only the right token.
  service = await startTestHttpServer((request, res) => {
    res.writeHead(request.headers['authorization'] === `Bearer ${SECRET}` ? 200 : 401).end();
  });
  server = await startTestServer({ engine: { http: { allowPrivateNetworks: true } } });
  editor = await server.keyFor('acme', 'editor');
  operator = await server.keyFor('acme', 'operator');
});
afterAll(async () => {
  await server?.close();
  await service?.close();
});

const input = (id: string, token = SECRET) => ({
  id,
  name: `Service ${id}`,
  type: 'bearerToken',
  data: { token, allowedDomains: ['127.0.0.1'], testUrl: `${service.url}/me` },
});

describe('credentials', () => {
  it('creates a credential and never returns its secret, on create, get or list', async () => {
    const created = await server.call('/credentials', { auth: editor, json: input('svc') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'svc', type: 'bearerToken', data: { token: '__redacted__', allowedDomains: ['127.0.0.1'] } });
    const got = await server.call('/credentials/svc', { auth: editor });
    const listed = await server.call('/credentials', { auth: editor });
    for (const answer of [created, got, listed]) expect(answer.text).not.toContain(SECRET);
    expect(got.body.data.token).toBe('__redacted__');
    expect(listed.body.credentials.map((c: { id: string }) => c.id)).toContain('svc');
  });

  it('tests a credential against its service, which receives the real secret', async () => {
    await server.call('/credentials', { auth: editor, json: input('good') });
    await server.call('/credentials', { auth: editor, json: input('bad', 'wrong-token-5678') });
    const before = service.requests.length;
    const good = await server.call('/credentials/good/test', { method: 'POST', auth: operator });
    expect(good).toMatchObject({ status: 200, body: { ok: true, status: 200 } });
    expect(service.requests[before]?.headers['authorization']).toBe(`Bearer ${SECRET}`);
    const bad = await server.call('/credentials/bad/test', { method: 'POST', auth: operator });
    expect(bad).toMatchObject({ status: 200, body: { ok: false, status: 401 } });
    expect(bad.text).not.toContain('wrong-token-5678');
  });

  it('updates a credential, keeping a secret sent back masked, and deletes it', async () => {
    await server.call('/credentials', { auth: editor, json: input('upd') });
    const renamed = await server.call('/credentials/upd', {
      method: 'PATCH',
      auth: editor,
      json: { name: 'Renamed', data: { token: '__redacted__', allowedDomains: ['127.0.0.1'], testUrl: `${service.url}/me` } },
    });
    expect(renamed).toMatchObject({ status: 200, body: { name: 'Renamed', data: { token: '__redacted__' } } });
    expect((await server.call('/credentials/upd/test', { method: 'POST', auth: editor })).body.ok).toBe(true);
    expect((await server.call('/credentials/upd', { method: 'DELETE', auth: editor })).status).toBe(204);
    expect((await server.call('/credentials/upd', { auth: editor })).status).toBe(404);
  });

  it('tests a form’s values before they are saved, storing nothing, and as an edit keeps the saved secret', async () => {
    const { id: _id, name, ...draft } = input('draft');
    const before = service.requests.length;
    const good = await server.call('/credentials/test', { method: 'POST', auth: editor, json: { name, ...draft } });
    expect(good).toMatchObject({ status: 200, body: { ok: true, status: 200 } });
    expect(service.requests[before]?.headers['authorization']).toBe(`Bearer ${SECRET}`);
    expect((await server.call('/credentials/draft', { auth: editor })).status).toBe(404);
    const wrong = await server.call('/credentials/test', {
      method: 'POST',
      auth: editor,
      json: { ...draft, data: { ...draft.data, token: 'typo-token-4321' } },
    });
    expect(wrong).toMatchObject({ status: 200, body: { ok: false, status: 401 } });
    expect(wrong.text).not.toContain('typo-token-4321');
    // A field that does not fit: 400 naming it, before anything is sent.
    const sent = service.requests.length;
    const invalid = await server.call('/credentials/test', {
      method: 'POST',
      auth: editor,
      json: { ...draft, data: { allowedDomains: ['127.0.0.1'] } },
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.issues).toContainEqual(expect.objectContaining({ path: 'data.token' }));
    expect(service.requests.length).toBe(sent);
    // An edit of a saved credential: the masked token is the saved one.
    await server.call('/credentials', { auth: editor, json: input('edited') });
    const edit = await server.call('/credentials/test', {
      method: 'POST',
      auth: editor,
      json: { id: 'edited', ...draft, data: { ...draft.data, token: '__redacted__' } },
    });
    expect(edit).toMatchObject({ status: 200, body: { ok: true } });
    expect((await server.call('/credentials/test', { method: 'POST', auth: editor, json: { id: 'nope', ...draft } })).status).toBe(404);
    expect((await server.call('/credentials/test', { method: 'POST', auth: operator, json: draft })).status).toBe(403);
  });

  it('says when a credential was last used, from its audit trail', async () => {
    await server.call('/credentials', { auth: editor, json: input('used') });
    expect((await server.call('/credentials/used/last-used', { auth: editor })).body).toEqual({ lastUsedAt: null });
    await server.call('/credentials/used/test', { method: 'POST', auth: operator });
    const { body } = await server.call('/credentials/used/last-used', { auth: editor });
    expect(typeof body.lastUsedAt).toBe('string');
    expect(Number.isNaN(Date.parse(body.lastUsedAt))).toBe(false);
    expect((await server.call('/credentials/nope/last-used', { auth: editor })).status).toBe(404);
  });

  it('refuses data that does not fit the type, naming the field, and stores nothing', async () => {
    const answer = await server.call('/credentials', { auth: editor, json: { ...input('nodata'), data: { allowedDomains: ['x'] } } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('CREDENTIAL_INVALID');
    expect(answer.body.error.issues).toContainEqual(expect.objectContaining({ in: 'body', path: 'data.token' }));
    const unknownType = await server.call('/credentials', { auth: editor, json: { ...input('notype'), type: 'nope' } });
    expect(unknownType.body.error.issues).toEqual([expect.objectContaining({ in: 'body', path: 'type' })]);
    expect(await server.engine.credentials.get('nodata', { tenantId: 'acme' })).toBeUndefined();
    expect(await server.engine.credentials.get('notype', { tenantId: 'acme' })).toBeUndefined();
  });

  it('refuses a second credential with the same id with 409', async () => {
    await server.call('/credentials', { auth: editor, json: input('twice') });
    const again = await server.call('/credentials', { auth: editor, json: input('twice') });
    expect(again).toMatchObject({ status: 409, body: { error: { code: 'CREDENTIAL_EXISTS' } } });
  });

  it('lets an operator use credentials but not write them', async () => {
    const answer = await server.call('/credentials', { auth: operator, json: input('op') });
    expect(answer).toMatchObject({ status: 403, body: { error: { code: 'PERMISSION_DENIED', permission: 'credential:write' } } });
  });
});
