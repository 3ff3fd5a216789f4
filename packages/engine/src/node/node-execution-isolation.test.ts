import { threadId } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, createMemoryStorage, silentLogger, type EngineEvent, type Execution, type Workflow } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { createNodeExecutionIsolation } from './node-execution-isolation.js';
import { sendJson, startTestHttpServer } from '../testing/test-http-server.node.js';

const fixtures = new URL('./fixtures/isolated-nodes.mjs', import.meta.url).href;
const isolation = createNodeExecutionIsolation({ heapMb: 64 });
afterAll(() => isolation.close());

function chain(...types: string[]): Workflow {
  const code = { code: 'return $input.all().map((i) => ({ n: i.json.n + 1 }));' };
  return buildWorkflow({
    id: 'wf-iso',
    name: 'Isolated',
    nodes: [
      { id: 'n0', name: 'Start', type: 'core.manualTrigger' },
      ...types.map((type, i) => ({ id: `n${i + 1}`, name: `Step ${i + 1}`, type, parameters: type === 'core.code' ? code : {} })),
    ],
    connections: types.map((_, i): [string, string] => [`n${i}`, `n${i + 1}`]),
  });
}

const engine = createEngine({ isolation, nodeModules: [fixtures], logger: silentLogger });

describe('whole-execution isolation (Node)', () => {
  it('runs an execution in a worker with node types loaded from a module specifier', async () => {
    const events: EngineEvent['type'][] = [];
    engine.on('nodeFinish', (e) => events.push(e.type));
    const execution = await engine.run(chain('fixture.double', 'core.code', 'fixture.double'), { input: [{ json: { n: 1 } }] });
    expect(execution.error).toBeUndefined();
    expect(execution.status).toBe('success');
    expect(execution.nodes.n3?.[0]?.output.main).toEqual([{ json: { n: 6 } }]);
    expect(events).toHaveLength(4);
    // The record was written to the host's storage through the bridge.
    const stored = await engine.storage.executions.get('default', execution.id);
    expect(stored?.status).toBe('success');
    expect(stored?.nodes.n3?.[0]?.output.main).toEqual([{ json: { n: 6 } }]);
  });

  it('runs away from the host thread and reuses a worker for one tenant only', async () => {
    const where = async (tenantId: string) => {
      const execution = await engine.run(chain('fixture.whereAmI'), { tenantId });
      return execution.nodes.n1![0]!.output.main![0]!.json as { threadId: number; runs: number };
    };
    const a1 = await where('tenant-a');
    const a2 = await where('tenant-a');
    const b1 = await where('tenant-b');
    expect(a1.threadId).not.toBe(threadId);
    expect(a2.threadId).toBe(a1.threadId);
    expect(a2.runs).toBe(a1.runs + 1);
    expect(b1.threadId).not.toBe(a1.threadId);
    expect(b1.runs).toBe(1);
  });

  it('runs a workflow changed under the same id as it is now, in the worker that ran it before', async () => {
    // Each version passes through fixture.whereAmI (which worker, how many runs there) and sets a field.
    const version = (value: string) =>
      buildWorkflow({
        id: 'wf-changing',
        nodes: [
          { id: 'n0', type: 'core.manualTrigger' },
          { id: 'n1', type: 'fixture.whereAmI' },
          { id: 'n2', type: 'core.set', parameters: { fields: [{ name: 'value', type: 'string', value }] } },
        ],
        connections: [
          ['n0', 'n1'],
          ['n1', 'n2'],
        ],
      });
    const inProcess = createEngine({ nodeModules: [fixtures], logger: silentLogger });
    const outputs: unknown[] = [];
    const expected: unknown[] = [];
    const workers = new Set<number>();
    for (const value of ['one', 'two', 'one', 'three']) {
      const workflow = version(value);
      const isolated = await engine.run(workflow, { tenantId: 'tenant-changing' });
      const { threadId: worker, ...rest } = isolated.nodes.n2![0]!.output.main![0]!.json as { threadId: number; value: string };
      workers.add(worker);
      outputs.push({ value: rest.value });
      const reference = await inProcess.run(workflow);
      expected.push({ value: (reference.nodes.n2![0]!.output.main![0]!.json as { value: string }).value });
    }
    expect(outputs).toEqual(expected);
    expect(outputs).toEqual([{ value: 'one' }, { value: 'two' }, { value: 'one' }, { value: 'three' }]);
    expect(workers.size).toBe(1);
  });

  it('emits the events of a run in the order the same run emits them in process', async () => {
    const workflow = chain('fixture.double', 'fixture.double');
    const seen = (target: typeof engine) => {
      const events: string[] = [];
      const offs = (['executionStart', 'nodeStart', 'nodeFinish', 'executionFinish'] as const).map((type) =>
        target.on(type, (event: EngineEvent) =>
          events.push(`${event.type}${'nodeId' in event ? ` ${event.nodeId}` : 'run' in event ? ` ${event.run.nodeId}` : ''}`),
        ),
      );
      return { events, off: () => offs.forEach((off) => off()) };
    };
    const isolated = seen(engine);
    await engine.run(workflow, { input: [{ json: { n: 1 } }] });
    isolated.off();
    const inProcess = createEngine({ nodeModules: [fixtures], logger: silentLogger });
    const reference = seen(inProcess);
    await inProcess.run(workflow, { input: [{ json: { n: 1 } }] });
    expect(isolated.events).toEqual(reference.events);
  });

  it('gives back and stores every node run and the workflow snapshot as in process, however many node runs', async () => {
    // Past the node runs the host keeps by number (16), the record and the events carry the older ones whole.
    const workflow = chain(...Array.from({ length: 24 }, () => 'fixture.double'));
    const outputs = (execution: Execution) => Object.values(execution.nodes).map((runs) => runs.map((run) => run.output));
    const observed = async (target: typeof engine) => {
      const finished: unknown[] = [];
      const off = target.on('nodeFinish', (event) => finished.push(event.run.output));
      const execution = await target.run(workflow, { input: [{ json: { n: 1 } }] });
      off();
      const stored = (await target.storage.executions.get('default', execution.id))!;
      return { returned: outputs(execution), finished, stored: outputs(stored), snapshot: stored.workflow };
    };
    const inProcess = createEngine({ nodeModules: [fixtures], logger: silentLogger });
    const reference = await observed(inProcess);
    expect(reference.returned).toHaveLength(25);
    expect(await observed(engine)).toEqual(reference);
  });

  it('has ended the record in storage before executionFinish listeners and the caller see the run end', async () => {
    // A storage whose end-of-record write completes a turn of the event loop later (as a group commit does).
    const storage = createMemoryStorage();
    const finish = storage.executions.finish.bind(storage.executions);
    storage.executions.finish = (...args) => new Promise((resolve) => setImmediate(resolve)).then(() => finish(...args));
    const deferred = createEngine({ isolation, nodeModules: [fixtures], storage, logger: silentLogger });
    const statuses: (string | undefined)[] = [];
    deferred.on('executionFinish', (event) => {
      void storage.executions.get('default', event.execution.id).then((stored) => statuses.push(stored?.status));
    });
    const execution = await deferred.run(chain('fixture.double'), { input: [{ json: { n: 1 } }] });
    expect((await storage.executions.get('default', execution.id))?.status).toBe('success');
    expect(statuses).toEqual(['success']);
  });

  it('logs a failure to save the end of an isolated execution, naming it, as in process', async () => {
    const errors: { message: string; data: unknown }[] = [];
    const storage = createMemoryStorage();
    storage.executions.finish = () => Promise.reject(new Error('disk full'));
    const failing = createEngine({
      isolation,
      nodeModules: [fixtures],
      storage,
      logger: { ...silentLogger, error: (message, data) => errors.push({ message, data }) },
    });
    const execution = await failing.run(chain('fixture.double'), { input: [{ json: { n: 1 } }] });
    expect(execution.status).toBe('success');
    expect(errors).toEqual([
      {
        message: expect.stringContaining('disk full') as string,
        data: expect.objectContaining({ executionId: execution.id }) as unknown,
      },
    ]);
    expect((await storage.executions.get('default', execution.id))?.status).toBe('running');
  });

  it('ends the run as an error with the message of a node-run write that failed, as in process, and writes nothing after it', async () => {
    const errors: string[] = [];
    const storage = createMemoryStorage();
    const append = storage.executions.appendNodeRun.bind(storage.executions);
    // The second node's record cannot be written; the worker does not wait on it, the host says so.
    storage.executions.appendNodeRun = (tenantId, id, run, state) =>
      run.nodeId === 'n1' ? Promise.reject(new Error('disk full')) : append(tenantId, id, run, state);
    const failing = createEngine({
      isolation,
      nodeModules: [fixtures],
      storage,
      logger: { ...silentLogger, error: (message) => errors.push(message) },
    });
    const finished: Execution[] = [];
    failing.on('executionFinish', (event) => finished.push(event.execution));
    const execution = await failing.run(chain('fixture.double', 'fixture.double', 'fixture.double'), { input: [{ json: { n: 1 } }] });
    const message = 'The execution could not be completed: disk full';
    expect(execution).toMatchObject({ status: 'error', error: { code: 'STORAGE_FAILED', message } });
    expect(finished.map((e) => [e.status, e.error?.message])).toEqual([['error', message]]);
    const stored = await storage.executions.get('default', execution.id);
    expect(stored).toMatchObject({ status: 'error', error: { message } });
    // What was written before the failure is kept; nothing after it is.
    expect(Object.keys(stored!.nodes)).toEqual(['n0']);
    expect(errors[0]).toContain('disk full');
    // The worker serves the next run as usual.
    storage.executions.appendNodeRun = append;
    expect((await failing.run(chain('fixture.double'), { input: [{ json: { n: 1 } }] })).status).toBe('success');
  });

  it('stops an execution that never yields when its deadline passes, and records why', async () => {
    const execution = await engine.run(chain('fixture.spin'), { timeoutMs: 200 });
    expect(execution.status).toBe('error');
    expect(execution.error).toMatchObject({ code: 'EXECUTION_TIMEOUT' });
    expect(execution.error?.message).toBe('The workflow exceeded its time limit of 200 ms; its worker was stopped.');
    expect((await engine.storage.executions.get('default', execution.id))?.status).toBe('error');
    const next = await engine.run(chain('fixture.double'), { input: [{ json: { n: 2 } }] });
    expect(next.nodes.n1?.[0]?.output.main).toEqual([{ json: { n: 4 } }]);
  });

  it('stops an execution that exhausts its heap without harming the host', async () => {
    const execution = await engine.run(chain('fixture.hog'), { timeoutMs: 60_000 });
    expect(execution.status).toBe('error');
    expect(execution.error).toMatchObject({ code: 'EXECUTION_OUT_OF_MEMORY' });
    expect(execution.error?.message).toBe('The execution ran out of memory (its limit is 64 MiB); its worker was stopped.');
  });

  it('cancels an isolated execution through its signal', async () => {
    const controller = new AbortController();
    const off = engine.on('nodeStart', (event) => {
      if (event.nodeId === 'n1') controller.abort();
    });
    const execution = await engine.run(chain('fixture.spin'), { signal: controller.signal, timeoutMs: 60_000 });
    off();
    expect(execution.status).toBe('canceled');
  });

  it('applies the host network policy inside the worker: private addresses stay refused', async () => {
    const server = await startTestHttpServer((_request, res) => sendJson(res, 200, { secret: true }));
    try {
      const wf = chain('core.httpRequest');
      (wf.nodes[1] as { parameters: Record<string, unknown> }).parameters = { url: `${server.url}/` };
      const refused = await engine.run(engine.parseWorkflow(wf));
      expect(refused.status).toBe('error');
      expect(refused.error?.message).toMatch(/private|loopback|not allowed/i);
      const open = createEngine({ isolation, nodeModules: [fixtures], logger: silentLogger, http: { allowPrivateNetworks: true } });
      const allowed = await open.run(open.parseWorkflow(wf));
      expect(allowed.error).toBeUndefined();
      expect(allowed.nodes.n1?.[0]?.output.main?.[0]?.json).toMatchObject({ secret: true });
    } finally {
      await server.close();
    }
  });

  it('refuses a node module that cannot be loaded, naming it', async () => {
    const broken = createEngine({ isolation, nodeModules: ['file:///nowhere/nodes.mjs'], logger: silentLogger });
    await expect(broken.run(chain())).rejects.toThrow("Node module 'file:///nowhere/nodes.mjs' could not be loaded");
  });
});
