import type { Logger } from '@flowloom/engine';
import type { ConnectionOptions } from 'bullmq';
import { Redis, type RedisOptions } from 'ioredis';
import { formatDelay, retryDelayMs } from './backoff.js';

/** The server a Redis URL names, for messages: `Redis at 10.0.0.5:6379` (never its password). */
export function describeRedis(url: string): string {
  try {
    const parsed = new URL(url);
    return `Redis at ${parsed.hostname || '127.0.0.1'}:${parsed.port || '6379'}${parsed.pathname.length > 1 ? ` (database ${parsed.pathname.slice(1)})` : ''}`;
  } catch {
    return 'Redis';
  }
}

/** Refuses a Redis URL that ioredis would misread, naming where it came from. */
export function checkRedisUrl(url: string, where: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `${where} must be a URL such as redis://127.0.0.1:6379, got '${url}'.`;
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    return `${where} must be a redis:// or rediss:// URL, got '${parsed.protocol}' in '${url}'.`;
  }
  return undefined;
}

/**
 * The options every Redis connection of a queue process uses: commands wait
 * while the connection is down instead of failing (`maxRetriesPerRequest:
 * null`, as BullMQ's blocking connections require), and reconnection is
 * tried for ever, the delay doubling from 250 ms to 10 s.
 */
export function redisOptions(onRetry?: (attempt: number, delayMs: number) => void): RedisOptions {
  return {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (attempt) => {
      const delay = retryDelayMs(attempt);
      onRetry?.(attempt, delay);
      return delay;
    },
  };
}

/**
 * Opens a Redis connection and resolves once it answers, retrying while the
 * server is away: each failed attempt is logged with its cause and the next
 * delay, and the return once it is back. Aborting `signal` gives up.
 */
export async function connectRedis(url: string, logger?: Logger, signal?: AbortSignal): Promise<Redis> {
  const where = describeRedis(url);
  let lastError = '';
  let down = false;
  const redis = new Redis(
    url,
    redisOptions((attempt, delay) => {
      down = true;
      logger?.warn(
        `${where} is not reachable${lastError ? ` (${lastError})` : ''}; trying again in ${formatDelay(delay)} (attempt ${attempt}).`,
      );
    }),
  );
  // Every failed attempt is an 'error' event: without a listener Node would print each one.
  redis.on('error', (error: Error) => void (lastError = error.message || String(error)));
  redis.on('ready', () => {
    if (down) logger?.warn(`${where} is reachable again.`);
    down = false;
    lastError = '';
  });
  if (redis.status !== 'ready') {
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        redis.disconnect();
        reject(new Error(`Gave up connecting to ${where}.`));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      redis.once('ready', () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
      if (signal?.aborted) onAbort();
    });
  }
  return redis;
}

/** The connection options BullMQ gets for the connections it opens itself (a worker's, a queue's event reader). */
export function bullmqConnection(url: string): ConnectionOptions {
  const { maxRetriesPerRequest, enableReadyCheck, retryStrategy } = redisOptions();
  return { url, maxRetriesPerRequest, enableReadyCheck, retryStrategy: retryStrategy ?? undefined };
}
