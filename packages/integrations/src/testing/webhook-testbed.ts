/**
 * The fixture of a webhook trigger's test file: the recording server for the
 * vendor the workflow calls back, an engine with the workflow activated, and
 * calls delivered to it as the vendor makes them. With the cases every
 * trigger is held to: calls it must refuse without starting a run, and
 * events it must not start one for.
 */
import type { Engine, Execution, Workflow } from '@flowloom/engine';
import type { TestClock } from '@flowloom/engine/testing';
import { beforeAll, expect, it } from 'vitest';
import { recordingVendor, type Vendor, type VendorOptions } from './recording-vendor.js';
import type { NormalizedRequest } from './service-harness.js';

export interface WebhookTestbedOptions extends VendorOptions {
  /** The workflow to activate, its trigger first. */
  workflow: Workflow;
  /** The engine's clock, for triggers that check how old a call is. */
  clock?: TestClock;
}

/** What calls delivered to the engine did: its answers, and the runs they started (finished). */
export interface Delivery {
  responses: Response[];
  runs: Execution[];
}

/** A webhook trigger's recording server and engine for one test file. */
export interface WebhookTestbed extends Vendor {
  /** Every run the engine finished, in order. */
  readonly finished: Execution[];
  /** Sends the calls to the engine one after another, waits for the runs they start, and returns both. */
  deliver(...calls: Request[]): Promise<Delivery>;
  /** Sends a call that must be answered 200 and start one run that succeeds; returns the answer and the run. */
  runOnce(call: Request): Promise<{ response: Response; run: Execution }>;
}

/**
 * Declares a webhook trigger's fixture: before the file's tests, the
 * recording server, and an engine (on `clock` when given) with the workflow
 * activated that keeps each finished run.
 */
export function webhookTestbed(options: WebhookTestbedOptions): WebhookTestbed {
  let engine: Engine | undefined;
  const vendor = recordingVendor(options, () => engine);
  const finished: Execution[] = [];
  beforeAll(async () => {
    engine = await vendor.startEngine(options.clock ? { clock: options.clock } : {});
    engine.on('executionFinish', (e) => void finished.push(e.execution));
    await engine.activate(options.workflow);
  });
  const deliver = async (...calls: Request[]) => {
    const before = finished.length;
    const responses: Response[] = [];
    for (const call of calls) responses.push(await vendor.engine.handleWebhook(call));
    await vendor.engine.idle();
    return { responses, runs: finished.slice(before) };
  };
  return Object.assign(vendor, {
    finished,
    deliver,
    async runOnce(call: Request) {
      const { responses, runs } = await deliver(call);
      expect(responses[0]!.status).toBe(200);
      expect(runs).toHaveLength(1);
      expect(runs[0]!.error?.message).toBeUndefined();
      expect(runs[0]!.status).toBe('success');
      return { response: responses[0]!, run: runs[0]! };
    },
  });
}

/** `METHOD /path` of each request. */
const calls = (requests: NormalizedRequest[]) => requests.map((r) => `${r.method} ${r.path}`);

/**
 * Declares the case: the call is answered 200 and starts no run, and the
 * vendor is asked nothing but `asks` (`METHOD /path`: a signature checked
 * with the vendor, say).
 */
export function itStartsNothingFor(bed: WebhookTestbed, title: string, call: () => Request, options: { asks?: string[] } = {}): void {
  it(title, async () => {
    await bed.take();
    const { responses, runs } = await bed.deliver(call());
    expect(responses.map((r) => r.status)).toEqual([200]);
    expect(runs).toEqual([]);
    expect(calls(await bed.take())).toEqual(options.asks ?? []);
  });
}

/** A call the trigger must refuse, and the error its answer must carry (its message, or code and message). */
export interface RefusedCall {
  call: Request;
  message?: string;
  error?: { code: string; message: string };
}

/**
 * Declares the case: each call is refused with 401 (carrying the error
 * given), no run starts, and the vendor is asked nothing but `asks`.
 */
export function itRefusesCalls(
  bed: WebhookTestbed,
  title: string,
  refused: () => RefusedCall[] | Promise<RefusedCall[]>,
  options: { asks?: string[] } = {},
): void {
  it(title, async () => {
    await bed.take();
    const expected = await refused();
    const { responses, runs } = await bed.deliver(...expected.map((r) => r.call));
    expect(responses.map((r) => r.status)).toEqual(expected.map(() => 401));
    for (const [i, { message, error }] of expected.entries()) {
      if (!message && !error) continue;
      const answer = ((await responses[i]!.json()) as { error: { code: string; message: string } }).error;
      if (error) expect(answer).toEqual(error);
      if (message) expect(answer.message).toBe(message);
    }
    expect(runs).toEqual([]);
    expect(calls(await bed.take())).toEqual(options.asks ?? []);
  });
}
