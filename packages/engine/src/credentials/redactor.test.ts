import { describe, expect, it } from 'vitest';
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
