/** Why a worker went away without answering. */
export interface WorkerExit {
  /** The runtime reported the worker ran out of heap (Node's `ERR_WORKER_OUT_OF_MEMORY`). */
  outOfMemory: boolean;
  message: string;
}

/**
 * A started worker as the pools see it, whatever runs it (a Web Worker or a
 * `worker_threads` Worker): `In` is what the host sends, `Out` what it gets back.
 */
export interface WorkerPort<In, Out> {
  postMessage(message: In): void;
  onMessage(listener: (message: Out) => void): void;
  /** Called once if the worker dies (crash, out of memory) while the host still uses it. */
  onExit(listener: (exit: WorkerExit) => void): void;
  terminate(): unknown;
  /** Node: keep the process alive while a run is in flight, not while idle. */
  setBusy?(busy: boolean): void;
}

/** The part of the Web Worker API the hosts use (the engine compiles without DOM types). */
export interface WebWorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error' | 'messageerror', listener: (event: { message?: string }) => void): void;
}

/** The Web Worker constructor, when the platform has one. */
export type WebWorkerConstructor = new (url: string | URL, options: { type: 'module' }) => WebWorkerLike;

/** The exit bookkeeping every adapter shares: listeners called once, and not after a deliberate terminate. */
export function exitNotifier(): { listen(listener: (exit: WorkerExit) => void): void; fire(exit: WorkerExit): void; stop(): void } {
  let exited = false;
  const listeners: ((exit: WorkerExit) => void)[] = [];
  return {
    listen: (listener) => listeners.push(listener),
    fire(exit) {
      if (exited) return;
      exited = true;
      for (const l of listeners) l(exit);
    },
    stop: () => (exited = true),
  };
}

/** Adapts a Web Worker to a worker port. */
export function adaptWebWorker<In, Out>(worker: WebWorkerLike): WorkerPort<In, Out> {
  const exit = exitNotifier();
  const fail = (message: string) => exit.fire({ outOfMemory: /memory/i.test(message), message });
  worker.addEventListener('error', (event) => fail(event.message ?? 'the worker failed'));
  worker.addEventListener('messageerror', () => fail('a message could not be read'));
  return {
    postMessage: (message) => worker.postMessage(message),
    onMessage: (listener) => worker.addEventListener('message', (event) => listener(event.data as Out)),
    onExit: exit.listen,
    terminate: () => {
      exit.stop();
      worker.terminate();
    },
  };
}
