import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialError, CredentialValidationError } from './credential.error.js';
import { CredentialsManager } from './credentials-manager.js';
import { keyRing } from './keys/key-ring.js';
import { rawKeyProvider } from './keys/raw-key-provider.js';
import { REDACTED } from './redactor.js';
import { createMemoryCredentialStore } from '../storage/memory/memory-credential-store.js';
import { startTestHttpServer, type TestHttpServer } from '../testing/test-http-server.node.js';

const k1 = rawKeyProvider({ key: new Uint8Array(32).fill(1), id: 'k1' });
const k2 = rawKeyProvider({ key: new Uint8Array(32).fill(2), id: 'k2' });

let server: TestHttpServer;
let base: string;
beforeAll(async () => {
  // Answers 200 when the request carries `X-API-Key: good-key-123`, else 401.
  server = await startTestHttpServer((request, res) => {
    res.statusCode = request.headers['x-api-key'] === 'good-key-123' ? 200 : 401;
    res.end();
  });
  base = server.url;
});
afterAll(() => server.close());

function manager(keyProvider = k1, store = createMemoryCredentialStore()) {
  let n = 0;
  return { store, m: new CredentialsManager({ store, keyProvider, generateId: () => `cred-${++n}` }) };
}

const apiKey = (key = 'good-key-123') => ({
  name: 'Acme key',
  type: 'apiKey',
  data: { key, allowedDomains: ['127.0.0.1'], testUrl: `${base}/me` },
});

describe('CredentialsManager', () => {
  it('lists credentials with secret fields masked and stores no secret in the clear', async () => {
    const { m, store } = manager();
    await m.create({
      name: 'Basic',
      type: 'basicAuth',
      data: { username: 'ann', password: 'hunter2-pass', allowedDomains: ['api.example.com'] },
    });
    const [view] = await m.list();
    expect(view!.data).toEqual({ username: 'ann', password: REDACTED, allowedDomains: ['api.example.com'] });
    expect(JSON.stringify(await m.get(view!.id))).not.toContain('hunter2');
    expect(JSON.stringify(await store.list('default'))).not.toContain('hunter2');
  });

  it('refuses data that fails the type schema, with field errors, and saves nothing', async () => {
    const { m, store } = manager();
    const error = await m.create({ name: 'Bad', type: 'basicAuth', data: { password: 987654321 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialValidationError);
    const issues = (error as CredentialValidationError).issues;
    expect(issues.map((i) => i.path.join('.'))).toEqual(['username', 'password', 'allowedDomains']);
    expect(issues[0]!.message).toBe('is required (expected a string)');
    expect((error as Error).message).toMatch(/^Credential 'Bad' was not saved: username: is required/);
    expect((error as Error).message).not.toContain('987654321');
    expect(await store.list('default')).toEqual([]);
  });

  it('requires the authorization URL for the authorization code grant', async () => {
    const { m } = manager();
    const error = (await m
      .create({ name: 'O', type: 'oauth2', data: { tokenUrl: 'https://a.example/token', clientId: 'c', allowedDomains: ['a.example'] } })
      .catch((e: unknown) => e)) as CredentialValidationError;
    expect(error.issues).toEqual([{ path: ['authorizationUrl'], message: 'is required for the authorization code grant' }]);
  });

  it('refuses an unknown credential type, naming the known ones', async () => {
    const { m } = manager();
    const error = (await m.create({ name: 'X', type: 'nope', data: {} }).catch((e: unknown) => e)) as CredentialError;
    expect(error.code).toBe('CREDENTIAL_TYPE_UNKNOWN');
    expect(error.message).toContain('apiKey, bearerToken, basicAuth, customHeaders, oauth2');
  });

  it('keeps a secret sent back as the mask on update, and replaces it when a new value is sent', async () => {
    const { m } = manager();
    const created = await m.create(apiKey('old-key-999'));
    await m.update(created.id, { name: 'Renamed', data: { ...created.data, name: 'X-API-Key' } });
    const resolved = await m.resolve(created.id, { tenantId: 'default' });
    expect(resolved.data.key).toBe('old-key-999');
    expect(resolved.name).toBe('Renamed');
    await m.update(created.id, { data: { key: 'good-key-123' } });
    expect((await m.resolve(created.id, { tenantId: 'default' })).data.key).toBe('good-key-123');
  });

  it('deletes a credential', async () => {
    const { m } = manager();
    const c = await m.create(apiKey());
    expect(await m.delete(c.id)).toBe(true);
    expect(await m.get(c.id)).toBeUndefined();
    expect(await m.delete(c.id)).toBe(false);
  });

  it('tests a credential against its test URL and records the test in the audit trail', async () => {
    const { m } = manager();
    const good = await m.create(apiKey());
    const bad = await m.create(apiKey('wrong-key-000'));
    expect(await m.test(good.id)).toMatchObject({ ok: true, status: 200 });
    expect(await m.test(bad.id)).toMatchObject({ ok: false, status: 401 });
    const trail = await m.auditTrail({ credentialId: good.id });
    expect(trail).toEqual([
      expect.objectContaining({ credentialId: good.id, tenantId: 'default', action: 'test', host: new URL(base).host }),
    ]);
  });

  it('re-encrypts every credential under the new key while old blobs stay readable', async () => {
    const { m: before, store } = manager(k1);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await before.create(apiKey(`key-number-${i}`))).id);
    const during = new CredentialsManager({ store, keyProvider: keyRing(k2, k1) });
    expect((await during.resolve(ids[0]!, { tenantId: 'default' })).data.key).toBe('key-number-0');
    expect(await during.rotateKeys()).toEqual({ total: 3, rotated: 3 });
    expect((await store.list('default')).every((c) => c.blob.startsWith('fl1.k2.'))).toBe(true);
    expect(await during.rotateKeys()).toEqual({ total: 3, rotated: 0 });
    const after = new CredentialsManager({ store, keyProvider: k2 });
    expect((await after.list()).map((c) => c.id)).toEqual(ids);
    expect((await after.resolve(ids[2]!, { tenantId: 'default' })).data.key).toBe('key-number-2');
  });

  it('lets another tenant use a credential only when it is shared with it', async () => {
    const { m } = manager();
    const c = await m.create(apiKey(), { tenantId: 'owner' });
    const ref = `@owner/${c.id}`;
    await expect(m.resolve(ref, { tenantId: 'guest' })).rejects.toMatchObject({ code: 'CREDENTIAL_NOT_SHARED' });
    await m.share(c.id, { tenants: ['guest'] }, { tenantId: 'owner' });
    expect((await m.resolve(ref, { tenantId: 'guest' })).data.key).toBe('good-key-123');
  });

  it('limits a credential to the workflows it is shared with', async () => {
    const { m } = manager();
    const c = await m.create({ ...apiKey(), sharing: { workflows: ['wf-a'] } });
    await expect(m.resolve(c.id, { tenantId: 'default', workflowId: 'wf-b' })).rejects.toThrow(
      "credential 'Acme key' is not shared with workflow 'wf-b'",
    );
    await expect(m.resolve(c.id, { tenantId: 'default', workflowId: 'wf-a' })).resolves.toBeTruthy();
  });

  it('says a credential is not found', async () => {
    const { m } = manager();
    await expect(m.resolve('missing', { tenantId: 'default' })).rejects.toThrow("credential 'missing' not found");
  });
});
