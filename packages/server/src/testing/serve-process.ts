// Test support: the standalone server (`runServe`) as a real child process, built from the sources.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const sources = {
  '@flowloom/server/standalone': join(repo, 'packages/server/src/standalone/index.ts'),
  '@flowloom/adapters/sqlite': join(repo, 'packages/adapters/src/sqlite/index.ts'),
} as const;

let built: Promise<string> | undefined;
let builtDir: string | undefined;

/** Removes the bundled script (call it after the file's tests). */
export function removeServeScript(): void {
  if (builtDir) rmSync(builtDir, { recursive: true, force: true });
  built = builtDir = undefined;
}

/**
 * Bundles a script that runs `runServe` as the bins do, once per test file,
 * into `.vitest-tmp/` (inside the checkout, so its packages resolve). The
 * server and adapter come from their sources; the engine is the built one
 * its isolation workers need.
 */
export function serveScript(): Promise<string> {
  return (built ??= (async () => {
    mkdirSync(join(repo, '.vitest-tmp'), { recursive: true });
    const dir = mkdtempSync(join(repo, '.vitest-tmp', 'serve-'));
    builtDir = dir;
    const entry = join(dir, 'entry.mjs');
    writeFileSync(
      entry,
      `import { runServe } from '@flowloom/server/standalone';
process.exitCode = await runServe(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
});\n`,
    );
    const outfile = join(dir, 'serve.mjs');
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'error',
      plugins: [
        {
          name: 'flowloom-sources',
          setup(b) {
            b.onResolve({ filter: /^[^./]/ }, (args) =>
              args.path in sources ? { path: sources[args.path as keyof typeof sources] } : { path: args.path, external: true },
            );
          },
        },
      ],
    });
    return outfile;
  })());
}

/** A running child with its output as lines, and a way to wait for one. */
export interface ServeProcess {
  child: ChildProcessWithoutNullStreams;
  stdout: string[];
  stderr: string[];
  /** Resolves with the match of the first line (seen or to come) of the stream that matches. */
  line(stream: 'stdout' | 'stderr', pattern: RegExp): Promise<RegExpMatchArray>;
  /** Resolves with the exit code once the process ended. */
  exited: Promise<number | null>;
}

/** Starts the standalone server as a child process with these arguments. */
export async function spawnServe(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<ServeProcess> {
  const script = await serveScript();
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
        // A process that ends without the line fails the wait instead of hanging it.
        void exited.then((code) =>
          reject(new Error(`The server exited (${code}) without printing ${pattern} on ${stream}:\n${lines.stderr.join('\n')}`)),
        );
      }),
  };
}
