import { startTestHttpServer, type TestHttpServer } from '@flowloom/engine/testing/node';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { signEmbedToken } from './embed-tokens.js';

// The server's clock stands still at NOW; tokens are signed relative to it.
const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);
const SECONDS = NOW / 1000;
const SECRET = 'a host secret of at least thirty-two bytes!';
const ISSUER = 'https://app.example.com';
const AUDIENCE = 'flowloom';

let server: TestServer;

/** A token signed with jose, the reference implementation, as a host's back end signs it. */
function token(claims: JWTPayload, options: { secret?: string; alg?: string } = {}): Promise<string> {
  return new SignJWT({ tenant: 'acme', role: 'editor', ...claims })
    .setProtectedHeader({ alg: options.alg ?? 'HS256' })
    .setIssuer(String(claims.iss ?? ISSUER))
    .setAudience((claims.aud as string | undefined) ?? AUDIENCE)
    .setSubject(claims.sub ?? 'user-1')
    .setIssuedAt(claims.iat ?? SECONDS)
    .setExpirationTime(claims.exp ?? SECONDS + 300)
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  server = await startTestServer({ now: () => NOW, auth: { embedTokens: { secret: SECRET, issuer: ISSUER, audience: AUDIENCE } } });
});
afterAll(async () => {
  await server?.close();
});

describe('embed tokens signed with the host’s secret', () => {
  it('let the page act in the tenant and role the token names', async () => {
    const editor = await token({});
    const created = await server.call('/workflows', {
      auth: editor,
      json: { id: 'from-page', nodes: [{ id: 'start', name: 'Start', type: 'core.manualTrigger' }] },
    });
    expect(created.status).toBe(201);
    expect(await server.engine.storage.workflows.get('acme', 'from-page')).toBeDefined();
    const viewer = await token({ role: 'viewer', tenant: 'acme' });
    expect((await server.call('/workflows/from-page', { auth: viewer })).status).toBe(200);
    expect((await server.call('/workflows/from-page', { method: 'DELETE', auth: viewer })).status).toBe(403);
    const otherTenant = await token({ tenant: 'globex' });
    expect((await server.call('/workflows/from-page', { auth: otherTenant })).status).toBe(404);
  });

  it('are accepted as signed by signEmbedToken', async () => {
    const signed = await signEmbedToken({
      secret: SECRET,
      issuer: ISSUER,
      audience: AUDIENCE,
      tenantId: 'acme',
      userId: 'u',
      role: 'viewer',
      now: NOW,
    });
    expect((await server.call('/workflows', { auth: signed })).status).toBe(200);
  });

  it('tolerate 30 s of clock skew, and no more', async () => {
    expect((await server.call('/workflows', { auth: await token({ iat: SECONDS - 300, exp: SECONDS - 20 }) })).status).toBe(200);
    expect((await server.call('/workflows', { auth: await token({ iat: SECONDS + 20, exp: SECONDS + 300 }) })).status).toBe(200);
    const late = await server.call('/workflows', { auth: await token({ iat: SECONDS - 300, exp: SECONDS - 31 }) });
    expect(late).toMatchObject({
      status: 401,
      body: { error: { code: 'TOKEN_INVALID', message: 'The embed token was refused: it has expired.' } },
    });
  });

  it('refuse forged, wrong-audience, wrong-issuer, alg none, long-lived and malformed tokens', async () => {
    const refusals: [string, string][] = [
      [await token({}, { secret: 'another secret that is long enough too' }), 'its signature does not verify'],
      [await token({ aud: 'someone-else' }), "its 'aud' claim is not accepted"],
      [await token({ iss: 'https://evil.example.com' }), "its 'iss' claim is not accepted"],
      [
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ tenant: 'acme', role: 'owner', sub: 'x', iss: ISSUER, aud: AUDIENCE, iat: SECONDS, exp: SECONDS + 60 })}.`,
        'it is signed with an algorithm',
      ],
      [await token({ exp: SECONDS + 2 * 86_400 }), 'longer than the 3600 s'],
      ['not.a.token', 'it is not a well-formed signed JWT'],
    ];
    for (const [bad, reason] of refusals) {
      const answer = await server.call('/workflows', { auth: bad });
      expect(answer.status, reason).toBe(401);
      expect(answer.body.error.message).toContain(reason);
      expect(answer.headers.get('www-authenticate')).toContain('invalid_token');
    }
  });

  it('refuse a token without a tenant or with a role the server does not define', async () => {
    const noTenant = await server.call('/workflows', { auth: await token({ tenant: undefined }) });
    expect(noTenant.body.error.message).toContain("'tenant' claim");
    const role = await server.call('/workflows', { auth: await token({ role: 'root' }) });
    expect(role).toMatchObject({ status: 401, body: { error: { code: 'ROLE_UNKNOWN' } } });
  });
});

describe('embed tokens verified against the host’s JWKS', () => {
  let keys: TestHttpServer;
  let jwksServer: TestServer;
  let privateKey: CryptoKey;
  let strangerKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    strangerKey = (await generateKeyPair('ES256')).privateKey;
    const mine = await exportJWK(pair.publicKey);
    keys = await startTestHttpServer((_request, res) => {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ keys: [{ ...mine, kid: 'k1', alg: 'ES256', use: 'sig' }] }));
    });
    jwksServer = await startTestServer({
      now: () => NOW,
      auth: { embedTokens: { jwksUrl: `${keys.url}/jwks.json`, issuer: ISSUER, audience: AUDIENCE } },
    });
  });
  afterAll(async () => {
    await jwksServer?.close();
    await keys?.close();
  });

  const es256 = (key: CryptoKey) =>
    new SignJWT({ tenant: 'acme', role: 'viewer' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setSubject('u')
      .setIssuedAt(SECONDS)
      .setExpirationTime(SECONDS + 300)
      .sign(key);

  it('accept a token signed with the published key, and refuse one signed with another', async () => {
    expect((await jwksServer.call('/workflows', { auth: await es256(privateKey) })).status).toBe(200);
    const stranger = await jwksServer.call('/workflows', { auth: await es256(strangerKey) });
    expect(stranger).toMatchObject({ status: 401, body: { error: { code: 'TOKEN_INVALID' } } });
    const hmac = await jwksServer.call('/workflows', { auth: await token({}) });
    expect(hmac.status).toBe(401);
  });
});
