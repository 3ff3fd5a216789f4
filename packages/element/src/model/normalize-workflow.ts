import type { Workflow } from '@flowloom/engine';
import { emptyWorkflow } from './editor-store.js';

/**
 * The document the editor works on: the host's value with the defaults of
 * the workflow schema filled in (collections, positions, parameters). It is
 * not validated here: the editor validates after the first render and shows
 * the issues, so an invalid or very large workflow opens at once.
 */
export function normalizeWorkflow(input: unknown): Workflow {
  if (typeof input !== 'object' || input === null) return emptyWorkflow();
  const raw = input as Partial<Workflow>;
  return {
    ...emptyWorkflow(),
    ...raw,
    nodes: (Array.isArray(raw.nodes) ? raw.nodes : []).map((n) => ({
      ...n,
      parameters: n.parameters ?? {},
      position: n.position ?? { x: 0, y: 0 },
      typeVersion: n.typeVersion ?? 1,
    })),
    connections: Array.isArray(raw.connections) ? raw.connections : [],
    settings: raw.settings ?? {},
    ...(Array.isArray(raw.notes)
      ? { notes: raw.notes.map((n) => ({ text: '', size: [240, 160], color: 'yellow', ...(n as object) })) }
      : {}),
  } as Workflow;
}
