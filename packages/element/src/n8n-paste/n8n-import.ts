import { importN8nWorkflow, type ImportReport } from '@flowloom/engine/n8n';
import type { PasteTarget } from './n8n-paste.js';
import { pasteChange } from '../model/clipboard.js';
import { offsetPaste } from '../canvas/placement.js';
import { showImportReport } from './import-report-dialog.js';

/**
 * Imports n8n text with Flowloom's importer and adds the result to the
 * workflow as one undoable change (fresh ids, names kept unique, placed clear
 * of the nodes already there); then shows the report. A refused import adds
 * nothing and says why.
 */
export function importIntoEditor(actions: PasteTarget, text: string): boolean {
  const { store, t } = actions;
  let result: ReturnType<typeof importN8nWorkflow>;
  try {
    result = importN8nWorkflow(text);
  } catch (error) {
    store.announce(t('n8nImport.failed', { message: error instanceof Error ? error.message : String(error) }));
    return false;
  }
  const { workflow, report } = result;
  if (!workflow) {
    showImportReport(report, t);
    return false;
  }
  const parsed = pasteChange(store.workflow, JSON.stringify(workflow), { x: 0, y: 0 });
  if (!parsed || parsed.nodes.length === 0) return false;
  const change = offsetPaste(store.workflow, parsed);
  if (!store.dispatch(change)) return false;
  store.select(change.nodes.map((n) => n.id));
  showImportReport(report, t);
  return true;
}

export type { ImportReport };
