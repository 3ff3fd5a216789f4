// What an isolated run asks of the host's credentials: only what its nodes use. A node whose credential slots are all
// optional and empty (an HTTP Request without authentication) costs no round trip to the host.
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

/** Runs a workflow in a real execution worker, and gives the result with the kinds of message the worker sent. */
async function runIsolated(workflow: ReturnType<typeof buildWorkflow>) {
  const sent: string[] = [];
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
            for (const m of message.type === 'batch' ? message.messages : [message]) sent.push(m.type);
            listener(message);
          }),
      };
    },
  });
  const engine = createEngine({ isolation, logger: silentLogger, http: { allowPrivateNetworks: true } });
  try {
    await engine.credentials.create({ id: 'key', name: 'Key', type: 'bearerToken', data: { token: 'tok-1234567890', allowedDomains: ['*'] } });
    const execution = await engine.run(workflow);
    return { execution, sent };
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
