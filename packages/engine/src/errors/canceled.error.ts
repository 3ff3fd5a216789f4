import { FlowloomError } from './flowloom.error.js';

/**
 * The work was stopped on purpose: the caller's signal aborted, the host
 * closed the engine, or the person running the CLI pressed Ctrl+C. Code
 * `CANCELED`. When the abort carried a reason of its own (any value a host
 * passes to `AbortController.abort`), it is the `cause`.
 */
export class CanceledError extends FlowloomError {
  static override readonly kind: string = 'CanceledError';

  constructor(message = 'The execution was canceled.', options?: { cause?: unknown }) {
    super('CANCELED', message, options);
    this.name = 'CanceledError';
  }
}

/**
 * The error to throw for an aborted signal: its reason when that is already a
 * Flowloom error (a deadline, the engine closing), else a `CanceledError`
 * whose cause is the reason (the `AbortError` of a bare `abort()`, or the
 * host's own value), so what the engine throws always has a code.
 */
export function abortError(signal: AbortSignal): FlowloomError {
  const reason: unknown = signal.reason;
  if (reason instanceof FlowloomError) return reason;
  const said = typeof reason === 'string' ? reason : reason instanceof Error && reason.name !== 'AbortError' ? reason.message : '';
  const detail = said ? `: ${said.replace(/\.$/, '')}` : '';
  return new CanceledError(`The execution was canceled${detail}.`, { cause: reason });
}
