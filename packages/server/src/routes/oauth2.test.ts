import { createHash } from 'node:crypto';
import { startTestHttpServer, type TestHttpServer } from '@flowloom/engine/testing/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';

let provider: TestHttpServer;
let server: TestServer;
let editor: string;

beforeAll(async () => {
  // The provider's token endpoint, as RFC 6749 and RFC 7636 describe it.
  provider = await startTestHttpServer((request, res) => {
    const form = new URLSearchParams(request.body.toString('utf8'));
    const ok = request.url === '/token' && form.get('grant_type') === 'authorization_code' && form.get('code') === 'code-123';
    res.writeHead(ok ? 200 : 400, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        ok ? { access_token: 'at-1', refresh_token: 'rt-1', expires_in: 3600, token_type: 'Bearer' } : { error: 'invalid_grant' },
      ),
    );
  });
  server = await startTestServer({ engine: { http: { allowPrivateNetworks: true } } });
  editor = await server.keyFor('acme', 'editor');
  await server.call('/credentials', {
    auth: editor,
    json: {
      id: 'crm',
      name: 'CRM',
      type: 'oauth2',
      data: {
        authorizationUrl: `${provider.url}/authorize`,
        tokenUrl: `${provider.url}/token`,
        clientId: 'client-1',
        clientSecret: 'shh-client',
        allowedDomains: ['127.0.0.1'],
      },
    },
  });
});
afterAll(async () => {
  await server?.close();
  await provider?.close();
});

describe('OAuth2 connections', () => {
  it('connect an account: start, the provider’s redirect to the server’s callback, tokens stored', async () => {
    const started = await server.call('/credentials/crm/oauth2/start', { method: 'POST', auth: editor });
    expect(started.status).toBe(200);
    expect(started.body.redirectUri).toBe(`${server.url}/oauth2/callback`);
    const authorize = new URL(started.body.url);
    expect(authorize.origin + authorize.pathname).toBe(`${provider.url}/authorize`);
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.url}/oauth2/callback`);
    expect(authorize.searchParams.get('state')).toBe(started.body.state);

    // The user signs in; the provider sends the browser back with a code. No credentials travel with it.
    const landing = await fetch(`${server.url}/oauth2/callback?state=${started.body.state}&code=code-123`);
    expect(landing.status).toBe(200);
    const page = await landing.text();
    expect(page).toContain('CRM is connected');
    expect(page).toContain('"type":"flowloom:oauth2-connected","ok":true,"credentialId":"crm"');

    // The token request carried the PKCE verifier whose S256 hash the authorization URL announced.
    const form = new URLSearchParams(provider.requests.at(-1)!.body.toString('utf8'));
    const challenge = createHash('sha256').update(form.get('code_verifier')!).digest('base64url');
    expect(authorize.searchParams.get('code_challenge')).toBe(challenge);
    expect(form.get('redirect_uri')).toBe(`${server.url}/oauth2/callback`);

    const credential = await server.call('/credentials/crm', { auth: editor });
    expect(credential.body.oauth2).toMatchObject({ connected: true });
    expect(credential.text).not.toContain('at-1');
    expect(credential.text).not.toContain('shh-client');
  });

  it('refuse a callback with a state no start created, and a replayed one', async () => {
    const forged = await fetch(`${server.url}/oauth2/callback?state=made-up&code=code-123`);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('does not match a connection in progress');
    const started = await server.call('/credentials/crm/oauth2/start', { method: 'POST', auth: editor });
    expect((await fetch(`${server.url}/oauth2/callback?state=${started.body.state}&code=code-123`)).status).toBe(200);
    expect((await fetch(`${server.url}/oauth2/callback?state=${started.body.state}&code=code-123`)).status).toBe(400);
  });

  it('disconnect an account, and start nothing for another tenant’s credential', async () => {
    const disconnected = await server.call('/credentials/crm/oauth2/disconnect', { method: 'POST', auth: editor });
    expect(disconnected.body.oauth2).toMatchObject({ connected: false });
    const other = await server.keyFor('globex', 'owner');
    expect((await server.call('/credentials/crm/oauth2/start', { method: 'POST', auth: other })).status).toBe(404);
  });
});
