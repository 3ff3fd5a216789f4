import { MAX_NOTE_SIDE, MIN_NOTE_SIDE, type NoteColor, type WorkflowNote } from '@flowloom/engine';
import type { EditorActions } from '../editor-actions.js';
import type { Position } from '../model/changes.js';
import { snap, type Rect } from '../model/geometry.js';
import { newNodeId } from '../model/names.js';
import { captureNotePatch } from './note-changes.js';

/** The size of a new note, in canvas units. */
export const NEW_NOTE_SIZE: [number, number] = [240, 160];

/** Adds an empty yellow note centred on `center`; returns it (undefined when the editor is read-only). */
export function addNote(ed: EditorActions, center: Position): WorkflowNote | undefined {
  const at = snap({ x: center.x - NEW_NOTE_SIZE[0] / 2, y: center.y - NEW_NOTE_SIZE[1] / 2 });
  const note: WorkflowNote = { id: `note-${newNodeId()}`, text: '', position: [at.x, at.y], size: [...NEW_NOTE_SIZE], color: 'yellow' };
  if (!ed.store.dispatch({ type: 'addNotes', notes: [note] })) return undefined;
  ed.store.announce(ed.t('notes.added'));
  return note;
}

/** Changes fields of a note as one undoable step; typing in one note merges into one step (`coalesce`). */
export function updateNote(ed: EditorActions, id: string, patch: Partial<Omit<WorkflowNote, 'id'>>, coalesce?: string): boolean {
  const note = ed.store.workflow.notes?.find((n) => n.id === id);
  if (!note) return false;
  return ed.store.dispatch({ type: 'updateNote', id, patch, before: captureNotePatch(note, patch) }, coalesce);
}

/** Deletes a note. */
export function removeNote(ed: EditorActions, id: string): boolean {
  const ok = ed.store.dispatch({ type: 'removeNotes', ids: [id] });
  if (ok) ed.store.announce(ed.t('notes.removed'));
  return ok;
}

/** Sets a note's colour. */
export function colorNote(ed: EditorActions, id: string, color: NoteColor): boolean {
  return updateNote(ed, id, { color });
}

/** A note side within the schema's limits. */
export function clampSide(n: number): number {
  return Math.min(MAX_NOTE_SIDE, Math.max(MIN_NOTE_SIDE, Math.round(n)));
}

/** `bounds` grown to take in the notes too (what "fit the view" shows). */
export function withNotes(bounds: Rect | undefined, notes: readonly WorkflowNote[] | undefined): Rect | undefined {
  let r = bounds;
  for (const n of notes ?? []) {
    const [x, y] = n.position;
    const [w, h] = n.size;
    if (!r) r = { x, y, width: w, height: h };
    else {
      const left = Math.min(r.x, x);
      const top = Math.min(r.y, y);
      r = { x: left, y: top, width: Math.max(r.x + r.width, x + w) - left, height: Math.max(r.y + r.height, y + h) - top };
    }
  }
  return r;
}
