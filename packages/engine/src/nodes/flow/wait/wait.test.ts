import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, createMemoryStorage, silentLogger, type Execution, type Storage } from '@flowloom/engine';
import { buildWorkflow, createTestClock, type TestClock } from '@flowloom/engine/testing';
import { serveWebhooks, type TestHttpServer } from '@flowloom/engine/testing/node';
import type { ExecutionWait } from '../../../model/execution-wait.js';

const START = Date.UTC(2026, 0, 1);

let server: TestHttpServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * Waits for a POST to the resume URL whose answer comes from a Respond to
 * Webhook node after the Wait, `steps` (node id, type, parameters) running
 * between them.
 */
function approvalWorkflow(steps: { id: string; type: string; parameters?: Record<string, unknown> }[]) {
  const nodes = [
    { id: 'start', type: 'core.manualTrigger' },
    {
      id: 'pause',
      name: 'Await approval',
      type: 'core.wait',
      parameters: { resume: 'webhook', httpMethod: 'POST', responseMode: 'responseNode' },
    },
    ...steps,
  ];
  return buildWorkflow({
    id: 'wf-approval',
    nodes,
    connections: nodes.slice(1).map((n, i) => [nodes[i]!.id, n.id] as [string, string]),
  });
}

const respondWith = (parameters: Record<string, unknown>) => ({ id: 'answer', type: 'core.respondToWebhook', parameters });

/** Posts JSON to an execution's resume URL over HTTP. */
async function resumeOverHttp(engine: ReturnType<typeof createEngine>, executionId: string, body: unknown): Promise<Response> {
  server = await serveWebhooks(engine);
  return fetch(`${server.url}/webhook-waiting/${executionId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

function waitWorkflow(parameters: Record<string, unknown>) {
  return buildWorkflow({
    id: 'wf-wait',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'pause', name: 'Pause', type: 'core.wait', parameters },
      { id: 'after', type: 'core.noOp' },
    ],
    connections: [
      ['start', 'pause'],
      ['pause', 'after'],
    ],
  });
}

/** Memory storage that keeps `wait` and the run state as JSON, like a persistent adapter does. */
function persistentStorage(clock: TestClock): Storage {
  const storage = createMemoryStorage({ now: () => clock.now() });
  const inner = storage.executions;
  const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  const waits = new Map<string, ExecutionWait>();
  return {
    ...storage,
    executions: {
      ...inner,
      async create(execution) {
        return inner.create(execution.state ? { ...execution, state: asJson(execution.state) } : execution);
      },
      async appendNodeRun(tenantId, id, run, state) {
        return inner.appendNodeRun(tenantId, id, run, state && asJson(state));
      },
      async finish(tenantId, id, result) {
        if (result.wait) waits.set(id, asJson(result.wait));
        else waits.delete(id);
        return inner.finish(tenantId, id, result);
      },
      async get(tenantId, id) {
        const e = await inner.get(tenantId, id);
        const wait = waits.get(id);
        return e && wait ? { ...e, wait } : e;
      },
    },
  };
}

function finished(engine: ReturnType<typeof createEngine>): Promise<Execution> {
  return new Promise((resolve) => {
    const off = engine.on('executionFinish', (e) => {
      if (e.execution.status === 'waiting') return;
      off();
      resolve(e.execution);
    });
  });
}

describe('Wait', () => {
  it('sleeps a short interval in place and passes its items on', async () => {
    const clock = createTestClock({ start: START, autoAdvance: true });
    const engine = createEngine({ clock });
    const e = await engine.run(waitWorkflow({ amount: 30, unit: 'seconds' }), { input: [{ json: { a: 1 } }] });
    expect(e.status).toBe('success');
    expect(clock.now()).toBe(START + 30_000);
    expect(e.nodes.after![0]!.input.main).toEqual([{ json: { a: 1 } }]);
    expect(e.nodes.pause).toHaveLength(1);
  });

  it('stores a long wait as waiting and resumes it when the time comes', async () => {
    const clock = createTestClock({ start: START });
    const engine = createEngine({ clock });
    const e = await engine.run(waitWorkflow({ amount: 2, unit: 'hours' }), { input: [{ json: { a: 1 } }] });
    expect(e.status).toBe('waiting');
    expect(e.wait?.resumeAt).toBe('2026-01-01T02:00:00.000Z');
    expect(e.nodes.after).toBeUndefined();
    expect((await engine.storage.executions.get('default', e.id))?.status).toBe('waiting');

    await engine.startScheduler();
    const done = finished(engine);
    clock.advance(2 * 3_600_000);
    const resumed = await done;
    expect(resumed.id).toBe(e.id);
    expect(resumed.status).toBe('success');
    expect(resumed.nodes.after![0]!.input.main).toEqual([{ json: { a: 1 } }]);
    const stored = await engine.storage.executions.get('default', e.id);
    expect(stored?.status).toBe('success');
    expect(Object.keys(stored!.nodes).sort()).toEqual(['after', 'pause', 'start']);
    engine.stopScheduler();
  });

  it('waits until a date and time', async () => {
    const clock = createTestClock({ start: START });
    const engine = createEngine({ clock });
    const e = await engine.run(waitWorkflow({ resume: 'specificTime', dateTime: '2026-01-03T09:00:00Z' }));
    expect(e.wait?.resumeAt).toBe('2026-01-03T09:00:00.000Z');
    const past = await engine.run(waitWorkflow({ resume: 'specificTime', dateTime: '2025-06-01T00:00:00Z' }));
    expect(past.status).toBe('success');
  });

  it('resumes on a call to the resume webhook, with the call as its output', async () => {
    const clock = createTestClock({ start: START });
    const engine = createEngine({ clock });
    const e = await engine.run(waitWorkflow({ resume: 'webhook', httpMethod: 'POST' }));
    expect(e.status).toBe('waiting');
    expect(e.wait?.webhook).toEqual({ method: 'POST' });
    const url = `https://hooks.example.com/webhook-waiting/${e.id}`;
    expect((await engine.handleWebhook(new Request(url))).status).toBe(405);
    expect((await engine.handleWebhook(new Request(`${url}x`, { method: 'POST' }))).status).toBe(404);
    const done = finished(engine);
    const response = await engine.handleWebhook(
      new Request(`${url}?ok=1`, { method: 'POST', body: '{"approved":true}', headers: { 'content-type': 'application/json' } }),
    );
    expect(response.status).toBe(200);
    const resumed = await done;
    expect(resumed.status).toBe('success');
    expect(resumed.nodes.after![0]!.input.main![0]!.json).toMatchObject({ body: { approved: true }, query: { ok: '1' } });
    expect((await engine.handleWebhook(new Request(url, { method: 'POST' }))).status).toBe(404);
  });

  it('resumes anyway when a webhook wait reaches its time limit', async () => {
    const clock = createTestClock({ start: START });
    const engine = createEngine({ clock });
    const e = await engine.run(waitWorkflow({ resume: 'webhook', limitWaitTime: true, limitAmount: 1, limitUnit: 'days' }), {
      input: [{ json: { n: 1 } }],
    });
    await engine.startScheduler();
    const done = finished(engine);
    clock.advance(86_400_000);
    const resumed = await done;
    expect(resumed.id).toBe(e.id);
    expect(resumed.nodes.after![0]!.input.main).toEqual([{ json: { n: 1 } }]);
    engine.stopScheduler();
  });

  it('is resumed by another engine over the same persistent storage after a restart', async () => {
    const clock = createTestClock({ start: START });
    const storage = persistentStorage(clock);
    const first = createEngine({ clock, storage });
    const e = await first.run(waitWorkflow({ amount: 1, unit: 'days' }), { input: [{ json: { order: 5 } }] });
    expect(e.status).toBe('waiting');

    const second = createEngine({ clock, storage });
    await second.startScheduler();
    const done = finished(second);
    clock.advance(86_400_000);
    const resumed = await done;
    expect(resumed.status).toBe('success');
    expect(resumed.nodes.after![0]!.input.main).toEqual([{ json: { order: 5 } }]);
    expect((await storage.executions.get('default', e.id))?.status).toBe('success');
    second.stopScheduler();

    const hook = await first.run(waitWorkflow({ resume: 'webhook' }));
    const third = createEngine({ clock, storage });
    const done3 = finished(third);
    const answer = await third.handleWebhook(new Request(`https://x.example/webhook-waiting/${hook.id}`, { method: 'POST' }));
    expect(answer.status).toBe(200);
    expect((await done3).status).toBe('success');
  });

  it('keeps Loop Over Items where it was across a wait, each resume in a new engine', async () => {
    const clock = createTestClock({ start: START });
    const storage = persistentStorage(clock);
    const workflow = buildWorkflow({
      id: 'wf-loop-wait',
      nodes: [
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'loop', name: 'Loop', type: 'core.splitInBatches', parameters: { batchSize: 1 } },
        { id: 'pause', name: 'Pause', type: 'core.wait', parameters: { amount: 1, unit: 'days' } },
        { id: 'after', type: 'core.noOp' },
      ],
      connections: [
        ['start', 'loop'],
        ['loop:loop', 'pause'],
        ['pause', 'loop'],
        ['loop:done', 'after'],
      ],
    });
    let e = await createEngine({ clock, storage }).run(workflow, { input: ['a', 'b', 'c'].map((name) => ({ json: { name } })) });
    const waitedWith: string[] = [];
    for (let round = 0; round < 5 && e.status === 'waiting'; round++) {
      waitedWith.push(
        e.nodes
          .loop!.at(-1)!
          .output.loop!.map((i) => i.json.name)
          .join(),
      );
      // A new engine each time, as after a restart: only what the storage kept carries the loop on.
      const next = createEngine({ clock, storage });
      await next.startScheduler();
      clock.advance(86_400_000);
      await next.idle();
      next.stopScheduler();
      e = (await storage.executions.get('default', e.id))!;
    }
    expect(waitedWith).toEqual(['a', 'b', 'c']);
    expect(e.status).toBe('success');
    expect(e.nodes.after![0]!.input.main!.map((i) => i.json.name)).toEqual(['a', 'b', 'c']);
    expect(e.nodes.loop!.map((run) => Object.keys(run.output))).toEqual([['loop'], ['loop'], ['loop'], ['done']]);
  });

  it('refuses to resume an execution that is not waiting', async () => {
    const engine = createEngine();
    const e = await engine.run(waitWorkflow({ amount: 0 }));
    expect(e.status).toBe('success');
    await expect(engine.resume(e.id)).rejects.toThrow(`Execution '${e.id}' is not waiting (its status is 'success').`);
    await expect(engine.resume('nope')).rejects.toThrow("Execution 'nope' was not found.");
  });

  it('names the parameter when a date is missing or wrong', async () => {
    const engine = createEngine();
    await engine.nodeTypes.load('core.wait');
    const message = (parameters: Record<string, unknown>) => {
      const r = engine.validate(waitWorkflow(parameters));
      return r.success ? '' : r.error.message;
    };
    expect(message({ resume: 'specificTime' })).toContain("node 'Pause' (Wait): parameter 'dateTime' is required");
    expect(message({ resume: 'specificTime', dateTime: 'next tuesday' })).toContain("parameter 'dateTime' must be a date and time");
    expect(message({ amount: -5 })).toContain("parameter 'amount'");
  });

  it('answers the resume call with the Respond to Webhook node the resumed run reaches', async () => {
    const engine = createEngine({ clock: createTestClock({ start: START }), logger: silentLogger });
    const workflow = approvalWorkflow([
      respondWith({ respondWith: 'json', responseCode: 201, responseBody: { approvedBy: '{{ $json.body.user }}' } }),
      { id: 'after', type: 'core.noOp' },
    ]);
    const e = await engine.run(workflow, { input: [{ json: { order: 7 } }] });
    expect(e.status).toBe('waiting');
    const done = finished(engine);
    const response = await resumeOverHttp(engine, e.id, { user: 'ada' });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ approvedBy: 'ada' });
    const resumed = await done;
    expect(resumed.status).toBe('success');
    expect(resumed.nodes.after![0]!.input.main![0]!.json).toMatchObject({ body: { user: 'ada' } });
  });

  it('answers 202 when the resumed run waits again before any node answers', async () => {
    const engine = createEngine({ clock: createTestClock({ start: START }), logger: silentLogger });
    const workflow = approvalWorkflow([
      { id: 'again', type: 'core.wait', parameters: { resume: 'webhook', httpMethod: 'POST', responseMode: 'responseNode' } },
      respondWith({ respondWith: 'text', responseBody: 'done' }),
    ]);
    const e = await engine.run(workflow);
    const response = await resumeOverHttp(engine, e.id, { step: 1 });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ executionId: e.id, status: 'waiting' });
    const second = await fetch(`${server!.url}/webhook-waiting/${e.id}`, { method: 'POST', body: '{}' });
    expect(await second.text()).toBe('done');
  });

  it('answers with a 500 saying so when the resumed run ends without a node answering', async () => {
    const engine = createEngine({ clock: createTestClock({ start: START }), logger: silentLogger });
    const e = await engine.run(approvalWorkflow([{ id: 'after', type: 'core.noOp' }]));
    const response = await resumeOverHttp(engine, e.id, {});
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({
      error: { code: 'NO_WEBHOOK_RESPONSE', message: 'The workflow finished without reaching a Respond to Webhook node.' },
    });
  });

  it('answers with the error when the resumed run fails before a node answers', async () => {
    const engine = createEngine({ clock: createTestClock({ start: START }), logger: silentLogger });
    const e = await engine.run(
      approvalWorkflow([{ id: 'stop', type: 'core.stopAndError', parameters: { errorType: 'message', message: 'not approved' } }]),
    );
    const response = await resumeOverHttp(engine, e.id, {});
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('not approved');
  });
});
