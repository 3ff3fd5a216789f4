import { describe, expect, it } from 'vitest';
import { FlowloomError } from '../errors/flowloom.error.js';
import { OptionError } from '../errors/option.error.js';
import { checkOptions, closestName, type OptionSpec } from './check-options.js';

interface PoolOptions {
  size?: number;
  name?: string;
  limits?: { memoryMb?: number; timeoutMs?: number };
  onError?: (error: unknown) => void;
}

const POOL: OptionSpec<PoolOptions> = { size: true, name: true, limits: { memoryMb: true, timeoutMs: true }, onError: true };

function refusal(options: unknown): OptionError {
  try {
    checkOptions('createPool', options as PoolOptions, POOL);
  } catch (error) {
    if (error instanceof OptionError) return error;
    throw error;
  }
  throw new Error('expected the options to be refused');
}

describe('checkOptions', () => {
  it('accepts known keys, at every level, and options left out', () => {
    expect(() => checkOptions('createPool', { size: 2, limits: { memoryMb: 64 }, onError: () => {} }, POOL)).not.toThrow();
    expect(() => checkOptions('createPool', undefined, POOL)).not.toThrow();
    expect(() => checkOptions('createPool', {}, POOL)).not.toThrow();
  });

  it('refuses an unknown key, naming the function, the key, the known keys and the closest one', () => {
    const error = refusal({ sise: 2 });
    expect(error).toBeInstanceOf(FlowloomError);
    expect(error).toMatchObject({ code: 'UNKNOWN_OPTION', where: 'createPool', option: 'sise' });
    expect(error.message).toBe("createPool: unknown option 'sise'. Known options: size, name, limits, onError. Did you mean 'size'?");
  });

  it('suggests nothing when no known key is close', () => {
    expect(refusal({ colour: 'red' }).message).toBe("createPool: unknown option 'colour'. Known options: size, name, limits, onError.");
  });

  it('refuses an unknown key inside a nested options object, by its dotted path', () => {
    const error = refusal({ limits: { memoryMB: 64 } });
    expect(error.option).toBe('limits.memoryMB');
    expect(error.message).toBe(
      "createPool: unknown option 'limits.memoryMB'. Known options of 'limits': memoryMb, timeoutMs. Did you mean 'limits.memoryMb'?",
    );
  });

  it('refuses an unknown key even when its value is undefined', () => {
    expect(refusal({ size: 1, tenantId: undefined }).option).toBe('tenantId');
  });

  it('refuses options that are not an object', () => {
    expect(refusal('fast')).toMatchObject({ code: 'OPTIONS_INVALID', message: 'createPool: expected an options object, got "fast".' });
    expect(refusal([1])).toMatchObject({ code: 'OPTIONS_INVALID' });
  });

  it('does not look into values that are not plain objects', () => {
    class Limits {
      extra = 1;
    }
    expect(() => checkOptions('createPool', { limits: new Limits() as never }, POOL)).not.toThrow();
  });

  it('finds the closest name case-insensitively, within a third of the length', () => {
    expect(closestName('tenantId', ['tenants', 'allTenants', 'maxAgeMs'])).toBe('tenants');
    expect(closestName('MAXCOUNT', ['maxCount'])).toBe('maxCount');
    expect(closestName('x', ['maxCount'])).toBeUndefined();
  });

  it('is typed so a spec must list exactly the keys of its options type', () => {
    // @ts-expect-error a spec that misses a key of its type does not compile
    const missing: OptionSpec<PoolOptions> = { size: true, name: true, limits: true };
    // @ts-expect-error a spec that names a key its type lacks does not compile
    const extra: OptionSpec<PoolOptions> = { size: true, name: true, limits: true, onError: true, colour: true };
    // @ts-expect-error a nested spec is checked against the nested type too
    const nested: OptionSpec<PoolOptions> = { size: true, name: true, limits: { memoryMb: true }, onError: true };
    expect([missing, extra, nested]).toHaveLength(3);
  });
});
