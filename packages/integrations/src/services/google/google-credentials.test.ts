// Google's credential family, checked against Google's own auth library (google-auth-library): the OAuth2 sign-in URL,
// code exchange and refresh the engine makes are the ones its OAuth2Client makes, on one recording server that also
// serves the token endpoint; a service account's requests carry the self-signed JWT its JWT client makes for the same
// key and scopes (`useJWTAccessWithScope`), whose RS256 signature both the library's verifier and node:crypto accept.
import { createPublicKey, createVerify, generateKeyPairSync } from 'node:crypto';
import type { Engine } from '@flowloom/engine';
import { createTestClock } from '@flowloom/engine/testing';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { JWT, OAuth2Client } from 'google-auth-library';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordingVendor } from '../../testing/recording-vendor.js';
import { outputOf, relayFetch, runNode, type Answer, type NormalizedRequest } from '../../testing/service-harness.js';
import { gmail } from '../google-gmail/gmail.js';
import { googleAnalytics } from '../google-analytics/google-analytics.js';
import { googleDrive } from '../google-drive/google-drive.js';
import { googleSheets } from '../google-sheets/google-sheets.js';
import {
  gmailOAuth2,
  googleAnalyticsOAuth2,
  googleAnalyticsServiceAccount,
  googleDriveOAuth2,
  googleDriveServiceAccount,
  googleSheetsOAuth2,
  googleSheetsServiceAccount,
} from './google-credentials.js';

const CLIENT = { clientId: '1234-abc.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret' };
const REDIRECT = 'https://flowloom.example/oauth2/callback';
const EMAIL = 'reports@flowloom-test.iam.gserviceaccount.com';
const KEY_ID = '5f1a9c0de7b2';
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const DRIVE = 'https://www.googleapis.com/auth/drive';
const SHEETS = ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive.file'];

const decode = (jwt: string) => {
  const [header, claims] = jwt
    .split('.')
    .slice(0, 2)
    .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
  return { header: header!, claims: claims! };
};
/** Whether a JWT's RS256 signature is the service account key's, by node:crypto. */
const signedByKey = (jwt: string) => {
  const [header, claims, signature] = jwt.split('.');
  return createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(createPublicKey(PUBLIC_PEM), Buffer.from(signature!, 'base64url'));
};

const valid = new Set(['ya29.fresh', 'ya29.refreshed']);
function vendor(request: SeenRequest): Answer | undefined {
  const url = new URL(request.url, 'http://x');
  if (url.pathname === '/token') return tokenAnswer(new URLSearchParams(request.body.toString('utf8')));
  const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
  const jwt = token.split('.').length === 3 && signedByKey(token) ? decode(token).claims : undefined;
  const scopes = String(jwt?.['scope'] ?? '').split(' ');
  const allowed = (scope: string) => valid.has(token) || scopes.includes(scope);
  if (url.pathname === '/drive/v3/about' && (allowed(DRIVE) || allowed(SHEETS[1]!)))
    return { body: { user: { emailAddress: jwt ? EMAIL : 'ada@example.com' } } };
  if (url.pathname.startsWith('/v4/spreadsheets/') && allowed(SHEETS[0]!))
    return { body: { range: "'Leads'!A1:B1", majorDimension: 'ROWS', values: [['Name', 'Email']] } };
  return {
    status: 401,
    body: { error: { code: 401, message: 'Request had invalid authentication credentials.', status: 'UNAUTHENTICATED' } },
  };
}

/** Google's token endpoint: one code, a refresh token that is not rotated, and one that was revoked. */
function tokenAnswer(form: URLSearchParams): Answer {
  if (form.get('client_id') !== CLIENT.clientId || form.get('client_secret') !== CLIENT.clientSecret) {
    return { status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
  }
  const grant = `${form.get('grant_type')} ${form.get('code') ?? form.get('refresh_token')}`;
  const issue = (access: string, refresh?: string) => ({
    body: { access_token: access, expires_in: 3599, scope: DRIVE, token_type: 'Bearer', ...(refresh ? { refresh_token: refresh } : {}) },
  });
  if (grant === 'authorization_code code-good') return issue('ya29.fresh', '1//rt-good');
  if (grant === 'refresh_token 1//rt-good') return issue('ya29.refreshed');
  return { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
}

const serviceAccount = (data: Record<string, unknown> = {}) => ({ clientEmail: EMAIL, privateKey: PEM, privateKeyId: KEY_ID, ...data });
const vendorOf = recordingVendor(
  {
    answers: vendor,
    hosts: ['www.googleapis.com', 'sheets.googleapis.com', 'oauth2.googleapis.com'],
    nodeTypes: [googleDrive.node, googleSheets.node],
    credentialTypes: [
      googleDriveOAuth2,
      googleDriveServiceAccount,
      googleSheetsOAuth2,
      googleSheetsServiceAccount,
      gmailOAuth2,
      googleAnalyticsOAuth2,
    ],
    credentials: [
      { id: 'drive', type: 'googleDriveOAuth2Api', data: CLIENT },
      { id: 'robot', type: 'googleDriveServiceAccount', data: serviceAccount() },
      { id: 'sheets-robot', type: 'googleSheetsServiceAccount', data: serviceAccount() },
    ],
  },
  () => undefined,
);
const transporterOptions = () => ({ fetchImplementation: relayFetch(vendorOf.routes) });
let engine: Engine;
beforeAll(async () => {
  engine = await vendorOf.startEngine();
});
const about = (target: Engine, credentials: Record<string, string>) =>
  runNode(target, {
    type: googleDrive.node.type,
    parameters: { resource: 'custom', operation: 'apiCall', path: '/about', query: { fields: 'user' } },
    credentials,
  });
const withoutAuth = (requests: NormalizedRequest[]) => requests.map((r) => ({ ...r, auth: undefined }));

describe('Google OAuth2 credentials, against google-auth-library', () => {
  it('sends the user to Google’s consent screen with the service’s scopes, offline access, PKCE and state, as OAuth2Client does', async () => {
    const cases: [type: string, scope: string][] = [
      [googleDriveOAuth2.name, DRIVE],
      [googleSheetsOAuth2.name, SHEETS.join(' ')],
      [gmailOAuth2.name, 'https://www.googleapis.com/auth/gmail.modify'],
      [googleAnalyticsOAuth2.name, 'https://www.googleapis.com/auth/analytics.readonly'],
    ];
    const family = await vendorOf.startEngine({ credentials: cases.map(([type]) => ({ id: type, type, data: CLIENT })) });
    for (const [type, scope] of cases) {
      const { url, state } = await family.credentials.oauth2.startAuthorization(type, { redirectUri: REDIRECT });
      const ours = new URL(url);
      const theirs = new URL(
        new OAuth2Client({ clientId: CLIENT.clientId, redirectUri: REDIRECT }).generateAuthUrl({
          access_type: 'offline',
          prompt: 'consent',
          scope: scope.split(' '),
          state,
          code_challenge: ours.searchParams.get('code_challenge')!,
          code_challenge_method: 'S256' as never,
        }),
      );
      expect(ours.origin + ours.pathname).toBe(theirs.origin + theirs.pathname);
      expect(Object.fromEntries(ours.searchParams)).toEqual(Object.fromEntries(theirs.searchParams));
    }
  });

  it('exchanges the code with the fields OAuth2Client sends, then signs Drive requests with the new token', async () => {
    const fresh = await vendorOf.startEngine({ credentials: [{ id: 'drive', type: 'googleDriveOAuth2Api', data: CLIENT }] });
    const { state } = await fresh.credentials.oauth2.startAuthorization('drive', { redirectUri: REDIRECT });
    await fresh.credentials.oauth2.completeAuthorization({ state, code: 'code-good' });
    const [exchange] = await vendorOf.take();
    const verifier = (exchange!.body as { code_verifier: string }).code_verifier;
    const client = new OAuth2Client({
      clientId: CLIENT.clientId,
      clientSecret: CLIENT.clientSecret,
      redirectUri: REDIRECT,
      transporterOptions: transporterOptions(),
    });
    await client.getToken({ code: 'code-good', codeVerifier: verifier });
    const [fromSdk] = await vendorOf.take();
    expect(exchange).toEqual(fromSdk);
    expect(exchange).toMatchObject({ method: 'POST', path: '/token', auth: undefined, contentType: 'application/x-www-form-urlencoded' });

    const execution = await about(fresh, { googleDriveOAuth2Api: 'drive' });
    expect(outputOf(execution)[0]!.json).toEqual({ statusCode: 200, body: { user: { emailAddress: 'ada@example.com' } } });
    expect((await vendorOf.take()).map((r) => r.auth)).toEqual(['Bearer ya29.fresh']);
  });

  it('refreshes the token a minute before it expires, with the fields OAuth2Client sends, keeping the refresh token', async () => {
    const clock = createTestClock();
    const timed = await vendorOf.startEngine({ clock, credentials: [{ id: 'drive', type: 'googleDriveOAuth2Api', data: CLIENT }] });
    const { state } = await timed.credentials.oauth2.startAuthorization('drive', { redirectUri: REDIRECT });
    await timed.credentials.oauth2.completeAuthorization({ state, code: 'code-good' });
    await vendorOf.take();
    clock.advance(3599_000 - 30_000);
    const execution = await about(timed, { googleDriveOAuth2Api: 'drive' });
    expect(execution.status).toBe('success');
    const [refresh, call] = await vendorOf.take();
    const client = new OAuth2Client({
      clientId: CLIENT.clientId,
      clientSecret: CLIENT.clientSecret,
      transporterOptions: transporterOptions(),
    });
    client.setCredentials({ refresh_token: '1//rt-good' });
    await client.refreshAccessToken();
    expect(refresh).toEqual((await vendorOf.take())[0]);
    expect(call!.auth).toBe('Bearer ya29.refreshed');
    clock.advance(3599_000 - 30_000);
    await about(timed, { googleDriveOAuth2Api: 'drive' });
    expect(((await vendorOf.take())[0]!.body as Record<string, string>)['refresh_token']).toBe('1//rt-good');
  });

  it('asks to reconnect when Google refuses the refresh token (invalid_grant)', async () => {
    const revoked = await vendorOf.startEngine({ credentials: [{ id: 'drive', type: 'googleDriveOAuth2Api', data: CLIENT }] });
    await revoked.credentials.oauth2.importTokens('drive', {
      accessToken: 'ya29.old',
      tokenType: 'Bearer',
      refreshToken: '1//rt-revoked',
      expiresAt: 0,
    });
    const execution = await about(revoked, { googleDriveOAuth2Api: 'drive' });
    expect(execution.error?.message).toBe(
      "Node 'Service': Credential 'drive': the provider no longer accepts its refresh token (invalid_grant). Reconnect this account: open the credential and connect it again.",
    );
    await vendorOf.take();
  });
});

describe('Google service accounts, against google-auth-library', () => {
  const sdkJwt = async (scopes: string[]) => {
    const client = new JWT({ email: EMAIL, key: PEM, keyId: KEY_ID, scopes, transporterOptions: transporterOptions() });
    client.useJWTAccessWithScope = true;
    await client.request({ url: 'https://www.googleapis.com/drive/v3/about?fields=user' });
    return (await vendorOf.take())[0]!;
  };

  it('signs each request with the self-signed JWT the library makes for the same key and scope, verified by both', async () => {
    const theirs = await sdkJwt([DRIVE]);
    const execution = await about(engine, { googleDriveServiceAccount: 'robot' });
    expect(outputOf(execution)[0]!.json).toEqual({ statusCode: 200, body: { user: { emailAddress: EMAIL } } });
    const [ours] = await vendorOf.take();
    expect(withoutAuth([ours!])).toEqual(withoutAuth([theirs]));
    const jwt = ours!.auth!.replace('Bearer ', '');
    const sdk = decode(theirs.auth!.replace('Bearer ', ''));
    const mine = decode(jwt);
    expect(mine.header).toEqual(sdk.header);
    expect(mine.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: KEY_ID });
    const { iat, exp, ...claims } = mine.claims;
    const { iat: _, exp: __, ...sdkClaims } = sdk.claims;
    expect(claims).toEqual(sdkClaims);
    expect(claims).toEqual({ iss: EMAIL, sub: EMAIL, scope: DRIVE });
    expect(Number(exp) - Number(iat)).toBe(3600);
    expect(signedByKey(jwt)).toBe(true);
    const ticket = await new OAuth2Client().verifySignedJwtWithCertsAsync(jwt, { [KEY_ID]: PUBLIC_PEM }, undefined, [EMAIL]);
    expect(ticket.getPayload()).toMatchObject({ iss: EMAIL, scope: DRIVE });
  });

  it("asks for each service's own scopes: a Sheets service account's JWT carries spreadsheets and drive.file", async () => {
    const execution = await runNode(engine, {
      type: googleSheets.node.type,
      parameters: { resource: 'range', operation: 'read', spreadsheetId: 'ss1', sheet: 'Leads', range: 'A1:B1' },
      credentials: { googleSheetsServiceAccount: 'sheets-robot' },
    });
    expect(execution.error?.message).toBeUndefined();
    const [request] = await vendorOf.take();
    expect(decode(request!.auth!.replace('Bearer ', '')).claims['scope']).toBe(SHEETS.join(' '));
    expect(decode((await sdkJwt(SHEETS)).auth!.replace('Bearer ', '')).claims['scope']).toBe(SHEETS.join(' '));
  });

  it('tests a service account with a signed request to Drive', async () => {
    expect(await engine.credentials.test('robot')).toMatchObject({ ok: true, status: 200 });
    expect((await vendorOf.take()).map((r) => [r.path, r.query])).toEqual([['/drive/v3/about', { fields: 'user' }]]);
  });

  it('takes a key copied with its newlines written as \\n, as the JSON key file holds it', async () => {
    const escaped = await vendorOf.startEngine({
      credentials: [{ id: 'robot', type: 'googleDriveServiceAccount', data: serviceAccount({ privateKey: PEM.replace(/\n/g, '\\n') }) }],
    });
    expect(await escaped.credentials.test('robot')).toMatchObject({ ok: true });
    await vendorOf.take();
  });

  it('refuses a service account whose key is not a PEM private key, naming the field', async () => {
    await expect(
      engine.credentials.create({
        name: 'broken',
        type: 'googleDriveServiceAccount',
        data: serviceAccount({ privateKey: 'MIIEvQIBADANBg' }),
      }),
    ).rejects.toThrow(/privateKey.*must be the PEM key of the JSON key file/s);
  });
});

describe('Google credential family', () => {
  it('gives every service its own OAuth2 and service account types, each sent only to its own hosts', () => {
    const family = [
      googleDriveOAuth2,
      googleDriveServiceAccount,
      googleSheetsOAuth2,
      googleSheetsServiceAccount,
      gmailOAuth2,
      googleAnalyticsOAuth2,
      googleAnalyticsServiceAccount,
    ];
    expect(family.map((t) => [t.name, t.allowedHosts])).toEqual([
      ['googleDriveOAuth2Api', ['www.googleapis.com']],
      ['googleDriveServiceAccount', ['www.googleapis.com']],
      ['googleSheetsOAuth2Api', ['sheets.googleapis.com', 'www.googleapis.com']],
      ['googleSheetsServiceAccount', ['sheets.googleapis.com', 'www.googleapis.com']],
      ['gmailOAuth2Api', ['gmail.googleapis.com']],
      ['googleAnalyticsOAuth2Api', ['analyticsdata.googleapis.com']],
      ['googleAnalyticsServiceAccount', ['analyticsdata.googleapis.com']],
    ]);
    expect([googleDrive, googleSheets, gmail, googleAnalytics].map((s) => s.definition.credentials.map((c) => c.name))).toEqual([
      ['googleDriveOAuth2Api', 'googleDriveServiceAccount'],
      ['googleSheetsOAuth2Api', 'googleSheetsServiceAccount'],
      ['gmailOAuth2Api'],
      ['googleAnalyticsOAuth2Api', 'googleAnalyticsServiceAccount'],
    ]);
  });
});
