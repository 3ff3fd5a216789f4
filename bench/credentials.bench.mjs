// Credential encryption: sealing and opening 1 KB credentials (XChaCha20-Poly1305
// from @noble/ciphers, with the blob format, associated data and per-tenant
// keys), beside WebCrypto's AES-256-GCM (native code) doing a bare
// encrypt+decrypt of the same 1 KB in the same run.
import { webcrypto } from 'node:crypto';
import { CredentialsManager, Redactor, createMemoryStorage, openBlob, rawKeyProvider, sealBlob } from '../packages/engine/dist/index.js';
import { fmt, row, section, time } from './lib.mjs';

const BATCH = 1000;
const payload = new TextEncoder().encode(JSON.stringify({ token: 'x'.repeat(1000) }).slice(0, 1024));
const keys = rawKeyProvider({ key: webcrypto.getRandomValues(new Uint8Array(32)) });
const binding = { tenantId: 'acme', credentialId: 'cred-1' };

async function noble() {
  for (let i = 0; i < BATCH; i++) await openBlob(await sealBlob(payload, keys, binding), keys, binding);
}

const aesKey = await webcrypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
async function webCryptoGcm() {
  for (let i = 0; i < BATCH; i++) {
    const iv = webcrypto.getRandomValues(new Uint8Array(12));
    const additionalData = new TextEncoder().encode('acme/cred-1');
    const sealed = await webcrypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData }, aesKey, payload);
    await webcrypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData }, aesKey, sealed);
  }
}

// The whole manager path: validate, JSON, seal and store (update), then load, open and parse (resolve).
const manager = new CredentialsManager({ store: createMemoryStorage().credentials, keyProvider: keys });
await manager.create({ id: 'c1', name: 'Bench', type: 'bearerToken', data: { token: 'y'.repeat(1000), allowedDomains: ['*'] } });
async function managerRoundTrip() {
  for (let i = 0; i < BATCH; i++) {
    await manager.update('c1', { data: { token: `${i}`.padEnd(1000, 'y') } });
    await manager.resolve('c1', { tenantId: 'default' });
  }
}

section(`Credentials: encrypt + decrypt of 1 KB, ${fmt(BATCH)} per sample`);
const ref = await time(webCryptoGcm);
const ms = await time(noble);
row(
  'sealBlob + openBlob (XChaCha20-Poly1305)',
  ms,
  ref,
  `${fmt((BATCH / ms) * 1000)} per s; WebCrypto AES-GCM ${fmt((BATCH / ref) * 1000)} per s`,
);
const full = await time(managerRoundTrip);
row('manager.update + manager.resolve', full, ref, `${fmt((BATCH / full) * 1000)} per s`);

// Redaction: what a run that knows three secrets pays per recorded node run, for
// a 1,000-item input and output (no secret in them, the common case) and for a
// 1 MiB file (decoded and scanned), beside JSON.stringify of the same record,
// which storage pays anyway.
const secrets = ['sk-live-4242-very-secret', 'hdr-SECRET-0f1e2d3c', 'pw-SECRET-7654321'];
const redactorFor = () => {
  const redactor = new Redactor();
  redactor.add(secrets);
  return redactor;
};
const items = Array.from({ length: 1000 }, (_, i) => ({
  json: { id: i, name: `Customer ${i}`, email: `customer${i}@example.com`, tags: ['a', 'b'], address: { city: 'Lyon', zip: '69001' } },
}));
const itemsRecord = { input: { main: items }, output: { main: items } };
const file = Buffer.alloc(1024 * 1024).map((_, i) => (i * 2654435761) >>> 24);
const fileRecord = {
  output: {
    main: [{ json: {}, binary: { data: { mimeType: 'application/octet-stream', fileSize: file.length, data: file.toString('base64') } } }],
  },
};

section('Redaction: a run with three secrets');
const redactor = redactorFor();
row(
  'redact 1,000 items (input + output)',
  await time(() => redactor.redact(itemsRecord)),
  await time(() => JSON.stringify(itemsRecord)),
  'reference: JSON.stringify',
);
// A new redactor each time (its building included): one redactor scans a given file once and reuses the result.
row(
  'redact a 1 MiB file',
  await time(() => redactorFor().redact(fileRecord)),
  await time(() => JSON.stringify(fileRecord)),
  'reference: JSON.stringify',
);
