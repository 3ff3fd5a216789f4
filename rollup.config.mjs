// Builds every package to ESM with bundled .d.ts files.
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import esbuild from 'rollup-plugin-esbuild';
import { dts } from 'rollup-plugin-dts';

/** Package folder -> its entry points (source path without extension -> dist path). */
const packages = {
  'packages/engine': {
    tsconfig: 'packages/engine/tsconfig.node.json',
    entries: {
      index: 'src/index.ts',
      'testing/index': 'src/testing/index.ts',
      'node/index': 'src/node/index.ts',
      'node/bin': 'src/node/bin.ts',
    },
    noTypes: ['node/bin'],
  },
};

/** Bare imports (dependencies, node built-ins, sibling packages) stay imports. */
const external = (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0');
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
void builtins;

const configs = [];
for (const [dir, { entries, tsconfig, noTypes = [] }] of Object.entries(packages)) {
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const input = Object.fromEntries(Object.entries(entries).map(([out, src]) => [out, `${dir}/${src}`]));
  configs.push({
    input,
    external,
    plugins: [esbuild({ target: 'es2022', tsconfig, sourceMap: true })],
    output: {
      dir: `${dir}/dist`,
      format: 'es',
      sourcemap: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'chunks/[name]-[hash].js',
    },
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY') throw new Error(`${pkg.name}: ${warning.message}`);
      warn(warning);
    },
  });
  const typed = Object.fromEntries(Object.entries(input).filter(([out]) => !noTypes.includes(out)));
  configs.push({
    input: typed,
    external,
    plugins: [dts({ tsconfig, compilerOptions: { noEmitOnError: false } })],
    output: { dir: `${dir}/dist`, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
  });
}

export default configs;
