// The GitHub App credential: the engine signs a JWT (RS256) with the app's private key, the node exchanges it for an
// installation token, then sends the operation with that token. The JWT is checked with node:crypto against the
// app's public key; the exchange is compared with @octokit/rest's createInstallationAccessToken, given a JWT made
// here with node:crypto as GitHub documents it.
import { createSign, generateKeyPairSync, verify } from 'node:crypto';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import type { Answer } from '../../testing/service-harness.js';
import { serviceTestbed } from '../../testing/service-testbed.js';
import { github } from './github.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const other = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const CLIENT_ID = 'Iv23liAbCdEf012345';
const INSTALLATION = '4242';
const INSTALLATION_TOKEN = 'ghs_installation0123456789';

const base64Url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** A JWT as GitHub's documentation makes one, signed with node:crypto. */
function jwtByHand(key: string, issuer: string): string {
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${base64Url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))}.${base64Url(JSON.stringify({ iat: now - 60, exp: now + 540, iss: issuer }))}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(key, 'base64url')}`;
}

/** What a JWT says, if it is signed by `key`'s pair and well formed; undefined otherwise. */
function checkedJwt(authorization: string | undefined, key: string = publicKey) {
  const token = /^bearer (.+)$/i.exec(authorization ?? '')?.[1];
  const [head, claims, signature] = token?.split('.') ?? [];
  if (!head || !claims || !signature) return undefined;
  if (!verify('RSA-SHA256', Buffer.from(`${head}.${claims}`), key, Buffer.from(signature, 'base64url'))) return undefined;
  return {
    header: JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as Record<string, unknown>,
    claims: JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as { iat: number; exp: number; iss: string },
  };
}

/** GitHub, as far as an app needs it: the JWT opens the /app endpoints, the installation token the repository's. */
function answer(request: SeenRequest): Answer | undefined {
  const path = new URL(request.url, 'http://x').pathname;
  const jwt = checkedJwt(request.headers.authorization) ?? checkedJwt(request.headers.authorization, other.publicKey);
  if (path.startsWith('/app/')) {
    if (!jwt || jwt.claims.iss !== CLIENT_ID) return { status: 401, body: { message: 'A JSON web token could not be decoded' } };
    if (path === `/app/installations/${INSTALLATION}/access_tokens` && request.method === 'POST') {
      return {
        status: 201,
        body: {
          token: INSTALLATION_TOKEN,
          expires_at: '2026-06-01T13:00:00Z',
          permissions: { issues: 'write' },
          repository_selection: 'all',
        },
      };
    }
    if (path === `/app/installations/${INSTALLATION}`) return { body: { id: Number(INSTALLATION), account: { login: 'octo' } } };
    return { status: 404, body: { message: 'Not Found' } };
  }
  if (request.headers.authorization !== `token ${INSTALLATION_TOKEN}`) return { status: 401, body: { message: 'Bad credentials' } };
  if (path === '/repos/octo/hello/issues' && request.method === 'POST') {
    return { status: 201, body: { number: 8, ...(JSON.parse(request.body.toString('utf8')) as object) } };
  }
  return undefined;
}

const bed = serviceTestbed(github, {
  name: 'GitHub',
  answers: answer,
  hosts: ['api.github.com'],
  credentials: [
    { id: 'app', type: 'githubAppApi', data: { appId: CLIENT_ID, installationId: INSTALLATION, privateKey } },
    { id: 'app-pkcs8', type: 'githubAppApi', data: { appId: CLIENT_ID, installationId: INSTALLATION, privateKey: other.privateKey } },
    { id: 'wrong-installation', type: 'githubAppApi', data: { appId: CLIENT_ID, installationId: '1', privateKey } },
  ],
});
const asApp = { githubAppApi: 'app' };
const create = { owner: 'octo', repo: 'hello', title: 'From the app' };

describe('GitHub App', () => {
  it('signs a JWT with the app\u2019s key, exchanges it as the library does, then sends the operation with the installation token', async () => {
    await bed.take();
    await new Octokit({ auth: jwtByHand(privateKey, CLIENT_ID), baseUrl: bed.server.url }).rest.apps.createInstallationAccessToken({
      installation_id: Number(INSTALLATION),
    });
    const [fromSdk] = await bed.take();
    const start = bed.server.requests.length;
    const { execution, requests, items } = await bed.node('issue', 'create', create, { credentials: asApp });
    expect(execution.error?.message).toBeUndefined();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.auth?.split(' ')[0]}`)).toEqual([
      `POST /app/installations/${INSTALLATION}/access_tokens Bearer`,
      'POST /repos/octo/hello/issues token',
    ]);
    // The exchange is the library's, but for the JWT, made at another moment.
    expect({ ...requests[0], auth: undefined }).toEqual({ ...fromSdk, auth: undefined });
    expect(requests[1]!.auth).toBe(`token ${INSTALLATION_TOKEN}`);
    expect(items[0]!.json).toMatchObject({ number: 8, title: 'From the app' });

    const jwt = checkedJwt(bed.server.requests[start]!.headers.authorization);
    expect(jwt?.header).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(jwt?.claims.iss).toBe(CLIENT_ID);
    expect(jwt!.claims.exp - jwt!.claims.iat).toBeLessThanOrEqual(600);
    expect(jwt!.claims.iat).toBeLessThanOrEqual(Math.floor(Date.now() / 1000));
  });

  it('exchanges once for every item of one run, and again in the next run', async () => {
    await bed.take();
    const input = [{ json: {} }, { json: {} }, { json: {} }];
    const parameters = { resource: 'issue', operation: 'create', ...create };
    await bed.run(parameters, { credentials: asApp, input });
    await bed.run(parameters, { credentials: asApp });
    expect((await bed.take()).map((r) => r.path)).toEqual([
      `/app/installations/${INSTALLATION}/access_tokens`,
      '/repos/octo/hello/issues',
      '/repos/octo/hello/issues',
      '/repos/octo/hello/issues',
      `/app/installations/${INSTALLATION}/access_tokens`,
      '/repos/octo/hello/issues',
    ]);
  });

  it('takes a PKCS#8 key as well as the PKCS#1 key GitHub hands out', async () => {
    const { execution } = await bed.node('issue', 'create', create, { credentials: { githubAppApi: 'app-pkcs8' } });
    expect(execution.error?.message).toBeUndefined();
  });

  it('names the credential\u2019s fields when the installation cannot be reached, and sends nothing else', async () => {
    await bed.take();
    const { execution, requests } = await bed.node('issue', 'create', create, { credentials: { githubAppApi: 'wrong-installation' } });
    expect(execution.error?.message).toBe(
      "Node 'GitHub': GitHub App: the installation token could not be obtained (HTTP 404: Not Found); check the credential's client ID, installation ID and private key.",
    );
    expect(requests.map((r) => r.path)).toEqual(['/app/installations/1/access_tokens']);
  });

  it('tests the credential by reading its installation as the app', async () => {
    await bed.take();
    expect(await bed.engine.credentials.test('app')).toMatchObject({ ok: true });
    expect(await bed.engine.credentials.test('wrong-installation')).toMatchObject({ ok: false, status: 404 });
    expect((await bed.take()).map((r) => `${r.method} ${r.path} ${r.auth?.split(' ')[0]}`)).toEqual([
      `GET /app/installations/${INSTALLATION} Bearer`,
      'GET /app/installations/1 Bearer',
    ]);
  });

  it('refuses a private key that is not a PEM key, naming the field', async () => {
    await expect(
      bed.engine.credentials.create({
        name: 'bad',
        type: 'githubAppApi',
        data: { appId: CLIENT_ID, installationId: INSTALLATION, privateKey: 'ssh-rsa AAAAB3Nza' },
      }),
    ).rejects.toThrow(/privateKey.*must be the app\u2019s PEM private key/);
  });
});
