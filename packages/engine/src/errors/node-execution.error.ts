import { FlowloomError, type SerializedError } from './flowloom.error.js';

/**
 * A node failed. Node code may throw it (or any error: the engine wraps
 * foreign errors in one) to say whether a retry could help and to attach
 * details such as an HTTP status.
 */
export class NodeExecutionError extends FlowloomError {
  static override readonly kind: string = 'NodeExecutionError';
  /** Whether running the node again might succeed (network error, 503...). */
  readonly retryable: boolean;
  /** Extra data recorded with the error. Must be plain JSON. */
  readonly details: unknown;
  /** Filled in by the engine when the error is recorded. */
  node?: { id: string; name: string };

  constructor(message: string, options: { code?: string; retryable?: boolean; details?: unknown; cause?: unknown } = {}) {
    super(options.code ?? 'NODE_FAILED', message, { cause: options.cause });
    this.name = 'NodeExecutionError';
    this.retryable = options.retryable ?? true;
    this.details = options.details;
  }

  override toJSON(): SerializedError {
    const out: SerializedError = super.toJSON();
    if (this.node) out.node = this.node;
    if (this.details !== undefined) out.details = this.details;
    return out;
  }
}

/** Turns anything thrown into a serialized error with a useful message. */
export function serializeError(error: unknown, node?: { id: string; name: string }): SerializedError {
  if (error instanceof FlowloomError) {
    const out = error.toJSON();
    if (node) out.node = node;
    return out;
  }
  if (error instanceof Error) {
    const out: SerializedError = { name: error.name || 'Error', code: 'NODE_FAILED', message: error.message || String(error) };
    if (node) out.node = node;
    return out;
  }
  let message: string;
  try {
    message = typeof error === 'string' ? error : (JSON.stringify(error) ?? String(error));
  } catch {
    message = String(error);
  }
  const out: SerializedError = { name: 'Error', code: 'NODE_FAILED', message: `Non-error value thrown: ${message}` };
  if (node) out.node = node;
  return out;
}
