/** An account connection started and waiting for the provider's callback. */
export interface PendingAuthorization {
  tenantId: string;
  credentialId: string;
  /** The PKCE verifier, when the flow uses PKCE. */
  verifier: string | undefined;
  redirectUri: string;
  /** When the callback stops being accepted (epoch ms). */
  expiresAt: number;
}

/**
 * Where started OAuth2 connections wait for their callback, by `state`.
 * Memory by default; a store shared by several processes (Redis) lets the
 * callback reach another process than the one that started the connection.
 * `take` must be one atomic step: a callback is accepted once.
 */
export interface OAuth2StateStore {
  /** Keeps a started connection until `pending.expiresAt` (`now` is the engine's clock, in ms). */
  put(state: string, pending: PendingAuthorization, now: number): Promise<void>;
  /** Returns the connection started with this state and forgets it; undefined when unknown or expired. */
  take(state: string, now: number): Promise<PendingAuthorization | undefined>;
}

/** Started connections in this process's memory: the callback must come back to the process that started them. */
export function createMemoryOAuth2StateStore(): OAuth2StateStore {
  const pending = new Map<string, PendingAuthorization>();
  return {
    async put(state, value, now) {
      for (const [key, p] of pending) if (p.expiresAt <= now) pending.delete(key);
      pending.set(state, { ...value });
    },
    async take(state, now) {
      const value = pending.get(state);
      pending.delete(state);
      return value && value.expiresAt > now ? value : undefined;
    },
  };
}
