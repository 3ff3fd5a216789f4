// Test support: queue-mode processes (`flowloom serve --role ...`) as real child processes, built from the sources.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { ServeProcess } from '../../testing/serve-process.js';

const repo = fileURLToPath(new URL('../../../../../', import.meta.url));
const sources: Record<string, string> = {
  '@flowloom/server/standalone': 'packages/server/src/standalone/index.ts',
  '@flowloom/adapters/sqlite': 'packages/adapters/src/sqlite/index.ts',
  '@flowloom/adapters/postgres': 'packages/adapters/src/postgres/index.ts',
  '@flowloom/engine': 'packages/engine/src/index.ts',
  '@flowloom/engine/node': 'packages/engine/src/node/index.ts',
};

/** Bare imports of Flowloom's packages come from the sources; every other package stays an import. */
const flowloomSources: Plugin = {
  name: 'flowloom-sources',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path in sources ? { path: join(repo, sources[args.path]!) } : { path: args.path, external: true },
    );
  },
};

let built: Promise<string> | undefined;
let builtDir: string | undefined;

/** Removes the bundled scripts (call it after the file's tests). */
export function removeQueueScript(): void {
  if (builtDir) rmSync(builtDir, { recursive: true, force: true });
  built = builtDir = undefined;
}

/**
 * Bundles a script that runs `runServe` as the bins do, once per test file,
 * into `.vitest-tmp/` (inside the checkout, so its packages resolve). Unlike
 * `serveScript`, the engine comes from its sources too, with its worker
 * scripts built beside the bundle where the engine looks for them
 * (`../node/execution-worker.js` from the bundle), so the processes run the
 * checkout as it is, not the last build.
 */
export function queueScript(): Promise<string> {
  return (built ??= (async () => {
    mkdirSync(join(repo, '.vitest-tmp'), { recursive: true });
    const dir = mkdtempSync(join(repo, '.vitest-tmp', 'queue-'));
    builtDir = dir;
    mkdirSync(join(dir, 'bin'));
    const entry = join(dir, 'bin', 'entry.mjs');
    writeFileSync(
      entry,
      `import { runServe } from '@flowloom/server/standalone';
process.exitCode = await runServe(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});\n`,
    );
    const outfile = join(dir, 'bin', 'serve.mjs');
    const common = { bundle: true, platform: 'node', target: 'node20', logLevel: 'error' } as const;
    await Promise.all([
      build({ ...common, entryPoints: [entry], outfile, format: 'esm', plugins: [flowloomSources] }),
      build({
        ...common,
        entryPoints: [join(repo, 'packages/engine/src/node/execution-worker.ts')],
        outfile: join(dir, 'node', 'execution-worker.js'),
        format: 'esm',
        plugins: [flowloomSources],
      }),
      build({
        ...common,
        entryPoints: [join(repo, 'packages/engine/src/node/code-worker.ts')],
        outfile: join(dir, 'node', 'code-worker.cjs'),
        format: 'cjs',
        plugins: [flowloomSources],
      }),
    ]);
    return outfile;
  })());
}

/** Starts one `flowloom serve` process (standalone or queue mode) from the sources, with these arguments and variables. */
export async function spawnQueueProcess(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<ServeProcess> {
  const script = await queueScript();
  const env: Record<string, string | undefined> = { ...process.env, ...options.env };
  for (const name of Object.keys(env)) if (name.startsWith('FLOWLOOM_') && !(options.env && name in options.env)) delete env[name];
  const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const lines = { stdout: [] as string[], stderr: [] as string[] };
  const waiters: { stream: 'stdout' | 'stderr'; pattern: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  for (const stream of ['stdout', 'stderr'] as const) {
    let rest = '';
    child[stream].setEncoding('utf8');
    child[stream].on('data', (chunk: string) => {
      rest += chunk;
      const parts = rest.split('\n');
      rest = parts.pop()!;
      for (const text of parts) {
        lines[stream].push(text);
        for (const w of [...waiters]) {
          const match = w.stream === stream ? w.pattern.exec(text) : null;
          if (match) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(match);
          }
        }
      }
    });
  }
  return {
    child,
    ...lines,
    exited,
    line: (stream, pattern) =>
      new Promise((resolve, reject) => {
        for (const text of lines[stream]) {
          const match = pattern.exec(text);
          if (match) return resolve(match);
        }
        waiters.push({ stream, pattern, resolve });
        void exited.then((code) =>
          reject(new Error(`The process exited (${code}) without printing ${pattern} on ${stream}:\n${lines.stderr.join('\n')}`)),
        );
      }),
  };
}
