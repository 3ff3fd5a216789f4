// What crosses between an isolated run's worker and the host, message by message: few messages for a run of built-in
// nodes, at once what the host must know before a node that may hold the thread, and credential calls only for the
// nodes that use a credential (a node whose slots are all optional and empty costs no round trip).
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, silentLogger } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { createWorkerIsolation } from '../isolation/execution-isolation.js';
import type { ExecutionHostMessage, ExecutionWorkerMessage } from '../isolation/execution-protocol.js';
import { sendJson, startTestHttpServer, type TestHttpServer } from '../testing/test-http-server.node.js';
import { sharedWorkers, type ChannelMessage, type SharedWorkerMessage } from '../workers/shared-workers.js';
import { adaptNodeWorker } from './node-code-sandbox.js';
import { workerScript } from './worker-script.js';

let api: TestHttpServer;
beforeAll(async () => {
  api = await startTestHttpServer((req, res) => sendJson(res, 200, { path: req.url, authorization: req.headers.authorization ?? null }));
});
afterAll(() => api.close());

const fixtures = new URL('./fixtures/isolated-nodes.mjs', import.meta.url).href;

/**
 * Runs a workflow in a real execution worker. Gives the result, the kinds of message the worker sent (`sent`), and
 * the same grouped by crossing (`crossings`: one entry per message that crossed, with the kinds it carried).
 */
async function runIsolated(workflow: ReturnType<typeof buildWorkflow>, options: { cancelAtStartOf?: string } = {}) {
  const sent: string[] = [];
  const crossings: string[][] = [];
  const [url, codeWorker] = await Promise.all([workerScript('execution-worker'), workerScript('code-worker')]);
  const shared = sharedWorkers<ExecutionHostMessage, ExecutionWorkerMessage>({
    channelsPerWorker: 1,
    spawn: () =>
      adaptNodeWorker<ChannelMessage<ExecutionHostMessage>, SharedWorkerMessage<ExecutionWorkerMessage>>(
        new Worker(url, { workerData: { codeWorkerUrl: codeWorker.href } }),
      ),
  });
  const isolation = createWorkerIsolation({
    spawn: (tenantId) => {
      const port = shared(tenantId);
      return {
        ...port,
        onMessage: (listener) =>
          port.onMessage((message) => {
            const carried = message.type === 'batch' ? message.messages : [message];
            crossings.push(
              carried.map((m) =>
                m.type === 'event' ? `${m.event.type}${m.event.type === 'nodeStart' ? ` ${m.event.nodeId}` : ''}` : m.type,
              ),
            );
            for (const m of carried) sent.push(m.type);
            listener(message);
          }),
      };
    },
  });
  const engine = createEngine({ isolation, logger: silentLogger, http: { allowPrivateNetworks: true }, nodeModules: [fixtures] });
  // The node runs each new record holds when the host creates it (a store may write them with the record).
  const created: string[][] = [];
  const executions = engine.storage.executions;
  const create = executions.create.bind(executions);
  executions.create = (record) => {
    created.push(Object.keys(record.nodes));
    return create(record);
  };
  try {
    await engine.credentials.create({
      id: 'key',
      name: 'Key',
      type: 'bearerToken',
      data: { token: 'tok-1234567890', allowedDomains: ['*'] },
    });
    // A cancel once the host has seen the start of the node named: the host learns it only from what crossed.
    const controller = new AbortController();
    engine.on('nodeStart', (event) => {
      if (event.nodeId === options.cancelAtStartOf) controller.abort();
    });
    const execution = await engine.run(workflow, { signal: controller.signal });
    const stored = await engine.storage.executions.get('default', execution.id);
    return { execution, stored, sent, crossings, created };
  } finally {
    await engine.close();
    await isolation.close();
  }
}

const request = (credentials?: Record<string, string>) =>
  buildWorkflow({
    id: 'wf-call',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      {
        id: 'call',
        type: 'core.httpRequest',
        parameters: { url: `${api.url}/orders` },
        ...(credentials ? { credentials } : {}),
      },
    ],
    connections: [['start', 'call']],
  });

const chain = (...types: string[]) =>
  buildWorkflow({
    id: 'wf-chain',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      ...types.map((type, i) => ({
        id: `n${i}`,
        type,
        ...(type === 'core.set' ? { parameters: { fields: [{ name: 'step', type: 'number', value: String(i) }] } } : {}),
      })),
    ],
    connections: types.map((_, i) => [i === 0 ? 'start' : `n${i - 1}`, `n${i}`] as [string, string]),
  });

describe('an isolated run of built-in nodes', () => {
  it('crosses back in one message: its record, node runs and events, in order, each as it was when it was sent', async () => {
    const { execution, stored, crossings, created } = await runIsolated(chain('core.set', 'core.set'));
    expect(execution.status).toBe('success');
    expect(execution.nodes.n1?.[0]?.output?.main?.[0]?.json).toEqual({ step: 1 });
    expect(crossings).toEqual([
      [
        'storage',
        'executionStart',
        'nodeStart start',
        'storage',
        'nodeFinish',
        'nodeStart n0',
        'storage',
        'nodeFinish',
        'nodeStart n1',
        'storage',
        'nodeFinish',
        'storage',
        'executionFinish',
        'done',
        'idle',
      ],
    ]);
    expect(Object.values(stored!.nodes).map((runs) => runs.length)).toEqual([1, 1, 1]);
    // The new record crossed as it was created, before any node ran: a store that writes a record's node runs with it
    // (PostgreSQL's) would otherwise write the trigger's run twice.
    expect(created).toEqual([[]]);
  });
});

describe('an isolated run with a node from a node module', () => {
  it("sends that node's start at once, with what ran before it: a node that holds the thread loses nothing of it", async () => {
    const { execution, stored, crossings } = await runIsolated(chain('core.set', 'fixture.spin'), { cancelAtStartOf: 'n1' });
    expect(execution.status).toBe('canceled');
    // The crossing that carried the spinning node's start ended with it.
    expect(crossings.find((c) => c.includes('nodeStart n1'))?.at(-1)).toBe('nodeStart n1');
    // The runs before it are stored, and the record ends canceled (the worker was stopped: the node never yields).
    expect(stored).toMatchObject({ status: 'canceled', error: { code: 'CANCELED' } });
    expect(stored?.nodes.n0?.[0]?.output?.main?.[0]?.json).toEqual({ step: 0 });
  });
});

describe('an isolated run and the credentials of its nodes', () => {
  it('asks the host nothing for a node whose optional credential slots are empty', async () => {
    const { execution, sent } = await runIsolated(request());
    expect(execution.error).toBeUndefined();
    expect(execution.status).toBe('success');
    expect(execution.nodes.call?.[0]?.output?.main?.[0]?.json).toMatchObject({ path: '/orders', authorization: null });
    expect(sent).not.toContain('credential');
  });

  it('still asks the host to sign the request of a node that names a credential', async () => {
    const { execution, sent } = await runIsolated(request({ auth: 'key' }));
    expect(execution.error).toBeUndefined();
    expect(execution.status).toBe('success');
    // The API received the token; the record holds it redacted.
    expect(api.requests.at(-1)?.headers.authorization).toBe('Bearer tok-1234567890');
    expect(execution.nodes.call?.[0]?.output?.main?.[0]?.json).toMatchObject({ authorization: 'Bearer __redacted__' });
    expect(sent.filter((type) => type === 'credential').length).toBeGreaterThanOrEqual(2);
  });
});
