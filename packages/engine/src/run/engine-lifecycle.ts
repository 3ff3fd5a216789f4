import { FlowloomError } from '../errors/flowloom.error.js';
import { linkSignals } from './signals.js';

/** What `engine.close` takes. */
export interface CloseOptions {
  /** Cancel the executions still running now: they end `canceled` (recorded) before `close` resolves. */
  cancelRunning?: boolean;
  /** Let running executions go on for at most this long, in ms, then cancel those still running. */
  graceMs?: number;
}

/**
 * An engine's life: loading its `nodeModules` (started at creation), the
 * executions running now, and closing. Once closed, every entry point fails
 * with `ENGINE_CLOSED`.
 */
export class EngineLifecycle {
  readonly #ready: Promise<void>;
  readonly #running = new Set<{ controller: AbortController; done: Promise<unknown> }>();
  /** Every run asked for and not yet ended, from the moment it is asked for (before it is tracked). */
  readonly #asked = new Set<Promise<unknown>>();
  #closed = false;

  /** `load` starts now; its failure is kept for `ready()` (never an unhandled rejection). */
  constructor(load: () => Promise<void>) {
    this.#ready = load();
    this.#ready.catch(() => undefined);
  }

  /** Resolves once the node modules are loaded and registered; rejects naming the module that failed. */
  ready(): Promise<void> {
    return this.#ready;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Throws `ENGINE_CLOSED` once the engine is closed. */
  assertOpen(what: string): void {
    if (this.#closed) throw new FlowloomError('ENGINE_CLOSED', `The engine is closed; ${what} was refused.`);
  }

  /** Waits for the node modules, checking the engine is open before and after. */
  async enter(what: string): Promise<void> {
    this.assertOpen(what);
    await this.#ready;
    this.assertOpen(what);
  }

  /** Runs an execution with a signal `close` can cancel, linked with the caller's own. */
  track<T>(signal: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const linked = linkSignals([signal, controller.signal]);
    const entry = { controller, done: Promise.resolve() as Promise<unknown> };
    const done = run(linked.signal).finally(() => {
      linked.dispose();
      this.#running.delete(entry);
    });
    entry.done = done.catch(() => undefined);
    this.#running.add(entry);
    return done;
  }

  /** Counts a run from the moment it is asked for until it ends, for `idle`. */
  asked<T>(run: Promise<T>): Promise<T> {
    const settled: Promise<unknown> = run.then(
      () => this.#asked.delete(settled),
      () => this.#asked.delete(settled),
    );
    this.#asked.add(settled);
    return run;
  }

  /** Resolves once no run that was asked for is still going, including runs those runs started. */
  async idle(): Promise<void> {
    while (this.#asked.size > 0) await Promise.all([...this.#asked]);
  }

  /** Refuses new work, then waits for the running executions (canceling them now or after `graceMs`). */
  async close(options: CloseOptions = {}): Promise<void> {
    this.#closed = true;
    const running = [...this.#running];
    const cancel = () => {
      for (const r of running) r.controller.abort(new FlowloomError('ENGINE_CLOSED', 'The engine was closed.'));
    };
    if (options.cancelRunning || options.graceMs === 0) cancel();
    let timer: ReturnType<typeof setTimeout> | undefined;
    if (options.graceMs !== undefined && options.graceMs > 0) timer = setTimeout(cancel, options.graceMs);
    try {
      await Promise.all(running.map((r) => r.done));
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  }
}
