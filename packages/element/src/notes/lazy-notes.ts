import { nothing, type TemplateResult } from 'lit';
import type { Rect } from '../model/geometry.js';
import type { NotesHost, NotesLayer } from './notes-layer.js';

/**
 * The canvas's sticky notes, loaded on first use: the layer (drawing,
 * Markdown, editing, its styles) comes the first time a workflow with notes
 * shows or a note is added, so an editor without notes never downloads it.
 * Until then it draws nothing; `loaded` resolves once it can draw.
 */
export class LazyNotes {
  #layer: NotesLayer | undefined;
  #loading: Promise<NotesLayer> | undefined;
  /** A failed load is tried again when a note is edited or added, not on every render. */
  #failed = false;

  constructor(private readonly host: NotesHost) {}

  /** While the layer loads, the promise of it (the canvas's `updateComplete` waits for it). */
  get pending(): Promise<unknown> | undefined {
    return this.#layer ? undefined : this.#loading;
  }

  /** The notes that meet `area`, once the layer has loaded (a workflow with notes loads it). */
  render(area: Rect): TemplateResult | typeof nothing {
    if (this.#layer) return this.#layer.render(area);
    if (!this.#failed && this.host.editor()?.store.workflow.notes?.length) void this.#load().catch(() => undefined);
    return nothing;
  }

  /** Starts editing a note's text (loading the layer first if need be). */
  edit(id: string): void {
    if (this.#layer) this.#layer.edit(id);
    else
      void this.#load().then(
        (layer) => layer.edit(id),
        () => undefined,
      );
  }

  #load(): Promise<NotesLayer> {
    return (this.#loading ??= import('./notes-part.js').then(
      ({ createNotesLayer }) => {
        this.#layer = createNotesLayer(this.host);
        this.host.requestUpdate();
        return this.#layer;
      },
      (error: unknown) => {
        this.#loading = undefined;
        this.#failed = true;
        throw error;
      },
    ));
  }
}
