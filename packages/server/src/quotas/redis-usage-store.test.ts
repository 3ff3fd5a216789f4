import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startThrowawayRedis, type ThrowawayRedis } from '../queue/testing/throwaway-redis.js';
import { createRedisUsageStore } from './redis-usage-store.js';
import { createMemoryUsageStore, type UsageStore } from './usage-store.js';

let redis: ThrowawayRedis;
const clients: Redis[] = [];
beforeAll(async () => {
  redis = await startThrowawayRedis();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await redis?.stop();
});

let n = 0;
/** A store on a connection of its own, under a prefix of this test's own. */
function redisStore(prefix = `${redis.prefix}-t${n++}`): UsageStore {
  const client = new Redis(redis.url);
  clients.push(client);
  return createRedisUsageStore(client, { prefix });
}

describe('the Redis usage store', () => {
  it('answers a sequence of counter and bucket calls as the memory store does', async () => {
    const memory = createMemoryUsageStore();
    const shared = redisStore();
    const steps: [string, (s: UsageStore) => Promise<unknown>][] = [
      ['get a counter never added to', (s) => s.get('executions:acme:2026-06')],
      ['add 1', (s) => s.add('executions:acme:2026-06', 1)],
      ['add 4', (s) => s.add('executions:acme:2026-06', 4)],
      ['get it', (s) => s.get('executions:acme:2026-06')],
      ['take from a full bucket', (s) => s.take('rate:key:k1', 2, 0.5, 1_000)],
      ['take its last token', (s) => s.take('rate:key:k1', 2, 0.5, 1_000)],
      ['take from the empty bucket', (s) => s.take('rate:key:k1', 2, 0.5, 1_500)],
      ['take once it refilled one', (s) => s.take('rate:key:k1', 2, 0.5, 3_000)],
      ['take with the clock gone back', (s) => s.take('rate:key:k1', 2, 0.5, 2_000)],
      ['take long after: full again, never above capacity', (s) => s.take('rate:key:k1', 2, 0.5, 100_000)],
      ['another bucket is apart', (s) => s.take('webhooks:acme', 1, 10, 100_000)],
    ];
    for (const [what, step] of steps) expect(await step(shared), what).toEqual(await step(memory));
  });

  it('shares counters and buckets between processes', async () => {
    const prefix = `${redis.prefix}-shared`;
    const [a, b] = [redisStore(prefix), redisStore(prefix)];
    await a.add('executions:acme:2026-06', 2);
    expect(await b.add('executions:acme:2026-06', 3)).toBe(5);
    expect(await a.get('executions:acme:2026-06')).toBe(5);
    expect((await a.take('webhooks:acme', 1, 0.001, 10)).allowed).toBe(true);
    expect(await b.take('webhooks:acme', 1, 0.001, 10)).toEqual({ allowed: false, retryAfterMs: 1_000_000 });
  });

  it('never gives the same token twice, however many callers take at once', async () => {
    const prefix = `${redis.prefix}-race`;
    const stores = [redisStore(prefix), redisStore(prefix), redisStore(prefix)];
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => stores[i % 3]!.take('rate:key:busy', 5, 0.001, 50)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });
});
