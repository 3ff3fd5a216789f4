import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWorkflow } from '@flowloom/engine/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../adapters/src/postgres/testing/throwaway-postgres.js';
import { gateService, startQueueCluster, type ClusterProcess, type QueueCluster } from './testing/queue-cluster.js';
import { removeQueueScript, spawnQueueProcess } from './testing/queue-processes.js';
import { startThrowawayRedis, type ThrowawayRedis } from './testing/throwaway-redis.js';

// These tests stop and start PostgreSQL and Redis themselves (each stop resolves once the server process has
// exited, each start once it answers), so they run servers of their own.
let postgres: ThrowawayPostgres;
let dir: string;
beforeAll(async () => {
  postgres = await startThrowawayPostgres({ local: true });
  dir = mkdtempSync(join(tmpdir(), 'flowloom-queue-faults-'));
});
afterAll(async () => {
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
  removeQueueScript();
});

const environment = (redis: ThrowawayRedis) => ({
  FLOWLOOM_DATABASE_URL: postgres.url,
  FLOWLOOM_REDIS_URL: redis.url,
  FLOWLOOM_QUEUE_PREFIX: redis.prefix,
  FLOWLOOM_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
});

describe('queue mode when PostgreSQL or Redis is away', () => {
  it('waits for Redis that is down at start, saying so at each attempt, and starts once it is up', async () => {
    const redis = await startThrowawayRedis({ reserveOnly: true });
    const worker = await spawnQueueProcess(['--role', 'worker', '--port', '0'], { cwd: dir, env: environment(redis) });
    try {
      const port = String(redis.port);
      await worker.line(
        'stderr',
        new RegExp(
          `^flowloom serve \\(worker\\): Redis at 127\\.0\\.0\\.1:${port} is not reachable \\(.*ECONNREFUSED.*\\); trying again in .+ \\(attempt 2\\)\\.$`,
        ),
      );
      await redis.startServer();
      await worker.line('stdout', /^Flowloom worker \S+ takes executions from Redis at 127\.0\.0\.1:\d+ /);
      await worker.line('stderr', new RegExp(`Redis at 127\\.0\\.0\\.1:${port} is reachable again\\.$`));
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    } finally {
      if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
      await redis.stop();
    }
  });

  it('stops cleanly when told to while it still waits for Redis', async () => {
    const redis = await startThrowawayRedis({ reserveOnly: true });
    const main = await spawnQueueProcess(['--role', 'main', '--port', '0'], { cwd: dir, env: environment(redis) });
    try {
      await main.line('stderr', /is not reachable .*\(attempt 1\)\.$/);
      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
      expect(main.stderr).toContain('flowloom serve: SIGTERM: stopped before it started.');
    } finally {
      if (main.child.exitCode === null) main.child.kill('SIGKILL');
      await redis.stop();
    }
  });

  it('waits for PostgreSQL that is down at start, naming it at each attempt, and starts once it is up', async () => {
    const redis = await startThrowawayRedis();
    await postgres.stopServer();
    const main = await spawnQueueProcess(['--role', 'main', '--port', '0'], { cwd: dir, env: environment(redis) });
    try {
      await main.line(
        'stderr',
        /^flowloom serve \(main\): Cannot reach PostgreSQL database 'flowloom_test' at 127\.0\.0\.1:\d+: .*ECONNREFUSED.* Trying again in .+ \(attempt 2\)\.$/,
      );
      await postgres.startServer();
      const [, url] = await main.line('stdout', /^Flowloom API listening on (http:\/\/\S+) /);
      expect(await (await fetch(`${url}/readyz`)).json()).toEqual({ status: 'ready' });
      main.child.kill('SIGTERM');
      expect(await main.exited).toBe(0);
    } finally {
      if (main.child.exitCode === null) main.child.kill('SIGKILL');
      await postgres.startServer().catch(() => undefined);
      await redis.stop();
    }
  });

  describe('mid-run', () => {
    let redis: ThrowawayRedis;
    let cluster: QueueCluster;
    let webhook: ClusterProcess;
    let worker: ClusterProcess;
    const gate = gateService();
    let gateUrl: string;
    beforeAll(async () => {
      // Redis keeps its queue across a restart: every write is in its append-only file before it answers.
      [redis, gateUrl] = await Promise.all([startThrowawayRedis({ durable: true }), gate.listen()]);
      cluster = await startQueueCluster({ postgresUrl: postgres.url, redisUrl: redis.url, prefix: redis.prefix, lockMs: 2000 });
      [worker, webhook] = await Promise.all([cluster.start('worker', ['--concurrency', '4']), cluster.start('webhook')]);
      await cluster.sql(`CREATE TABLE IF NOT EXISTS public.finishes (execution_id text NOT NULL, status text NOT NULL)`);
      await cluster.sql(`CREATE OR REPLACE FUNCTION public.record_finish() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO public.finishes VALUES (NEW.id, NEW.status); RETURN NEW; END $$`);
      await cluster.sql(`CREATE TRIGGER record_finish AFTER UPDATE OF finished_at ON flowloom.executions
        FOR EACH ROW WHEN (NEW.finished_at IS NOT NULL) EXECUTE FUNCTION public.record_finish()`);
      const workflow = buildWorkflow({
        id: 'orders',
        nodes: [
          { id: 'hook', type: 'core.webhook', parameters: { httpMethod: 'POST', path: 'orders' } },
          { id: 'prepare', type: 'core.set', parameters: { fields: [{ name: 'n', type: 'expression', value: '{{ $json.body.n }}' }] } },
          { id: 'call', type: 'core.httpRequest', parameters: { url: `${gateUrl}/call/{{ $json.n }}` } },
          { id: 'done', type: 'core.noOp' },
        ],
        connections: [
          ['hook', 'prepare'],
          ['prepare', 'call'],
          ['call', 'done'],
        ],
      });
      expect((await cluster.api('/workflows', { json: workflow })).status).toBe(201);
      expect((await cluster.api('/workflows/orders/activate', { method: 'POST' })).status).toBe(200);
    });
    afterAll(async () => {
      await cluster?.stop();
      await gate.close();
      await redis?.stop();
    });

    const call = async (n: number) => {
      const answer = await fetch(`${webhook.url}/t/default/webhook/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ n }),
      });
      return { status: answer.status, body: (await answer.json()) as { executionId?: string; error?: { code: string; message: string } } };
    };

    /**
     * Four runs held at the gate: each has its trigger and `prepare` committed, its HTTP call unanswered. A run's
     * writes are pipelined (the worker's host commits them in order while the run goes on), so the call may reach
     * the gate before `prepare` is committed: the commits are waited for, then counted exactly.
     */
    async function fourMidRun(from: number): Promise<string[]> {
      gate.shut();
      const ids = await Promise.all([0, 1, 2, 3].map(async (i) => (await call(from + i)).body.executionId!));
      await gate.held(4);
      const committed = await cluster.until(
        () =>
          cluster.sql<{ n: string }>(
            `SELECT count(*) AS n FROM flowloom.node_runs WHERE execution_id = ANY($1) AND data->>'nodeId' IN ('hook', 'prepare')`,
            [ids],
          ),
        (rows) => Number(rows[0]!.n) >= 8,
      );
      expect(committed[0]!.n).toBe('8');
      return ids;
    }

    /** Ended once, successfully, with one record of each node. */
    async function expectEndedOnce(ids: string[]) {
      const ended = await cluster.until(
        () => cluster.sql<{ status: string }>(`SELECT status FROM flowloom.executions WHERE id = ANY($1)`, [ids]),
        (rows) => rows.length === ids.length && rows.every((r) => r.status !== 'running'),
      );
      expect(ended.map((r) => r.status)).toEqual(ids.map(() => 'success'));
      const runs = await cluster.sql<{ node: string; n: string }>(
        `SELECT data->>'nodeId' AS node, count(*) AS n FROM flowloom.node_runs WHERE execution_id = ANY($1) GROUP BY 1 ORDER BY 1`,
        [ids],
      );
      expect(runs).toEqual(['call', 'done', 'hook', 'prepare'].map((node) => ({ node, n: String(ids.length) })));
      const finishes = await cluster.sql<{ n: string }>(
        `SELECT count(*) AS n FROM public.finishes WHERE execution_id = ANY($1) GROUP BY execution_id`,
        [ids],
      );
      expect(finishes.map((f) => f.n)).toEqual(ids.map(() => '1'));
    }

    it('loses nothing when Redis restarts mid-run: runs finish, calls meanwhile are refused clearly, work goes on after', async () => {
      const held = await fourMidRun(0);
      await redis.stopServer();
      // The runs go on without Redis: PostgreSQL records them.
      gate.open();
      await cluster.until(
        () => fetch(`${webhook.url}/readyz`).then((r) => r.status),
        (status) => status === 503,
      );
      const refused = await call(100);
      expect(refused.status).toBe(503);
      expect(refused.body.error).toEqual({
        code: 'QUEUE_UNAVAILABLE',
        message: `Redis at 127.0.0.1:${redis.port} is not reachable, so the run was not queued; try again.`,
      });
      await redis.startServer();
      const after = await cluster.until(
        () => call(200),
        (answer) => answer.status === 200,
      );
      await expectEndedOnce([...held, after.body.executionId!]);
    });

    it('continues runs whose jobs Redis lost with their worker: main queues them again when it starts', async () => {
      const held = await fourMidRun(400);
      // The worker dies mid-run and Redis forgets every job: only PostgreSQL knows these runs.
      worker.child.kill('SIGKILL');
      await worker.exited;
      const client = new Redis(redis.url);
      try {
        await client.flushall();
      } finally {
        client.disconnect();
      }
      worker = await cluster.start('worker', ['--concurrency', '4']);
      gate.open();
      const main = await cluster.restartMain();
      await main.line('stderr', /Queued 4 interrupted executions and 0 wait timers\.$/);
      await expectEndedOnce(held);
    });

    it('loses no committed node run when PostgreSQL restarts mid-run, and continues each run from there', async () => {
      const held = await fourMidRun(300);
      await postgres.stopServer();
      // Each HTTP call answers now, but its node run cannot be recorded: the runs stop and wait for the database.
      gate.open();
      await postgres.startServer();
      await expectEndedOnce(held);
      // Each HTTP call, whose record could not be committed, ran again; nothing committed did (above).
      for (const n of [300, 301, 302, 303]) expect(gate.calls.get(`/call/${n}`)).toBeGreaterThanOrEqual(2);
    });
  });
});
