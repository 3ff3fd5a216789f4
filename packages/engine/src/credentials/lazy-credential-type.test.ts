import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, defineCredentialType, defineLazyCredentialType, rawKeyProvider } from '../index.js';
import { startTestHttpServer } from '../testing/test-http-server.node.js';

const acmeKey = defineCredentialType({
  name: 'acmeKey',
  displayName: 'Acme API key',
  properties: z.object({ apiKey: z.string().min(8).meta({ secret: true }) }),
  authenticate: (d) => ({ type: 'bearer', token: d.apiKey }),
  allowedHosts: ['127.0.0.1'],
});

describe('credential types that load on first use', () => {
  it('loads the full type once, when a credential of it is first created, and then validates, masks and signs with it', async () => {
    let loads = 0;
    const stub = defineLazyCredentialType({
      name: 'acmeKey',
      displayName: 'Acme API key',
      load: async () => {
        loads++;
        return acmeKey;
      },
    });
    const engine = createEngine({
      credentialTypes: [stub],
      keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(1) }),
      http: { allowPrivateNetworks: true },
    });
    expect(engine.credentials.types.list().find((t) => t.name === 'acmeKey')).toMatchObject({ lazy: true, displayName: 'Acme API key' });
    expect(loads).toBe(0);
    await expect(engine.credentials.create({ id: 'short', name: 'Short', type: 'acmeKey', data: { apiKey: 'x' } })).rejects.toThrow(
      /apiKey/,
    );
    const view = await engine.credentials.create({ id: 'acme', name: 'Acme', type: 'acmeKey', data: { apiKey: 'sk-12345678' } });
    expect(view.data).toEqual({ apiKey: '__redacted__' });
    const server = await startTestHttpServer((request, response) => void response.end(String(request.headers.authorization)));
    try {
      const credential = await engine.credentials.resolve('acme', { tenantId: 'default' });
      const answer = await engine.credentials.send(credential, `${server.url}/me`, {}, { tenantId: 'default' });
      expect(await answer.text()).toBe('Bearer sk-12345678');
    } finally {
      await server.close();
    }
    expect(loads).toBe(1);
    expect(engine.credentials.types.get('acmeKey')).toBe(acmeKey);
    await engine.close();
  });

  it('says which type could not be loaded, and refuses a stand-in that loads another type', async () => {
    const broken = defineLazyCredentialType({
      name: 'brokenKey',
      displayName: 'Broken',
      load: () => Promise.reject(new Error('chunk failed to load')),
    });
    const wrong = defineLazyCredentialType({ name: 'wrongKey', displayName: 'Wrong', load: async () => acmeKey });
    const engine = createEngine({ credentialTypes: [broken, wrong] });
    await expect(engine.credentials.create({ name: 'B', type: 'brokenKey', data: {} })).rejects.toThrow(
      "Credential type 'brokenKey' could not be loaded: chunk failed to load",
    );
    await expect(engine.credentials.create({ name: 'W', type: 'wrongKey', data: {} })).rejects.toThrow(
      "The stand-in of credential type 'wrongKey' loaded type 'acmeKey'.",
    );
    expect(() => defineLazyCredentialType({ name: 'no spaces', displayName: '', load: undefined as never })).toThrow(
      'Credential type stand-in is not valid: name must be an identifier such as "acmeApi", got "no spaces"; displayName must be a non-empty string; load must be a function returning the credential type.',
    );
    await engine.close();
  });
});
