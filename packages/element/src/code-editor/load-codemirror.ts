// Loaded on first use only: CodeMirror and its JavaScript language.
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorState } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';

// A small setup: the `codemirror` meta-package on npm at 6.65.x is CodeMirror 5, so the pieces are listed here.
const setup = [
  lineNumbers(),
  history(),
  indentOnInput(),
  bracketMatching(),
  highlightActiveLine(),
  syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
  keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
];

/** A mounted code editor. */
export interface MountedCodeEditor {
  setValue(value: string): void;
  destroy(): void;
}

/** Mounts a CodeMirror editor in `parent` (inside a shadow root: `root`). */
export function mountCodeEditor(
  parent: HTMLElement,
  root: ShadowRoot,
  options: { value: string; language: string; label: string; readonly: boolean; onChange(value: string): void },
): MountedCodeEditor {
  const view = new EditorView({
    root,
    parent,
    state: EditorState.create({
      doc: options.value,
      extensions: [
        setup,
        options.language === 'javascript' || options.language === 'typescript'
          ? javascript({ typescript: options.language === 'typescript' })
          : [],
        EditorState.readOnly.of(options.readonly),
        EditorView.contentAttributes.of({ 'aria-label': options.label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) options.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    setValue(value) {
      if (value !== view.state.doc.toString()) view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: value } });
    },
    destroy: () => view.destroy(),
  };
}
