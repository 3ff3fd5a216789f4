/**
 * Entry of the whole-execution isolation worker (`worker_threads`). Runs
 * executions with an in-worker engine; storage goes through the host.
 */
import './quiet-stdio.js';
import { parentPort, workerData } from 'node:worker_threads';
import type { ExecutionHostMessage } from '../isolation/execution-protocol.js';
import { serveExecutions } from '../run/serve-executions.js';
import { createNodeEngine } from './create-node-engine.js';
import { createNodeCodeSandbox } from './node-code-sandbox.js';

const port = parentPort!;
const { codeWorkerUrl } = (workerData ?? {}) as { codeWorkerUrl?: string };
serveExecutions(
  {
    onMessage: (listener) => port.on('message', (message: ExecutionHostMessage) => listener(message)),
    postMessage: (message) => port.postMessage(message),
  },
  // Code nodes of this worker's executions run in their own worker, one level down.
  {
    codeSandbox: createNodeCodeSandbox(codeWorkerUrl ? { workerUrl: new URL(codeWorkerUrl) } : {}),
    // The same network guard as in the host: names are resolved and private addresses refused.
    createEngine: createNodeEngine,
  },
);
