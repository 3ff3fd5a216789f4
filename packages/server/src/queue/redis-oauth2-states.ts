import type { OAuth2StateStore, PendingAuthorization } from '@flowloom/engine';
import type { Redis } from 'ioredis';

/**
 * Started OAuth2 connections in Redis, so the provider's callback may reach
 * any main process: each kept under its `state` until it expires, and taken
 * with `GETDEL`, one atomic step, so a callback is accepted once.
 *
 * @example
 * createNodeEngine({ storage, keyProvider, oauth2States: createRedisOAuth2StateStore(redis) });
 */
export function createRedisOAuth2StateStore(redis: Redis, options: { prefix?: string } = {}): OAuth2StateStore {
  const keyOf = (state: string) => `${options.prefix ?? 'flowloom'}:oauth2-state:${state}`;
  return {
    async put(state, pending, now) {
      await redis.set(keyOf(state), JSON.stringify(pending), 'PX', Math.max(1, pending.expiresAt - now));
    },
    async take(state, now) {
      const text = await redis.getdel(keyOf(state));
      if (text === null) return undefined;
      const pending = JSON.parse(text) as PendingAuthorization;
      return pending.expiresAt > now ? pending : undefined;
    },
  };
}
