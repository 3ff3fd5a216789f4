import type { WorkflowChange } from './changes.js';

/** An undo/redo stack of applied changes with their inverses. */
export class History {
  readonly #undo: { change: WorkflowChange; inverse: WorkflowChange; key?: string; at?: number }[] = [];
  #redo: { change: WorkflowChange; inverse: WorkflowChange }[] = [];

  constructor(readonly limit = 200) {}

  /**
   * Records an applied change; clears the redo stack. Changes with the same
   * `key` less than a second apart (typing in one field) merge into one step.
   */
  push(change: WorkflowChange, inverse: WorkflowChange, key?: string, now = Date.now()): void {
    const last = this.#undo[this.#undo.length - 1];
    if (key !== undefined && last?.key === key && last.at !== undefined && now - last.at < 1000) {
      last.change = change;
      last.at = now;
      this.#redo = [];
      return;
    }
    this.#undo.push({ change, inverse, key, at: now });
    if (this.#undo.length > this.limit) this.#undo.shift();
    this.#redo = [];
  }

  get canUndo(): boolean {
    return this.#undo.length > 0;
  }

  get canRedo(): boolean {
    return this.#redo.length > 0;
  }

  /** Takes the last change to undo; the caller applies `inverse`. */
  takeUndo(): { change: WorkflowChange; inverse: WorkflowChange } | undefined {
    const entry = this.#undo.pop();
    if (entry) this.#redo.push(entry);
    return entry;
  }

  /** Takes the last undone change to redo; the caller applies `change`. */
  takeRedo(): { change: WorkflowChange; inverse: WorkflowChange } | undefined {
    const entry = this.#redo.pop();
    if (entry) this.#undo.push(entry);
    return entry;
  }

  clear(): void {
    this.#undo.length = 0;
    this.#redo = [];
  }
}
