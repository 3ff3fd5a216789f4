/**
 * Entry of the whole-execution isolation worker (`worker_threads`). Runs
 * executions with an in-worker engine; storage goes through the host.
 */
import './quiet-stdio.js';
import { parentPort, workerData } from 'node:worker_threads';
import type { ExecutionHostMessage, ExecutionWorkerMessage } from '../isolation/execution-protocol.js';
import { serveChannels, type ChannelMessage } from '../workers/shared-workers.js';
import { serveExecutions } from '../run/serve-executions.js';
import { createNodeEngine } from './create-node-engine.js';
import { createNodeCodeSandbox } from './node-code-sandbox.js';

const port = parentPort!;
const { codeWorkerUrl } = (workerData ?? {}) as { codeWorkerUrl?: string };
// Code nodes of this worker's executions run in their own worker, one level down.
const codeSandbox = createNodeCodeSandbox(codeWorkerUrl ? { workerUrl: new URL(codeWorkerUrl) } : {});
// Each channel the host opens (see `sharedWorkers`) carries one execution at a time.
serveChannels<ExecutionHostMessage, ExecutionWorkerMessage>(
  {
    onMessage: (listener) => port.on('message', (message: ChannelMessage<ExecutionHostMessage>) => listener(message)),
    postMessage: (message) => port.postMessage(message),
  },
  // The same network guard as in the host: names are resolved and private addresses refused.
  (endpoint) => serveExecutions(endpoint, { codeSandbox, createEngine: createNodeEngine }),
);
