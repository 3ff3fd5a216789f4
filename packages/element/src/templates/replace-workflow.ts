import type { Workflow } from '@flowloom/engine';
import type { EditorActions } from '../editor-actions.js';
import { replaceRefusal } from '../policy/policy.js';

/**
 * Puts a new document in the editor (a template's workflow, an imported
 * file) when the host's rules allow it. Resolves with the sentence the
 * editor showed when they do not, or undefined once it is replaced.
 */
export function replaceWorkflow(ed: EditorActions, workflow: Workflow): string | undefined {
  const { store } = ed;
  const refused = replaceRefusal(
    store.policy,
    store.readonly,
    store.workflow,
    workflow,
    (type) => store.describe(type)?.displayName ?? type,
  );
  if (refused) {
    const message = ed.t(refused.key, refused.params);
    ed.refuse(message, 'import');
    return message;
  }
  ed.replaceWorkflow(workflow);
  return undefined;
}
