import { fileURLToPath } from 'node:url';

const built = new Map<string, Promise<URL>>();

/**
 * The URL of a worker entry that sits beside this file (`code-worker`,
 * `execution-worker`). From the published package that is the built `.js`
 * file. Run from the TypeScript sources (tests in a checkout), the entry is
 * bundled once per process with esbuild, a development dependency.
 */
export function workerScript(name: string): Promise<URL> {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return Promise.resolve(new URL(`../node/${name}.js`, here));
  let url = built.get(name);
  if (!url) {
    url = (async () => {
      const specifier = 'esbuild';
      const esbuild = (await import(/* @vite-ignore */ specifier)) as typeof import('esbuild');
      // Inside the checkout, so the bundle's bare imports resolve from its node_modules.
      const out = new URL(`../../node_modules/.cache/flowloom-workers/${name}-${process.pid}.mjs`, here);
      await esbuild.build({
        entryPoints: [fileURLToPath(new URL(`./${name}.ts`, here))],
        bundle: true,
        platform: 'node',
        format: 'esm',
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
