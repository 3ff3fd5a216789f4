/**
 * The cases every service's node is held to, each declared with the data
 * that makes it the service's own: a rate limit waited out on the engine
 * clock, a credential test that agrees with the vendor's SDK, and the custom
 * API call kept on the service. Bad input is in `bad-input-cases.ts`.
 */
import type { CredentialTestResult, Execution } from '@flowloom/engine';
import { createTestClock, type TestClock } from '@flowloom/engine/testing';
import type { SeenRequest } from '@flowloom/engine/testing/node';
import { expect, it } from 'vitest';
import { runThroughRateLimit, type Answer, type NormalizedRequest } from './service-harness.js';
import type { RunOptions, ServiceTestbed } from './service-testbed.js';

/** A run through a rate limit: the request that was limited, and the one tried again. */
export interface RateLimitedRun<R extends NormalizedRequest = NormalizedRequest> {
  execution: Execution;
  limited: R[];
  retried: R[];
}

/**
 * Declares the case: the vendor answers the first request that `limits`
 * picks with `answer` (a 429, say); the node, on an engine with a test clock,
 * waits `waitMs` as the answer asks, then tries again and succeeds. No real
 * time passes: the test moves the clock once the node has set its timer.
 */
export function itWaitsOutRateLimit<R extends NormalizedRequest>(
  bed: ServiceTestbed<R>,
  options: {
    title?: string;
    /** The node's parameters, resource and operation included. */
    parameters: Record<string, unknown>;
    /** Picks the request the vendor limits (`path` is its path, without the query). */
    limits(request: SeenRequest, path: string): boolean;
    /** The vendor's answer to it; a function of the engine's clock when it names a time. */
    answer: Answer | ((clock: TestClock) => Answer);
    waitMs: number;
    /** What the engine does before the limited run (fetch a token, so the limited call is the operation's). */
    before?(run: (parameters: Record<string, unknown>, options?: RunOptions) => Promise<Execution>): Promise<unknown>;
    check(run: RateLimitedRun<R>): void;
  },
): void {
  it(options.title ?? 'waits as Retry-After says on a 429 and then succeeds, on the engine clock', async () => {
    const clock = createTestClock();
    const engine = await bed.startEngine({ clock });
    await options.before?.((parameters, how) => bed.run(parameters, { ...how, engine }));
    await bed.take();
    const answer = typeof options.answer === 'function' ? options.answer(clock) : options.answer;
    const withdraw = bed.server.answerOnce((request) => options.limits(request, new URL(request.url, 'http://x').pathname), answer);
    try {
      options.check(await runThroughRateLimit(() => bed.run(options.parameters, { engine }), clock, bed, options.waitMs));
    } finally {
      withdraw();
    }
  });
}

/** One credential tested, and what the test must find. */
export interface CredentialCheck<R extends NormalizedRequest = NormalizedRequest> {
  /** The credential's id. */
  id: string;
  /** What `credentials.test` says; by default that the credential works. */
  outcome?: Partial<CredentialTestResult>;
  /**
   * The vendor's SDK making its own call with the same secret (and checking
   * what it got): the engine's test must send the same requests.
   */
  sdk?(): Promise<unknown>;
  /** What the engine's test requests must hold, in order. */
  calls?: Partial<R>[];
}

/**
 * Declares the case: each credential is tested in turn, and each test's
 * outcome and requests are checked (against the SDK's, where one is given).
 * `compare` picks what of a request the SDK and the node must agree on;
 * by default all of it.
 */
export function itTestsCredential<R extends NormalizedRequest>(
  bed: ServiceTestbed<R>,
  title: string,
  checks: CredentialCheck<R>[],
  compare: (request: R) => unknown = (request) => request,
): void {
  it(title, async () => {
    await bed.take();
    for (const check of checks) {
      let expected: R[] | undefined;
      if (check.sdk) {
        await check.sdk();
        expected = await bed.take();
      }
      expect(await bed.engine.credentials.test(check.id)).toMatchObject(check.outcome ?? { ok: true });
      const requests = await bed.take();
      if (expected) expect(requests.map(compare)).toEqual(expected.map(compare));
      if (check.calls) expect(requests).toMatchObject(check.calls);
    }
  });
}

/**
 * Declares the case: the custom API call is sent to the service's base URL,
 * signed with the node's credential (`request` is what the vendor must
 * receive), and its answer becomes an item holding `item` (exactly so, with
 * `exact`).
 */
export function itKeepsCustomCall<R extends NormalizedRequest>(
  bed: ServiceTestbed<R>,
  title: string,
  options: { parameters: Record<string, unknown>; request: Partial<R>; item: Record<string, unknown>; exact?: boolean },
): void {
  it(title, async () => {
    await bed.take();
    const { items, requests } = await bed.node('custom', 'apiCall', options.parameters);
    expect(requests).toMatchObject([options.request]);
    if (options.exact) expect(items[0]!.json).toEqual(options.item);
    else expect(items[0]!.json).toMatchObject(options.item);
  });
}
