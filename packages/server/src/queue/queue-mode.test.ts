import { buildWorkflow } from '@flowloom/engine/testing';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../adapters/src/postgres/testing/throwaway-postgres.js';
import { EXECUTION_QUEUE, timerJobId } from './execution-jobs.js';
import { gateService, startQueueCluster, type ClusterProcess, type QueueCluster } from './testing/queue-cluster.js';
import { removeQueueScript } from './testing/queue-processes.js';
import { startThrowawayRedis, type ThrowawayRedis } from './testing/throwaway-redis.js';

// One installation for the file, as it would run: 1 main, 2 workers and 1 webhook process, each a real child
// process, over one PostgreSQL and one Redis. Workers take a job for dead when its lock is 3 s old. The second
// worker's executions share worker threads (4 on each), so every test runs over both kinds of worker.
let postgres: ThrowawayPostgres;
let redis: ThrowawayRedis;
let cluster: QueueCluster;
let workers: ClusterProcess[];
let webhook: ClusterProcess;
const gate = gateService();
let gateUrl: string;

beforeAll(async () => {
  [postgres, redis, gateUrl] = await Promise.all([startThrowawayPostgres(), startThrowawayRedis(), gate.listen()]);
  cluster = await startQueueCluster({ postgresUrl: postgres.url, redisUrl: redis.url, prefix: redis.prefix, lockMs: 3000 });
  [workers, webhook] = await Promise.all([
    Promise.all([
      cluster.start('worker', ['--concurrency', '4']),
      cluster.start('worker', ['--concurrency', '4', '--executions-per-worker', '4']),
    ]),
    cluster.start('webhook'),
  ]);
  // Every end of an execution, as the rows record it: an execution ended twice would have two rows.
  await cluster.sql(`CREATE TABLE public.finishes (execution_id text NOT NULL, status text NOT NULL)`);
  await cluster.sql(`CREATE FUNCTION public.record_finish() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO public.finishes VALUES (NEW.id, NEW.status); RETURN NEW; END $$`);
  await cluster.sql(`CREATE TRIGGER record_finish AFTER UPDATE OF finished_at ON flowloom.executions
    FOR EACH ROW WHEN (NEW.finished_at IS NOT NULL) EXECUTE FUNCTION public.record_finish()`);
});
afterAll(async () => {
  await cluster?.stop();
  await gate.close();
  await Promise.all([postgres?.stop(), redis?.stop()]);
  removeQueueScript();
});

/** webhook -> Edit Fields -> HTTP Request to the gate -> Edit Fields, at webhook path `id`. */
const orders = (id = 'orders') =>
  buildWorkflow({
    id,
    nodes: [
      { id: 'hook', type: 'core.webhook', parameters: { httpMethod: 'POST', path: id } },
      { id: 'prepare', type: 'core.set', parameters: { fields: [{ name: 'n', type: 'expression', value: '{{ $json.body.n }}' }] } },
      { id: 'call', type: 'core.httpRequest', parameters: { url: `${gateUrl}/call/{{ $json.n }}` } },
      { id: 'done', type: 'core.set', parameters: { fields: [{ name: 'total', type: 'expression', value: '{{ $json.doubled + 1 }}' }] } },
    ],
    connections: [
      ['hook', 'prepare'],
      ['prepare', 'call'],
      ['call', 'done'],
    ],
  });

async function save(workflow: ReturnType<typeof orders>, activate = true) {
  expect((await cluster.api('/workflows', { json: workflow })).status).toBe(201);
  if (activate) expect((await cluster.api(`/workflows/${workflow.id}/activate`, { method: 'POST' })).status).toBe(200);
}

async function post(url: string, body: unknown): Promise<{ status: number; body: { executionId?: string } }> {
  const answer = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: answer.status, body: (await answer.json()) as { executionId?: string } };
}

const statusOf = async (id: string) => (await cluster.api(`/executions/${id}`)).body?.status as string | undefined;

describe('queue mode', () => {
  it('runs an API run on a worker, streams its progress to main over Redis, and shows the queue on /metrics', async () => {
    await save(orders());
    const metrics = await (await fetch(`${cluster.main.url}/metrics`)).text();
    expect(metrics).toMatch(/^flowloom_queue_workers 2$/m);
    expect(metrics).toMatch(/^flowloom_queue_jobs\{state="waiting"\} \d+$/m);

    gate.shut();
    const started = await cluster.api('/workflows/orders/run', { json: { async: true, input: [{ body: { n: 21 } }], startNode: 'hook' } });
    expect(started.status).toBe(202);
    const id = started.body.executionId as string;
    await gate.held(1);
    const events = await fetch(`${cluster.main.url}/executions/${id}/events`, { headers: { authorization: `Bearer ${cluster.key}` } });
    const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const read = async (until: string) => {
      while (!text.includes(until)) text += (await reader.read()).value ?? '';
    };
    await read('event: execution\n');
    gate.open();
    await read('event: executionFinish\n');
    expect(text).toMatch(/event: nodeFinish\ndata: \{"executionId":"[^"]+","run":\{"nodeId":"call"/);
    const record = (await cluster.api(`/executions/${id}`)).body;
    expect(record.status).toBe('success');
    expect(workers.map((w) => w.workerId)).toContain(record.owner);
    expect(record.nodes.done[0].output.main[0].json.total).toBe(43);
  });

  it('cancels through main an execution a worker is running', async () => {
    gate.shut();
    const started = await cluster.api('/workflows/orders/run', { json: { async: true, input: [{ body: { n: 5 } }], startNode: 'hook' } });
    const id = started.body.executionId as string;
    await gate.held(1);
    expect(await cluster.api(`/executions/${id}/cancel`, { method: 'POST' })).toEqual({ status: 202, body: { id, canceling: true } });
    await cluster.until(
      () => statusOf(id),
      (status) => status === 'canceled',
    );
    gate.open();
    const record = (await cluster.api(`/executions/${id}`)).body;
    expect(record.error).toMatchObject({ code: 'CANCELED' });
    // The worker aborted the run as in process: the call under way is recorded canceled, and nothing ran after it.
    expect(Object.keys(record.nodes).sort()).toEqual(['call', 'hook', 'prepare']);
    expect(record.nodes.call.map((run: { status: string }) => run.status)).toEqual(['canceled']);
  });

  it('resumes a wait with a time on a delayed job, whichever worker takes it', async () => {
    await save(
      buildWorkflow({
        id: 'later',
        nodes: [
          { id: 'start', type: 'core.manualTrigger' },
          { id: 'pause', type: 'core.wait', parameters: { resume: 'timeInterval', amount: 1, unit: 'hours' } },
          { id: 'after', type: 'core.noOp' },
        ],
        connections: [
          ['start', 'pause'],
          ['pause', 'after'],
        ],
      }),
      false,
    );
    const waiting = (await cluster.api('/workflows/later/run', { json: { input: [{ n: 1 }] } })).body;
    expect(waiting.status).toBe('waiting');
    // The hour passes when the test says so: the timer is a delayed job, promoted now.
    const queue = new Queue(EXECUTION_QUEUE, { connection: { url: redis.url }, prefix: redis.prefix });
    try {
      const timer = await queue.getJob(timerJobId('default', waiting.id, 'pause', 0));
      expect(await timer?.getState()).toBe('delayed');
      await timer!.promote();
    } finally {
      await queue.close();
    }
    const resumed = await cluster.until(
      () => cluster.api(`/executions/${waiting.id}`),
      (r) => r.body.status !== 'waiting',
    );
    expect(resumed.body.status).toBe('success');
    expect(resumed.body.nodes.after[0].input.main).toEqual([{ json: { n: 1 } }]);
  });

  it('ends 1,000 webhook executions exactly once while a worker is killed mid-run, fires each schedule tick once, and resumes a wait on another worker', async () => {
    await save(orders('burst'));
    await save(
      buildWorkflow({
        id: 'approval',
        nodes: [
          { id: 'hook', type: 'core.webhook', parameters: { httpMethod: 'POST', path: 'approval' } },
          { id: 'pause', type: 'core.wait', parameters: { resume: 'webhook' } },
          { id: 'after', type: 'core.noOp' },
        ],
        connections: [
          ['hook', 'pause'],
          ['pause', 'after'],
        ],
      }),
    );
    await save(
      buildWorkflow({
        id: 'ticker',
        nodes: [
          { id: 'tick', type: 'core.scheduleTrigger', parameters: { mode: 'interval', interval: 1, unit: 'seconds' } },
          { id: 'seen', type: 'core.noOp' },
        ],
        connections: [['tick', 'seen']],
      }),
    );

    // A wait started on one worker: that worker is the one killed below, so its resume must run on the other.
    const approval = await post(`${webhook.url}/t/default/webhook/approval`, { ok: true });
    const approvalId = approval.body.executionId!;
    const waiting = await cluster.until(
      () => cluster.api(`/executions/${approvalId}`),
      (r) => r.body?.status === 'waiting',
    );
    const victim = workers.find((w) => w.workerId === waiting.body.owner)!;
    const survivor = workers.find((w) => w !== victim)!;
    expect(victim).toBeDefined();

    gate.shut();
    const ids: string[] = [];
    const answers: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < 1000) {
          const n = next++;
          const answer = await post(`${webhook.url}/t/default/webhook/burst`, { n });
          answers.push(answer.status);
          if (answer.body.executionId) ids.push(answer.body.executionId);
        }
      }),
    );
    expect(answers.filter((s) => s !== 200)).toEqual([]);
    expect(new Set(ids).size).toBe(1000);
    // Both workers are mid-run (each holds 4 calls at the gate, its node runs before committed); kill one.
    await gate.held(8);
    victim.child.kill('SIGKILL');
    await victim.exited;
    gate.open();

    const ended = await cluster.until(
      () => cluster.sql<{ n: string }>(`SELECT count(*) AS n FROM flowloom.executions WHERE workflow_id = 'burst' AND status <> 'running'`),
      (rows) => Number(rows[0]!.n) === 1000,
    );
    expect(Number(ended[0]!.n)).toBe(1000);

    // The wait resumes on the worker left: the one that started it is gone.
    expect((await post(`${webhook.url}/t/default/webhook-waiting/${approvalId}`, { approved: true })).status).toBe(200);
    await cluster.until(
      () => statusOf(approvalId),
      (s) => s === 'success',
    );
    await survivor.line('stderr', new RegExp(`Execution '${approvalId}' resumed here \\(webhook\\) by worker ${survivor.workerId}\\.`));
    expect(waiting.body.owner).toBe(victim.workerId);

    // Schedule ticks: let a few more come after the burst, then stop them.
    const ticksBefore = Number(
      (await cluster.sql<{ n: string }>(`SELECT count(*) AS n FROM flowloom.executions WHERE workflow_id = 'ticker'`))[0]!.n,
    );
    await cluster.until(
      () => cluster.sql<{ n: string }>(`SELECT count(*) AS n FROM flowloom.executions WHERE workflow_id = 'ticker' AND status = 'success'`),
      (rows) => Number(rows[0]!.n) >= ticksBefore + 3,
    );
    expect((await cluster.api('/workflows/ticker/deactivate', { method: 'POST' })).body.wasActive).toBe(true);

    // From storage. Every webhook answer's execution exists, once, ended once, successfully, with each n once.
    const burst = await cluster.sql<{ id: string; status: string; n: string }>(
      `SELECT e.id, e.status, r.data->'output'->'main'->0->'json'->'body'->>'n' AS n
       FROM flowloom.executions e JOIN flowloom.node_runs r ON r.tenant_id = e.tenant_id AND r.execution_id = e.id AND r.data->>'nodeId' = 'hook'
       WHERE e.workflow_id = 'burst'`,
    );
    expect(burst).toHaveLength(1000);
    expect(new Set(burst.map((r) => r.id))).toEqual(new Set(ids));
    expect(burst.filter((r) => r.status !== 'success')).toEqual([]);
    expect(new Set(burst.map((r) => Number(r.n)))).toEqual(new Set(Array.from({ length: 1000 }, (_, i) => i)));
    const finishes = await cluster.sql<{ execution_id: string; n: string }>(
      `SELECT f.execution_id, count(*) AS n FROM public.finishes f JOIN flowloom.executions e ON e.id = f.execution_id
       WHERE e.workflow_id = 'burst' GROUP BY f.execution_id`,
    );
    expect(finishes).toHaveLength(1000);
    expect(finishes.filter((f) => f.n !== '1')).toEqual([]);
    // No committed node run twice: one record per node per execution, four per execution.
    const twice = await cluster.sql(
      `SELECT r.execution_id, r.data->>'nodeId' AS node, count(*) AS n FROM flowloom.node_runs r
       JOIN flowloom.executions e ON e.tenant_id = r.tenant_id AND e.id = r.execution_id
       WHERE e.workflow_id = 'burst' GROUP BY 1, 2 HAVING count(*) <> 1`,
    );
    expect(twice).toEqual([]);
    expect(
      (
        await cluster.sql<{ n: string }>(
          `SELECT count(*) AS n FROM flowloom.node_runs r JOIN flowloom.executions e ON e.id = r.execution_id WHERE e.workflow_id = 'burst'`,
        )
      )[0]!.n,
    ).toBe('4000');
    // The kill landed mid-run: the calls the victim held were made again by the survivor, their records once.
    const again = [...gate.calls.entries()].filter(([path, count]) => path.startsWith('/call/') && count > 1);
    expect(again.length).toBeGreaterThanOrEqual(1);
    const continued = burst.filter((r) => again.some(([path]) => path === `/call/${r.n}`));
    expect(continued.length).toBe(again.length);

    // Each schedule tick ran once, though two workers and main were there to take it.
    const ticks = await cluster.sql<{ tick: string; n: string }>(
      `SELECT r.data->'output'->'main'->0->'json'->>'timestamp' AS tick, count(*) AS n FROM flowloom.node_runs r
       JOIN flowloom.executions e ON e.tenant_id = r.tenant_id AND e.id = r.execution_id
       WHERE e.workflow_id = 'ticker' AND r.data->>'nodeId' = 'tick' GROUP BY 1`,
    );
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.filter((t) => t.n !== '1')).toEqual([]);
    const tickFinishes = await cluster.sql(
      `SELECT f.execution_id FROM public.finishes f JOIN flowloom.executions e ON e.id = f.execution_id
       WHERE e.workflow_id = 'ticker' GROUP BY 1 HAVING count(*) <> 1`,
    );
    expect(tickFinishes).toEqual([]);
    const running = await cluster.sql(`SELECT id, workflow_id FROM flowloom.executions WHERE status = 'running'`);
    expect(running).toEqual([]);
  });
});
