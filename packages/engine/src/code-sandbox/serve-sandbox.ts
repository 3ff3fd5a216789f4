import type { SandboxRequestMessage, SandboxResponseMessage } from './protocol.js';
import { QuickJsRunner, type QuickJsRunnerOptions } from './quickjs-runner.js';

/** The two ends of a worker's message channel, as the worker sees them. */
export interface WorkerEndpoint {
  onMessage(listener: (message: unknown) => void): void;
  postMessage(message: SandboxResponseMessage): void;
}

/**
 * The worker side of the Code node sandbox: answers each `run` message with
 * one `result` message. Requests run one at a time, in arrival order. A run
 * whose timers have nothing to do until the next one is due says so with a
 * `wait` message and goes on when the host answers `wake`, so its timers run
 * on the host's clock.
 */
export function serveSandbox(endpoint: WorkerEndpoint, options: QuickJsRunnerOptions = {}): void {
  const runner = new QuickJsRunner(options);
  // The worker exists because a Code node is about to run: load QuickJS now, while the request is on its way.
  void runner.warmUp();
  let queue: Promise<void> = Promise.resolve();
  /** The run waiting for its host's `wake`, by id. */
  const waking = new Map<number, () => void>();
  endpoint.onMessage((message) => {
    const m = message as Partial<SandboxRequestMessage>;
    if (typeof m?.id !== 'number') return;
    if (m.type === 'wake') {
      const wake = waking.get(m.id);
      waking.delete(m.id);
      wake?.();
      return;
    }
    if (m.type !== 'run' || !m.request) return;
    const { id, request } = m as Extract<SandboxRequestMessage, { type: 'run' }>;
    const wait = (ms: number) =>
      new Promise<void>((resolve) => {
        waking.set(id, resolve);
        endpoint.postMessage({ type: 'wait', id, ms });
      });
    queue = queue.then(async () => {
      // The answer goes out before the run's memory is freed.
      await runner.run(
        request,
        (result) => endpoint.postMessage({ type: 'result', id, result }),
        (json) => endpoint.postMessage({ type: 'part', id, json }),
        wait,
      );
    });
  });
  endpoint.postMessage({ type: 'ready' });
}
