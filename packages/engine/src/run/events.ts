import type { EngineEvent, EngineEventType, EngineListener } from '../model/engine-event.js';

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

  /** Whether an event of this type would reach anyone (so the run can skip building it). */
  listening(type: EngineEventType, extra?: (event: EngineEvent) => void): boolean {
    return extra !== undefined || (this.#listeners.get(type)?.size ?? 0) > 0;
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
