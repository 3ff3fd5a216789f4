import { FlowloomError } from '../errors/flowloom.error.js';

/** A variable was refused: a bad key, or a value that does not match its type. Code `VARIABLE_INVALID`. */
export class VariableError extends FlowloomError {
  static override readonly kind: string = 'VariableError';
  /** The key of the variable concerned. */
  readonly key: string;

  constructor(key: string, message: string) {
    super('VARIABLE_INVALID', message);
    this.name = 'VariableError';
    this.key = key;
  }
}
