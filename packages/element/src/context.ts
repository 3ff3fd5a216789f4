import { createContext } from '@lit/context';
import type { EditorActions } from './editor-actions.js';

/** What the editor's parts share: the store, the translate function and the editing actions. */
export const editorContext = createContext<EditorActions>(Symbol.for('flowloom.editor'));
