import type { SandboxRequestMessage, SandboxResponseMessage } from './protocol.js';
import { QuickJsRunner, type QuickJsRunnerOptions } from './quickjs-runner.js';

/** The two ends of a worker's message channel, as the worker sees them. */
export interface WorkerEndpoint {
  onMessage(listener: (message: unknown) => void): void;
  postMessage(message: SandboxResponseMessage): void;
}

/**
 * The worker side of the Code node sandbox: answers each `run` message with
 * one `result` message. Requests run one at a time, in arrival order.
 */
export function serveSandbox(endpoint: WorkerEndpoint, options: QuickJsRunnerOptions = {}): void {
  const runner = new QuickJsRunner(options);
  // The worker exists because a Code node is about to run: load QuickJS now, while the request is on its way.
  void runner.warmUp();
  let queue: Promise<void> = Promise.resolve();
  endpoint.onMessage((message) => {
    const m = message as Partial<SandboxRequestMessage>;
    if (m?.type !== 'run' || typeof m.id !== 'number' || !m.request) return;
    const { id, request } = m as SandboxRequestMessage;
    queue = queue.then(async () => {
      // The answer goes out before the run's memory is freed.
      await runner.run(
        request,
        (result) => endpoint.postMessage({ type: 'result', id, result }),
        (json) => endpoint.postMessage({ type: 'part', id, json }),
      );
    });
  });
  endpoint.postMessage({ type: 'ready' });
}
