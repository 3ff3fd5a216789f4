import { FlowloomError } from '../errors/flowloom.error.js';
import { serializeError } from '../errors/node-execution.error.js';
import type { Workflow } from '../model/workflow.js';
import type { TriggerState } from '../storage/trigger-state-store.js';
import type { EngineInternals } from './engine-internals.js';

/** One polling trigger of an active workflow. */
export interface PollEntry {
  tenantId: string;
  workflow: Workflow;
  nodeId: string;
  nodeName: string;
  intervalMs: number;
}

const key = (e: PollEntry) => `${e.tenantId}\u0000${e.workflow.id}\u0000${e.nodeId}`;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Polls the polling triggers of active workflows when the scheduler says so,
 * and hands what they find to runs. A trigger's cursor lives in the
 * storage's `triggerState`: the cursor past the new items is written
 * together with the items and the id of the run they start, before it
 * starts; once that run has ended the items are dropped from the state. An
 * engine that stopped in between finds them at the next poll and starts the
 * run (unless its record already exists), so items are neither lost nor run
 * twice. Polls of one trigger never overlap: a tick that comes while the
 * previous poll or its run is still going is skipped.
 */
export class Polls {
  readonly #busy = new Set<string>();

  constructor(private readonly engine: EngineInternals) {}

  /** Polls one trigger now (from the scheduler), unless its previous poll is still going. */
  tick(entry: PollEntry): void {
    const k = key(entry);
    if (this.#busy.has(k)) return;
    this.#busy.add(k);
    void this.engine
      .background(this.#poll(entry))
      .catch((error: unknown) =>
        this.engine.logger.error(`Polling node '${entry.nodeName}' of workflow '${entry.workflow.id}' failed.`, {
          error: serializeError(error),
        }),
      )
      .finally(() => this.#busy.delete(k));
  }

  async #poll(entry: PollEntry): Promise<void> {
    const store = this.engine.storage.triggerState;
    if (!store) {
      throw new FlowloomError(
        'STORAGE_INCOMPLETE',
        'The engine’s storage has no triggerState store, so polling triggers cannot keep their cursor.',
      );
    }
    const { tenantId, workflow, nodeId } = entry;
    let state = await store.get(tenantId, workflow.id, nodeId);
    if (state?.pending) state = await this.#handOff(entry, state);
    const pollId = this.engine.newId();
    const startedAt = this.engine.clock.now();
    let result;
    try {
      result = await this.engine.pollNode(workflow, { tenantId, nodeId, cursor: state?.cursor, pollId });
    } catch (error) {
      await this.#recordFailure(entry, pollId, startedAt, error);
      return;
    }
    const updatedAt = new Date(this.engine.clock.now()).toISOString();
    if (result.items.length === 0) {
      if (!state || !sameJson(result.cursor, state.cursor))
        await store.set(tenantId, workflow.id, nodeId, { cursor: result.cursor, updatedAt });
      return;
    }
    const next: TriggerState = { cursor: result.cursor, pending: { executionId: this.engine.newId(), items: result.items }, updatedAt };
    await store.set(tenantId, workflow.id, nodeId, next);
    await this.#handOff(entry, next);
  }

  /** Starts the run of the pending items (unless it exists already), waits for it, then drops them from the state. */
  async #handOff(entry: PollEntry, state: TriggerState): Promise<TriggerState> {
    const { tenantId, workflow, nodeId } = entry;
    const { executionId, items } = state.pending!;
    const existing = await this.engine.storage.executions.get(tenantId, executionId);
    if (!existing) {
      await this.engine.execute(workflow, { tenantId, mode: 'trigger', startNode: nodeId, input: items, executionId });
    }
    const done: TriggerState = { cursor: state.cursor, updatedAt: new Date(this.engine.clock.now()).toISOString() };
    await this.engine.storage.triggerState.set(tenantId, workflow.id, nodeId, done);
    return done;
  }

  /** A failed poll, recorded as a failed execution of the trigger node, so the user sees it in the history. */
  async #recordFailure(entry: PollEntry, id: string, startedAtMs: number, error: unknown): Promise<void> {
    const { tenantId, workflow, nodeId, nodeName } = entry;
    const nodeError = serializeError(error, { id: nodeId, name: nodeName });
    const startedAt = new Date(startedAtMs).toISOString();
    const finishedAt = new Date(this.engine.clock.now()).toISOString();
    const executions = this.engine.storage.executions;
    await executions.create({ id, workflowId: workflow.id, tenantId, status: 'running', mode: 'trigger', startedAt, workflow, nodes: {} });
    await executions.appendNodeRun(tenantId, id, {
      nodeId,
      nodeName,
      runIndex: 0,
      order: 0,
      status: 'error',
      startedAt,
      finishedAt,
      tries: 1,
      input: {},
      output: {},
      error: nodeError,
    });
    await executions.finish(tenantId, id, { status: 'error', finishedAt, error: nodeError });
    this.engine.logger.warn(`Polling node '${nodeName}' of workflow '${workflow.id}' failed: ${nodeError.message}`, { executionId: id });
  }
}
