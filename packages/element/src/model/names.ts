import type { Workflow } from '@flowloom/engine';

/** A node name not yet used in the workflow: `Base`, then `Base 2`, `Base 3`... */
export function uniqueName(workflow: Workflow, base: string, taken: Set<string> = new Set()): string {
  const used = new Set([...workflow.nodes.map((n) => n.name), ...taken]);
  if (!used.has(base)) return base;
  const stem = base.replace(/ \d+$/, '');
  for (let i = 2; ; i++) {
    const name = `${stem} ${i}`;
    if (!used.has(name)) return name;
  }
}

/** A short random id for a new node. */
export function newNodeId(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
