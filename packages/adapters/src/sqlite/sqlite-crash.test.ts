import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { createEngine, silentLogger } from '@flowloom/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from './index.js';
import { crashWorkflow, gate, loggedStep } from './testing/crash-nodes.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '../../../..');
// Inside the repository so the child resolves zod and better-sqlite3 from its node_modules.
const bundleDir = join(root, 'node_modules/.cache/flowloom-sqlite-crash');
const childScript = join(bundleDir, `child-${process.pid}.mjs`);
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'flowloom-crash-'));
  mkdirSync(bundleDir, { recursive: true });
  await build({
    entryPoints: [join(here, 'testing/crash-child.ts')],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'error',
    plugins: [
      {
        name: 'flowloom-sources',
        setup(b) {
          b.onResolve({ filter: /^@flowloom\/engine(\/testing)?$/ }, (args) => ({
            path: join(root, 'packages/engine/src', args.path.endsWith('/testing') ? 'testing/index.ts' : 'index.ts'),
          }));
        },
      },
    ],
  });
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(childScript, { force: true });
});

/** Starts the child and resolves once the gate node says it is waiting (after nodes a and b were written). */
function runUntilGate(file: string, log: string, hang: string) {
  const child = spawn(process.execPath, [childScript, file, log, hang], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
  const waiting = new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('WAITING')) resolve();
    });
    void exited.then((how) => reject(new Error(`child exited (${String(how)}) before the gate: ${stderr}`)));
  });
  return { child, waiting, exited };
}

describe('sqlite adapter: a process killed mid-run', () => {
  it('loses nothing committed, is found crashed, and retries to the uninterrupted result without re-running finished nodes', async () => {
    const file = join(dir, 'crash.sqlite');
    const log = join(dir, 'runs.log');
    const hang = join(dir, 'hang.flag');
    writeFileSync(log, '');
    writeFileSync(hang, '');

    const { child, waiting, exited } = runUntilGate(file, log, hang);
    await waiting;
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    rmSync(hang);
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toEqual(['a', 'b', 'gate']);

    const storage = await openSqliteStorage(file);
    const engine = createEngine({ storage, nodeTypes: [loggedStep, gate], logger: silentLogger });
    const report = await engine.executions.recovered;
    expect(report.crashed).toHaveLength(1);
    const crashedId = report.crashed[0]!.executionId;
    const crashed = await storage.executions.get('default', crashedId);
    expect(crashed?.status).toBe('crashed');
    expect(crashed?.error?.code).toBe('EXECUTION_CRASHED');
    // Everything written before the kill is there: the trigger, a and b with their items.
    expect(Object.keys(crashed!.nodes).sort()).toEqual(['a', 'b', 'start']);
    expect(crashed!.nodes['b']![0]!.output['main']!.map((i) => i.json['n'])).toEqual([11, 16]);

    const retried = await engine.executions.retry(crashedId);
    expect(retried).toMatchObject({ status: 'success', mode: 'retry', retryOf: crashedId });
    // a and b ran once, in the killed process; only gate (interrupted) and c ran again.
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toEqual(['a', 'b', 'gate', 'gate', 'c']);
    expect(['start', 'a', 'b'].map((id) => retried.nodes[id]![0]!.reused)).toEqual([true, true, true]);

    const reference = await createEngine({ nodeTypes: [loggedStep, gate], logger: silentLogger }).run(
      crashWorkflow(join(dir, 'ref.log'), hang),
      {
        mode: 'webhook',
        input: [{ json: { n: 0 } }, { json: { n: 5 } }],
      },
    );
    const finalOutput = (e: typeof reference) => e.nodes['c']![0]!.output['main']!.map((i) => i.json);
    expect(finalOutput(retried)).toEqual(finalOutput(reference));
    expect(finalOutput((await storage.executions.get('default', retried.id))!)).toEqual(finalOutput(reference));
    await storage.close();
  });
});
