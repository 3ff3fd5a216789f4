import { abortError } from '../errors/canceled.error.js';

/**
 * Time as the engine sees it. Injected so tests run retries, waits and
 * timeouts on a simulated clock instead of real waits.
 */
export interface Clock {
  /** Current time in epoch milliseconds. */
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels the timer. */
  setTimer(ms: number, fn: () => void): () => void;
}

/** The real clock: the default wherever no `clock` is given. */
export const systemClock: Clock = {
  // eslint-disable-next-line no-restricted-properties -- the one place the engine reads the platform's time
  now: () => Date.now(),
  setTimer(ms, fn) {
    const handle = setTimeout(fn, ms);
    return () => clearTimeout(handle);
  },
};

/** Waits `ms` on a clock; rejects (with `abortError(signal)`) when the signal aborts first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      cancel();
      if (signal) reject(abortError(signal));
    };
    const cancel = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
