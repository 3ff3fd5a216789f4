import { describe, expect, it } from 'vitest';
import { abortError, CanceledError } from './canceled.error.js';
import { FlowloomError } from './flowloom.error.js';

const aborted = (reason?: unknown) => {
  const controller = new AbortController();
  controller.abort(reason);
  return controller.signal;
};

describe('cancellation errors', () => {
  it('turns a bare abort() into a CanceledError with code CANCELED, the AbortError as its cause', () => {
    const signal = aborted();
    const error = abortError(signal);
    expect(error).toBeInstanceOf(CanceledError);
    expect(error).toBeInstanceOf(FlowloomError);
    expect(error).toMatchObject({ code: 'CANCELED', message: 'The execution was canceled.' });
    expect(error.cause).toBe(signal.reason);
  });

  it("says the host's own reason, given as text or as an error", () => {
    expect(abortError(aborted('the user left')).message).toBe('The execution was canceled: the user left.');
    expect(abortError(aborted(new Error('Shutting down.'))).message).toBe('The execution was canceled: Shutting down.');
  });

  it('keeps a reason that is already a Flowloom error, such as a deadline', () => {
    const deadline = new FlowloomError('EXECUTION_TIMEOUT', 'The workflow exceeded its time limit.');
    expect(abortError(aborted(deadline))).toBe(deadline);
  });
});
