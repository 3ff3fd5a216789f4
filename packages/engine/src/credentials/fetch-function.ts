import type { FetchFunction } from '../ports/http.js';

export type { FetchFunction };

/**
 * The platform's fetch, looked up on each call so a host or test that
 * replaces `globalThis.fetch` later is honoured. The one place the
 * credentials code reaches for a global; managers given a `fetch` option,
 * and runs (which use the engine's `ctx.fetch` port), use theirs instead.
 */
export const platformFetch: FetchFunction = (input, init) => fetch(input, init);
