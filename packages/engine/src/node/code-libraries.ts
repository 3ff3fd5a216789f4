import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeLibrarySource } from '../code-sandbox/code-libraries.js';
import { FlowloomError } from '../errors/flowloom.error.js';

/** Where `nodeModuleLibrary` finds a package, and which of its files to use. */
export interface NodeModuleLibraryOptions {
  /**
   * The file inside the package, relative to its folder (`lodash.min.js`,
   * `build/cjs-browser/luxon.js`). Default: the package's `browser` field
   * (when it is a path), else its `main` field, else `index.js`. It must be
   * one CommonJS or UMD file that requires no other file (a bundled build).
   */
  file?: string;
  /** The folder (or a file in it) from which `node_modules` is searched, as Node's `require` does (default: the current directory). */
  from?: string | URL;
}

/**
 * A library for `codeLibraries`, read from an installed package: the package
 * is found now (a missing package or file throws here, when the host
 * starts), its file is read the first time a Code node requires it.
 *
 * @example
 * import { createNodeEngine, nodeModuleLibrary } from '@flowloom/engine/node';
 * const engine = createNodeEngine({
 *   codeLibraries: { lodash: nodeModuleLibrary('lodash', { file: 'lodash.min.js' }), luxon: nodeModuleLibrary('luxon') },
 * });
 */
export function nodeModuleLibrary(packageName: string, options: NodeModuleLibraryOptions = {}): CodeLibrarySource {
  const from = options.from === undefined ? process.cwd() : options.from instanceof URL ? fileURLToPath(options.from) : options.from;
  // Searched by hand rather than with require.resolve: a package's `exports` may hide the built file a host wants.
  const folders = createRequire(join(resolve(from), 'package.json')).resolve.paths(packageName) ?? [];
  const folder = folders.map((dir) => join(dir, packageName)).find((dir) => existsSync(join(dir, 'package.json')));
  if (!folder) {
    throw new FlowloomError(
      'CODE_LIBRARY_NOT_FOUND',
      `nodeModuleLibrary: the package '${packageName}' is not installed where Node would look for it from ${resolve(from)}.`,
    );
  }
  const file = options.file ?? entryOf(folder);
  const path = resolve(folder, file);
  const inside = relative(folder, path);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new FlowloomError('CODE_LIBRARY_NOT_FOUND', `nodeModuleLibrary: the file '${file}' is outside the package '${packageName}'.`);
  }
  if (!existsSync(path)) {
    throw new FlowloomError(
      'CODE_LIBRARY_NOT_FOUND',
      `nodeModuleLibrary: the package '${packageName}' has no file '${file}' (looked for ${path}).`,
    );
  }
  return () => readFileSync(path, 'utf8');
}

/** The file a package names as its CommonJS entry: its browser build (which needs no Node module), else its main file. */
function entryOf(folder: string): string {
  const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as Record<string, unknown>;
  for (const key of ['browser', 'main']) {
    const value = manifest[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return 'index.js';
}
