import { createEngine, defineNode, silentLogger, StorageError, type Workflow } from '@flowloom/engine';
import { buildWorkflow, sampleExecution } from '@flowloom/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openPostgresStorage } from './index.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from './testing/throwaway-postgres.js';

// These tests stop and start the server process itself (pg_ctl stop -w / start -w, each returning once the
// process has exited or accepts connections), so they always run a cluster of their own.
let server: ThrowawayPostgres;
beforeAll(async () => {
  server = await startThrowawayPostgres({ local: true });
});
afterAll(() => server?.stop());

let n = 0;
const open = () => openPostgresStorage({ connectionString: server.url, schema: `s${n++}`, max: 2 });

async function storageError(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => expect.unreachable('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

/** Node types counting their runs, and a gate that says when it is entered and waits to be released. */
function outageNodes() {
  const runs: Record<string, number> = {};
  let entered!: () => void;
  let release!: () => void;
  const gateEntered = new Promise<void>((resolve) => (entered = resolve));
  const gateReleased = new Promise<void>((resolve) => (release = resolve));
  const count = (id: string) => (runs[id] = (runs[id] ?? 0) + 1);
  const step = defineNode({
    type: 'outage.step',
    version: 1,
    displayName: 'Step',
    description: 'Test helper: adds 1 to n and counts its runs.',
    group: 'utility',
    inputs: ['main'],
    outputs: ['main'],
    properties: z.object({}),
    execute(ctx) {
      count(ctx.node.id);
      return ctx.input().map((item) => ({ json: { ...item.json, n: Number(item.json['n']) + 1 } }));
    },
  });
  const gate = defineNode({
    type: 'outage.gate',
    version: 1,
    displayName: 'Gate',
    description: 'Test helper: waits until the test releases it.',
    group: 'utility',
    inputs: ['main'],
    outputs: ['main'],
    properties: z.object({}),
    async execute(ctx) {
      count(ctx.node.id);
      entered();
      await gateReleased;
      return ctx.input();
    },
  });
  return { nodeTypes: [step, gate], runs, gateEntered, release };
}

/** start -> a -> gate -> b, or start -> a -> b without the gate. */
function workflow(withGate: boolean): Workflow {
  return buildWorkflow({
    id: withGate ? 'gated' : 'plain',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'a', type: 'outage.step' },
      ...(withGate ? [{ id: 'gate', type: 'outage.gate' }] : []),
      { id: 'b', type: 'outage.step' },
    ],
    connections: withGate
      ? [
          ['start', 'a'],
          ['a', 'gate'],
          ['gate', 'b'],
        ]
      : [
          ['start', 'a'],
          ['a', 'b'],
        ],
  });
}

describe('postgres adapter: the server stops and comes back', () => {
  it('reports calls made while the server is down as unreachable, naming its host and port, and serves the first call after it is back', async () => {
    const storage = await open();
    await storage.executions.create(sampleExecution('e1'));
    await server.stopServer('fast');

    const prefix = `Cannot reach PostgreSQL database '${server.database}' at ${server.host}:${server.port}: `;
    const first = await storageError(storage.executions.list('t1'));
    const second = await storageError(storage.executions.create(sampleExecution('e2')));
    for (const error of [first, second]) {
      expect(error.code).toBe('STORAGE_FAILED');
      expect(error.message.startsWith(prefix)).toBe(true);
      expect(error.message).toContain('Check that the server is running and accepts connections');
      expect(error.message).not.toContain('\n');
    }
    // By the second call the pool has dropped the connections the server closed, so it tries to connect.
    expect(second.message).toContain(`connect ECONNREFUSED ${server.host}:${server.port}`);
    expect((second.cause as { code?: string }).code).toBe('ECONNREFUSED');

    await server.startServer();
    expect((await storage.executions.list('t1')).map((e) => e.id)).toEqual(['e1']);
    await storage.close();
  });

  it('serves the first call after a crash of the server (immediate stop) and restart, holding only dead connections before', async () => {
    const storage = await open();
    // Two connections in the pool, both idle when the server dies.
    await Promise.all([storage.executions.create(sampleExecution('e1')), storage.executions.create(sampleExecution('e2'))]);
    await server.stopServer('immediate');
    await server.startServer();
    expect(await storage.executions.count('t1')).toBe(2);
    await storage.close();
  });

  it('fails to open while the server is down with a StorageError naming its host and port', async () => {
    await server.stopServer('fast');
    try {
      const error = await storageError(open());
      expect(error.message).toMatch(
        new RegExp(
          `^Cannot reach PostgreSQL database '${server.database}' at ${server.host.replaceAll('.', '\\.')}:${server.port}: connect ECONNREFUSED`,
        ),
      );
    } finally {
      await server.startServer();
    }
    await (await open()).close();
  });

  it('ends a run cut off by the outage as an error, runs the next one once the server is back, and lets another engine continue the cut one', async () => {
    const storage = await open();
    const { nodeTypes, runs, gateEntered, release } = outageNodes();
    const engine = createEngine({ storage, nodeTypes, logger: silentLogger, executions: { crashRecovery: 'off' } });
    const cut = engine.run(workflow(true), { input: [{ json: { n: 0 } }] });
    await gateEntered;
    await server.stopServer('fast');
    release();
    const failed = await cut;
    expect(failed.status).toBe('error');
    expect(failed.error?.message).toMatch(
      new RegExp(
        `^The execution could not be completed: Cannot reach PostgreSQL database '${server.database}' at [0-9.]+:${server.port}: `,
      ),
    );

    await server.startServer();
    const next = await engine.run(workflow(false), { input: [{ json: { n: 10 } }] });
    expect(next.status).toBe('success');
    expect((await storage.executions.get('default', next.id))?.nodes['b']?.[0]?.output['main']?.[0]?.json).toEqual({ n: 12 });

    // What was written before the outage is there: the run is still marked running, with start and a recorded.
    const stored = await storage.executions.get('default', failed.id);
    expect(stored?.status).toBe('running');
    expect(Object.keys(stored?.nodes ?? {}).sort()).toEqual(['a', 'start']);

    // An engine taking over (as after the host restarts) continues it from the gate, without running a again.
    const successor = createEngine({
      storage,
      nodeTypes,
      logger: silentLogger,
      executions: { crashRecovery: 'resume', isOwnerAlive: (owner) => owner !== engine.executions.instanceId },
    });
    const report = await successor.executions.recovered;
    expect(report.continued?.map((c) => c.executionId)).toEqual([failed.id]);
    await successor.idle();
    const continued = await storage.executions.get('default', failed.id);
    expect(continued?.status).toBe('success');
    expect(continued?.nodes['b']?.[0]?.output['main']?.[0]?.json).toEqual({ n: 2 });
    // a: once in the cut run, once in the next; gate: once cut off, once continued.
    expect(runs).toEqual({ a: 2, gate: 2, b: 2 });
    await engine.close();
    await successor.close();
    await storage.close();
  });
});
