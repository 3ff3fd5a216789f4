/**
 * Entry of the Code node's Web Worker (browsers). Built as its own file; the
 * browser host starts it with `new Worker(url, { type: 'module' })`.
 */
import { BROWSER_STACK_BYTES } from './code-limits.js';
import { serveSandbox } from './serve-sandbox.js';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const scope = globalThis as unknown as WorkerScope;
serveSandbox(
  {
    onMessage: (listener) => scope.addEventListener('message', (event) => listener(event.data)),
    postMessage: (message) => scope.postMessage(message),
  },
  // Chromium's worker threads have a smaller native stack than Node's: 256 KiB overflowed it, this does not.
  { stackBytes: BROWSER_STACK_BYTES },
);
