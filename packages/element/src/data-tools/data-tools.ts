import type { EngineEvent, Execution, Item, NodeRun, RunOptions } from '@flowloom/engine';
import type { EditorActions } from '../editor-actions.js';
import type { WorkflowPatch } from '../model/changes.js';
import type { WorkflowRunner } from '../runner.js';
import { langOf, plural } from '../run-panel/plural.js';

/** Where a node's input items come from, as the inspector shows them. */
export interface NodeInput {
  /** Name of the node the items come from (the first connected to the node's inputs). */
  from: string;
  /** The items, when known. */
  items?: readonly Item[];
  /** `run`: what the node received in the last run; `pinned`: the pinned data of the node before; `output`: its last output. */
  source?: 'run' | 'pinned' | 'output';
}

/** A run that ends at one node, as `engine.run` takes it (`RunOptions.destinationNode` and `runData`). */
export type StepRunOptions = RunOptions & { destinationNode: string; runData: Record<string, Item[]> };

const tools = new WeakMap<EditorActions, DataTools>();

/**
 * The data tools of an editor: pinned data, "execute step" (a run that ends
 * at one node, reusing the last run's outputs) and the item each node's
 * input view and expression previews show. One per editor (`DataTools.of`);
 * DOM-free, it changes the workflow through the store and notifies it.
 */
export class DataTools {
  /** The item picked in each node's input view (index), shared with its expression previews. */
  readonly #selected = new Map<string, number>();
  /** The last "execute step" problem by node id (a translated sentence or the engine's message). */
  readonly errors = new Map<string, string>();
  /** The node whose step is running, if any. */
  stepping: string | undefined;
  #controller: AbortController | undefined;

  /** The parameters each node had when it last ran (by node id): a node changed since runs again in a step. */
  readonly #ranWith = new Map<string, unknown>();
  #seen: Execution | undefined;

  private constructor(readonly ed: EditorActions) {
    this.#track();
    ed.store.subscribe(() => this.#track());
  }

  /** Notes the parameters of the nodes whose runs are new in the execution shown. */
  #track(): void {
    const { store } = this.ed;
    const execution = store.execution;
    if (execution === this.#seen) return;
    const before = this.#seen;
    this.#seen = execution;
    for (const [id, runs] of Object.entries(execution?.nodes ?? {})) {
      const node = store.node(id);
      if (node && before?.nodes[id] !== runs) this.#ranWith.set(id, node.parameters);
    }
  }

  /** The data tools of an editor. */
  static of(ed: EditorActions): DataTools {
    let found = tools.get(ed);
    if (!found) tools.set(ed, (found = new DataTools(ed)));
    return found;
  }

  /** A node's pinned output, if it has one. */
  pinned(nodeId: string): Item[] | undefined {
    return this.ed.store.workflow.pinData?.[nodeId];
  }

  /** Pins items as a node's output (one undo step); manual runs then use them instead of running it. */
  pin(nodeId: string, items: Item[]): boolean {
    const node = this.ed.store.node(nodeId);
    if (!node) return false;
    const before = this.ed.store.workflow.pinData;
    const ok = this.#setPinData({ ...before, [nodeId]: items }, before);
    if (ok)
      this.ed.store.announce(
        plural(
          this.ed.t,
          langOf(undefined),
          items.length,
          { one: 'dataTools.announcePinnedOne', other: 'dataTools.announcePinned' },
          { name: node.name },
        ),
      );
    return ok;
  }

  /** Pins what the node gave in the last run (its first output). */
  pinLastOutput(nodeId: string): boolean {
    const items = this.#lastOutput(nodeId);
    return items ? this.pin(nodeId, items) : false;
  }

  /** Removes a node's pinned data (one undo step). */
  unpin(nodeId: string): boolean {
    const before = this.ed.store.workflow.pinData;
    if (!before || !(nodeId in before)) return false;
    const { [nodeId]: _gone, ...rest } = before;
    const ok = this.#setPinData(Object.keys(rest).length > 0 ? rest : undefined, before);
    const name = this.ed.store.node(nodeId)?.name ?? nodeId;
    if (ok) this.ed.store.announce(this.ed.t('dataTools.announceUnpinned', { name }));
    return ok;
  }

  #setPinData(pinData: Record<string, Item[]> | undefined, before: Record<string, Item[]> | undefined): boolean {
    const patch: WorkflowPatch = { pinData };
    return this.ed.store.dispatch({ type: 'updateWorkflow', patch, before: { pinData: before } });
  }

  /**
   * The items a node receives: what it got in the last run, else what the
   * node before it would give (its pinned data, else its last output).
   * Undefined for a node with nothing connected to its inputs.
   */
  input(nodeId: string): NodeInput | undefined {
    const { store } = this.ed;
    const node = store.node(nodeId);
    if (!node) return undefined;
    const inputs = store.describe(node.type)?.inputs ?? ['main'];
    const incoming = store.workflow.connections.find((c) => c.to.node === nodeId && inputs.includes(c.to.port));
    const before = incoming ? store.node(incoming.from.node) : undefined;
    if (!incoming || !before) return undefined;
    const from = before.name;
    const run = store.lastRun(nodeId);
    const received = run?.input[incoming.to.port] ?? run?.input[inputs[0] ?? 'main'];
    if (received) return { from, items: received, source: 'run' };
    const firstOutput = store.describe(before.type)?.outputs[0] ?? 'main';
    const pinned = incoming.from.port === firstOutput ? this.pinned(before.id) : undefined;
    if (pinned) return { from, items: pinned, source: 'pinned' };
    const output = store.lastRun(before.id)?.output[incoming.from.port];
    return output ? { from, items: output, source: 'output' } : { from };
  }

  /** The item picked in a node's input view (0 when none was), within the items it has now. */
  selectedItem(nodeId: string): number {
    const count = this.input(nodeId)?.items?.length ?? 0;
    const index = this.#selected.get(nodeId) ?? 0;
    return count === 0 ? 0 : Math.min(Math.max(index, 0), count - 1);
  }

  /** Picks the item a node's input view and expression previews show. */
  selectItem(nodeId: string, index: number): void {
    const count = this.input(nodeId)?.items?.length ?? 0;
    this.#selected.set(nodeId, count === 0 ? 0 : Math.min(Math.max(index, 0), count - 1));
    this.ed.store.notify();
  }

  /**
   * Runs one node ("execute step"): the node and the nodes before it that
   * have no data yet (or whose parameters changed since they ran), with the
   * last run's outputs (and pinned data) standing in for the others; nothing
   * after it runs. The result is merged into the
   * run data the editor shows. With the engine in the page, or a host runner
   * (which receives `destinationNode` and `runData` to pass to `engine.run`).
   */
  async executeStep(nodeId: string): Promise<Execution | undefined> {
    const { ed } = this;
    const { store, t } = ed;
    const node = store.node(nodeId);
    if (!node || store.running) return undefined;
    this.errors.delete(nodeId);
    const runner = ed.runner ?? (ed.remoteRunner ? undefined : this.#engineRunner());
    if (!runner) {
      this.errors.set(nodeId, t(ed.remoteRunner ? 'dataTools.stepNeedsRunner' : 'dataTools.noEngine'));
      store.notify();
      return undefined;
    }
    const controller = new AbortController();
    this.#controller = controller;
    const earlier = store.execution;
    const runData = this.#runData(nodeId);
    this.stepping = nodeId;
    store.running = true;
    store.notify();
    const replaced = new Set<string>();
    const onEvent = (event: EngineEvent) => {
      if (event.type === 'nodeStart') store.nodeStatus.set(event.nodeId, 'running');
      else if (event.type === 'nodeFinish') {
        const run = event.run;
        if (run.reused && earlier?.nodes[run.nodeId]) {
          store.nodeStatus.set(run.nodeId, earlierStatus(earlier.nodes[run.nodeId]!));
        } else {
          store.nodeStatus.set(run.nodeId, run.status === 'success' ? 'success' : 'error');
          const base = store.execution ?? earlier;
          if (base) {
            const runs = replaced.has(run.nodeId) ? (base.nodes[run.nodeId] ?? []) : [];
            replaced.add(run.nodeId);
            store.execution = { ...base, nodes: { ...base.nodes, [run.nodeId]: [...runs, run] } };
          }
        }
      } else return;
      store.notify();
    };
    let execution: Execution | undefined;
    try {
      const step = await runner(store.workflow, { signal: controller.signal, onEvent, destinationNode: nodeId, runData });
      execution = mergeExecution(earlier, step);
      store.execution = execution;
      if (step.status === 'error' && step.error && !step.nodes[nodeId]?.some((r) => r.error)) this.errors.set(nodeId, step.error.message);
    } catch (e) {
      this.errors.set(nodeId, e instanceof Error ? e.message : String(e));
    }
    store.running = false;
    this.stepping = undefined;
    this.#controller = undefined;
    store.announce(t('dataTools.stepFinished', { name: node.name, status: execution?.status ?? 'error' }));
    return execution;
  }

  /** Cancels the step in progress. */
  cancelStep(): void {
    this.#controller?.abort();
  }

  /** The last run's outputs (first output port) of the nodes still in the workflow, but `except`'s. */
  #runData(except: string): Record<string, Item[]> {
    const out: Record<string, Item[]> = {};
    const stale = this.#afterChanges();
    for (const id of Object.keys(this.ed.store.execution?.nodes ?? {})) {
      // Pinned output is not run data: once unpinned, the node runs again.
      if (id === except || !this.ed.store.node(id) || this.ed.store.lastRun(id)?.pinned) continue;
      // A node after one whose pinned data or parameters changed since the last run runs again with the new data.
      if (stale.has(id)) continue;
      // Run data stands for the first output only: a node that sent items elsewhere (an If's false branch) runs again.
      if (this.#sentBeyondFirstOutput(id)) continue;
      // A node whose parameters changed since it ran runs again.
      const ranWith = this.#ranWith.get(id);
      if (ranWith !== undefined && ranWith !== this.ed.store.node(id)!.parameters) continue;
      const items = this.#lastOutput(id);
      if (items) out[id] = items;
    }
    return out;
  }

  /**
   * The nodes downstream of a node that would now give other data than in the
   * last run: its pinned data was set, changed or removed, or its parameters changed.
   */
  #afterChanges(): Set<string> {
    const { store } = this.ed;
    const pins = store.workflow.pinData ?? {};
    const changed: string[] = [];
    for (const node of store.workflow.nodes) {
      const run = store.lastRun(node.id);
      const pin = pins[node.id];
      const ranWith = this.#ranWith.get(node.id);
      if (ranWith !== undefined && ranWith !== node.parameters) changed.push(node.id);
      else if (pin !== undefined || run?.pinned) {
        const gave = run?.pinned ? Object.values(run.output)[0] : undefined;
        if (!run || !gave || JSON.stringify(gave.map((i) => i.json)) !== JSON.stringify((pin ?? []).map((i) => i.json)))
          changed.push(node.id);
      }
    }
    const after = new Set<string>();
    const queue = [...changed];
    while (queue.length > 0) {
      const id = queue.shift()!;
      for (const c of store.workflow.connections) {
        if (c.from.node !== id || after.has(c.to.node)) continue;
        after.add(c.to.node);
        queue.push(c.to.node);
      }
    }
    return after;
  }

  /** Whether the node's last run put items on another output than its first. */
  #sentBeyondFirstOutput(nodeId: string): boolean {
    const { store } = this.ed;
    const run = store.lastRun(nodeId);
    const first = store.describe(store.node(nodeId)?.type ?? '')?.outputs[0] ?? 'main';
    return Object.entries(run?.output ?? {}).some(([port, items]) => port !== first && items.length > 0);
  }

  /** What a node gave in the last run on its first output, when that run succeeded. */
  #lastOutput(nodeId: string): Item[] | undefined {
    const { store } = this.ed;
    const run = store.lastRun(nodeId);
    const node = store.node(nodeId);
    if (!run || !node || run.status !== 'success') return undefined;
    const first = store.describe(node.type)?.outputs[0] ?? 'main';
    return run.output[first] ?? Object.values(run.output)[0];
  }

  #engineRunner(): WorkflowRunner | undefined {
    const engine = this.ed.engine;
    if (!engine) return undefined;
    return (workflow, { signal, onEvent, destinationNode = '', runData = {} }) => {
      const options: StepRunOptions = { signal, onEvent, mode: 'manual', destinationNode, runData };
      return engine.run(workflow, options);
    };
  }
}

function earlierStatus(runs: readonly NodeRun[]): 'success' | 'error' {
  return runs.at(-1)?.status === 'success' ? 'success' : 'error';
}

/**
 * The run data shown after a step: the earlier execution's node runs, with
 * those of the nodes the step ran replaced by the new ones (nodes that only
 * gave earlier data keep their earlier runs, with their inputs).
 */
export function mergeExecution(earlier: Execution | undefined, step: Execution): Execution {
  if (!earlier) return step;
  const nodes: Execution['nodes'] = { ...earlier.nodes };
  for (const [id, runs] of Object.entries(step.nodes)) {
    if (earlier.nodes[id] && runs.every((r) => r.reused)) continue;
    nodes[id] = runs;
  }
  return { ...step, nodes };
}
