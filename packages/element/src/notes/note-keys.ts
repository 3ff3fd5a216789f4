import type { EditorActions } from '../editor-actions.js';
import type { Position } from '../model/changes.js';
import { addNote } from './note-actions.js';

/**
 * The canvas shortcut for notes: Shift+N adds a note at the centre of the
 * view and starts editing it. Returns whether the key was handled.
 */
export function handleNoteShortcut(e: KeyboardEvent, ed: EditorActions, center: Position, edit: (id: string) => void): boolean {
  if (e.key.toLowerCase() !== 'n' || !e.shiftKey || e.ctrlKey || e.metaKey || e.altKey || ed.store.readonly) return false;
  const note = addNote(ed, center);
  if (!note) return false;
  e.preventDefault();
  e.stopPropagation();
  edit(note.id);
  return true;
}
