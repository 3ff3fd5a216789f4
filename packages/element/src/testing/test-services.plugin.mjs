// Services the element's browser tests talk to, started in Node by the test runner on first use:
// - an API on 127.0.0.1 that accepts one API key (what a credential's Test reaches);
// - a small OAuth2 authorization server (authorization code, PKCE S256 required, refresh tokens,
//   revocation), which checks each code verifier against its challenge with node:crypto;
// - a Flowloom server (@flowloom/server over an engine in memory) for the editor's server mode, with
//   an embed token for a tenant's editor;
// - screenshots of the test page.
// Tests reach them with `executeServerCommand` (see services.ts beside this file).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The key the test API accepts, as a service would issue one. */
const API_KEY = 'fl-test-7f3a9c';
/** The client registered with the authorization server (a public client: PKCE stands in for a secret). */
const CLIENT_ID = 'flowloom-editor';
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), '../../../../test-output/element-screenshots');

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type, x-api-key',
};

const base64url = (bytes) => Buffer.from(bytes).toString('base64url');
const token = (prefix) => `${prefix}-${base64url(randomBytes(18))}`;

/** The authorization server's state, and what it saw (the tests' oracle). */
function createAuthority() {
  const codes = new Map();
  const accessTokens = new Map();
  const refreshTokens = new Map();
  const log = { authorizations: 0, exchanges: [], refreshes: [], apiKeyChecks: [] };
  const issue = (grant) => {
    const access = token('at');
    const refresh = token('rt');
    accessTokens.set(access, grant);
    refreshTokens.set(refresh, grant);
    return { access_token: access, token_type: 'Bearer', expires_in: 3600, refresh_token: refresh, scope: grant.scope };
  };
  return {
    log,
    authorize(q) {
      log.authorizations++;
      const back = new URL(q.get('redirect_uri') ?? '');
      const fail = (error) => {
        back.searchParams.set('error', error);
        if (q.get('state')) back.searchParams.set('state', q.get('state'));
        return back.href;
      };
      if (q.get('client_id') !== CLIENT_ID) return fail('unauthorized_client');
      if (q.get('response_type') !== 'code') return fail('unsupported_response_type');
      // This server requires PKCE with S256, as OAuth 2.1 does for public clients.
      if (q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return fail('invalid_request');
      const code = token('code');
      codes.set(code, { challenge: q.get('code_challenge'), redirectUri: back.href, scope: q.get('scope') ?? '' });
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      return back.href;
    },
    token(form, authorization) {
      const basic = authorization?.startsWith('Basic ')
        ? Buffer.from(authorization.slice(6), 'base64').toString().split(':')[0]
        : undefined;
      const clientId = basic ? decodeURIComponent(basic) : form.get('client_id');
      if (clientId !== CLIENT_ID) return [401, { error: 'invalid_client' }];
      if (form.get('grant_type') === 'authorization_code') {
        const pending = codes.get(form.get('code') ?? '');
        codes.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        const computed = base64url(createHash('sha256').update(verifier).digest());
        const verified = pending !== undefined && verifier.length >= 43 && computed === pending.challenge;
        log.exchanges.push({ verified, redirectUriMatches: pending?.redirectUri === form.get('redirect_uri') });
        if (!pending || !verified || pending.redirectUri !== form.get('redirect_uri')) return [400, { error: 'invalid_grant' }];
        return [200, issue({ scope: pending.scope })];
      }
      if (form.get('grant_type') === 'refresh_token') {
        const grant = refreshTokens.get(form.get('refresh_token') ?? '');
        log.refreshes.push({ accepted: grant !== undefined });
        if (!grant) return [400, { error: 'invalid_grant', error_description: 'The refresh token was revoked.' }];
        refreshTokens.delete(form.get('refresh_token'));
        return [200, issue(grant)];
      }
      return [400, { error: 'unsupported_grant_type' }];
    },
    userinfo(authorization) {
      const live = authorization?.startsWith('Bearer ') && accessTokens.has(authorization.slice(7));
      return live ? [200, { sub: 'ada', name: 'Ada Lovelace' }] : [401, { error: 'invalid_token' }];
    },
    /** The user revokes the app's access: every token it holds stops working. */
    revokeAll() {
      accessTokens.clear();
      refreshTokens.clear();
    },
  };
}

async function startServices() {
  // Loaded here, not at the top: the test runner's config must load even while the engine is being rebuilt.
  const { startTestHttpServer } = await import('@flowloom/engine/testing/node');
  const authority = createAuthority();
  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { ...CORS, 'content-type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const server = await startTestHttpServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (req.method === 'OPTIONS') return send(res, 204);
    if (url.pathname === '/api/me') {
      const ok = req.headers['x-api-key'] === API_KEY;
      authority.log.apiKeyChecks.push({ ok });
      return ok ? send(res, 200, { user: 'ada' }) : send(res, 401, { error: 'The API key is not valid.' });
    }
    if (url.pathname === '/oauth2/authorize') {
      res.writeHead(302, { location: authority.authorize(url.searchParams) });
      return res.end();
    }
    if (url.pathname === '/oauth2/token' && req.method === 'POST') {
      const [status, body] = authority.token(new URLSearchParams(req.body.toString()), req.headers.authorization);
      return send(res, status, body, { 'cache-control': 'no-store' });
    }
    if (url.pathname === '/oauth2/userinfo') return send(res, ...authority.userinfo(req.headers.authorization));
    return send(res, 404, { error: 'not found' });
  });
  return {
    info: {
      url: server.url,
      apiKey: API_KEY,
      oauth2: {
        clientId: CLIENT_ID,
        authorizationUrl: `${server.url}/oauth2/authorize`,
        tokenUrl: `${server.url}/oauth2/token`,
        userinfoUrl: `${server.url}/oauth2/userinfo`,
      },
    },
    authority,
    close: () => server.close(),
  };
}

/**
 * A Flowloom server on 127.0.0.1 that the test page (`origin`) may call, and
 * an embed token of an editor of tenant `acme`. Its engine may reach the
 * services above (127.0.0.1), as a credential's test needs.
 */
async function startFlowloomServer(origin) {
  const [{ createEngine, rawKeyProvider, silentLogger }, { createServer, signEmbedToken }, { serve }] = await Promise.all([
    import('@flowloom/engine'),
    import('@flowloom/server'),
    import('@hono/node-server'),
  ]);
  const embed = { secret: base64url(randomBytes(32)), issuer: 'https://host.test', audience: 'flowloom' };
  const engine = createEngine({
    keyProvider: rawKeyProvider({ key: randomBytes(32) }),
    http: { allowedRanges: ['127.0.0.1/32'] },
    logger: silentLogger,
  });
  const app = createServer({ engine, auth: { embedTokens: embed }, corsOrigins: [origin], logger: silentLogger });
  const server = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s));
  });
  const token = await signEmbedToken({ ...embed, tenantId: 'acme', userId: 'ada', role: 'editor', expiresInSeconds: 3600 });
  return {
    info: { url: `http://127.0.0.1:${server.address().port}`, token },
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await engine.close();
    },
  };
}

/**
 * The test runner plugin: `flowloom-services`, `flowloom-services-log`, `flowloom-services-revoke`,
 * `flowloom-server`, `flowloom-screenshot`.
 */
export function testServicesPlugin() {
  let services;
  let flowloom;
  return {
    name: 'flowloom-test-services',
    async executeCommand({ command, payload, session }) {
      if (command === 'flowloom-services') {
        services ??= startServices();
        return (await services).info;
      }
      if (command === 'flowloom-services-log') return services ? (await services).authority.log : undefined;
      if (command === 'flowloom-services-revoke') {
        (await services)?.authority.revokeAll();
        return true;
      }
      if (command === 'flowloom-server') {
        flowloom ??= startFlowloomServer(String(payload?.origin));
        return (await flowloom).info;
      }
      if (command === 'flowloom-screenshot') {
        const name = String(payload?.name ?? 'shot').replace(/[^\w.-]+/g, '-');
        mkdirSync(SHOTS, { recursive: true });
        const path = join(SHOTS, `${name}.png`);
        await session.browser.getPage(session.id).screenshot({ path });
        return path;
      }
      return undefined;
    },
    async serverStop() {
      if (services) await (await services).close();
      if (flowloom) await (await flowloom).close();
    },
  };
}
