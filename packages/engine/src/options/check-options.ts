import { OptionError } from '../errors/option.error.js';
import { describeValue } from '../errors/describe-value.js';

/**
 * The keys an options type accepts, written as an object with every key of
 * `T`: `true` accepts any value, a nested spec also checks the keys of a
 * plain object given there. Declaring a spec with this type makes the
 * compiler refuse a spec that misses a key of `T` or names one `T` lacks, so
 * an option added to the interface cannot be forgotten here.
 *
 * @example
 * const CLOSE_OPTIONS: OptionSpec<CloseOptions> = { cancelRunning: true, graceMs: true };
 */
export type OptionSpec<T> = { readonly [K in keyof T]-?: true | OptionSpec<NonNullable<T[K]>> };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Edit distance between two short names, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known key closest to `key`, when one is close enough to be a likely typo. */
export function closestName(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === lower ? 0 : distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(key.length / 3)) ? best : undefined;
}

function unknownOption(where: string, parent: string, key: string, known: readonly string[]): OptionError {
  const path = parent ? `${parent}.${key}` : key;
  const list = known.length > 0 ? known.join(', ') : 'none';
  const suggestion = closestName(key, known);
  const message =
    `${where}: unknown option '${path}'. ` +
    `${parent ? `Known options of '${parent}'` : 'Known options'}: ${list}.` +
    (suggestion ? ` Did you mean '${parent ? `${parent}.` : ''}${suggestion}'?` : '');
  return new OptionError('UNKNOWN_OPTION', where, path, message);
}

function check(where: string, value: Record<string, unknown>, spec: Readonly<Record<string, unknown>>, parent: string): void {
  const known = Object.keys(spec);
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(spec, key)) throw unknownOption(where, parent, key, known);
    const nested = spec[key];
    const given = value[key];
    if (nested !== true && typeof nested === 'object' && nested !== null && isPlainObject(given)) {
      check(where, given, nested as Record<string, unknown>, parent ? `${parent}.${key}` : key);
    }
  }
}

/**
 * Refuses an options object holding a key its function does not know, with
 * an `OptionError` (`UNKNOWN_OPTION`) naming the function, the key, the keys
 * it accepts and the closest one. `undefined` (options left out) passes.
 * Only keys are checked; nested specs are followed into plain objects.
 *
 * Every public function of Flowloom that takes options checks them with
 * this; adapters and host code may do the same for theirs.
 *
 * @example
 * checkOptions('openMyStorage', options, MY_STORAGE_OPTIONS);
 */
export function checkOptions<T>(where: string, options: T | undefined, spec: OptionSpec<T>): void {
  if (options === undefined || options === null) return;
  if (!isPlainObject(options) && (typeof options !== 'object' || Array.isArray(options))) {
    throw new OptionError('OPTIONS_INVALID', where, '', `${where}: expected an options object, got ${describeValue(options)}.`);
  }
  check(where, options as Record<string, unknown>, spec as Readonly<Record<string, unknown>>, '');
}
