import { describe, expect, it } from 'vitest';
import { fromBase64Url, toBase64Url } from './base64url.js';
import { openBlob, parseBlob, sealBlob } from './credential-cipher.js';
import { CredentialError } from './credential.error.js';
import { rawKeyProvider } from './keys/raw-key-provider.js';

const keyA = rawKeyProvider({ key: new Uint8Array(32).fill(1), id: 'a' });
const binding = { tenantId: 'acme', credentialId: 'cred-1' };
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytes = (s: string) => new TextEncoder().encode(s);

async function rejection(p: Promise<unknown>): Promise<CredentialError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CredentialError);
  return error as CredentialError;
}

describe('credential blobs', () => {
  it('round-trips a secret and never stores it in the clear', async () => {
    const blob = await sealBlob(bytes('{"token":"s3cr3t-value"}'), keyA, binding);
    expect(blob).toMatch(/^fl1\.a\.[\w-]{32}\.[\w-]+$/);
    expect(blob).not.toContain('s3cr3t');
    expect(text(await openBlob(blob, keyA, binding))).toBe('{"token":"s3cr3t-value"}');
  });

  it('rejects a tampered ciphertext', async () => {
    const blob = await sealBlob(bytes('secret'), keyA, binding);
    const parts = blob.split('.');
    const ct = fromBase64Url(parts[3]!)!;
    ct[0] = ct[0]! ^ 1;
    const tampered = [...parts.slice(0, 3), toBase64Url(ct)].join('.');
    const error = await rejection(openBlob(tampered, keyA, binding));
    expect(error.code).toBe('CREDENTIAL_DECRYPT_FAILED');
    expect(error.message).toContain("Credential 'cred-1' of tenant 'acme' could not be decrypted");
  });

  it('rejects a blob opened with the wrong key under the same id', async () => {
    const blob = await sealBlob(bytes('secret'), keyA, binding);
    const impostor = rawKeyProvider({ key: new Uint8Array(32).fill(2), id: 'a' });
    expect((await rejection(openBlob(blob, impostor, binding))).code).toBe('CREDENTIAL_DECRYPT_FAILED');
  });

  it('names the key when a blob was written with a key the provider does not hold', async () => {
    const blob = await sealBlob(bytes('secret'), keyA, binding);
    const other = rawKeyProvider({ key: new Uint8Array(32).fill(1), id: 'b' });
    const error = await rejection(openBlob(blob, other, binding));
    expect(error.code).toBe('CREDENTIAL_KEY_UNKNOWN');
    expect(error.message).toContain("Key 'a'");
  });

  it('rejects a blob moved to another credential id', async () => {
    const blob = await sealBlob(bytes('secret'), keyA, binding);
    expect((await rejection(openBlob(blob, keyA, { ...binding, credentialId: 'cred-2' }))).code).toBe('CREDENTIAL_DECRYPT_FAILED');
  });

  it('rejects a blob moved to another tenant', async () => {
    const blob = await sealBlob(bytes('secret'), keyA, binding);
    expect((await rejection(openBlob(blob, keyA, { ...binding, tenantId: 'globex' }))).code).toBe('CREDENTIAL_DECRYPT_FAILED');
  });

  it('rejects a blob whose key reference was relabelled', async () => {
    const blob = await sealBlob(bytes('secret'), keyA, binding);
    const ring = rawKeyProvider({ key: new Uint8Array(32).fill(1), id: 'c' });
    const relabelled = blob.replace(/^fl1\.a\./, 'fl1.c.');
    expect((await rejection(openBlob(relabelled, ring, binding))).code).toBe('CREDENTIAL_DECRYPT_FAILED');
  });

  it('says what is wrong with a blob of another format or a damaged one', async () => {
    expect((await rejection(openBlob('fl9.a.b.c', keyA, binding))).message).toContain("unknown format (version 'fl9')");
    expect((await rejection(openBlob('fl1.a.short.x', keyA, binding))).code).toBe('CREDENTIAL_BLOB_INVALID');
    expect(() => parseBlob('plain text', 'x')).toThrow(/unknown format/);
  });

  it('never reuses a nonce across 100,000 writes', async () => {
    const seen = new Set<string>();
    const plaintext = bytes('x');
    for (let i = 0; i < 100_000; i++) {
      const blob = await sealBlob(plaintext, keyA, binding);
      seen.add(blob.split('.')[2]!);
    }
    expect(seen.size).toBe(100_000);
  });
});
