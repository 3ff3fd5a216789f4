/**
 * English strings of canvas notes and of large-workflow display (layout
 * progress), part of the editor's dictionary (`i18n/en.ts`). `{name}` marks
 * a parameter.
 */
export const notesEn = {
  'notes.add': 'Add note',
  'notes.label': 'Note: {text}',
  'notes.empty': 'Empty note',
  'notes.placeholder': 'Double-click to write. Markdown: # heading, **bold**, *italic*, - list, [link](https://…)',
  'notes.edit': 'Note text (Markdown). Ctrl+Enter or leaving the field saves, Escape cancels.',
  'notes.tools': 'Note tools',
  'notes.color': 'Colour: {color}',
  'notes.delete': 'Delete note',
  'notes.resize': 'Resize note',
  'notes.added': 'Note added.',
  'notes.removed': 'Note deleted.',
  'notes.color.yellow': 'yellow',
  'notes.color.orange': 'orange',
  'notes.color.red': 'red',
  'notes.color.green': 'green',
  'notes.color.blue': 'blue',
  'notes.color.purple': 'purple',
  'notes.color.gray': 'grey',
  'layout.progress': 'Arranging nodes… {percent}%',
} as const;
