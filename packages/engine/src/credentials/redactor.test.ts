import { describe, expect, it } from 'vitest';
import { encodedForms, secretLeaks } from '../testing/secret-leaks.node.js';
import { REDACTED, Redactor } from './redactor.js';

describe('Redactor', () => {
  it('replaces secrets in strings and keys at any depth and leaves other values alone', () => {
    const r = new Redactor();
    r.add(['s3cret-value']);
    const input = { a: 'x s3cret-value y', list: [1, { deep: 's3cret-value' }], ['s3cret-value']: true, n: 5 };
    expect(r.redact(input)).toEqual({ a: `x ${REDACTED} y`, list: [1, { deep: REDACTED }], [REDACTED]: true, n: 5 });
    expect(input.a).toBe('x s3cret-value y');
  });

  it('returns the same objects when no secret occurs', () => {
    const r = new Redactor();
    r.add(['s3cret-value']);
    const clean = { a: { b: ['c'] } };
    expect(r.redact(clean)).toBe(clean);
  });

  it('catches the URL-encoded and JSON-escaped forms of a secret', () => {
    const r = new Redactor();
    r.add(['p@ss w"rd!']);
    expect(r.redactString('q=p%40ss%20w%22rd!')).toBe(`q=${REDACTED}`);
    expect(r.redactString('{"pw":"p@ss w\\"rd!"}')).toBe(`{"pw":"${REDACTED}"}`);
  });

  it('ignores values too short to redact safely', () => {
    const r = new Redactor();
    r.add(['abc']);
    expect(r.active).toBe(false);
    expect(r.redactString('abc')).toBe('abc');
  });

  it('redacts the longest secret first when one contains another', () => {
    const r = new Redactor();
    r.add(['token', 'token-extended']);
    expect(r.redactString('token-extended')).toBe(REDACTED);
  });

  it('redacts what goes through a wrapped logger', () => {
    const r = new Redactor();
    r.add(['s3cret-value']);
    const lines: unknown[] = [];
    const log = (m: string, d?: Record<string, unknown>) => void lines.push([m, d]);
    r.logger({ debug: log, info: log, warn: log, error: log }).warn('got s3cret-value', { v: 's3cret-value' });
    expect(lines).toEqual([[`got ${REDACTED}`, { v: REDACTED }]]);
  });
});

describe('Redactor, encoded secrets', () => {
  const secret = 'sk-live-4242-very-secret';
  const redactor = (...values: string[]) => {
    const r = new Redactor();
    r.add(values);
    return r;
  };
  // Bytes around the secret, so each of its positions in a base64 group meets varied neighbours.
  const around = (n: number, seed: number) => Buffer.from(Array.from({ length: n }, (_, i) => (seed * 97 + i * 61) & 255));

  it('replaces the base64, base64url and hex (either case) of a secret whole, as Node writes them', () => {
    const r = redactor(secret);
    for (const [name, form] of Object.entries(encodedForms(secret))) {
      if (name.includes('offset')) continue;
      expect([name, r.redactString(`before ${form} after`)]).toEqual([name, `before ${REDACTED} after`]);
    }
  });

  it('finds the base64 and base64url of a secret at every offset inside a longer encoded text', () => {
    const r = redactor(secret);
    for (const encoding of ['base64', 'base64url'] as const) {
      for (let before = 0; before < 6; before++) {
        for (let after = 0; after < 4; after++) {
          const text = Buffer.concat([around(before, after), Buffer.from(secret), around(after, before + 1)]).toString(encoding);
          const out = r.redactString(`{"data":"${text}"}`);
          expect(out, `${encoding}, ${before} bytes before, ${after} after`).toContain(REDACTED);
          expect(secretLeaks(out, secret), `${encoding}, ${before} bytes before, ${after} after`).toEqual([]);
        }
      }
    }
  });

  it('redacts every encoding of a secret of the minimum length, and nothing of a shorter value', () => {
    const r = redactor('k3y!', 'abc');
    for (let before = 0; before < 3; before++) {
      const bytes = Buffer.concat([around(before, 7), Buffer.from('k3y!'), around(2, 9)]);
      for (const encoding of ['base64', 'base64url', 'hex'] as const) {
        expect(secretLeaks(r.redactString(bytes.toString(encoding)), 'k3y!'), `${encoding} at ${before}`).toEqual([]);
      }
    }
    const short = Buffer.from('abc');
    for (const form of ['abc', short.toString('base64'), short.toString('hex')]) expect(r.redactString(form)).toBe(form);
  });

  it("replaces a secret in a file's bytes, encodes the file again and updates its size", () => {
    const body = Buffer.from(JSON.stringify({ headers: { 'x-api-key': secret, accept: '*/*' } }));
    const item = { json: {}, binary: { data: { mimeType: 'application/json', fileSize: body.length, data: body.toString('base64') } } };
    const out = redactor(secret).redact(item);
    const clean = Buffer.from(out.binary.data.data, 'base64');
    expect(JSON.parse(clean.toString('utf8'))).toEqual({ headers: { 'x-api-key': REDACTED, accept: '*/*' } });
    expect(out.binary.data.fileSize).toBe(clean.length);
    expect(out.binary.data.mimeType).toBe('application/json');
    expect(secretLeaks(JSON.stringify(out), secret)).toEqual([]);
    expect(item.binary.data.data).toBe(body.toString('base64'));
  });

  it('replaces encoded forms written into a file, whatever its base64 alphabet', () => {
    const forms = encodedForms(secret);
    const body = Buffer.from(`${forms.hex} ${forms['upper-case hex']} ${forms['base64 at offset 1']} ${forms['base64 at offset 2']}\n`);
    for (const encoding of ['base64', 'base64url'] as const) {
      const out = redactor(secret).redact({ mimeType: 'text/plain', data: body.toString(encoding) });
      const clean = Buffer.from(out.data, 'base64').toString('latin1');
      expect(clean.split(REDACTED)).toHaveLength(5);
      expect(secretLeaks(clean, secret)).toEqual([]);
    }
  });

  it("replaces a non-ASCII secret in a file's UTF-8 bytes", () => {
    const unicode = 'pässwörd-€-42';
    const body = Buffer.from(`user=ann;password=${unicode};`);
    const out = redactor(unicode).redact({ mimeType: 'text/plain', data: body.toString('base64') });
    expect(Buffer.from(out.data, 'base64').toString('utf8')).toBe(`user=ann;password=${REDACTED};`);
  });

  it('redacts data that is not base64 as text, and returns a file without secrets as it was', () => {
    const r = redactor(secret);
    expect(r.redact({ mimeType: 'text/plain', data: `plain ${secret}!` }).data).toBe(`plain ${REDACTED}!`);
    const clean = { mimeType: 'image/png', fileSize: 4, data: 'iVBORw==' };
    expect(r.redact(clean)).toBe(clean);
  });
});
