import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { createEngine, defineNode, rawKeyProvider, type Engine, type Execution, type Storage } from '@flowloom/engine';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { startTestHttpServer, type TestHttpServer } from '@flowloom/engine/testing/node';

/** The records a service holds, with increasing ids; the oracle of what each run must get. */
let records: { id: number; name: string }[] = [];
let failNext = false;
let server: TestHttpServer;

beforeAll(async () => {
  server = await startTestHttpServer((request, response) => {
    const url = new URL(request.url, 'http://x');
    if (failNext) {
      failNext = false;
      response.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'down for maintenance' }));
      return;
    }
    const since = Number(url.searchParams.get('since') ?? 0);
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(records.filter((r) => r.id > since)));
  });
});
afterAll(() => server.close());

/** A polling trigger for "new records": asks for ids after the cursor, and keeps the last id as the cursor. */
const newRecords = defineNode({
  type: 'acme.newRecords',
  version: 1,
  displayName: 'New Records',
  group: 'trigger',
  inputs: [],
  outputs: ['main'],
  properties: z.object({ baseUrl: z.string(), minutes: z.number().default(1) }),
  poll: {
    intervalMs: (p) => Number(p['minutes']) * 60_000,
    async poll(ctx, cursor) {
      const { baseUrl } = ctx.params(0) as { baseUrl: string };
      const response = await ctx.fetch(`${baseUrl}/records?since=${typeof cursor === 'number' ? cursor : 0}`);
      if (!response.ok)
        throw new Error(`The service answered ${response.status}: ${((await response.json()) as { message: string }).message}`);
      const found = (await response.json()) as { id: number; name: string }[];
      return { items: found.map((r) => ({ json: r })), cursor: found.at(-1)?.id ?? cursor };
    },
  },
  execute: (ctx) => ctx.input(),
});

const workflow = () =>
  buildWorkflow({
    id: 'wf-poll',
    nodes: [
      { id: 'poll', name: 'New records', type: 'acme.newRecords', parameters: { baseUrl: server.url, minutes: 1 } },
      { id: 'after', type: 'core.noOp' },
    ],
    connections: [['poll', 'after']],
  });

let dir: string;
afterEach(() => {
  records = [];
  failNext = false;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function engineOn(storage: Storage, clock = createTestClock()) {
  const warnings: string[] = [];
  const quiet = () => {};
  const engine = createEngine({
    logger: { debug: quiet, info: quiet, warn: (message: string) => void warnings.push(message), error: quiet },
    storage,
    clock,
    nodeTypes: [newRecords],
    http: { allowPrivateNetworks: true },
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(7) }),
  });
  const runs: Execution[] = [];
  engine.on('executionFinish', (e) => runs.push(e.execution));
  return { engine, clock, runs, warnings };
}

/** Ids that reached the node after the trigger, per run. */
const delivered = (runs: Execution[]) => runs.map((r) => r.nodes.after![0]!.output.main!.map((i) => i.json.id));

async function tick(engine: Engine, clock: ReturnType<typeof createTestClock>) {
  clock.advance(60_000);
  await engine.idle();
}

describe('polling triggers', () => {
  it('runs once per poll that finds new records, with only those records, and keeps the cursor in storage', async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowloom-poll-'));
    const storage = await openSqliteStorage(join(dir, 'flowloom.db'));
    const { engine, clock, runs } = engineOn(storage);
    records = [
      { id: 1, name: 'Ada' },
      { id: 2, name: 'Grace' },
    ];
    const summary = await engine.activate(workflow());
    expect(summary.polls).toEqual([{ nodeId: 'poll', intervalMs: 60_000 }]);
    await engine.startScheduler();
    await tick(engine, clock);
    expect(delivered(runs)).toEqual([[1, 2]]);
    expect(runs[0]).toMatchObject({ mode: 'trigger', status: 'success' });
    await tick(engine, clock);
    expect(runs).toHaveLength(1); // nothing new: no run
    records.push({ id: 3, name: 'Linus' });
    await tick(engine, clock);
    expect(delivered(runs)).toEqual([[1, 2], [3]]);
    expect(await storage.triggerState.get('default', 'wf-poll', 'poll')).toMatchObject({ cursor: 3 });
    expect((await storage.triggerState.get('default', 'wf-poll', 'poll'))?.pending).toBeUndefined();
    await engine.close();
    await storage.close();
  });

  it('neither loses nor repeats records across a restart on the same database file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowloom-poll-'));
    const file = join(dir, 'flowloom.db');
    records = [{ id: 1, name: 'Ada' }];
    const first = engineOn(await openSqliteStorage(file));
    await first.engine.activate(workflow());
    await first.engine.startScheduler();
    await tick(first.engine, first.clock);
    expect(delivered(first.runs)).toEqual([[1]]);
    await first.engine.close();
    await first.engine.storage.close?.();

    // Records arrive while no engine runs.
    records.push({ id: 2, name: 'Grace' }, { id: 3, name: 'Linus' });
    const second = engineOn(await openSqliteStorage(file));
    await second.engine.activate(workflow());
    await second.engine.startScheduler();
    await tick(second.engine, second.clock);
    records.push({ id: 4, name: 'Barbara' });
    await tick(second.engine, second.clock);
    expect(delivered(second.runs)).toEqual([[2, 3], [4]]);
    await second.engine.close();
    await second.engine.storage.close?.();
  });

  it('starts the run of items an engine found but stopped before running, once', async () => {
    dir = mkdtempSync(join(tmpdir(), 'flowloom-poll-'));
    const file = join(dir, 'flowloom.db');
    // What an engine that stopped between writing the state and starting the run leaves behind.
    const storage = await openSqliteStorage(file);
    await storage.triggerState.set('default', 'wf-poll', 'poll', {
      cursor: 2,
      pending: { executionId: 'ex-found', items: [{ json: { id: 1, name: 'Ada' } }, { json: { id: 2, name: 'Grace' } }] },
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    records = [
      { id: 1, name: 'Ada' },
      { id: 2, name: 'Grace' },
      { id: 3, name: 'Linus' },
    ];
    const { engine, clock, runs } = engineOn(storage);
    await engine.activate(workflow());
    await engine.startScheduler();
    await tick(engine, clock);
    expect(delivered(runs)).toEqual([[1, 2], [3]]);
    expect(runs[0]!.id).toBe('ex-found');
    await engine.close();
    await storage.close();
  });

  it('does not run pending items again when their run already exists', async () => {
    const { engine, clock, runs } = engineOn((await import('@flowloom/engine')).createMemoryStorage());
    records = [{ id: 1, name: 'Ada' }];
    await engine.activate(workflow());
    await engine.startScheduler();
    await tick(engine, clock);
    expect(delivered(runs)).toEqual([[1]]);
    // As if the engine had stopped after the run but before dropping the items from the state.
    await engine.storage.triggerState.set('default', 'wf-poll', 'poll', {
      cursor: 1,
      pending: { executionId: runs[0]!.id, items: [{ json: { id: 1, name: 'Ada' } }] },
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    await tick(engine, clock);
    expect(runs).toHaveLength(1);
    expect((await engine.storage.triggerState.get('default', 'wf-poll', 'poll'))?.pending).toBeUndefined();
    await engine.close();
  });

  it('records a failed poll as a failed execution naming the node, keeps the cursor, and polls again', async () => {
    const { engine, clock, runs, warnings } = engineOn((await import('@flowloom/engine')).createMemoryStorage());
    records = [{ id: 1, name: 'Ada' }];
    await engine.activate(workflow());
    await engine.startScheduler();
    await tick(engine, clock);
    records.push({ id: 2, name: 'Grace' });
    failNext = true;
    await tick(engine, clock);
    const failed = (await engine.storage.executions.list('default', { status: ['error'] }))[0]!;
    const record = (await engine.storage.executions.get('default', failed.id))!;
    expect(record).toMatchObject({ mode: 'trigger', status: 'error', workflowId: 'wf-poll' });
    expect(record.error?.message).toBe('The service answered 503: down for maintenance');
    expect(record.nodes.poll![0]).toMatchObject({ status: 'error', nodeName: 'New records' });
    expect((await engine.storage.triggerState.get('default', 'wf-poll', 'poll'))?.cursor).toBe(1);
    expect(warnings).toEqual(["Polling node 'New records' of workflow 'wf-poll' failed: The service answered 503: down for maintenance"]);
    await tick(engine, clock);
    expect(delivered(runs)).toEqual([[1], [2]]);
    await engine.close();
  });

  it('refuses to activate a poll interval under a second, or a polling trigger without its credential', async () => {
    const polled = defineNode({
      ...newRecords,
      type: 'acme.securePoll',
      credentials: [{ name: 'api', type: 'httpHeaderAuth', required: true }],
    });
    const engine = createEngine({ nodeTypes: [newRecords, polled] });
    const fast = buildWorkflow({
      id: 'fast',
      nodes: [{ id: 'p', name: 'Too fast', type: 'acme.newRecords', parameters: { baseUrl: 'https://example.com', minutes: 0.001 } }],
    });
    await expect(engine.activate(fast)).rejects.toThrow("Node 'Too fast': polls must be at least 1 second apart, got an interval of 60 ms");
    const bare = buildWorkflow({
      id: 'bare',
      nodes: [{ id: 'p', name: 'Secure', type: 'acme.securePoll', parameters: { baseUrl: 'https://example.com' } }],
    });
    await expect(engine.activate(bare)).rejects.toThrow("Node 'Secure': choose a credential for 'api' so it can poll New Records.");
    await engine.close();
  });
});
