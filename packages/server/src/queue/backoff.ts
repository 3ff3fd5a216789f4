/**
 * How long to wait before attempt `attempt` (1, 2...) of something that
 * failed because a service was away: 250 ms doubling up to `maxMs`.
 */
export function retryDelayMs(attempt: number, maxMs = 10_000): number {
  return Math.min(maxMs, 250 * 2 ** Math.max(0, Math.min(attempt - 1, 16)));
}

/** A delay as people read it in a log line: `250 ms`, `2 s`. */
export function formatDelay(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** Resolves after `ms`, or at once when `signal` is aborted. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
