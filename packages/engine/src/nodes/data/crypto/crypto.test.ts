import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { cryptoNode } from './crypto.js';

describe('Crypto', () => {
  it('hashes text with each algorithm', async () => {
    const run = async (algorithm: string) => (await tryNode('core.crypto', { algorithm, value: 'abc' }, [{}])).json[0]!.data;
    expect(await run('MD5')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(await run('SHA1')).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(await run('SHA256')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await run('SHA3-256')).toBe('3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532');
  });

  it('signs with HMAC and writes base64 to the chosen field', async () => {
    const { json } = await tryNode(
      'core.crypto',
      {
        action: 'hmac',
        algorithm: 'SHA256',
        secret: 'key',
        value: 'The quick brown fox jumps over the lazy dog',
        encoding: 'base64',
        dataPropertyName: 'sig',
      },
      [{ id: 1 }],
    );
    expect(json[0]).toEqual({ id: 1, sig: '97yD9DBThCSxMpjmqm+xQ+9NWaFJRhdZl0edvC0aPNg=' });
  });

  it('signs with an empty secret as an empty HMAC key, text or file', async () => {
    const text = await tryNode('core.crypto', { action: 'hmac', algorithm: 'SHA256', secret: '', value: 'v0:1700000000:{}' }, [{}]);
    expect(text.json[0]!.data).toBe(createHmac('sha256', '').update('v0:1700000000:{}').digest('hex'));
    const bytes = Buffer.from('{"event":"row_added"}');
    const file = await callNode(
      cryptoNode,
      { action: 'hmac', algorithm: 'SHA512', secret: '', binaryData: true, encoding: 'base64' },
      { main: [{ json: {}, binary: { data: { mimeType: 'application/json', data: bytes.toString('base64') } } }] },
    );
    expect(file.main?.[0]?.json.data).toBe(createHmac('sha512', '').update(bytes).digest('base64'));
    // Keyed, not a plain hash: the empty key still changes the digest.
    expect(text.json[0]!.data).not.toBe(createHash('sha256').update('v0:1700000000:{}').digest('hex'));
  });

  it('hashes a file of the item', async () => {
    const out = await callNode(
      cryptoNode,
      { binaryData: true, algorithm: 'MD5' },
      { main: [{ json: {}, binary: { data: { mimeType: 'text/plain', data: 'YWJj' } } }] },
    );
    expect(out.main?.[0]?.json.data).toBe('900150983cd24fb0d6963f7d28e17f72');
  });

  it('generates UUIDs and random strings', async () => {
    const { json } = await tryNode('core.crypto', { action: 'generate' }, [{}, {}]);
    expect(json[0]!.data).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(json[0]!.data).not.toBe(json[1]!.data);
    const hex = await tryNode('core.crypto', { action: 'generate', generateType: 'hex', length: 10 }, [{}]);
    expect(hex.json[0]!.data).toMatch(/^[0-9a-f]{10}$/);
  });

  it('names the parameter when the value, secret or file is missing', async () => {
    expect((await tryNode('core.crypto', {}, [{}])).error?.message).toMatch(/parameter 'value' is required to hash/);
    expect((await tryNode('core.crypto', { action: 'hmac', value: 'x' }, [{}])).error?.message).toMatch(
      /parameter 'secret' is required for HMAC \(give '' to sign with an empty key\)/,
    );
    expect((await tryNode('core.crypto', { binaryData: true }, [{}])).error?.message).toMatch(
      /parameter 'binaryProperty' names 'data', but the item has no file/,
    );
  });

  it('refuses an unknown algorithm before running', async () => {
    await expect(tryNode('core.crypto', { algorithm: 'CRC32', value: 'x' }, [{}])).rejects.toThrow(/parameter 'algorithm'/);
  });

  it('outputs nothing for empty input', async () => {
    expect(await callNode(cryptoNode, { value: 'x' }, { main: [] })).toEqual({ main: [] });
  });
});
