// Isolation with several executions of a tenant on one worker thread (`executionsPerWorker`).
import { threadId } from 'node:worker_threads';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, silentLogger, type Engine, type Execution, type Workflow } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { createNodeExecutionIsolation } from './node-execution-isolation.js';
import { startTestHttpServer, type TestHttpServer } from '../testing/test-http-server.node.js';

const fixtures = new URL('./fixtures/isolated-nodes.mjs', import.meta.url).href;

/** A server that holds every call until `release`; `held(n)` resolves once n calls are held. */
async function gate(): Promise<{ server: TestHttpServer; held(n: number): Promise<void>; release(): void }> {
  const waiting: ServerResponse[] = [];
  const watchers: { n: number; resolve(): void }[] = [];
  let open = false;
  const server = await startTestHttpServer((_seen, res) => {
    if (open) return void res.end('{"ok":true}');
    waiting.push(res);
    for (const w of watchers.filter((w) => waiting.length >= w.n)) w.resolve();
  });
  return {
    server,
    held: (n) => (waiting.length >= n ? Promise.resolve() : new Promise<void>((resolve) => watchers.push({ n, resolve }))),
    release: () => {
      open = true;
      for (const res of waiting.splice(0)) {
        res.setHeader('content-type', 'application/json');
        res.end('{"ok":true}');
      }
    },
  };
}

/** Start, then where the run is (thread, runs there), then a call to the gate. */
const throughGate = (url: string): Workflow =>
  buildWorkflow({
    id: 'wf-gate',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'where', type: 'fixture.whereAmI' },
      { id: 'call', type: 'core.httpRequest', parameters: { url } },
    ],
    connections: [
      ['start', 'where'],
      ['where', 'call'],
    ],
  });

const spinning = buildWorkflow({
  id: 'wf-spin',
  nodes: [
    { id: 'start', type: 'core.manualTrigger' },
    { id: 'spin', type: 'fixture.spin' },
  ],
  connections: [['start', 'spin']],
});

const threadOf = (execution: Execution) => (execution.nodes.where![0]!.output.main![0]!.json as { threadId: number }).threadId;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function setUp(executionsPerWorker: number): Engine {
  const isolation = createNodeExecutionIsolation({
    heapMb: 64,
    executionsPerWorker,
    maxWorkers: 8,
    maxWorkersPerTenant: 8,
    maxIdleWorkers: 8,
  });
  cleanup.push(() => isolation.close());
  return createEngine({ isolation, nodeModules: [fixtures], logger: silentLogger, http: { allowPrivateNetworks: true } });
}

describe('several executions of a tenant on one worker thread', () => {
  it('carries up to executionsPerWorker runs at once on a thread, starts another thread past that, and keeps tenants apart', async () => {
    const engine = setUp(3);
    const { server, held, release } = await gate();
    cleanup.push(() => server.close());
    const runs = [1, 2, 3, 4].map(() => engine.run(throughGate(server.url)));
    const other = engine.run(throughGate(server.url), { tenantId: 'tenant-b' });
    // All five are under way at the same time: each holds a call at the gate.
    await held(5);
    release();
    const done = await Promise.all(runs);
    expect(done.map((e) => e.status)).toEqual(['success', 'success', 'success', 'success']);
    const threads = done.map(threadOf);
    expect(threads).not.toContain(threadId);
    // Three on one thread, the fourth on a second one.
    expect(new Set(threads.slice(0, 3)).size).toBe(1);
    expect(threads[3]).not.toBe(threads[0]);
    const b = await other;
    expect(b.status).toBe('success');
    expect(threads).not.toContain(threadOf(b));
  });

  it('cancels one execution in the worker, while the others on its thread go on, and the thread stays', async () => {
    const engine = setUp(4);
    const { server, held, release } = await gate();
    cleanup.push(() => server.close());
    const controller = new AbortController();
    const canceled = engine.run(throughGate(server.url), { signal: controller.signal });
    const kept = engine.run(throughGate(server.url));
    await held(2);
    controller.abort();
    const ended = await canceled;
    expect(ended.status).toBe('canceled');
    expect(ended.error?.message).toBe('The execution was canceled.');
    release();
    const finished = await kept;
    expect(finished.status).toBe('success');
    expect(threadOf(finished)).toBe(threadOf(ended));
    // The thread was not stopped: the next run finds it.
    expect(threadOf(await engine.run(throughGate(server.url)))).toBe(threadOf(finished));
  });

  it('stops a thread held past a deadline; the runs it carried end as errors saying why, and the next run gets a new thread', async () => {
    const engine = setUp(4);
    const { server, held, release } = await gate();
    cleanup.push(() => server.close());
    const carried = engine.run(throughGate(server.url));
    await held(1);
    const runaway = await engine.run(spinning, { timeoutMs: 100 });
    expect(runaway.error?.code).toBe('EXECUTION_TIMEOUT');
    const victim = await carried;
    expect(victim.status).toBe('error');
    expect(victim.error?.code).toBe('EXECUTION_WORKER_FAILED');
    expect(victim.error?.message).toContain('another execution on the same worker thread held it past its deadline or a cancel');
    expect((await engine.storage.executions.get('default', victim.id))?.status).toBe('error');
    release();
    const next = await engine.run(throughGate(server.url));
    expect(next.status).toBe('success');
    expect(threadOf(next)).not.toBe(threadOf(victim));
  });
});
