import { execFileSync } from 'node:child_process';
import { constants, createHmac, createPrivateKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestClock } from '../../../testing/test-clock.js';
import { tryNode } from '../../../testing/node-test-harness.js';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const nowSeconds = NOW / 1000;
const run = (parameters: Record<string, unknown>, input: Record<string, unknown>[] = [{}]) =>
  tryNode('core.jwt', parameters, input, { clock: createTestClock({ start: NOW }) });

const b64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const partsOf = (token: string) => {
  const [h, p, s] = token.split('.') as [string, string, string];
  return {
    signingInput: `${h}.${p}`,
    header: JSON.parse(Buffer.from(h, 'base64url').toString()) as Record<string, unknown>,
    payload: JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>,
    signature: Buffer.from(s, 'base64url'),
  };
};

/** A token made with node:crypto alone, to check the node's verification against. */
function hs256Token(payload: Record<string, unknown>, secret: string, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) {
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(payload))}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

const rsa = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const ec = generateKeyPairSync('ec', {
  namedCurve: 'P-256',
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});
const ed = generateKeyPairSync('ed25519', {
  publicKeyEncoding: { type: 'spki', format: 'pem' },
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
});

describe('JWT: sign', () => {
  it('signs HS256 tokens whose signature node:crypto recomputes, with the claims and the engine clock', async () => {
    const { json, error } = await run({
      secret: 'correct horse battery staple',
      payload: { userId: 42, roles: ['admin'] },
      expiresIn: 3600,
      issuer: 'flowloom',
      audience: 'api, web',
      keyId: 'k1',
    });
    expect(error).toBeUndefined();
    const token = json[0]!.token as string;
    const t = partsOf(token);
    expect(t.header).toEqual({ alg: 'HS256', typ: 'JWT', kid: 'k1' });
    expect(t.payload).toEqual({
      userId: 42,
      roles: ['admin'],
      iat: nowSeconds,
      exp: nowSeconds + 3600,
      iss: 'flowloom',
      aud: ['api', 'web'],
    });
    expect(t.signature.equals(createHmac('sha256', 'correct horse battery staple').update(t.signingInput).digest())).toBe(true);
  });

  it('takes the payload as JSON text, per item', async () => {
    const { json } = await run({ secret: 's', algorithm: 'HS512', payload: '{"id": {{ $json.id }}}', issuedAt: false }, [
      { id: 1 },
      { id: 2 },
    ]);
    const second = partsOf(json[1]!.token as string);
    expect(second.payload).toEqual({ id: 2 });
    expect(second.signature.equals(createHmac('sha512', 's').update(second.signingInput).digest())).toBe(true);
  });

  it.each([
    ['RS256', rsa, (input: string, sig: Buffer) => verify('RSA-SHA256', Buffer.from(input), rsa.publicKey, sig)],
    [
      'PS256',
      rsa,
      (input: string, sig: Buffer) =>
        verify('sha256', Buffer.from(input), { key: rsa.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, sig),
    ],
    [
      'ES256',
      ec,
      (input: string, sig: Buffer) => verify('sha256', Buffer.from(input), { key: ec.publicKey, dsaEncoding: 'ieee-p1363' }, sig),
    ],
    ['EdDSA', ed, (input: string, sig: Buffer) => verify(null, Buffer.from(input), ed.publicKey, sig)],
  ] as const)('signs %s tokens that node:crypto verifies with the public key', async (algorithm, pair, check) => {
    const { json, error } = await run({ algorithm, privateKey: pair.privateKey, payload: { sub: 'x' } });
    expect(error).toBeUndefined();
    const t = partsOf(json[0]!.token as string);
    expect(t.header.alg).toBe(algorithm);
    expect(check(t.signingInput, t.signature)).toBe(true);
  });

  it('names the parameter when the secret or the key is missing or in the wrong form', async () => {
    expect((await run({ payload: {} })).error?.message).toBe(
      "Node 'Node': parameter 'secret' is required for HMAC algorithms (HS256, HS384, HS512) (item 0).",
    );
    expect((await run({ algorithm: 'RS256' })).error?.message).toMatch(/parameter 'privateKey' is required to sign with RS256/);
    const pkcs1 = createPrivateKey(rsa.privateKey).export({ type: 'pkcs1', format: 'pem' }) as string;
    expect((await run({ algorithm: 'RS256', privateKey: pkcs1 })).error?.message).toMatch(
      /parameter 'privateKey' holds a PKCS#1 RSA key; give it as PKCS#8/,
    );
    expect((await run({ secret: 's', payload: '[1,2]' })).error?.message).toMatch(
      /parameter 'payload' must be an object or JSON text of one, got an array of 2/,
    );
  });
});

describe('JWT: decode and verify', () => {
  it('decodes a token without a key, alone or with header and signature', async () => {
    const token = hs256Token({ sub: 'u1', n: 1 }, 'whatever');
    expect((await run({ operation: 'decode', token })).json).toEqual([{ sub: 'u1', n: 1 }]);
    const { json } = await run({ operation: 'decode', token, complete: true });
    expect(json[0]).toEqual({ header: { alg: 'HS256', typ: 'JWT' }, payload: { sub: 'u1', n: 1 }, signature: token.split('.')[2] });
  });

  it('verifies an HS256 token made with node:crypto, and refuses it with another secret', async () => {
    const token = hs256Token({ sub: 'u1', exp: nowSeconds + 60 }, 'shared');
    expect((await run({ operation: 'verify', token, secret: 'shared' })).json).toEqual([{ sub: 'u1', exp: nowSeconds + 60 }]);
    const { error } = await run({ operation: 'verify', token, secret: 'other' });
    expect(error?.code).toBe('JWT_INVALID');
    expect(error?.message).toBe("Node 'Node': the token in parameter 'token' has a signature that does not match the secret (item 0).");
  });

  it('verifies an RS256 token signed by node:crypto, with the public key or the private key', async () => {
    const input = `${b64url(JSON.stringify({ alg: 'RS256' }))}.${b64url(JSON.stringify({ sub: 'svc' }))}`;
    const token = `${input}.${sign('RSA-SHA256', Buffer.from(input), rsa.privateKey).toString('base64url')}`;
    expect((await run({ operation: 'verify', algorithm: 'RS256', token, publicKey: rsa.publicKey })).json).toEqual([{ sub: 'svc' }]);
    expect((await run({ operation: 'verify', algorithm: 'RS256', token, privateKey: rsa.privateKey })).json).toEqual([{ sub: 'svc' }]);
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    }).publicKey;
    expect((await run({ operation: 'verify', algorithm: 'RS256', token, publicKey: other })).error?.code).toBe('JWT_INVALID');
  });

  it('verifies with an X.509 certificate made by openssl', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flowloom-jwt-'));
    try {
      writeFileSync(join(dir, 'key.pem'), rsa.privateKey);
      execFileSync('openssl', [
        'req',
        '-new',
        '-x509',
        '-key',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=flowloom-test',
      ]);
      const certificate = readFileSync(join(dir, 'cert.pem'), 'utf8');
      const { json } = await run({ algorithm: 'RS384', privateKey: rsa.privateKey, payload: { a: 1 }, issuedAt: false });
      const verified = await run({ operation: 'verify', algorithm: 'RS384', token: json[0]!.token, publicKey: certificate });
      expect(verified.error).toBeUndefined();
      expect(verified.json).toEqual([{ a: 1 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses expired and not-yet-valid tokens by the engine clock, unless told to ignore them or within the tolerance', async () => {
    const expired = hs256Token({ exp: nowSeconds - 10 }, 'k');
    expect((await run({ operation: 'verify', token: expired, secret: 'k' })).error?.message).toBe(
      `Node 'Node': the token in parameter 'token' expired at ${new Date((nowSeconds - 10) * 1000).toISOString()} (item 0).`,
    );
    expect((await run({ operation: 'verify', token: expired, secret: 'k', ignoreExpiration: true })).error).toBeUndefined();
    expect((await run({ operation: 'verify', token: expired, secret: 'k', clockTolerance: 30 })).error).toBeUndefined();
    const early = hs256Token({ nbf: nowSeconds + 100 }, 'k');
    expect((await run({ operation: 'verify', token: early, secret: 'k' })).error?.message).toMatch(
      /is not valid before 2026-03-01T12:01:40\.000Z/,
    );
    expect((await run({ operation: 'verify', token: early, secret: 'k', ignoreNotBefore: true })).error).toBeUndefined();
  });

  it('checks issuer and audience when given', async () => {
    const token = hs256Token({ iss: 'a', aud: ['x', 'y'] }, 'k');
    expect((await run({ operation: 'verify', token, secret: 'k', issuer: 'a', audience: 'y' })).error).toBeUndefined();
    expect((await run({ operation: 'verify', token, secret: 'k', issuer: 'b' })).error?.message).toMatch(/was issued by "a", not "b"/);
    expect((await run({ operation: 'verify', token, secret: 'k', audience: 'z' })).error?.message).toMatch(
      /is for audience \["x","y"\], not "z"/,
    );
  });

  it('refuses a token signed with another algorithm than the one configured (no "none", no key confusion)', async () => {
    const none = `${b64url(JSON.stringify({ alg: 'none' }))}.${b64url(JSON.stringify({ admin: true }))}.`;
    expect((await run({ operation: 'verify', token: none, secret: 'k' })).error?.message).toMatch(
      /is signed with "none", but parameter 'algorithm' expects HS256/,
    );
    // An HS256 token keyed with the RSA public key text must not pass as RS256.
    const confused = hs256Token({ admin: true }, rsa.publicKey);
    expect((await run({ operation: 'verify', algorithm: 'RS256', token: confused, publicKey: rsa.publicKey })).error?.code).toBe(
      'JWT_INVALID',
    );
  });

  it('names the parameter when the token is not a token', async () => {
    expect((await run({ operation: 'decode', token: 'abc' })).error?.message).toBe(
      "Node 'Node': parameter 'token' is not a JSON Web Token: it has 1 part where a signed token has 3 (item 0).",
    );
    expect((await run({ operation: 'decode', token: 'a.b.c' })).error?.message).toMatch(/its header is not base64url-encoded JSON/);
    expect((await run({ operation: 'verify', token: '' })).error?.message).toMatch(/parameter 'token' is empty/);
  });
});
