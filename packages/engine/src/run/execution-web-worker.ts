/**
 * Entry of the whole-execution isolation Web Worker (browsers). Code nodes of
 * its executions run one level down, in the Code node's own Web Worker.
 */
import type { ExecutionHostMessage, ExecutionWorkerMessage } from '../isolation/execution-protocol.js';
import { serveChannels, type ChannelMessage } from '../workers/shared-workers.js';
import { serveExecutions } from './serve-executions.js';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
// Each channel the host opens (see `sharedWorkers`) carries one execution at a time.
serveChannels<ExecutionHostMessage, ExecutionWorkerMessage>(
  {
    onMessage: (listener) => scope.addEventListener('message', (event) => listener(event.data as ChannelMessage<ExecutionHostMessage>)),
    postMessage: (message) => scope.postMessage(message),
  },
  (endpoint) => serveExecutions(endpoint),
);
