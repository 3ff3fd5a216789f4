import type { Translate } from '../i18n/translate.js';
import type { EditorStore } from '../model/editor-store.js';

/** What an import needs of the editor: its store, its translations, and its paste (for Flowloom JSON dropped on the canvas). */
export interface PasteTarget {
  readonly store: EditorStore;
  readonly t: Translate;
  paste(text?: string): Promise<boolean>;
}

/** What an n8n workflow's text holds: its node types start so (`n8n-nodes-base.set`, `@n8n/n8n-nodes-langchain.agent`). */
const N8N_TYPE = /^(?:n8n-nodes-|@n8n\/)/;

/**
 * Whether pasted or dropped text is an n8n workflow (an export, or nodes
 * copied from n8n's canvas) rather than Flowloom's: a `nodes` list with n8n
 * node types, and no Flowloom `schemaVersion`. Cheap enough to run on every
 * paste: text without an n8n type name is never parsed.
 */
export function isN8nWorkflowText(text: string): boolean {
  if (!text.includes('n8n-nodes-') && !text.includes('@n8n/')) return false;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return false;
  }
  if (typeof doc !== 'object' || doc === null || 'schemaVersion' in doc) return false;
  const nodes = (doc as { nodes?: unknown }).nodes;
  return (
    Array.isArray(nodes) &&
    nodes.some((n) => typeof (n as { type?: unknown } | null)?.type === 'string' && N8N_TYPE.test((n as { type: string }).type))
  );
}

/**
 * Imports an n8n workflow's text into the editor: its nodes and connections
 * are added as a paste adds them, and a dialog shows the import report. The
 * importer (`@flowloom/engine/n8n`) and the dialog are loaded on first use,
 * so editors that never see n8n JSON do not download them.
 */
export async function pasteN8nWorkflow(actions: PasteTarget, text: string): Promise<boolean> {
  const { importIntoEditor } = await import('./n8n-import.js');
  return importIntoEditor(actions, text);
}

/** Whether a drag carries something an n8n import may take (a file, or text), for the canvas's `dragover`. */
export function mayDropN8n(e: DragEvent): boolean {
  const types = e.dataTransfer?.types ?? [];
  return types.includes('Files') || types.includes('text/plain') || types.includes('application/json');
}

/**
 * Handles a drop on the canvas of an n8n workflow: a `.json` file, or JSON
 * text. Returns false (leaving the drop to others) when it carries neither.
 */
export function dropN8nWorkflow(e: DragEvent, actions: PasteTarget): boolean {
  const data = e.dataTransfer;
  if (!data) return false;
  const file = [...data.files].find((f) => f.type === 'application/json' || f.name.toLowerCase().endsWith('.json'));
  const text = file ? undefined : data.getData('application/json') || data.getData('text/plain');
  if (!file && !(text && isN8nWorkflowText(text))) return false;
  e.preventDefault();
  const read = file ? file.text() : Promise.resolve(text!);
  void read.then((t) => (isN8nWorkflowText(t) ? pasteN8nWorkflow(actions, t) : actions.paste(t)));
  return true;
}
