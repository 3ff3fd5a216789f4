/**
 * Entry of the whole-execution isolation Web Worker (browsers). Code nodes of
 * its executions run one level down, in the Code node's own Web Worker.
 */
import type { ExecutionHostMessage } from '../isolation/execution-protocol.js';
import { serveExecutions } from './serve-executions.js';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
serveExecutions({
  onMessage: (listener) => scope.addEventListener('message', (event) => listener(event.data as ExecutionHostMessage)),
  postMessage: (message) => scope.postMessage(message),
});
