import { gcm } from '@noble/ciphers/aes.js';
import { describe, expect, it } from 'vitest';
import { openBlob, sealBlob } from '../credential-cipher.js';
import { CredentialError } from '../credential.error.js';
import { keyRing } from './key-ring.js';
import { kmsKeyProvider } from './kms-key-provider.js';
import { passphraseKeyProvider } from './passphrase-key-provider.js';
import { rawKeyProvider } from './raw-key-provider.js';

const bytes = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array) => new TextDecoder().decode(b);
const binding = { tenantId: 't1', credentialId: 'c1' };
const cheap = { N: 2 ** 10, r: 8, p: 1 };

/** A small in-process KMS: the master key stays here; data keys are wrapped with AES-256-GCM. */
function localKms(master: Uint8Array) {
  let wraps = 0;
  let unwraps = 0;
  return {
    counts: () => ({ wraps, unwraps }),
    async wrapKey(dataKey: Uint8Array, { tenantId }: { tenantId: string }) {
      wraps++;
      const nonce = crypto.getRandomValues(new Uint8Array(12));
      const sealed = gcm(master, nonce, bytes(tenantId)).encrypt(dataKey);
      return new Uint8Array([...nonce, ...sealed]);
    },
    async unwrapKey(wrapped: Uint8Array, { tenantId }: { tenantId: string }) {
      unwraps++;
      return gcm(master, wrapped.slice(0, 12), bytes(tenantId)).decrypt(wrapped.slice(12));
    },
  };
}

/** A KMS key provider over a fresh local KMS. */
function kmsOver(master: Uint8Array) {
  const { wrapKey, unwrapKey } = localKms(master);
  return kmsKeyProvider({ wrapKey, unwrapKey });
}

describe('key providers', () => {
  it('derives a different data key for each tenant from one raw key', async () => {
    const p = rawKeyProvider({ key: new Uint8Array(32).fill(7) });
    const a = await p.encryptionKey('a');
    const b = await p.encryptionKey('b');
    expect(a.key).not.toEqual(b.key);
    expect(a.ref).toBe('raw');
  });

  it('refuses a raw key that is not 32 bytes', () => {
    expect(() => rawKeyProvider({ key: new Uint8Array(16) })).toThrow(/32 bytes.*16 bytes/);
  });

  it('stretches a passphrase with scrypt: the same passphrase and salt open, another passphrase does not', async () => {
    const salt = 'flowloom-test-salt-0001';
    const p1 = passphraseKeyProvider({ passphrase: 'correct horse battery', salt, cost: cheap });
    const blob = await sealBlob(bytes('secret'), p1, binding);
    const again = passphraseKeyProvider({ passphrase: 'correct horse battery', salt, cost: cheap });
    expect(text(await openBlob(blob, again, binding))).toBe('secret');
    const wrong = passphraseKeyProvider({ passphrase: 'incorrect horse battery', salt, cost: cheap });
    await expect(openBlob(blob, wrong, binding)).rejects.toMatchObject({ code: 'CREDENTIAL_DECRYPT_FAILED' });
  });

  it('refuses a short salt', () => {
    expect(() => passphraseKeyProvider({ passphrase: 'long enough pass', salt: 'short' })).toThrow(/salt must be at least 16/);
  });

  it('wraps one data key per tenant with the KMS and unwraps it once per process', async () => {
    const kms = localKms(new Uint8Array(32).fill(9));
    const writer = kmsKeyProvider({ id: 'kms1', wrapKey: kms.wrapKey, unwrapKey: kms.unwrapKey });
    const blobs = await Promise.all([1, 2, 3].map((i) => sealBlob(bytes(`s${i}`), writer, { tenantId: 't1', credentialId: `c${i}` })));
    await sealBlob(bytes('other'), writer, { tenantId: 't2', credentialId: 'c1' });
    expect(kms.counts().wraps).toBe(2);
    expect(blobs[0]).toMatch(/^fl1\.kms1~[\w-]+\./);
    // A fresh process (new provider over the same KMS) unwraps the tenant's key once for all its blobs.
    const reader = kmsKeyProvider({ id: 'kms1', wrapKey: kms.wrapKey, unwrapKey: kms.unwrapKey });
    const opened = await Promise.all(blobs.map((b, i) => openBlob(b!, reader, { tenantId: 't1', credentialId: `c${i + 1}` })));
    expect(opened.map(text)).toEqual(['s1', 's2', 's3']);
    expect(kms.counts().unwraps).toBe(1);
  });

  it('fails clearly when the KMS cannot unwrap (another master key)', async () => {
    const blob = await sealBlob(bytes('x'), kmsOver(new Uint8Array(32).fill(1)), binding);
    const other = kmsOver(new Uint8Array(32).fill(2));
    await expect(openBlob(blob, other, binding)).rejects.toThrow();
  });

  it('reads blobs of every key in a ring and writes with the first', async () => {
    const oldKey = rawKeyProvider({ key: new Uint8Array(32).fill(1), id: 'k1' });
    const newKey = rawKeyProvider({ key: new Uint8Array(32).fill(2), id: 'k2' });
    const old = await sealBlob(bytes('old'), oldKey, binding);
    const ring = keyRing(newKey, oldKey);
    expect(text(await openBlob(old, ring, binding))).toBe('old');
    expect(await sealBlob(bytes('new'), ring, binding)).toMatch(/^fl1\.k2\./);
    const error = await openBlob(old, keyRing(newKey), binding).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as CredentialError).message).toContain("Key 'k1' is not among the configured keys ('k2')");
  });
});
