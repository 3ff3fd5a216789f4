import { FlowloomError } from '../errors/flowloom.error.js';

/**
 * The `flowloom` command line was called wrongly: an unknown option, an
 * option without its value, a value out of range. Code `USAGE`; the CLI
 * prints the message and its usage, and exits with 2.
 */
export class UsageError extends FlowloomError {
  static override readonly kind: string = 'UsageError';

  constructor(message: string) {
    super('USAGE', message);
    this.name = 'UsageError';
  }
}
