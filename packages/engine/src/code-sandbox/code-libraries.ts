import { FlowloomError } from '../errors/flowloom.error.js';
import { describeValue } from '../errors/describe-value.js';
import type { CodeRunLibraries } from './protocol.js';

/**
 * A library a host lets Code nodes `require`: its source as one CommonJS or
 * UMD file, or a function giving that text (called on the first run that
 * requires the library; its answer is kept, a failure is retried next time).
 * In Node, `nodeModuleLibrary('lodash')` from `@flowloom/engine/node` reads
 * it from `node_modules`.
 */
export type CodeLibrarySource = string | (() => string | Promise<string>);

/**
 * The libraries Code nodes may `require`, by the name the code uses
 * (`require('lodash')`). Each is evaluated inside the sandbox the first time
 * a run requires it, under that run's time and memory limits, and kept for
 * the rest of the run. Any other name is refused.
 *
 * @example
 * createNodeEngine({ codeLibraries: { lodash: nodeModuleLibrary('lodash', { file: 'lodash.min.js' }) } });
 */
export type CodeLibraries = Readonly<Record<string, CodeLibrarySource>>;

/** `require('name')` with the name in quotes or backticks (no `${}`). */
const REQUIRE = /\brequire\s*\(\s*(?:'([^'\\\n]+)'|"([^"\\\n]+)"|`([^`\\$\n]+)`)\s*\)/g;

/** The module names `code` requires, written as plain strings. */
export function requiredNames(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(REQUIRE)) names.add((m[1] ?? m[2] ?? m[3])!);
  return [...names];
}

const loaded = new WeakMap<object, Promise<string>>();

function sourceOf(name: string, source: unknown): Promise<string> {
  if (typeof source === 'string') return Promise.resolve(source);
  if (typeof source !== 'function') {
    return Promise.reject(
      new FlowloomError(
        'CODE_LIBRARY_INVALID',
        `codeLibraries['${name}'] must be the library's source text or a function giving it, got ${describeValue(source)}.`,
      ),
    );
  }
  let pending = loaded.get(source);
  if (!pending) {
    const load = source as () => unknown;
    pending = Promise.resolve()
      .then(load)
      .then(
        (text) => {
          if (typeof text === 'string') return text;
          throw new FlowloomError(
            'CODE_LIBRARY_INVALID',
            `codeLibraries['${name}'] gave ${describeValue(text)}, not the library's source text.`,
          );
        },
        (error: unknown) => {
          if (error instanceof FlowloomError) throw error;
          throw new FlowloomError(
            'CODE_LIBRARY_UNAVAILABLE',
            `The library '${name}' could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
            { cause: error },
          );
        },
      );
    loaded.set(source, pending);
    const settled = pending;
    settled.catch(() => {
      if (loaded.get(source) === settled) loaded.delete(source);
    });
  }
  return pending;
}

function has(libraries: CodeLibraries, name: string): boolean {
  return Object.prototype.hasOwnProperty.call(libraries, name);
}

/**
 * What one run of `code` receives: every name the host allows, and the
 * source of each allowed library the code requires by a plain string.
 * Undefined when the host allows none. Rejects with a `FlowloomError` when a
 * library's loader fails.
 */
export async function librariesForCode(libraries: CodeLibraries | undefined, code: string): Promise<CodeRunLibraries | undefined> {
  if (!libraries) return undefined;
  const allowed = Object.keys(libraries);
  if (allowed.length === 0) return undefined;
  const sources: Record<string, string> = {};
  for (const name of requiredNames(code)) {
    if (has(libraries, name)) sources[name] = await sourceOf(name, libraries[name]);
  }
  return { allowed, sources };
}

/** A library as data: its source text, or why its loader failed. */
export type CodeLibraryData = string | { readonly error: string };

/**
 * Every library as data, loaders called: for sending the libraries on to an
 * isolated execution's worker. A loader that fails is sent as its message,
 * so a Code node requiring that library fails there as it would here.
 */
export async function codeLibrariesAsData(libraries: CodeLibraries | undefined): Promise<Record<string, CodeLibraryData> | undefined> {
  if (!libraries) return undefined;
  const out: Record<string, CodeLibraryData> = {};
  for (const name of Object.keys(libraries)) {
    out[name] = await sourceOf(name, libraries[name]).catch((error: unknown) => ({ error: (error as Error).message }));
  }
  return out;
}

/** The libraries `codeLibrariesAsData` made, as engine options take them. */
export function codeLibrariesFromData(data: Readonly<Record<string, CodeLibraryData>> | undefined): CodeLibraries | undefined {
  if (!data) return undefined;
  const out: Record<string, CodeLibrarySource> = {};
  for (const [name, entry] of Object.entries(data)) {
    out[name] =
      typeof entry === 'string'
        ? entry
        : () => {
            throw new FlowloomError('CODE_LIBRARY_UNAVAILABLE', entry.error);
          };
  }
  return out;
}
