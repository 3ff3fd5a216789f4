let loading: Promise<void> | undefined;

/**
 * Loads and defines the editor's parts that its first render does without
 * (see `editorParts`), once per page; tags already defined are left alone.
 * A failed load is tried again on the next call.
 */
export function loadEditorParts(): Promise<void> {
  return (loading ??= import('./editor-parts.js').then(
    ({ editorParts }) => {
      for (const [tag, ctor] of editorParts) if (!customElements.get(tag)) customElements.define(tag, ctor);
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  ));
}
