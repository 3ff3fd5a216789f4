import type * as Sha2Module from '@noble/hashes/sha2.js';
import type * as Sha3Module from '@noble/hashes/sha3.js';
import type * as LegacyModule from '@noble/hashes/legacy.js';
import { FlowloomError } from '../errors/flowloom.error.js';

/** The hash modules the guest's `.hash()` reaches, loaded by the worker before an expression run. */
export interface HashModules {
  readonly sha2: typeof Sha2Module;
  readonly sha3: typeof Sha3Module;
  readonly legacy: typeof LegacyModule;
}

/** Loads the hash functions (once per worker). */
export function loadHashModules(): Promise<HashModules> {
  return (hashes ??= Promise.all([
    import('@noble/hashes/sha2.js'),
    import('@noble/hashes/sha3.js'),
    import('@noble/hashes/legacy.js'),
  ]).then(([sha2, sha3, legacy]) => ({ sha2, sha3, legacy })));
}
let hashes: Promise<HashModules> | undefined;

type Formatter = {
  format(value?: unknown, unit?: unknown): string;
  formatToParts?(value?: unknown, unit?: unknown): unknown[];
  resolvedOptions(): unknown;
  select?(n: number): string;
};
interface IntlApi {
  DateTimeFormat: new (l?: unknown, o?: unknown) => Formatter;
  NumberFormat: new (l?: unknown, o?: unknown) => Formatter;
  RelativeTimeFormat: new (l?: unknown, o?: unknown) => Formatter;
  PluralRules: new (l?: unknown, o?: unknown) => Formatter;
  Locale: new (l: string, o?: unknown) => { baseName: string; getWeekInfo?(): unknown; weekInfo?: unknown };
}

const MAX_CACHED = 200;
const MAX_TEXT = 100_000;

/**
 * The host side of the guest's `Intl` and `.hash()`: one function taking an
 * operation name, a text and a number, answering text (`R` + result, or `E` +
 * message). Formatters are cached by their JSON key (locales and options).
 * It never hands the guest anything but strings.
 */
export function createGuestHost(modules: HashModules | undefined): (op: string, key: string, value: number | string) => string {
  const intl = (globalThis as unknown as { Intl: IntlApi }).Intl;
  const cache = new Map<string, Formatter>();
  const formatter = (key: string): Formatter => {
    let f = cache.get(key);
    if (f) return f;
    if (key.length > MAX_TEXT) throw new FlowloomError('INTL_OPTIONS', 'locale options too long');
    const [kind, locales, options] = JSON.parse(key) as [string, unknown, unknown];
    const o = options ?? undefined;
    const l = locales ?? undefined;
    switch (kind) {
      case 'DateTimeFormat':
        f = new intl.DateTimeFormat(l, o);
        break;
      case 'NumberFormat':
        f = new intl.NumberFormat(l, o);
        break;
      case 'RelativeTimeFormat':
        f = new intl.RelativeTimeFormat(l, o);
        break;
      case 'PluralRules':
        f = new intl.PluralRules(l, o);
        break;
      case 'Locale': {
        const locale = new intl.Locale(String(l ?? 'en-US'), o);
        f = {
          format: () => locale.baseName,
          resolvedOptions: () => ({ baseName: locale.baseName }),
          formatToParts: () => [locale.getWeekInfo?.() ?? locale.weekInfo ?? { firstDay: 1, weekend: [6, 7], minimalDays: 4 }],
        };
        break;
      }
      default:
        throw new FlowloomError('INTL_OPTIONS', `unknown Intl kind ${kind}`);
    }
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
    cache.set(key, f);
    return f;
  };
  return (op, key, value) => {
    try {
      switch (op) {
        case 'check':
          formatter(key);
          return 'R';
        case 'resolved':
          return `R${JSON.stringify(formatter(key).resolvedOptions())}`;
        case 'supported': {
          const [kind, locales] = JSON.parse(key) as [keyof IntlApi, unknown];
          const ctor = intl[kind] as unknown as { supportedLocalesOf?(l: unknown): string[] };
          return `R${JSON.stringify(ctor.supportedLocalesOf?.(locales) ?? [])}`;
        }
        case 'format':
          return `R${formatter(key).format(value)}`;
        case 'parts':
          return `R${JSON.stringify(formatter(key).formatToParts!(value))}`;
        case 'relative':
        case 'relativeParts': {
          const [inner, unit] = JSON.parse(key) as [string, string];
          const f = formatter(inner);
          return op === 'relative' ? `R${f.format(value, unit)}` : `R${JSON.stringify(f.formatToParts!(value, unit))}`;
        }
        case 'select':
          return `R${formatter(key).select!(Number(value))}`;
        case 'week':
          return `R${JSON.stringify(formatter(key).formatToParts!()[0])}`;
        case 'hash':
          return hash(modules, key, String(value));
        default:
          return `Eunknown operation ${op}`;
      }
    } catch (error) {
      return `E${String((error as Error)?.message ?? error)}`;
    }
  };
}

const HEX = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

function hash(modules: HashModules | undefined, algorithm: string, text: string): string {
  if (!modules) return 'Ehashing is not available here';
  const data = new TextEncoder().encode(text);
  const { sha2, sha3, legacy } = modules;
  const fns: Record<string, (d: Uint8Array) => Uint8Array> = {
    md5: legacy.md5,
    sha1: legacy.sha1,
    ripemd160: legacy.ripemd160,
    sha224: sha2.sha224,
    sha256: sha2.sha256,
    sha384: sha2.sha384,
    sha512: sha2.sha512,
    'sha3-224': sha3.sha3_224,
    'sha3-256': sha3.sha3_256,
    'sha3-384': sha3.sha3_384,
    'sha3-512': sha3.sha3_512,
  };
  const fn = fns[algorithm];
  if (!fn) return `Ehash(): unknown algorithm '${algorithm}' (use ${Object.keys(fns).join(', ')})`;
  return `R${HEX(fn(data))}`;
}
