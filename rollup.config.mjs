// Builds every package to ESM with bundled .d.ts files.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { builtinModules } from 'node:module';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import commonjs from '@rollup/plugin-commonjs';

/** Package folder -> its entry points (source path without extension -> dist path). */
const packages = {
  'packages/engine': {
    tsconfig: 'packages/engine/tsconfig.node.json',
    entries: {
      index: 'src/index.ts',
      'testing/index': 'src/testing/index.ts',
      'testing/node': 'src/testing/node.ts',
      'node/index': 'src/node/index.ts',
      'n8n/index': 'src/n8n/index.ts',
      // Worker scripts and the browser sandbox host, each a file of its own so `new URL('./x.js', import.meta.url)` finds them.
      // (The Code node's Node worker is built as CommonJS below.)
      'node/execution-worker': 'src/node/execution-worker.ts',
      'code-sandbox/web-worker': 'src/code-sandbox/web-worker.ts',
      'code-sandbox/web-worker-host': 'src/code-sandbox/web-worker-host.ts',
      'isolation/execution-web-worker': 'src/run/execution-web-worker.ts',
      'isolation/web-execution-host': 'src/run/web-execution-host.ts',
    },
    noTypes: [
      'node/execution-worker',
      'code-sandbox/web-worker',
      'code-sandbox/web-worker-host',
      'isolation/execution-web-worker',
      'isolation/web-execution-host',
    ],
  },
  'packages/element': {
    tsconfig: 'packages/element/tsconfig.json',
    // elk-layout and the worker sit at the dist root so `new URL('./elk.worker.js', import.meta.url)` resolves.
    entries: {
      index: 'src/index.ts',
      define: 'src/define.ts',
      // <workflow-dashboard>, loaded apart from the editor.
      'dashboard/index': 'src/dashboard/index.ts',
      'dashboard/define': 'src/dashboard/define.ts',
      'elk-layout': 'src/layout/elk-layout.ts',
      'elk.worker': 'src/layout/elk.worker.ts',
    },
    noTypes: ['elk-layout', 'elk.worker'],
  },
  'packages/adapters': {
    // No path mapping here: @flowloom/engine stays an import of the built engine.
    tsconfig: 'packages/adapters/tsconfig.build.json',
    // pg (behind postgres/) and better-sqlite3 are bare imports, so `external` below keeps them out of the bundle.
    entries: {
      'sqlite/index': 'src/sqlite/index.ts',
      'indexeddb/index': 'src/indexeddb/index.ts',
      'postgres/index': 'src/postgres/index.ts',
      'http/index': 'src/http/index.ts',
    },
  },
  'packages/integrations': {
    // No path mapping here: @flowloom/engine stays an import of the built engine.
    tsconfig: 'packages/integrations/tsconfig.build.json',
    // node: the catalog for Node.js (Postgres's implementation); `pg` is a bare import, kept out by `external` below.
    entries: {
      index: 'src/index.ts',
      'kit/index': 'src/kit/index.ts',
      relay: 'src/relay.ts',
      'n8n/index': 'src/n8n/index.ts',
      node: 'src/node.ts',
    },
  },
  'packages/server': {
    // No path mapping here: @flowloom/engine stays an import of the built engine.
    tsconfig: 'packages/server/tsconfig.build.json',
    entries: { index: 'src/index.ts', 'standalone/index': 'src/standalone/index.ts' },
  },
  'packages/cli': {
    // The `flowloom` binary: the engine and the SQLite adapter stay imports of their built packages.
    tsconfig: 'packages/cli/tsconfig.json',
    entries: { bin: 'src/bin.ts' },
    noTypes: ['bin'],
  },
};

/** Bare imports (dependencies, node built-ins, sibling packages) stay imports. */
const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
void builtins;

// Every build starts from empty dist folders: chunk names carry content hashes, so an old build's
// chunks would otherwise pile up beside the new ones (and be published with them).
// FLOWLOOM_BUILD=packages/engine,packages/adapters builds only those packages (the others' dist stays as it is).
const only = process.env.FLOWLOOM_BUILD?.split(',').map((d) => d.trim().replace(/\/$/, ''));
for (const dir of only ?? [])
  if (!(dir in packages)) throw new Error(`FLOWLOOM_BUILD names ${dir}, not one of ${Object.keys(packages).join(', ')}`);
const selected = Object.entries(packages).filter(([dir]) => !only || only.includes(dir));
for (const [dir] of selected) rmSync(`${dir}/dist`, { recursive: true, force: true });

/** For a package without side effects: only its modules imported for their effect alone (and outside modules) have any. */
function sideEffectsOf(dir) {
  const root = resolve(dir);
  const bare = new Set();
  for (const file of readdirSync(`${dir}/src`, { recursive: true })) {
    if (!file.endsWith('.ts')) continue;
    const from = dirname(resolve(dir, 'src', file));
    for (const m of readFileSync(resolve(from, basename(file)), 'utf8').matchAll(/^import '(\.[^']+)\.js';$/gm))
      bare.add(resolve(from, `${m[1]}.ts`));
  }
  return (id, external) => external || !id.startsWith(`${root}/`) || bare.has(id);
}

const configs = [];
for (const [dir, { entries, tsconfig, noTypes = [] }] of selected) {
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const input = Object.fromEntries(Object.entries(entries).map(([out, src]) => [out, `${dir}/${src}`]));
  configs.push({
    input,
    external,
    // A package that says it has no side effects (`"sideEffects": false`) is built as one: a module whose
    // exports go unused (a node type's definition, made by a call) is no import of the chunks that use none
    // of it, so a bundler that reads only the output still leaves it out. The exceptions are the modules
    // the package imports for their effect alone (`import './x.js';`).
    ...(pkg.sideEffects === false ? { treeshake: { moduleSideEffects: sideEffectsOf(dir) } } : {}),
    plugins: [esbuild({ target: 'es2022', tsconfig, sourceMap: true })],
    output: {
      dir: `${dir}/dist`,
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      // Each module imports the chunks it uses and no more, so a bundler can leave out what a page never uses.
      hoistTransitiveImports: false,
    },
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY') throw new Error(`${pkg.name}: ${warning.message}`);
      warn(warning);
    },
  });
  const typed = Object.fromEntries(Object.entries(input).filter(([out]) => !noTypes.includes(out)));
  // A package of binaries only (the CLI) has no types to bundle.
  if (Object.keys(typed).length === 0) continue;
  configs.push({
    input: typed,
    external,
    plugins: [dts({ tsconfig, compilerOptions: { noEmitOnError: false } })],
    output: { dir: `${dir}/dist`, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
  });
}

// The Code node's Node worker, as one CommonJS file: a CommonJS worker starts sooner than an ES module
// one, and its dependencies (QuickJS's loader) are loaded with `require` while the first request is sent.
configs.push({
  input: 'packages/engine/src/node/code-worker.ts',
  external,
  plugins: [esbuild({ target: 'es2022', tsconfig: 'packages/engine/tsconfig.node.json', sourceMap: true })],
  output: {
    file: 'packages/engine/dist/node/code-worker.cjs',
    format: 'cjs',
    sourcemap: true,
    inlineDynamicImports: true,
    dynamicImportInCjs: false,
  },
});

/**
 * Resolves the workspace packages (`@flowloom/engine`, `@flowloom/adapters/http`...) to their sources, for
 * the browser build: it then splits the code by source module, so a lazy part of the editor takes the
 * engine modules only it uses with it (a package's dist joins modules into chunks shared by its entries).
 */
function workspaceSources() {
  return {
    name: 'workspace-sources',
    resolveId(source) {
      const m = /^@flowloom\/([a-z-]+)(?:\/(.+))?$/.exec(source);
      if (!m) return null;
      const dir = `packages/${m[1]}`;
      const entry = packages[dir]?.entries[m[2] ? `${m[2]}/index` : 'index'] ?? packages[dir]?.entries[m[2]];
      return entry ? resolve(dir, entry) : null;
    },
  };
}

// The element's self-contained browser build (dist/browser/): every dependency bundled, for pages
// without a bundler (examples/vanilla). Flat output so the worker URL resolves from any chunk.
configs.push({
  input: {
    'workflow-editor': 'packages/element/src/define.ts',
    'workflow-dashboard': 'packages/element/src/dashboard/define.ts',
    engine: 'packages/element/src/browser/engine.ts',
    // The integrations' catalog, for pages that offer them (each service's operations load on first use).
    integrations: 'packages/integrations/src/index.ts',
    'elk.worker': 'packages/element/src/layout/elk.worker.ts',
    // The engine's own workers (Code node sandbox, isolated executions), beside the chunks that start them.
    ...Object.fromEntries(
      [
        ['web-worker', 'packages/engine/src/code-sandbox/web-worker.ts'],
        ['execution-web-worker', 'packages/engine/src/run/execution-web-worker.ts'],
      ].filter(([, path]) => existsSync(path)),
    ),
  },
  // The packages say they have no side effects (`"sideEffects": false`): none of their modules is kept for
  // what its top level does (a node type's definition, made by a call), only for what is used of it.
  treeshake: { moduleSideEffects: (id, external) => external || !/\/packages\/(engine|adapters|integrations|server)\/src\//.test(id) },
  plugins: [
    workspaceSources(),
    nodeResolve({ browser: true }),
    commonjs(),
    esbuild({ target: 'es2022', tsconfig: 'packages/element/tsconfig.json', minify: true }),
  ],
  output: { dir: 'packages/element/dist/browser', format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'EVAL') return;
    warn(warning);
  },
});

export default configs;
