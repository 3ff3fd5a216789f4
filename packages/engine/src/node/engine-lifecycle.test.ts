import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createEngine, defineNode, silentLogger, type Workflow } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { createNodeEngine } from './create-node-engine.js';
import { createNodeExecutionIsolation } from './node-execution-isolation.js';

const fixtures = new URL('./fixtures/isolated-nodes.mjs', import.meta.url).href;

/** Every worker thread this process starts, counted as it starts and as it exits. */
const workers = { spawned: 0, alive: new Set<Worker>(), maxAlive: 0 };
const onWorker = (worker: Worker) => {
  workers.spawned++;
  workers.alive.add(worker);
  workers.maxAlive = Math.max(workers.maxAlive, workers.alive.size);
  worker.once('exit', () => workers.alive.delete(worker));
};
process.on('worker', onWorker);
afterAll(() => void process.off('worker', onWorker));
afterEach(() => {
  workers.spawned = 0;
  workers.maxAlive = workers.alive.size;
});

/** Resolves once every worker counted so far has exited. */
const allExited = () => Promise.all([...workers.alive].map((w) => new Promise((resolve) => w.once('exit', resolve))));

function chain(type: string, settings: Parameters<typeof buildWorkflow>[0]['settings'] = {}): Workflow {
  return buildWorkflow({
    id: `wf-${type}`,
    name: type,
    nodes: [
      { id: 'n0', name: 'Start', type: 'core.manualTrigger' },
      { id: 'n1', name: 'Step', type },
    ],
    connections: [['n0', 'n1']],
    settings,
  });
}

/** Waits, in process, until the run's signal aborts (its deadline or a cancel). */
const waitForever = defineNode({
  type: 'test.waitForever',
  version: 1,
  displayName: 'Wait forever',
  description: 'Waits until the execution is stopped.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  execute: (ctx) =>
    new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason), { once: true })),
});

describe('engine.close', () => {
  it("ends the workers of the pool isolation: 'worker' created, and refuses later calls with ENGINE_CLOSED", async () => {
    const engine = createNodeEngine({
      isolation: 'worker',
      isolationOptions: { heapMb: 64 },
      nodeModules: [fixtures],
      logger: silentLogger,
    });
    for (const tenantId of ['a', 'b']) expect((await engine.run(chain('fixture.whereAmI'), { tenantId })).status).toBe('success');
    expect(workers.spawned).toBe(2);
    expect(workers.alive.size).toBe(2);
    const exited = allExited();
    await engine.close();
    await exited;
    expect(workers.alive.size).toBe(0);
    await expect(engine.run(chain('fixture.whereAmI'))).rejects.toMatchObject({ code: 'ENGINE_CLOSED' });
    await expect(engine.handleWebhook(new Request('https://example.com/webhook/x'))).rejects.toMatchObject({ code: 'ENGINE_CLOSED' });
    await expect(engine.activate(chain('fixture.whereAmI'))).rejects.toMatchObject({ code: 'ENGINE_CLOSED' });
    await expect(engine.startScheduler()).rejects.toMatchObject({ code: 'ENGINE_CLOSED' });
    await expect(engine.close()).resolves.toBeUndefined();
  });

  it('cancels running executions with cancelRunning; they end canceled and are recorded', async () => {
    const engine = createNodeEngine({
      isolation: 'worker',
      isolationOptions: { heapMb: 64 },
      nodeModules: [fixtures],
      logger: silentLogger,
    });
    const started = new Promise((resolve) => engine.on('nodeStart', resolve));
    const running = engine.run(chain('fixture.spin'), { timeoutMs: 60_000 });
    await started;
    await engine.close({ cancelRunning: true });
    const execution = await running;
    expect(execution.status).toBe('canceled');
    expect((await engine.storage.executions.get('default', execution.id))?.status).toBe('canceled');
  });

  it('waits for running in-process executions, canceling them after graceMs', async () => {
    const engine = createEngine({ nodeTypes: [waitForever], logger: silentLogger });
    const started = new Promise((resolve) => engine.on('nodeStart', (e) => e.nodeId === 'n1' && resolve(e)));
    const running = engine.run(chain('test.waitForever'));
    await started;
    await engine.close({ graceMs: 50 });
    expect((await running).status).toBe('canceled');
  });

  it("leaves a pool the host passed in open: it is the host's to close", async () => {
    const pool = createNodeExecutionIsolation({ heapMb: 64 });
    try {
      const first = createEngine({ isolation: pool, nodeModules: [fixtures], logger: silentLogger });
      expect((await first.run(chain('fixture.double'))).status).toBe('success');
      await first.close();
      const second = createEngine({ isolation: pool, nodeModules: [fixtures], logger: silentLogger });
      expect((await second.run(chain('fixture.double'))).status).toBe('success');
      expect(workers.spawned).toBe(1);
      await second.close();
    } finally {
      await pool.close();
    }
  });
});

describe('engine.ready', () => {
  it('lets parseWorkflow accept module node types on a fresh engine', async () => {
    const engine = createEngine({ nodeModules: [fixtures], logger: silentLogger });
    // Loading has started but cannot have finished synchronously.
    expect(engine.validate(chain('fixture.double')).success).toBe(false);
    await engine.ready();
    expect(engine.parseWorkflow(chain('fixture.double')).nodes[1]?.type).toBe('fixture.double');
  });

  it('rejects naming the module that failed, and so do the async entry points', async () => {
    const engine = createEngine({ nodeModules: ['file:///nowhere/nodes.mjs'], logger: silentLogger });
    await expect(engine.ready()).rejects.toThrow("Node module 'file:///nowhere/nodes.mjs' could not be loaded");
    await expect(engine.run(chain('core.noOp'))).rejects.toMatchObject({ code: 'NODE_MODULE_INVALID' });
    await expect(engine.activate(chain('core.noOp'))).rejects.toMatchObject({ code: 'NODE_MODULE_INVALID' });
  });
});

describe('limits.maxExecutionTimeoutMs', () => {
  const asksAnHour = (type: string) => chain(type, { timeoutMs: 3_600_000 });

  it('caps the deadline a workflow asks for, in process, and names the limit that applied', async () => {
    const engine = createEngine({ nodeTypes: [waitForever], logger: silentLogger, limits: { maxExecutionTimeoutMs: 300 } });
    const execution = await engine.run(asksAnHour('test.waitForever'));
    expect(execution.status).toBe('error');
    expect(execution.error).toMatchObject({ code: 'EXECUTION_TIMEOUT' });
    expect(execution.error?.message).toBe('The workflow exceeded its time limit of 300 ms and was stopped.');
    // A run's own timeoutMs is capped too.
    const run = await engine.run(chain('test.waitForever'), { timeoutMs: 3_600_000 });
    expect(run.error?.message).toBe('The workflow exceeded its time limit of 300 ms and was stopped.');
  });

  it('caps the deadline of an isolated execution, whose worker is stopped at it', async () => {
    const engine = createNodeEngine({
      isolation: 'worker',
      isolationOptions: { heapMb: 64 },
      nodeModules: [fixtures],
      logger: silentLogger,
      limits: { executionTimeoutMs: 60_000, maxExecutionTimeoutMs: 300 },
    });
    try {
      const execution = await engine.run(asksAnHour('fixture.spin'));
      expect(execution.status).toBe('error');
      expect(execution.error).toMatchObject({ code: 'EXECUTION_TIMEOUT' });
      expect(execution.error?.message).toBe('The workflow exceeded its time limit of 300 ms; its worker was stopped.');
    } finally {
      await engine.close();
    }
  });

  it('keeps executionTimeoutMs as the default under the ceiling', async () => {
    const engine = createEngine({
      nodeTypes: [waitForever],
      logger: silentLogger,
      limits: { executionTimeoutMs: 100, maxExecutionTimeoutMs: 300 },
    });
    const execution = await engine.run(chain('test.waitForever'));
    expect(execution.error?.message).toBe('The workflow exceeded its time limit of 100 ms and was stopped.');
  });
});

describe('worker pool caps', () => {
  it('with maxWorkers: 2, five concurrent runs never have more than 2 workers alive, and all finish', async () => {
    // Workers of earlier tests may still be on their way out: count from none.
    await allExited();
    workers.maxAlive = 0;
    const pool = createNodeExecutionIsolation({ heapMb: 64, maxWorkers: 2 });
    const engine = createEngine({ isolation: pool, nodeModules: [fixtures], logger: silentLogger });
    const sampled: number[] = [];
    const sample = () => sampled.push(pool.counts().workers);
    process.on('worker', sample);
    try {
      const runs = await Promise.all(Array.from({ length: 5 }, () => engine.run(chain('fixture.double'), { input: [{ json: { n: 1 } }] })));
      expect(runs.map((e) => e.status)).toEqual(['success', 'success', 'success', 'success', 'success']);
      expect(workers.spawned).toBe(2);
      expect(workers.maxAlive).toBeLessThanOrEqual(2);
      // Five tenants: workers are never shared between them, so idle ones are ended to make room.
      const tenants = await Promise.all(Array.from({ length: 5 }, (_, i) => engine.run(chain('fixture.whereAmI'), { tenantId: `t${i}` })));
      expect(tenants.map((e) => e.status)).toEqual(['success', 'success', 'success', 'success', 'success']);
      expect(new Set(tenants.map((e) => (e.nodes.n1?.[0]?.output.main?.[0]?.json as { threadId: number }).threadId)).size).toBe(5);
      expect(Math.max(...sampled)).toBeLessThanOrEqual(2);
      expect(pool.counts()).toMatchObject({ running: 0, queued: 0 });
    } finally {
      process.off('worker', sample);
      await pool.close();
    }
  });

  it('keeps one tenant within maxWorkersPerTenant', async () => {
    const pool = createNodeExecutionIsolation({ heapMb: 64, maxWorkers: 4, maxWorkersPerTenant: 1 });
    const engine = createEngine({ isolation: pool, nodeModules: [fixtures], logger: silentLogger });
    try {
      const runs = await Promise.all(Array.from({ length: 3 }, () => engine.run(chain('fixture.whereAmI'))));
      expect(runs.map((e) => (e.nodes.n1?.[0]?.output.main?.[0]?.json as { runs: number }).runs)).toEqual([1, 2, 3]);
      expect(workers.spawned).toBe(1);
    } finally {
      await pool.close();
    }
  });

  it('ends a queued run canceled by its signal as canceled, without starting a worker', async () => {
    const pool = createNodeExecutionIsolation({ heapMb: 64, maxWorkers: 1 });
    const engine = createEngine({ isolation: pool, nodeModules: [fixtures], logger: silentLogger });
    try {
      const first = new AbortController();
      const started = new Promise((resolve) => engine.on('nodeStart', resolve));
      const busy = engine.run(chain('fixture.spin'), { signal: first.signal, tenantId: 'a', timeoutMs: 60_000 });
      await started;
      const queued = new AbortController();
      const waiting = engine.run(chain('fixture.double'), { signal: queued.signal, tenantId: 'b' });
      while (pool.counts().queued === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      queued.abort();
      const canceled = await waiting;
      expect(canceled.status).toBe('canceled');
      expect(canceled.error?.message).toBe('The execution was canceled while it waited for a free worker.');
      expect((await engine.storage.executions.get('b', canceled.id))?.status).toBe('canceled');
      expect(workers.spawned).toBe(1);
      first.abort();
      expect((await busy).status).toBe('canceled');
      expect(workers.spawned).toBe(1);
    } finally {
      await pool.close();
    }
  });
});

describe('a Node process that ran a Code node', () => {
  // The script loads the built package (run `npm run build` first). The test waits for the process to exit:
  // if an idle worker kept it alive, it would never exit and the test would fail at its watchdog.
  const script = fileURLToPath(new URL('./fixtures/exits-after-code.mjs', import.meta.url));
  const runToExit = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('exit', (code) => resolve({ code, stdout, stderr }));
    });

  it("exits on its own once the engine is closed, with the Node engine's Code sandbox", async () => {
    expect(await runToExit()).toEqual({ code: 0, stdout: 'success [{"json":{"ran":true}}]\n', stderr: '' });
  });

  it("exits on its own once the engine is closed, with isolation: 'worker'", async () => {
    expect(await runToExit('--isolated')).toEqual({ code: 0, stdout: 'success [{"json":{"ran":true}}]\n', stderr: '' });
  });
});
