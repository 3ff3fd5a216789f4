import type { Redis } from 'ioredis';
import type { UsageStore } from './usage-store.js';

// One token bucket step, atomic in Redis: the same arithmetic as the memory store's `take`.
// Numbers are kept as text (tostring keeps 14 significant digits); replies are whole numbers.
const TAKE = `
local capacity = tonumber(ARGV[1])
local refill = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1])
local at = tonumber(bucket[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
local elapsed = now - at
if elapsed < 0 then elapsed = 0 end
tokens = math.min(capacity, tokens + (elapsed / 1000) * refill)
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil(((1 - tokens) / refill) * 1000)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil((capacity / refill) * 1000) + 60000)
return { allowed, retry }
`;

/** What `createRedisUsageStore` takes besides the connection. */
export interface RedisUsageStoreOptions {
  /** Prefix of the store's keys (default `flowloom`): keys are `<prefix>:usage:<key>`. */
  prefix?: string;
}

/**
 * Usage counters and rate-limit buckets in Redis, shared by every process
 * that serves the same tenants (queue mode's main and webhook processes).
 * Each call is one atomic Redis step: `INCRBY`, `GET`, and a Lua script for
 * a bucket, so two processes never both take the last token. A bucket's key
 * expires once it would be full again; counters are kept.
 *
 * @example
 * const usage = createRedisUsageStore(new Redis(process.env.FLOWLOOM_REDIS_URL));
 * createServer({ engine, auth, quotas: { store: usage, webhookRate: { capacity: 50, refillPerSecond: 10 } } });
 */
export function createRedisUsageStore(redis: Redis, options: RedisUsageStoreOptions = {}): UsageStore {
  const prefix = `${options.prefix ?? 'flowloom'}:usage:`;
  return {
    async add(key, by) {
      return redis.incrby(prefix + key, by);
    },
    async get(key) {
      const value = await redis.get(prefix + key);
      return value === null ? 0 : Number(value);
    },
    async take(key, capacity, refillPerSecond, now) {
      const [allowed, retryAfterMs] = (await redis.eval(TAKE, 1, prefix + key, capacity, refillPerSecond, now)) as [number, number];
      return { allowed: allowed === 1, retryAfterMs };
    },
  };
}
