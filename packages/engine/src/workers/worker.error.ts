import { FlowloomError } from '../errors/flowloom.error.js';

/** What went wrong with a worker. */
export type WorkerErrorCode =
  /** The platform has no workers of the kind asked for (no Web Workers in this runtime). */
  | 'WORKERS_UNAVAILABLE'
  /** A worker and the engine disagreed about a message: a bug, or a worker of another version. */
  | 'WORKER_PROTOCOL'
  /** The pool was closed before the job got a worker. */
  | 'WORKER_POOL_CLOSED';

/**
 * A worker (for Code nodes, or for isolated executions) could not be started
 * or answered with a message the engine could not use.
 */
export class WorkerError extends FlowloomError {
  static override readonly kind: string = 'WorkerError';

  constructor(code: WorkerErrorCode, message: string) {
    super(code, message);
    this.name = 'WorkerError';
  }
}
