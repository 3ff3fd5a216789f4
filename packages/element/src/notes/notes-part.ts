import { NotesLayer, type NotesHost } from './notes-layer.js';
import { notesStyles } from './notes.styles.js';

/**
 * Makes the notes layer of a canvas and gives the canvas's shadow root the
 * notes' styles (this module loads on first use; see LazyNotes).
 */
export function createNotesLayer(host: NotesHost): NotesLayer {
  const root = host.renderRoot();
  const sheet = notesStyles.styleSheet;
  if (root instanceof ShadowRoot && sheet && !root.adoptedStyleSheets.includes(sheet)) {
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  }
  return new NotesLayer(host);
}
