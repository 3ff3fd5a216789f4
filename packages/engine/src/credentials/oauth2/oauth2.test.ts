import { createHash, randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listenForOAuth2Callback } from '../../node/oauth2-callback.js';
import { createMemoryCredentialStore } from '../../storage/memory/memory-credential-store.js';
import { createTestClock, type TestClock } from '../../testing/test-clock.js';
import { startTestHttpServer, type SeenRequest, type TestHttpServer } from '../../testing/test-http-server.node.js';
import { CredentialsManager } from '../credentials-manager.js';
import { rawKeyProvider } from '../keys/raw-key-provider.js';
import { defineCredentialType } from '../credential-type.js';
import { z } from 'zod';

/**
 * A minimal OAuth2 provider on 127.0.0.1: an authorization endpoint that
 * approves at once (the user), a token endpoint (authorization code with
 * PKCE, refresh, client credentials) and one protected API route.
 */
class Provider {
  server!: TestHttpServer;
  base = '';
  readonly codes = new Map<string, { challenge: string | null; redirectUri: string }>();
  readonly access = new Set<string>();
  readonly refresh = new Set<string>();
  readonly grants: string[] = [];
  apiCalls = 0;
  rotateRefreshTokens = false;

  async start() {
    this.server = await startTestHttpServer((request, res) => void this.handle(request, res));
    this.base = this.server.url;
  }

  stop() {
    return this.server.close();
  }

  reset() {
    this.codes.clear();
    this.access.clear();
    this.refresh.clear();
    this.grants.length = 0;
    this.apiCalls = 0;
    this.rotateRefreshTokens = false;
  }

  issue(withRefresh: boolean) {
    const access = `at-${randomBytes(12).toString('hex')}`;
    this.access.add(access);
    // Like Salesforce's, the answer names where the account's API lives.
    const body: Record<string, unknown> = {
      access_token: access,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'read',
      instance_url: `${this.base}/api`,
      id_token: 'eyJhbGciOiJub25lIn0.e30.',
    };
    if (withRefresh) {
      const refresh = `rt-${randomBytes(12).toString('hex')}`;
      this.refresh.add(refresh);
      body.refresh_token = refresh;
    }
    return body;
  }

  handle(req: SeenRequest, res: ServerResponse) {
    const url = new URL(req.url, this.base);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      const code = `code-${randomBytes(8).toString('hex')}`;
      this.codes.set(code, {
        challenge: q.get('code_challenge_method') === 'S256' ? q.get('code_challenge') : null,
        redirectUri: q.get('redirect_uri')!,
      });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state')!);
      res.writeHead(302, { location: back.href });
      return res.end();
    }
    if (url.pathname === '/token') {
      const form = new URLSearchParams(req.body.toString());
      const [id, secret] = Buffer.from((req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
        .toString()
        .split(':');
      if (id !== 'client-1' || secret !== 'client-secret-xyz') return json(401, { error: 'invalid_client' });
      const grant = form.get('grant_type')!;
      this.grants.push(grant);
      if (grant === 'authorization_code') {
        const pending = this.codes.get(form.get('code')!);
        this.codes.delete(form.get('code')!);
        if (!pending || pending.redirectUri !== form.get('redirect_uri')) return json(400, { error: 'invalid_grant' });
        const verifier = form.get('code_verifier') ?? '';
        if (pending.challenge === null || createHash('sha256').update(verifier).digest('base64url') !== pending.challenge) {
          return json(400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
        }
        return json(200, this.issue(true));
      }
      if (grant === 'refresh_token') {
        const token = form.get('refresh_token')!;
        if (!this.refresh.has(token)) return json(400, { error: 'invalid_grant', error_description: 'refresh token revoked' });
        if (this.rotateRefreshTokens) this.refresh.delete(token);
        return json(200, this.issue(this.rotateRefreshTokens));
      }
      if (grant === 'client_credentials') return json(200, this.issue(false));
      return json(400, { error: 'unsupported_grant_type' });
    }
    if (url.pathname === '/api/me') {
      this.apiCalls++;
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      return this.access.has(token) ? json(200, { user: 'ann' }) : json(401, { error: 'invalid_token' });
    }
    res.statusCode = 404;
    res.end();
  }
}

const provider = new Provider();
beforeAll(() => provider.start());
afterAll(() => provider.stop());
beforeEach(() => provider.reset());

let clock: TestClock;
let manager: CredentialsManager;
let store: ReturnType<typeof createMemoryCredentialStore>;
beforeEach(() => {
  clock = createTestClock();
  store = createMemoryCredentialStore();
  manager = new CredentialsManager({ store, keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(5) }), clock });
});

const use = { tenantId: 'default', executionId: 'ex-1', workflowId: 'wf-1', nodeId: 'n1', nodeName: 'Fetch' };

async function oauthCredential(grantType: 'authorizationCode' | 'clientCredentials') {
  return manager.create({
    id: `cred-${grantType}`,
    name: 'Provider account',
    type: 'oauth2',
    data: {
      grantType,
      authorizationUrl: `${provider.base}/authorize`,
      tokenUrl: `${provider.base}/token`,
      clientId: 'client-1',
      clientSecret: 'client-secret-xyz',
      scope: 'read',
      allowedDomains: ['127.0.0.1'],
    },
  });
}

/** Connects the account the way a user would: open the URL, let the provider redirect to the callback. */
async function connect(id: string) {
  const callback = await listenForOAuth2Callback(manager.oauth2);
  const { url } = await manager.oauth2.startAuthorization(id, { redirectUri: callback.redirectUri });
  const consent = await fetch(url, { redirect: 'manual' });
  const back = await fetch(consent.headers.get('location')!);
  expect(back.status).toBe(200);
  return callback.result;
}

async function callApi(id = 'cred-authorizationCode') {
  const credential = await manager.resolve(id, use);
  return manager.send(credential, `${provider.base}/api/me`, {}, use);
}

describe('OAuth2', () => {
  it('connects an account with the authorization code flow, PKCE and state, and stores the tokens encrypted', async () => {
    await oauthCredential('authorizationCode');
    const view = await connect('cred-authorizationCode');
    expect(view.oauth2).toEqual({ connected: true, expiresAt: new Date(clock.now() + 3600_000).toISOString(), scope: 'read' });
    expect(provider.grants).toEqual(['authorization_code']);
    const response = await callApi();
    expect(await response.json()).toEqual({ user: 'ann' });
    const blob = JSON.stringify(await store.list('default'));
    for (const token of [...provider.access, ...provider.refresh]) expect(blob).not.toContain(token);
  });

  it('refuses a callback whose state matches no connection in progress', async () => {
    await oauthCredential('authorizationCode');
    await manager.oauth2.startAuthorization('cred-authorizationCode', { redirectUri: 'http://127.0.0.1:1/cb' });
    await expect(manager.oauth2.completeAuthorization({ state: 'forged', code: 'abc' })).rejects.toMatchObject({
      code: 'OAUTH2_STATE_INVALID',
    });
  });

  it('answers a forged callback with an error page and rejects the wait for it', async () => {
    await oauthCredential('authorizationCode');
    const callback = await listenForOAuth2Callback(manager.oauth2);
    const outcome = callback.result.catch((e: unknown) => e);
    const response = await fetch(`${callback.redirectUri}?code=abc&state=forged`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('The account could not be connected: This OAuth2 callback does not match');
    expect(await outcome).toMatchObject({ code: 'OAUTH2_STATE_INVALID' });
  });

  it('refuses a state once it has been used', async () => {
    await oauthCredential('authorizationCode');
    const { url } = await manager.oauth2.startAuthorization('cred-authorizationCode', { redirectUri: 'http://127.0.0.1:1/cb' });
    const consent = await fetch(url, { redirect: 'manual' });
    const callback = consent.headers.get('location')!;
    await manager.oauth2.completeAuthorization(callback);
    await expect(manager.oauth2.completeAuthorization(callback)).rejects.toMatchObject({ code: 'OAUTH2_STATE_INVALID' });
  });

  it('gets a token with client credentials on first use and reuses it', async () => {
    await oauthCredential('clientCredentials');
    expect((await callApi('cred-clientCredentials')).status).toBe(200);
    expect((await callApi('cred-clientCredentials')).status).toBe(200);
    expect(provider.grants).toEqual(['client_credentials']);
  });

  it('refreshes the access token shortly before it expires', async () => {
    await oauthCredential('authorizationCode');
    await connect('cred-authorizationCode');
    clock.advance(3600_000 - 30_000); // 30 s left: inside the refresh margin
    expect((await callApi()).status).toBe(200);
    expect(provider.grants).toEqual(['authorization_code', 'refresh_token']);
    expect((await manager.get('cred-authorizationCode'))!.oauth2!.expiresAt).toBe(new Date(clock.now() + 3600_000).toISOString());
    // The provider sent no new refresh token: the old one is kept for the next refresh.
    clock.advance(3600_000);
    expect((await callApi()).status).toBe(200);
    expect(provider.grants).toEqual(['authorization_code', 'refresh_token', 'refresh_token']);
  });

  it('refreshes and retries once when the API answers 401', async () => {
    await oauthCredential('authorizationCode');
    await connect('cred-authorizationCode');
    provider.access.clear(); // the provider revoked the access token early
    const response = await callApi();
    expect(response.status).toBe(200);
    expect(provider.grants).toEqual(['authorization_code', 'refresh_token']);
    expect(provider.apiCalls).toBe(2);
  });

  it('uses the new refresh token when the provider rotates them', async () => {
    provider.rotateRefreshTokens = true;
    await oauthCredential('authorizationCode');
    await connect('cred-authorizationCode');
    clock.advance(3600_000);
    expect((await callApi()).status).toBe(200);
    clock.advance(3600_000);
    expect((await callApi()).status).toBe(200);
    expect(provider.grants).toEqual(['authorization_code', 'refresh_token', 'refresh_token']);
  });

  it('takes the tokens of an account connected elsewhere, and refreshes them when they expire', async () => {
    await oauthCredential('authorizationCode');
    provider.access.add('at-moved');
    provider.refresh.add('rt-moved');
    const view = await manager.oauth2.importTokens('cred-authorizationCode', {
      accessToken: 'at-moved',
      refreshToken: 'rt-moved',
      expiresAt: clock.now() + 600_000,
      tokenType: 'Bearer',
    });
    expect(view.oauth2).toMatchObject({ connected: true, expiresAt: new Date(clock.now() + 600_000).toISOString() });
    expect((await callApi()).status).toBe(200);
    expect(provider.grants).toEqual([]);
    clock.advance(600_000);
    expect((await callApi()).status).toBe(200);
    expect(provider.grants).toEqual(['refresh_token']);
    expect(JSON.stringify(await store.list('default'))).not.toContain('rt-moved');
  });

  it('refuses tokens that are not tokens, naming what is wrong', async () => {
    await oauthCredential('authorizationCode');
    await expect(
      manager.oauth2.importTokens('cred-authorizationCode', { accessToken: '', expiresAt: 'soon', scopes: 'read' } as never),
    ).rejects.toThrow(
      "The tokens for credential 'cred-authorizationCode' are not valid: accessToken must be a non-empty string; expiresAt must be epoch milliseconds; unknown field 'scopes'.",
    );
    expect((await manager.get('cred-authorizationCode'))!.oauth2).toMatchObject({ connected: false });
  });

  it('hands the token answer’s other text fields to the sign hook, which may move the request there (ID tokens are not kept)', async () => {
    const seen: Record<string, string>[] = [];
    const movable = defineCredentialType({
      name: 'movingOAuth2',
      displayName: 'Moving OAuth2',
      properties: z.object({ clientId: z.string(), clientSecret: z.string().meta({ secret: true }) }),
      authenticate: (d) => ({
        type: 'oauth2',
        config: {
          grantType: 'authorizationCode',
          authorizationUrl: `${provider.base}/authorize`,
          tokenUrl: `${provider.base}/token`,
          clientId: d.clientId,
          clientSecret: d.clientSecret,
          scope: 'read',
        },
        sign(request, token) {
          seen.push({ ...token.extra });
          // Requests are written against a placeholder; the instance the answer named replaces it.
          const instance = token.extra['instance_url'];
          if (instance && request.url.pathname.startsWith('/placeholder/')) {
            request.url = new URL(`${instance}${request.url.pathname.slice('/placeholder'.length)}`);
          }
        },
      }),
      allowedHosts: ['127.0.0.1'],
    });
    manager.types.register(movable);
    await manager.create({
      id: 'moving',
      name: 'Moving',
      type: 'movingOAuth2',
      data: { clientId: 'client-1', clientSecret: 'client-secret-xyz' },
    });
    await connect('moving');
    const credential = await manager.resolve('moving', use);
    const response = await manager.send(credential, `${provider.base}/placeholder/me`, {}, use);
    expect(await response.json()).toEqual({ user: 'ann' });
    expect(seen).toEqual([{ instance_url: `${provider.base}/api` }]);
    // Kept through a refresh that names it again, and encrypted with the tokens.
    clock.advance(3600_000);
    expect((await manager.send(await manager.resolve('moving', use), `${provider.base}/placeholder/me`, {}, use)).status).toBe(200);
    expect(seen.at(-1)).toEqual({ instance_url: `${provider.base}/api` });
    expect(JSON.stringify(await store.list('default'))).not.toContain('instance_url');
  });

  it('asks to reconnect the account when the refresh token was revoked', async () => {
    await oauthCredential('authorizationCode');
    await connect('cred-authorizationCode');
    provider.refresh.clear();
    clock.advance(3600_000);
    const error = await callApi().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'OAUTH2_RECONNECT_REQUIRED' });
    expect((error as Error).message).toBe(
      "Credential 'Provider account': the provider no longer accepts its refresh token (invalid_grant). Reconnect this account: open the credential and connect it again.",
    );
  });

  it('asks to connect an account that never was', async () => {
    await oauthCredential('authorizationCode');
    await expect(callApi()).rejects.toThrow(/no account is connected yet\. Reconnect this account/);
  });

  it('records token fetches and requests in the audit trail', async () => {
    await oauthCredential('clientCredentials');
    await callApi('cred-clientCredentials');
    const trail = await manager.auditTrail();
    expect(trail.map((e) => [e.action, e.executionId, e.nodeName])).toEqual([
      ['token', 'ex-1', 'Fetch'],
      ['request', 'ex-1', 'Fetch'],
    ]);
  });
});
