import type * as Re2Module from 're2js';
import type JsonataFactory from 'jsonata';
import type * as LuxonModule from 'luxon';
import type * as Sha2Module from '@noble/hashes/sha2.js';
import type * as LegacyModule from '@noble/hashes/legacy.js';
import type * as HmacModule from '@noble/hashes/hmac.js';
import { ExpressionError } from './expression.error.js';

/** The jsonata entry function. */
export type Jsonata = typeof JsonataFactory;
type Re2 = typeof Re2Module;
/** The hash functions the expression library uses. */
export interface Hashes {
  sha2: typeof Sha2Module;
  legacy: typeof LegacyModule;
  hmac: typeof HmacModule;
}

let jsonataFn: Jsonata | undefined;
let re2Module: Re2 | undefined;
let luxonModule: typeof LuxonModule | undefined;
let hashModules: Hashes | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads JSONata and the libraries its functions use (the linear-time regular
 * expression engine, luxon, @noble/hashes) on first use of an expression that
 * needs them: a template made only of data references never loads them.
 * jsonata ships as CommonJS: the default export is the function under
 * bundlers and Node's ESM loader alike; some tools hand back the module
 * object instead, so both are accepted.
 */
export function loadExpressionLibraries(): Promise<void> {
  loading ??= Promise.all([
    import('jsonata'),
    import('re2js'),
    import('luxon'),
    import('@noble/hashes/sha2.js'),
    import('@noble/hashes/legacy.js'),
    import('@noble/hashes/hmac.js'),
  ]).then(([j, r, luxon, sha2, legacy, hmac]) => {
    const mod = j as unknown as { default?: unknown };
    jsonataFn = (typeof mod.default === 'function' ? mod.default : mod) as Jsonata;
    re2Module = r;
    luxonModule = luxon;
    hashModules = { sha2, legacy, hmac };
  });
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}

/** The error for a library used before `loadExpressionLibraries` resolved (a bug in the caller's order). */
export function notLoaded(what: string): ExpressionError {
  return new ExpressionError(
    'EXPRESSION_NOT_LOADED',
    `${what} is not loaded yet: await loadExpressionLibraries() before evaluating expressions.`,
  );
}

/** JSONata, when already loaded. */
export function loadedJsonata(): Jsonata | undefined {
  return jsonataFn;
}

/** re2js; only called from code that runs after `loadExpressionLibraries` resolved. */
export function re2(): Re2 {
  if (!re2Module) throw notLoaded('The regular expression engine');
  return re2Module;
}

/** luxon; only called from library functions, which run after loading. */
export function luxon(): typeof LuxonModule {
  if (!luxonModule) throw notLoaded('luxon');
  return luxonModule;
}

/** @noble/hashes; only called from library functions, which run after loading. */
export function hashes(): Hashes {
  if (!hashModules) throw notLoaded('The hash functions library');
  return hashModules;
}
