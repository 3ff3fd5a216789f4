import { FlowloomError } from '../errors/flowloom.error.js';

/**
 * An execution cannot be retried: it does not exist, is still running,
 * succeeded, or its stored data is not enough to continue from.
 */
export class RetryError extends FlowloomError {
  static override readonly kind: string = 'RetryError';

  constructor(code: 'NOT_FOUND' | 'RETRY_UNAVAILABLE', message: string) {
    super(code, message);
    this.name = 'RetryError';
  }
}
