import { fileURLToPath } from 'node:url';

const built = new Map<string, Promise<URL>>();

/** Worker entries built as CommonJS (they start faster); the others are ES modules. */
const COMMONJS = new Set(['code-worker']);

/**
 * The URL of a worker entry that sits beside this file (`code-worker`,
 * `execution-worker`). From the published package that is the built file
 * (`.cjs` or `.js`). Run from the TypeScript sources (tests in a checkout),
 * the entry is bundled once per process with esbuild, a development dependency.
 */
export function workerScript(name: string): Promise<URL> {
  const here = import.meta.url;
  const commonJs = COMMONJS.has(name);
  if (!here.endsWith('.ts')) return Promise.resolve(new URL(`../node/${name}.${commonJs ? 'cjs' : 'js'}`, here));
  let url = built.get(name);
  if (!url) {
    url = (async () => {
      // A development dependency of the checkout; a published package never gets here.
      const esbuild = await import('esbuild');
      // Inside the checkout, so the bundle's bare imports resolve from its node_modules.
      const out = new URL(`../../node_modules/.cache/flowloom-workers/${name}-${process.pid}.${commonJs ? 'cjs' : 'mjs'}`, here);
      await esbuild.build({
        entryPoints: [fileURLToPath(new URL(`./${name}.ts`, here))],
        bundle: true,
        platform: 'node',
        format: commonJs ? 'cjs' : 'esm',
        outfile: fileURLToPath(out),
        packages: 'external',
        logLevel: 'silent',
      });
      return out;
    })();
    built.set(name, url);
  }
  return url;
}
