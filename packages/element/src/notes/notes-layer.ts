import { NOTE_COLORS, type WorkflowNote } from '@flowloom/engine';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { EditorActions } from '../editor-actions.js';
import { GRID, intersects, snap, type Rect } from '../model/geometry.js';
import { renderMarkdown } from './markdown.js';
import { clampSide, colorNote, removeNote, updateNote } from './note-actions.js';

/** What the notes need from the canvas. */
export interface NotesHost {
  editor(): EditorActions | undefined;
  /** The current zoom, to turn pointer movement into canvas units. */
  zoom(): number;
  requestUpdate(): void;
  /** Resolves once the canvas has rendered. */
  rendered(): Promise<unknown>;
  renderRoot(): HTMLElement | DocumentFragment;
}

type NoteDrag = { kind: 'move' | 'resize'; id: string; pointerId: number; startX: number; startY: number; origin: WorkflowNote };

/**
 * Sticky notes on the canvas, drawn behind the nodes: Markdown rendered as
 * text-only templates, edited in a textarea on double-click (or Enter),
 * moved by dragging, resized from the corner, coloured and deleted from the
 * tools shown while a note has focus. Each edit is one undoable change.
 * Notes take their own pointer and key events, so the canvas's gestures and
 * keys never see them.
 */
export class NotesLayer {
  /** The note whose text is being edited. */
  editing: string | undefined;
  #drag: NoteDrag | undefined;
  /** Position and size shown while a drag is in progress (not yet a change). */
  #preview: { id: string; position: [number, number]; size: [number, number] } | undefined;

  constructor(private readonly host: NotesHost) {}

  /** The notes that meet `area`, behind everything else in the viewport. */
  render(area: Rect): TemplateResult | typeof nothing {
    const ed = this.host.editor();
    const notes = ed?.store.workflow.notes;
    if (!ed || !notes || notes.length === 0) return nothing;
    const visible = notes.filter((n) => {
      const [x, y] = this.#place(n).position;
      const [w, h] = this.#place(n).size;
      return intersects({ x, y, width: w, height: h }, area) || n.id === this.editing;
    });
    return html`<div class="notes">
      ${repeat(
        visible,
        (n) => n.id,
        (n) => this.#note(ed, n),
      )}
    </div>`;
  }

  #place(n: WorkflowNote): { position: [number, number]; size: [number, number] } {
    return this.#preview?.id === n.id ? this.#preview : n;
  }

  #note(ed: EditorActions, note: WorkflowNote): TemplateResult {
    const { t, store } = ed;
    const { position, size } = this.#place(note);
    const editing = this.editing === note.id;
    const ro = store.readonly;
    const firstLine =
      note.text
        .trim()
        .split('\n')[0]
        ?.replace(/^#+\s*/, '') ?? '';
    return html`<div
      class="note nopan note-${note.color} ${editing ? 'editing' : ''}"
      data-note=${note.id}
      tabindex="0"
      role="group"
      aria-label=${t('notes.label', { text: firstLine || t('notes.empty') })}
      style="transform: translate(${position[0]}px, ${position[1]}px); width: ${size[0]}px; height: ${size[1]}px"
      @pointerdown=${this.#onPointerDown}
      @pointermove=${this.#onPointerMove}
      @pointerup=${this.#onPointerUp}
      @pointercancel=${this.#onPointerUp}
      @click=${stop}
      @dblclick=${this.#onDoubleClick}
      @keydown=${this.#onKeyDown}
    >
      ${
        ro
          ? nothing
          : html`<div class="note-tools" role="toolbar" aria-label=${t('notes.tools')}>
              ${NOTE_COLORS.map(
                (c) =>
                  html`<button
                    type="button"
                    class="swatch note-${c}"
                    data-color=${c}
                    aria-pressed=${c === note.color ? 'true' : 'false'}
                    title=${t('notes.color', { color: t(`notes.color.${c}`) })}
                    aria-label=${t('notes.color', { color: t(`notes.color.${c}`) })}
                    @click=${() => colorNote(ed, note.id, c)}
                  ></button>`,
              )}
              <button
                type="button"
                class="note-delete"
                title=${t('notes.delete')}
                aria-label=${t('notes.delete')}
                @click=${() => this.#remove(ed, note.id)}
              >
                ×
              </button>
            </div>`
      }
      ${
        editing
          ? html`<textarea
              class="note-input nowheel"
              aria-label=${t('notes.edit')}
              .value=${note.text}
              maxlength="20000"
              @keydown=${this.#onTextKey}
              @blur=${this.#onTextBlur}
            ></textarea>`
          : html`<div class="note-body">
              ${note.text.trim() === '' ? html`<p class="note-placeholder">${t('notes.placeholder')}</p>` : renderMarkdown(note.text)}
            </div>`
      }
      ${ro ? nothing : html`<span class="note-resize" data-resize="true" title=${t('notes.resize')} aria-hidden="true"></span>`}
    </div>`;
  }

  /** Starts editing a note's text. */
  edit(id: string): void {
    const ed = this.host.editor();
    if (!ed || ed.store.readonly) return;
    this.editing = id;
    this.host.requestUpdate();
    void this.host.rendered().then(() => {
      const area = this.host.renderRoot().querySelector<HTMLTextAreaElement>(`.note[data-note="${CSS.escape(id)}"] textarea`);
      area?.focus();
      area?.setSelectionRange(area.value.length, area.value.length);
    });
  }

  /** Ends editing: `save` keeps the text typed, otherwise it is dropped. */
  #finishEdit(area: HTMLTextAreaElement, save: boolean): void {
    const ed = this.host.editor();
    const id = this.editing;
    if (!ed || id === undefined) return;
    this.editing = undefined;
    const note = ed.store.workflow.notes?.find((n) => n.id === id);
    if (save && note && area.value !== note.text) updateNote(ed, id, { text: area.value });
    this.host.requestUpdate();
    this.#focus(id);
  }

  #focus(id: string): void {
    requestAnimationFrame(() =>
      this.host
        .renderRoot()
        .querySelector<HTMLElement>(`.note[data-note="${CSS.escape(id)}"]`)
        ?.focus(),
    );
  }

  #remove(ed: EditorActions, id: string): void {
    if (this.editing === id) this.editing = undefined;
    if (removeNote(ed, id)) this.host.renderRoot().querySelector<HTMLElement>('.pane')?.focus();
  }

  #onPointerDown = (e: PointerEvent) => {
    e.stopPropagation();
    const el = e.currentTarget as HTMLElement;
    const target = e.composedPath()[0] as Element;
    const ed = this.host.editor();
    if (!ed || e.button !== 0 || target.closest('button, textarea, a')) return;
    el.focus({ preventScroll: true });
    if (ed.store.readonly) return;
    if (ed.store.selectedNodes.size > 0 || ed.store.selectedConnections.size > 0) ed.store.select([]);
    const note = ed.store.workflow.notes?.find((n) => n.id === el.dataset.note);
    if (!note) return;
    const kind = target.closest('[data-resize]') ? 'resize' : 'move';
    this.#drag = { kind, id: note.id, pointerId: e.pointerId, startX: e.clientX, startY: e.clientY, origin: note };
    el.setPointerCapture(e.pointerId);
    e.preventDefault();
  };

  #onPointerMove = (e: PointerEvent) => {
    e.stopPropagation();
    const d = this.#drag;
    if (!d || d.pointerId !== e.pointerId) return;
    const zoom = this.host.zoom();
    const dx = (e.clientX - d.startX) / zoom;
    const dy = (e.clientY - d.startY) / zoom;
    const [x, y] = d.origin.position;
    const [w, h] = d.origin.size;
    this.#preview =
      d.kind === 'move'
        ? { id: d.id, position: [x + dx, y + dy], size: [w, h] }
        : { id: d.id, position: [x, y], size: [clampSide(w + dx), clampSide(h + dy)] };
    this.host.requestUpdate();
  };

  #onPointerUp = (e: PointerEvent) => {
    e.stopPropagation();
    const d = this.#drag;
    const p = this.#preview;
    this.#drag = undefined;
    this.#preview = undefined;
    const ed = this.host.editor();
    if (!d || !p || !ed) return;
    if (d.kind === 'move') {
      const at = snap({ x: p.position[0], y: p.position[1] });
      if (at.x !== d.origin.position[0] || at.y !== d.origin.position[1]) updateNote(ed, d.id, { position: [at.x, at.y] });
    } else {
      const size: [number, number] = [clampSide(Math.round(p.size[0] / GRID) * GRID), clampSide(Math.round(p.size[1] / GRID) * GRID)];
      if (size[0] !== d.origin.size[0] || size[1] !== d.origin.size[1]) updateNote(ed, d.id, { size });
    }
    this.host.requestUpdate();
  };

  #onDoubleClick = (e: MouseEvent) => {
    e.stopPropagation();
    if ((e.composedPath()[0] as Element).closest('button, textarea')) return;
    this.edit((e.currentTarget as HTMLElement).dataset.note!);
  };

  #onKeyDown = (e: KeyboardEvent) => {
    const el = e.currentTarget as HTMLElement;
    const target = e.composedPath()[0] as Element;
    // Undo, redo and save are the editor's: they go through.
    if (e.ctrlKey || e.metaKey) return;
    // The note's own buttons and textarea handle their keys; nothing reaches the canvas's shortcuts.
    e.stopPropagation();
    if (target !== el) return;
    const ed = this.host.editor();
    const note = ed?.store.workflow.notes?.find((n) => n.id === el.dataset.note);
    if (!ed || !note) return;
    const step = e.shiftKey ? GRID * 5 : GRID;
    const [x, y] = note.position;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [x - step, y],
      ArrowRight: [x + step, y],
      ArrowUp: [x, y - step],
      ArrowDown: [x, y + step],
    };
    if (e.key === 'Enter' && !ed.store.readonly) this.edit(note.id);
    else if ((e.key === 'Delete' || e.key === 'Backspace') && !ed.store.readonly) this.#remove(ed, note.id);
    else if (moves[e.key] && !ed.store.readonly) {
      updateNote(ed, note.id, { position: moves[e.key]! });
      this.#focus(note.id);
    } else if (e.key === 'Escape') this.host.renderRoot().querySelector<HTMLElement>('.pane')?.focus();
    else return;
    e.preventDefault();
  };

  #onTextKey = (e: KeyboardEvent) => {
    // Typing stays in the note; Ctrl/Cmd shortcuts (save) reach the editor, which leaves text undo to the field.
    if (!(e.ctrlKey || e.metaKey) || e.key === 'Enter') e.stopPropagation();
    const area = e.currentTarget as HTMLTextAreaElement;
    if (e.key === 'Escape') {
      e.preventDefault();
      this.#finishEdit(area, false);
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      this.#finishEdit(area, true);
    }
  };

  #onTextBlur = (e: FocusEvent) => {
    if (this.editing !== undefined) this.#finishEdit(e.currentTarget as HTMLTextAreaElement, true);
  };
}

const stop = (e: Event) => e.stopPropagation();
