import { MAX_NOTE_SIDE, MAX_NOTE_TEXT, MAX_NOTES, MIN_NOTE_SIDE, NOTE_COLORS, type NoteColor, type WorkflowNote } from '../model/note.js';
import type { ImportProblem } from './import-report.js';
import type { StickyNote } from './read-n8n.js';

/**
 * n8n numbers its sticky note colours 1 to 7 (1, the default, is yellow);
 * Flowloom names them. The order of the two palettes is the same.
 */
const N8N_COLORS: readonly NoteColor[] = NOTE_COLORS;

/** The size n8n gives a sticky note whose size was never changed. */
const N8N_DEFAULT_SIZE: [number, number] = [240, 160];

const clampSide = (n: number | undefined, fallback: number): number =>
  n === undefined || !Number.isFinite(n) ? fallback : Math.min(MAX_NOTE_SIDE, Math.max(MIN_NOTE_SIDE, Math.round(n)));

/**
 * The n8n sticky notes as Flowloom canvas notes: the same text, place, size
 * and colour. What does not fit (text past the note's limit, an unknown
 * colour, more notes than a workflow holds) is said in `problems`.
 */
export function mapStickyNotes(stickies: readonly StickyNote[], problems: ImportProblem[]): WorkflowNote[] {
  const notes: WorkflowNote[] = [];
  const ids = new Set<string>();
  for (const [i, sticky] of stickies.entries()) {
    const label = sticky.name !== '' ? `sticky note '${sticky.name}'` : `sticky note ${i + 1}`;
    if (notes.length === MAX_NOTES) {
      problems.push({
        code: 'sticky-notes-dropped',
        severity: 'warning',
        message: `a Flowloom workflow holds at most ${MAX_NOTES} notes; the last ${stickies.length - MAX_NOTES} sticky notes were left out`,
      });
      break;
    }
    let text = sticky.content;
    if (text.length > MAX_NOTE_TEXT) {
      text = text.slice(0, MAX_NOTE_TEXT);
      problems.push({
        code: 'sticky-note-truncated',
        severity: 'warning',
        message: `${label}: its text was cut to ${MAX_NOTE_TEXT} characters, the most a note holds`,
      });
    }
    let color: NoteColor = 'yellow';
    if (sticky.color !== undefined) {
      const named = Number.isInteger(sticky.color) ? N8N_COLORS[sticky.color - 1] : undefined;
      if (named) color = named;
      else {
        problems.push({
          code: 'sticky-note-color',
          severity: 'warning',
          message: `${label}: colour ${JSON.stringify(sticky.color)} is not one of n8n's 1 to 7; the note is yellow`,
        });
      }
    }
    let id = `note-${i + 1}`;
    for (let n = 2; ids.has(id); n++) id = `note-${i + 1}-${n}`;
    ids.add(id);
    notes.push({
      id,
      text,
      position: [sticky.position.x, sticky.position.y],
      size: [clampSide(sticky.width, N8N_DEFAULT_SIZE[0]), clampSide(sticky.height, N8N_DEFAULT_SIZE[1])],
      color,
    });
  }
  return notes;
}
