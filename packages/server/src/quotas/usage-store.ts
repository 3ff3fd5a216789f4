/** The outcome of taking a token from a bucket. */
export interface TakeResult {
  allowed: boolean;
  /** When refused: how long until a token is there. */
  retryAfterMs: number;
}

/**
 * Where usage counters and rate-limit buckets live. Memory for one process;
 * a shared store (Redis) when several processes serve the same tenants.
 * Each method is one atomic step.
 */
export interface UsageStore {
  /** Adds `by` to a counter and returns its new value. */
  add(key: string, by: number): Promise<number>;
  /** A counter's value (0 when never added to). */
  get(key: string): Promise<number>;
  /**
   * Takes one token from the bucket `key`, which holds at most `capacity`
   * tokens and gains `refillPerSecond` a second, as of `now` (ms).
   */
  take(key: string, capacity: number, refillPerSecond: number, now: number): Promise<TakeResult>;
}

/** Usage counters and buckets in this process's memory. */
export function createMemoryUsageStore(): UsageStore {
  const counters = new Map<string, number>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    async add(key, by) {
      const value = (counters.get(key) ?? 0) + by;
      counters.set(key, value);
      return value;
    },
    async get(key) {
      return counters.get(key) ?? 0;
    },
    async take(key, capacity, refillPerSecond, now) {
      const bucket = buckets.get(key) ?? { tokens: capacity, at: now };
      const tokens = Math.min(capacity, bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * refillPerSecond);
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at: now });
        return { allowed: true, retryAfterMs: 0 };
      }
      buckets.set(key, { tokens, at: now });
      return { allowed: false, retryAfterMs: Math.ceil(((1 - tokens) / refillPerSecond) * 1000) };
    },
  };
}
