import type { Execution, NodeRun } from './execution.js';

/** Emitted once when an execution starts. */
export interface ExecutionStartEvent {
  type: 'executionStart';
  execution: Readonly<Execution>;
}
/** Emitted before a node runs. */
export interface NodeStartEvent {
  type: 'nodeStart';
  executionId: string;
  workflowId: string;
  nodeId: string;
  nodeName: string;
  runIndex: number;
}
/** Emitted when a node finished (successfully or not), with its run record. */
export interface NodeFinishEvent {
  type: 'nodeFinish';
  executionId: string;
  workflowId: string;
  run: Readonly<NodeRun>;
}
/** Emitted once when an execution ended, whatever its status. */
export interface ExecutionFinishEvent {
  type: 'executionFinish';
  execution: Readonly<Execution>;
}

export type EngineEvent = ExecutionStartEvent | NodeStartEvent | NodeFinishEvent | ExecutionFinishEvent;
export type EngineEventType = EngineEvent['type'];
export type EngineEventOf<T extends EngineEventType> = Extract<EngineEvent, { type: T }>;
export type EngineListener<T extends EngineEventType> = (event: EngineEventOf<T>) => void;

/** A small typed event emitter; a listener that throws is reported, never breaks the run. */
export class EventHub {
  readonly #listeners = new Map<EngineEventType, Set<(event: EngineEvent) => void>>();

  constructor(private readonly onListenerError: (error: unknown, type: EngineEventType) => void) {}

  on<T extends EngineEventType>(type: T, listener: EngineListener<T>): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    const l = listener as (event: EngineEvent) => void;
    set.add(l);
    return () => set.delete(l);
  }

  emit(event: EngineEvent, extra?: (event: EngineEvent) => void): void {
    const set = this.#listeners.get(event.type);
    if (set) {
      for (const l of set) this.#call(l, event);
    }
    if (extra) this.#call(extra, event);
  }

  #call(listener: (event: EngineEvent) => void, event: EngineEvent): void {
    try {
      listener(event);
    } catch (error) {
      this.onListenerError(error, event.type);
    }
  }
}
