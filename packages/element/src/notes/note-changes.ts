import type { Workflow, WorkflowNote } from '@flowloom/engine';

/** Adds canvas notes. */
export interface AddNotesChange {
  type: 'addNotes';
  notes: WorkflowNote[];
  /** Where each note goes in the list (undoing a removal puts notes back in place); default: the end. */
  indexes?: number[];
}
/** Removes canvas notes. */
export interface RemoveNotesChange {
  type: 'removeNotes';
  ids: string[];
}
/** Replaces fields of one note (text, place, size, colour). `before` holds the replaced values. */
export interface UpdateNoteChange {
  type: 'updateNote';
  id: string;
  patch: Partial<Omit<WorkflowNote, 'id'>>;
  before: Partial<Omit<WorkflowNote, 'id'>>;
}

/** The edits of canvas notes, part of the editor's `WorkflowChange` union. */
export type NoteChange = AddNotesChange | RemoveNotesChange | UpdateNoteChange;

/** Why a note change cannot apply, or `undefined` when it can. */
export function checkNoteChange(workflow: Workflow, change: NoteChange): string | undefined {
  const ids = new Set((workflow.notes ?? []).map((n) => n.id));
  switch (change.type) {
    case 'addNotes':
      for (const n of change.notes) {
        if (ids.has(n.id)) return `a note with id '${n.id}' already exists`;
        ids.add(n.id);
      }
      return undefined;
    case 'removeNotes':
      for (const id of change.ids) if (!ids.has(id)) return `no note has id '${id}'`;
      return undefined;
    case 'updateNote':
      return ids.has(change.id) ? undefined : `no note has id '${change.id}'`;
  }
}

/** Applies a note change; returns the new workflow and the change that undoes it. */
export function applyNoteChange(workflow: Workflow, change: NoteChange): { workflow: Workflow; inverse: NoteChange } {
  const notes = workflow.notes ?? [];
  switch (change.type) {
    case 'addNotes': {
      let next = [...notes, ...change.notes];
      if (change.indexes && change.indexes.length === change.notes.length) {
        next = [...notes];
        const placed = change.notes.map((n, i) => [change.indexes![i]!, n] as const).sort((a, b) => a[0] - b[0]);
        for (const [index, note] of placed) next.splice(Math.min(index, next.length), 0, note);
      }
      return { workflow: { ...workflow, notes: next }, inverse: { type: 'removeNotes', ids: change.notes.map((n) => n.id) } };
    }
    case 'removeNotes': {
      const gone = new Set(change.ids);
      const removed = notes.filter((n) => gone.has(n.id));
      const indexes = notes.flatMap((n, i) => (gone.has(n.id) ? [i] : []));
      const rest = notes.filter((n) => !gone.has(n.id));
      const { notes: _dropped, ...without } = workflow;
      return {
        // A workflow that never had notes gets none back: undoing an added note leaves the document as it was.
        workflow: rest.length > 0 ? { ...workflow, notes: rest } : without,
        inverse: { type: 'addNotes', notes: removed, indexes },
      };
    }
    case 'updateNote':
      return {
        workflow: { ...workflow, notes: notes.map((n) => (n.id === change.id ? { ...n, ...change.patch } : n)) },
        inverse: { type: 'updateNote', id: change.id, patch: change.before, before: change.patch },
      };
  }
}

/** The values a patch would replace, to build an `updateNote` change. */
export function captureNotePatch(note: WorkflowNote, patch: Partial<Omit<WorkflowNote, 'id'>>): Partial<Omit<WorkflowNote, 'id'>> {
  const before: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) before[key] = (note as Record<string, unknown>)[key];
  return before as Partial<Omit<WorkflowNote, 'id'>>;
}
