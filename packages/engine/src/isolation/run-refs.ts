import type { Execution, NodeRun } from '../model/execution.js';
import { KEPT_RUN_REFS, type CrossingExecution } from './execution-protocol.js';

/**
 * The worker's end of node runs by number. Each node run the worker stores
 * (`appendNodeRun`) crosses once and gets a number; the `nodeFinish` event
 * and the execution record that follow name it by that number instead of
 * carrying it again, as long as the host still keeps it (the last
 * `KEPT_RUN_REFS`). A run is only ever named by the object that crossed.
 */
export class SentRuns {
  #refs = new WeakMap<object, number>();
  #last = 0;
  readonly #records = new WeakMap<Execution, CrossingExecution>();

  /** Numbers the node run of an `appendNodeRun`; returns its number. */
  add(run: object): number {
    this.#refs.set(run, ++this.#last);
    return this.#last;
  }

  /** The number `run` goes by, while the host keeps it. */
  refOf(run: unknown): number | undefined {
    const ref = typeof run === 'object' && run !== null ? this.#refs.get(run) : undefined;
    return ref !== undefined && ref > this.#last - KEPT_RUN_REFS ? ref : undefined;
  }

  /** `execution` as it crosses; the same copy each time it is asked for (a record crossing twice in one message crosses once). */
  record(execution: Execution): CrossingExecution {
    let crossing = this.#records.get(execution);
    if (!crossing) {
      const nodes: CrossingExecution['nodes'] = {};
      let named = false;
      for (const [id, runs] of Object.entries(execution.nodes)) {
        nodes[id] = runs.map((run) => {
          const ref = this.refOf(run);
          if (ref !== undefined) named = true;
          return ref ?? run;
        });
      }
      crossing = named ? { ...execution, nodes } : execution;
      this.#records.set(execution, crossing);
    }
    return crossing;
  }
}

/**
 * The host's end: the last `KEPT_RUN_REFS` node runs that crossed with a
 * number, and records and events put back together from them. A number it
 * does not keep (which only a worker breaking the protocol sends) leaves the
 * run out.
 */
export class KeptRuns {
  readonly #runs = new Map<number, NodeRun>();
  readonly #records = new WeakMap<CrossingExecution, Execution>();

  add(ref: number, run: NodeRun): void {
    this.#runs.set(ref, run);
    this.#runs.delete(ref - KEPT_RUN_REFS);
  }

  get(ref: number): NodeRun | undefined {
    return this.#runs.get(ref);
  }

  /** The record `crossing` names; the same object each time it is asked for. */
  record(crossing: CrossingExecution): Execution {
    let execution = this.#records.get(crossing);
    if (!execution) {
      const nodes: Execution['nodes'] = {};
      let named = false;
      for (const [id, runs] of Object.entries(crossing.nodes)) {
        const list: NodeRun[] = [];
        for (const run of runs) {
          if (typeof run !== 'number') list.push(run);
          else {
            named = true;
            const kept = this.#runs.get(run);
            if (kept) list.push(kept);
          }
        }
        nodes[id] = list;
      }
      execution = named ? { ...crossing, nodes } : (crossing as Execution);
      this.#records.set(crossing, execution);
    }
    return execution;
  }
}
