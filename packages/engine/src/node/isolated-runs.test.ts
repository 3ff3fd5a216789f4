// Resumes, retries, webhook runs, sub-workflows and crash recovery of isolated executions: all in workers.
import { threadId } from 'node:worker_threads';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createEngine,
  createMemoryStorage,
  silentLogger,
  type Engine,
  type Execution,
  type Item,
  type NodeRun,
  type RunState,
  type Workflow,
} from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { createNodeExecutionIsolation } from './node-execution-isolation.js';
import { serveWebhooks } from '../testing/test-http-server.node.js';

const nodeModule = new URL('./fixtures/isolated-services-nodes.mjs', import.meta.url).href;
const isolation = createNodeExecutionIsolation({ heapMb: 64 });
afterAll(() => isolation.close());

let engine: Engine;
beforeEach(() => {
  engine = createEngine({ isolation, nodeModules: [nodeModule], logger: silentLogger });
});

/** Resolves with the execution once it ends for good (not when it starts waiting). */
function ended(engine: Engine, id: string): Promise<Execution> {
  return new Promise((resolve) => {
    const off = engine.on('executionFinish', ({ execution }) => {
      if (execution.id !== id || execution.status === 'waiting') return;
      off();
      resolve(execution);
    });
  });
}

const waitThen = (next: string, settings: Workflow['settings'] = {}) =>
  buildWorkflow({
    id: 'wf-wait',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'pause', type: 'core.wait', parameters: { resume: 'webhook', httpMethod: 'POST' } },
      { id: 'after', type: next },
    ],
    connections: [
      ['start', 'pause'],
      ['pause', 'after'],
    ],
    settings,
  });

describe('waits, retries and webhook replies in isolated executions', () => {
  it('resumes a waiting execution inside a worker', async () => {
    const waiting = await engine.run(waitThen('services.thread'));
    expect(waiting.status).toBe('waiting');
    const resumed = await engine.resume(waiting.id, { item: { json: { approved: true } } });
    expect(resumed.error).toBeUndefined();
    expect(resumed.status).toBe('success');
    expect(resumed.id).toBe(waiting.id);
    const json = resumed.nodes.after![0]!.output.main![0]!.json;
    expect(json).toMatchObject({ approved: true });
    expect(json.threadId).not.toBe(threadId);
    expect((await engine.storage.executions.get('default', waiting.id))?.status).toBe('success');
  });

  it('tracks a wait started in a worker on the host, as in process (a storage that keeps no wait state)', async () => {
    const storage = createMemoryStorage();
    const inner = storage.executions;
    const forgetful = createEngine({
      isolation,
      nodeModules: [nodeModule],
      logger: silentLogger,
      storage: {
        ...storage,
        executions: { ...inner, finish: (tenantId, id, { wait: _wait, ...result }) => inner.finish(tenantId, id, result) },
      },
    });
    const waiting = await forgetful.run(waitThen('services.thread'));
    expect(waiting.status).toBe('waiting');
    expect((await storage.executions.get('default', waiting.id))?.wait).toBeUndefined();
    const resumed = await forgetful.resume(waiting.id);
    expect(resumed.status).toBe('success');
    expect(resumed.nodes.after![0]!.output.main![0]!.json.threadId).not.toBe(threadId);
  });

  it("stops a runaway after a webhook resume at the worker's deadline, while the host keeps serving", async () => {
    const server = await serveWebhooks(engine);
    try {
      const waiting = await engine.run(waitThen('services.spin', { timeoutMs: 300 }));
      expect(waiting.status).toBe('waiting');
      const end = ended(engine, waiting.id);
      const resume = await fetch(`${server.url}/webhook-waiting/${waiting.id}`, { method: 'POST', body: '{}' });
      expect(resume.status).toBe(200);
      // While the resumed execution spins in its worker, the host answers calls and runs other executions.
      expect((await fetch(`${server.url}/webhook/nowhere`)).status).toBe(404);
      const other = await engine.run(
        buildWorkflow({
          id: 'wf-other',
          nodes: [
            { id: 'start', type: 'core.manualTrigger' },
            { id: 'where', type: 'services.thread' },
          ],
          connections: [['start', 'where']],
        }),
      );
      expect(other.status).toBe('success');
      const stopped = await end;
      expect(stopped.status).toBe('error');
      expect(stopped.error).toMatchObject({ code: 'EXECUTION_TIMEOUT' });
      expect((await engine.storage.executions.get('default', waiting.id))?.status).toBe('error');
    } finally {
      await server.close();
    }
  });

  it('answers the real HTTP caller from Respond to Webhook in the worker, binary as bytes', async () => {
    await engine.activate(
      buildWorkflow({
        id: 'wf-photo',
        nodes: [
          { id: 'hook', type: 'core.webhook', parameters: { httpMethod: 'POST', path: 'photo', responseMode: 'responseNode' } },
          { id: 'file', type: 'services.file' },
          {
            id: 'reply',
            type: 'core.respondToWebhook',
            parameters: { respondWith: 'binary', responseCode: 201, responseHeaders: [{ name: 'X-Flow', value: 'photo' }] },
          },
        ],
        connections: [
          ['hook', 'file'],
          ['file', 'reply'],
        ],
      }),
    );
    await engine.activate(
      buildWorkflow({
        id: 'wf-echo',
        nodes: [
          { id: 'hook', type: 'core.webhook', parameters: { httpMethod: 'POST', path: 'echo', responseMode: 'responseNode' } },
          { id: 'where', type: 'services.thread' },
          { id: 'reply', type: 'core.respondToWebhook', parameters: { responseCode: 202 } },
        ],
        connections: [
          ['hook', 'where'],
          ['where', 'reply'],
        ],
      }),
    );
    const server = await serveWebhooks(engine);
    try {
      const photo = await fetch(`${server.url}/webhook/photo`, { method: 'POST', body: '{}' });
      expect(photo.status).toBe(201);
      expect(photo.headers.get('x-flow')).toBe('photo');
      expect(photo.headers.get('content-type')).toBe('image/png');
      expect([...new Uint8Array(await photo.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]);
      const echo = await fetch(`${server.url}/webhook/echo`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ order: 9 }),
      });
      expect(echo.status).toBe(202);
      const body = (await echo.json()) as { body: unknown; threadId: number };
      expect(body.body).toEqual({ order: 9 });
      expect(body.threadId).not.toBe(threadId);
    } finally {
      await server.close();
    }
  });

  it('gives a runaway webhook run an error reply, not a hang, and keeps answering', async () => {
    await engine.activate(
      buildWorkflow({
        id: 'wf-stuck',
        nodes: [
          { id: 'hook', type: 'core.webhook', parameters: { httpMethod: 'POST', path: 'stuck', responseMode: 'responseNode' } },
          { id: 'spin', type: 'services.spin' },
          { id: 'reply', type: 'core.respondToWebhook' },
        ],
        connections: [
          ['hook', 'spin'],
          ['spin', 'reply'],
        ],
        settings: { timeoutMs: 300 },
      }),
    );
    await engine.activate(
      buildWorkflow({
        id: 'wf-fine',
        nodes: [
          { id: 'hook', type: 'core.webhook', parameters: { httpMethod: 'POST', path: 'fine', responseMode: 'responseNode' } },
          { id: 'reply', type: 'core.respondToWebhook', parameters: { respondWith: 'text', responseBody: 'ok' } },
        ],
        connections: [['hook', 'reply']],
      }),
    );
    const server = await serveWebhooks(engine);
    try {
      const stuck = await fetch(`${server.url}/webhook/stuck`, { method: 'POST', body: '{}' });
      expect(stuck.status).toBe(500);
      expect(await stuck.json()).toMatchObject({ error: { code: 'EXECUTION_TIMEOUT' } });
      const fine = await fetch(`${server.url}/webhook/fine`, { method: 'POST', body: '{}' });
      expect(fine.status).toBe(200);
      expect(await fine.text()).toBe('ok');
    } finally {
      await server.close();
    }
  });

  it('retries a failed isolated execution in a worker, reusing the runs before the failure', async () => {
    const workflow = (fail: boolean) =>
      buildWorkflow({
        id: 'wf-retry',
        nodes: [
          { id: 'start', type: 'core.manualTrigger' },
          { id: 'where', type: 'services.thread' },
          { id: 'check', type: 'services.failIf', parameters: { fail } },
        ],
        connections: [
          ['start', 'where'],
          ['where', 'check'],
        ],
      });
    const failed = await engine.run(workflow(true), { input: [{ json: { n: 1 } }] });
    expect(failed.status).toBe('error');
    const retried = await engine.executions.retry(failed.id, { workflow: workflow(false) });
    expect(retried.error).toBeUndefined();
    expect(retried.status).toBe('success');
    expect(retried).toMatchObject({ mode: 'retry', retryOf: failed.id });
    expect(retried.nodes.where![0]!.reused).toBe(true);
    const json = retried.nodes.check![0]!.output.main![0]!.json;
    expect(json.threadId).toBe(failed.nodes.where![0]!.output.main![0]!.json.threadId);
    expect(json.retriedOn).not.toBe(threadId);
  });

  it('resumes an execution a dead engine left running in a worker, when crash recovery resumes', async () => {
    // Left by an engine that died after node 'where', before run states were stored: it is retried.
    const storage = await leftRunning('dead', 'wf-crashed');
    const recovering = createEngine({
      storage,
      isolation,
      nodeModules: [nodeModule],
      logger: silentLogger,
      executions: { crashRecovery: 'resume' },
    });
    expect((await recovering.executions.recovered).crashed).toEqual([{ tenantId: 'default', executionId: 'dead' }]);
    const [summary] = await storage.executions.list('default', { retryOf: 'dead' });
    const retried = await storage.executions.get('default', summary!.id);
    expect(retried?.status).toBe('success');
    expect(retried?.owner).toBe(recovering.executions.instanceId);
    expect(retried?.nodes.where![0]!.reused).toBe(true);
    expect(retried?.nodes.check![0]!.output.main![0]!.json).toMatchObject({ threadId: -1 });
    expect(retried?.nodes.check![0]!.output.main![0]!.json.retriedOn).not.toBe(threadId);
  });

  it('continues a crashed execution from its saved run state in a worker, in the same record', async () => {
    // Left by an engine that died after recording node 'where', with the state saved with that record.
    const whereOutput = [{ json: { n: 0, threadId: -1 } }];
    const storage = await leftRunning('stopped', 'wf-continue', {
      stack: [{ nodeId: 'check', inputs: { main: whereOutput } }],
      parked: [],
      runCounts: { start: 1, where: 1 },
      order: 2,
      nodeState: {},
    });
    const recovering = createEngine({
      storage,
      isolation,
      nodeModules: [nodeModule],
      logger: silentLogger,
      executions: { crashRecovery: 'resume' },
    });
    const report = await recovering.executions.recovered;
    expect(report).toMatchObject({ crashed: [], continued: [{ tenantId: 'default', executionId: 'stopped' }] });
    await recovering.idle();
    const continued = (await storage.executions.get('default', 'stopped'))!;
    expect(continued.status).toBe('success');
    expect(continued.owner).toBe(recovering.executions.instanceId);
    expect(
      Object.values(continued.nodes)
        .flat()
        .map((r) => [r.nodeId, r.order]),
    ).toEqual([
      ['start', 0],
      ['where', 1],
      ['check', 2],
    ]);
    // 'check' ran in a worker, on the output 'where' recorded before the crash.
    expect(continued.nodes.check![0]!.output.main![0]!.json).toMatchObject({ threadId: -1 });
    expect(continued.nodes.check![0]!.output.main![0]!.json.retriedOn).not.toBe(threadId);
    expect(await storage.executions.list('default', { retryOf: 'stopped' })).toEqual([]);
  });

  it('reports sub-workflow events to engine.on as in process, and lets a sub-workflow started without waiting finish', async () => {
    const child = buildWorkflow({
      id: 'wf-child',
      nodes: [
        { id: 'in', type: 'core.executeWorkflowTrigger' },
        { id: 'where', type: 'services.thread' },
      ],
      connections: [['in', 'where']],
    });
    const parent = (waitForCompletion: boolean) =>
      buildWorkflow({
        id: 'wf-parent',
        nodes: [
          { id: 'start', type: 'core.manualTrigger' },
          { id: 'sub', type: 'core.executeWorkflow', parameters: { source: 'parameter', workflowJson: child as never, waitForCompletion } },
        ],
        connections: [['start', 'sub']],
      });
    const started: string[] = [];
    const finished = new Map<string, Execution>();
    engine.on('executionStart', (e) => started.push(e.execution.workflowId));
    engine.on('executionFinish', (e) => finished.set(e.execution.workflowId, e.execution));
    const own: string[] = [];
    const waited = await engine.run(parent(true), { input: [{ json: { n: 1 } }], onEvent: (e) => own.push(e.type) });
    expect(waited.status).toBe('success');
    expect(started).toEqual(['wf-parent', 'wf-child']);
    // The run's own listener hears its own execution only, as in process.
    expect(own.filter((t) => t === 'executionStart')).toHaveLength(1);

    finished.clear();
    const childDone = new Promise<Execution>((resolve) =>
      engine.on('executionFinish', (e) => e.execution.workflowId === 'wf-child' && resolve(e.execution)),
    );
    const detached = await engine.run(parent(false), { input: [{ json: { n: 2 } }] });
    expect(detached.status).toBe('success');
    const done = await childDone;
    expect(done.status).toBe('success');
    expect((await engine.storage.executions.get('default', done.id))?.status).toBe('success');
  });
});

describe('a webhook caller’s credentials in an isolated run', () => {
  it('are redacted from the stored trigger item and events, while the run in the worker reads them', async () => {
    const emitted: string[] = [];
    engine.on('nodeFinish', (e) => emitted.push(JSON.stringify(e.run)));
    await engine.activate(
      buildWorkflow({
        id: 'wf-caller',
        nodes: [
          { id: 'hook', type: 'core.webhook', parameters: { httpMethod: 'POST', path: 'caller', responseMode: 'lastNode' } },
          {
            id: 'check',
            type: 'core.set',
            // The length of the real key (13), not of the redaction marker (12): the worker read the real value.
            parameters: { mode: 'json', json: { keyLength: '{{ $length($json.headers."x-api-key") }}' } },
          },
        ],
        connections: [['hook', 'check']],
      }),
    );
    const server = await serveWebhooks(engine);
    try {
      const answer = await fetch(`${server.url}/webhook/caller`, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json', 'x-api-key': 'worker-k3y-77', cookie: 'sid=9' },
      });
      expect(answer.status).toBe(200);
      const id = answer.headers.get('x-flowloom-execution-id')!;
      const stored = (await engine.storage.executions.get('default', id))!;
      expect(stored.nodes.hook![0]!.output.main![0]!.json.headers).toMatchObject({ 'x-api-key': '__redacted__', cookie: '__redacted__' });
      expect(stored.nodes.check![0]!.output.main![0]!.json.keyLength).toBe(13);
      expect(JSON.stringify(stored) + emitted.join('')).not.toMatch(/worker-k3y-77|sid=9/);
    } finally {
      await server.close();
    }
  });
});

/**
 * Memory storage holding what an engine that died after recording node 'where' of
 * start -> where -> check left behind: a `running` record, its two node runs, and
 * the run state saved with the second when `state` is given.
 */
async function leftRunning(id: string, workflowId: string, state?: RunState) {
  const workflow = buildWorkflow({
    id: workflowId,
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'where', type: 'services.thread' },
      { id: 'check', type: 'services.failIf', parameters: { fail: false } },
    ],
    connections: [
      ['start', 'where'],
      ['where', 'check'],
    ],
  });
  const storage = createMemoryStorage();
  const at = new Date().toISOString();
  await storage.executions.create({
    id,
    workflowId,
    tenantId: 'default',
    status: 'running',
    mode: 'manual',
    startedAt: at,
    owner: 'engine-of-a-dead-process',
    workflow,
    nodes: {},
  });
  const run = (nodeId: string, order: number, input: Item[], output: Item[]): NodeRun => ({
    nodeId,
    nodeName: nodeId,
    runIndex: 0,
    order,
    status: 'success',
    startedAt: at,
    finishedAt: at,
    tries: 1,
    input: { main: input },
    output: { main: output },
  });
  const item = { json: { n: 0 } };
  await storage.executions.appendNodeRun('default', id, run('start', 0, [item], [item]));
  await storage.executions.appendNodeRun('default', id, run('where', 1, [item], [{ json: { n: 0, threadId: -1 } }]), state);
  return storage;
}
