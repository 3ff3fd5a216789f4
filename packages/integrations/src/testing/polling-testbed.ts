/**
 * The fixture of a polling trigger's test file: the recording server that
 * answers from records the tests add, a fresh engine on a test clock for
 * each test, and the trigger in a workflow (`poll` followed by `next`). With
 * the cases every polling trigger is held to: it runs with what a source
 * that was empty gets, picks up after a restart, shows the newest records in
 * a manual run, and records a poll the vendor refuses.
 */
import type { ActivationSummary, Engine, Execution, Item, Workflow } from '@flowloom/engine';
import { buildWorkflow, createTestClock, type TestClock } from '@flowloom/engine/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingVendor, type Vendor, type VendorOptions } from './recording-vendor.js';

export interface PollingTestbedOptions extends VendorOptions {
  /** The trigger node, as the workflow holds it (the kit adds `pollMinutes`, 5 by default). */
  trigger: { type: string; name: string; parameters: Record<string, unknown>; credentials: Record<string, string> };
  /** When each test's clock starts. */
  start: number;
  /** How a test names a record the trigger put out (its name, its email). */
  label(json: Item['json']): unknown;
  /** Forgets the records a test added, after it. */
  reset(): void;
}

/** A polling trigger's recording server for one test file, and the engine of the running test. */
export interface PollingTestbed extends Vendor {
  /** The runs the running test's engine finished since it started, in order. */
  readonly runs: Execution[];
  /** The workflow: the trigger (`poll`, with `parameters` and `credentials` changed) and a No Op after it (`next`). */
  workflow(change?: { parameters?: Record<string, unknown>; credentials?: Record<string, string> }): Workflow;
  /** Activates the workflow, starts the scheduler and polls once (a first poll only notes where the vendor stands). */
  activate(workflow?: Workflow): Promise<ActivationSummary>;
  /** Moves the clock one interval on and waits for the runs the poll starts. */
  poll(): Promise<void>;
  /** Closes the engine, then (after `whileDown`) starts another on its storage, as a host restarts. */
  restart(whileDown?: () => void): Promise<void>;
  /** The labels of the records each run put out. */
  labels(): unknown[][];
  /** The labels of the records one execution put out. */
  labelsOf(execution: Execution): unknown[];
}

/**
 * Declares a polling trigger's fixture: the recording server for the file,
 * and before each test a fresh engine on a test clock, closed after it.
 */
export function pollingTestbed(options: PollingTestbedOptions): PollingTestbed {
  let engine: Engine | undefined;
  const vendor = recordingVendor(options, () => engine);
  const intervalMs = Number(options.trigger.parameters['pollMinutes'] ?? 5) * 60_000;
  let clock: TestClock;
  const runs: Execution[] = [];
  const start = async (storage?: Engine['storage']) => {
    engine = await vendor.startEngine({ clock, ...(storage ? { storage } : {}) });
    runs.length = 0;
    engine.on('executionFinish', (e) => void runs.push(e.execution));
  };
  beforeEach(async () => {
    clock = createTestClock({ start: options.start });
    await start();
  });
  afterEach(async () => {
    options.reset();
    await engine?.close();
    engine = undefined;
  });
  const labelsOf = (execution: Execution) => (execution.nodes['next']?.[0]?.output['main'] ?? []).map((item) => options.label(item.json));
  const bed = Object.assign(vendor, {
    runs,
    workflow: (change: { parameters?: Record<string, unknown>; credentials?: Record<string, string> } = {}) =>
      buildWorkflow({
        id: 'wf-poll',
        nodes: [
          {
            id: 'poll',
            name: options.trigger.name,
            type: options.trigger.type,
            parameters: { pollMinutes: 5, ...options.trigger.parameters, ...change.parameters },
            credentials: change.credentials ?? options.trigger.credentials,
          },
          { id: 'next', type: 'core.noOp' },
        ],
        connections: [['poll', 'next']],
      }),
    async activate(workflow: Workflow = bed.workflow()) {
      const summary = await vendor.engine.activate(workflow);
      await vendor.engine.startScheduler();
      await bed.poll();
      return summary;
    },
    async poll() {
      clock.advance(intervalMs);
      await vendor.engine.idle();
    },
    async restart(whileDown?: () => void) {
      const storage = vendor.engine.storage;
      await vendor.engine.close();
      whileDown?.();
      await start(storage);
    },
    labels: () => runs.map(labelsOf),
    labelsOf,
  });
  return bed;
}

/**
 * Declares the cases every polling trigger is held to, in a block titled
 * `title`. `add(n, at)` adds record `n`, created or changed at `at` (ISO
 * 8601, UTC), to the vendor's records; `label(n)` is how the testbed's
 * `label` names it. With `refused`, a credential the vendor refuses and the
 * message the failed execution must carry.
 */
export function describePollingTrigger(
  title: string,
  bed: PollingTestbed,
  options: {
    add(n: number, at: string): void;
    label(n: number): unknown;
    refused?: { credentials: Record<string, string>; message: string };
  },
): void {
  const { add, label } = options;
  describe(title, () => {
    it('runs with the first records of a source that was empty when the workflow was turned on', async () => {
      await bed.activate();
      add(1, '2026-06-01T00:00:30.000Z');
      await bed.poll();
      expect(bed.labels()).toEqual([[label(1)]]);
    });

    it('picks up after a restart on the same storage without repeating or losing records', async () => {
      add(1, '2026-05-30T10:00:00.000Z');
      await bed.activate();
      add(2, '2026-06-01T10:00:00.000Z');
      await bed.poll();
      expect(bed.labels()).toEqual([[label(2)]]);
      await bed.restart(() => add(3, '2026-06-01T11:00:00.000Z'));
      await bed.activate();
      expect(bed.labels()).toEqual([[label(3)]]);
    });

    it('puts out the newest records in a manual run, for building the workflow with real data', async () => {
      add(1, '2026-05-30T10:00:00.000Z');
      add(2, '2026-05-31T10:00:00.000Z');
      const execution = await bed.engine.run(bed.workflow(), { startNode: 'poll' });
      expect(bed.labelsOf(execution)).toEqual([label(2), label(1)]);
    });

    const refused = options.refused;
    if (refused) {
      it('records a poll the vendor refuses as a failed execution naming the node and the reason', async () => {
        await bed.activate(bed.workflow({ credentials: refused.credentials }));
        const [failed] = await bed.engine.storage.executions.list('default', { status: ['error'] });
        const record = await bed.engine.storage.executions.get('default', failed!.id);
        expect(record!.nodes['poll']![0]!.status).toBe('error');
        expect(record!.error!.message).toBe(refused.message);
        expect(bed.runs).toHaveLength(0);
      });
    }
  });
}
