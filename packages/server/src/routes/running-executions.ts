import type { EngineEvent, Execution } from '@flowloom/engine';

/** A run started through the API: its id once it has one, and its end. */
export interface StartedRun {
  /** Resolves with the execution id as soon as the execution exists; rejects if the run is refused before it starts. */
  id: Promise<string>;
  done: Promise<Execution>;
}

/**
 * Runs started through this server and still going, so that
 * `POST /executions/{id}/cancel` can abort them. Keyed by tenant and id: a
 * caller of another tenant cannot reach them.
 */
export class RunningExecutions {
  readonly #controllers = new Map<string, AbortController>();

  /** Starts a run; `run` gets the abort signal and an event listener to pass to the engine. */
  start(tenantId: string, run: (signal: AbortSignal, onEvent: (event: EngineEvent) => void) => Promise<Execution>): StartedRun {
    const controller = new AbortController();
    let key: string | undefined;
    let resolveId!: (id: string) => void;
    let rejectId!: (error: unknown) => void;
    const id = new Promise<string>((resolve, reject) => {
      resolveId = resolve;
      rejectId = reject;
    });
    const done = run(controller.signal, (event) => {
      if (event.type !== 'executionStart') return;
      key = `${tenantId}\u0000${event.execution.id}`;
      this.#controllers.set(key, controller);
      resolveId(event.execution.id);
    }).finally(() => {
      if (key !== undefined) this.#controllers.delete(key);
    });
    done.then((execution) => resolveId(execution.id), rejectId);
    // Sync callers await `done` only: a refused run must not also surface as an unawaited `id`.
    id.catch(() => undefined);
    return { id, done };
  }

  /** Aborts a running execution of the tenant; whether there was one. */
  cancel(tenantId: string, executionId: string): boolean {
    const controller = this.#controllers.get(`${tenantId}\u0000${executionId}`);
    controller?.abort(new Error('Canceled through the API.'));
    return controller !== undefined;
  }

  /** How many runs started here are going. */
  get size(): number {
    return this.#controllers.size;
  }
}
