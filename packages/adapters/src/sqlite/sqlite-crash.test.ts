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
import type { Execution, NodeRun } from '@flowloom/engine';

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

/**
 * Runs the crash workflow in a child process against a fresh SQLite file and kills it (SIGKILL) while the
 * gate node runs, after nodes a and b were recorded; the gate no longer hangs afterwards.
 */
async function killedAtGate(name: string) {
  const file = join(dir, `${name}.sqlite`);
  const log = join(dir, `${name}.log`);
  const hang = join(dir, `${name}-hang.flag`);
  writeFileSync(log, '');
  writeFileSync(hang, '');
  const { child, waiting, exited } = runUntilGate(file, log, hang);
  await waiting;
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  rmSync(hang);
  return { file, log, hang };
}

describe('sqlite adapter: a process killed mid-run', () => {
  it('loses nothing committed, is found crashed, and retries to the uninterrupted result without re-running finished nodes', async () => {
    const { file, log, hang } = await killedAtGate('crash');
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

  it('continues the run from its last recorded node in another process, running no recorded node twice', async () => {
    const { file, log } = await killedAtGate('continue');

    const storage = await openSqliteStorage(file);
    const engine = createEngine({ storage, nodeTypes: [loggedStep, gate], logger: silentLogger, executions: { crashRecovery: 'resume' } });
    const report = await engine.executions.recovered;
    expect(report.crashed).toEqual([]);
    expect(report.continued).toHaveLength(1);
    const id = report.continued![0]!.executionId;
    await engine.idle();

    const continued = (await storage.executions.get('default', id))!;
    expect(continued.status).toBe('success');
    expect(continued.owner).toBe(engine.executions.instanceId);
    expect(continued.state).toBeUndefined();
    // Only gate (running when the process died, never recorded) ran again; a and b did not.
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toEqual(['a', 'b', 'gate', 'gate', 'c']);
    // One record per node, in one unbroken order, in the same execution.
    expect(records(continued).map((r) => [r.nodeId, r.runIndex, r.order])).toEqual([
      ['start', 0, 0],
      ['a', 0, 1],
      ['b', 0, 2],
      ['gate', 0, 3],
      ['c', 0, 4],
    ]);
    expect(continued.nodes['c']![0]!.output['main']!.map((i) => i.json['n'])).toEqual([111, 116]);
    // Nothing is left for another engine to take over.
    expect((await engine.executions.recoverCrashed({ resume: true })).continued ?? []).toEqual([]);
    await storage.close();
  });

  it('resumes a wait stored by a process that has ended, in another, without running recorded nodes again', async () => {
    const file = join(dir, 'wait.sqlite');
    const log = join(dir, 'wait.log');
    writeFileSync(log, '');
    const child = spawn(process.execPath, [childScript, file, log, join(dir, 'unused.flag'), 'wait'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(err).toBe('');
    expect(code).toBe(0);
    const [status, id] = out.trim().split(' ') as [string, string];
    expect(status).toBe('waiting');

    const storage = await openSqliteStorage(file);
    const engine = createEngine({ storage, nodeTypes: [loggedStep, gate], logger: silentLogger });
    const resumed = await engine.resume(id);
    expect(resumed.status).toBe('success');
    expect(readFileSync(log, 'utf8').split('\n').filter(Boolean)).toEqual(['a', 'b']);
    const stored = (await storage.executions.get('default', id))!;
    expect(records(stored).map((r) => [r.nodeId, r.order])).toEqual([
      ['start', 0],
      ['a', 1],
      ['pause', 2],
      ['b', 3],
    ]);
    expect(stored.nodes['b']![0]!.output['main']!.map((i) => i.json['n'])).toEqual([11]);
    await storage.close();
  });
});

/** Every node run of an execution, in the order they ran. */
function records(execution: Execution): NodeRun[] {
  return Object.values(execution.nodes)
    .flat()
    .sort((x, y) => x.order - y.order);
}
