import type { Clock } from '../ports/clock.js';

/** A clock that only moves when told to, for tests of retries, waits and deadlines. */
export interface TestClock extends Clock {
  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void;
  /** Moves time forward to the next timer and fires it; returns false when none is set. */
  runNext(): boolean;
  /** Timers waiting to fire. */
  readonly pendingTimers: number;
  /**
   * Resolves once a timer of `ms` (of any delay when omitted) is waiting to
   * fire: at once when one is set already, else when code sets one. Tests
   * wait on it for work that arms a timer after I/O, instead of sleeping.
   */
  whenTimer(ms?: number): Promise<void>;
}

/**
 * Creates a simulated clock. With `autoAdvance`, a timer fires as soon as the
 * event loop is idle, so waits take no real time while keeping their order.
 */
export function createTestClock(options: { start?: number; autoAdvance?: boolean } = {}): TestClock {
  let now = options.start ?? Date.UTC(2026, 0, 1);
  let seq = 0;
  const timers: { at: number; seq: number; ms: number; fn: () => void }[] = [];
  const waiting: { ms: number | undefined; resolve: () => void }[] = [];
  const matches = (want: number | undefined, ms: number) => want === undefined || want === ms;
  const fire = (timer: { at: number; fn: () => void }) => {
    timers.splice(timers.indexOf(timer as (typeof timers)[number]), 1);
    now = Math.max(now, timer.at);
    timer.fn();
  };
  const clock: TestClock = {
    now: () => now,
    setTimer(ms, fn) {
      const timer = { at: now + Math.max(0, ms), seq: seq++, ms, fn };
      timers.push(timer);
      timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      for (const w of waiting.filter((w) => matches(w.ms, ms))) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
      if (options.autoAdvance) setTimeout(() => timers.includes(timer) && clock.runNext(), 0);
      return () => {
        const i = timers.indexOf(timer);
        if (i !== -1) timers.splice(i, 1);
      };
    },
    advance(ms) {
      const until = now + ms;
      while (timers.length > 0 && timers[0]!.at <= until) fire(timers[0]!);
      now = until;
    },
    runNext() {
      const next = timers[0];
      if (!next) return false;
      fire(next);
      return true;
    },
    get pendingTimers() {
      return timers.length;
    },
    whenTimer(ms) {
      if (timers.some((t) => matches(ms, t.ms))) return Promise.resolve();
      return new Promise((resolve) => waiting.push({ ms, resolve }));
    },
  };
  return clock;
}
