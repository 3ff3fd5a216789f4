import type { Connection, NodeTypeDescription, Workflow } from '@flowloom/engine';
import { sameConnection } from './changes.js';
import { inputsOf } from './geometry.js';

/** Why two ports may not be connected, or undefined when they may. */
export function connectionProblem(
  workflow: Workflow,
  connection: Connection,
  describe: (type: string) => NodeTypeDescription | undefined,
): 'self' | 'duplicate' | 'port' | 'cycle' | undefined {
  const { from, to } = connection;
  if (from.node === to.node) return 'self';
  if (workflow.connections.some((c) => sameConnection(c, connection))) return 'duplicate';
  const target = workflow.nodes.find((n) => n.id === to.node);
  const source = workflow.nodes.find((n) => n.id === from.node);
  if (!target || !source) return 'port';
  const targetDesc = describe(target.type);
  // A sub-port (an agent's `model`) is checked by the sub-port rules.
  if (targetDesc && !inputsOf(targetDesc, target.parameters).includes(to.port) && !targetDesc.subInputs?.some((p) => p.name === to.port))
    return 'port';
  if (createsCycle(workflow, connection, describe)) return 'cycle';
  return undefined;
}

function createsCycle(workflow: Workflow, connection: Connection, describe: (type: string) => NodeTypeDescription | undefined): boolean {
  // A path from the target back to the source closes a cycle; the engine only allows those through loop node types.
  const next = new Map<string, string[]>();
  for (const c of workflow.connections) {
    const list = next.get(c.from.node) ?? [];
    list.push(c.to.node);
    next.set(c.from.node, list);
  }
  const types = new Map(workflow.nodes.map((n) => [n.id, n.type]));
  const isLoop = (id: string) => (describe(types.get(id) ?? '') as { loop?: boolean } | undefined)?.loop === true;
  const seen = new Set<string>();
  const stack: { id: string; throughLoop: boolean }[] = [{ id: connection.to.node, throughLoop: isLoop(connection.to.node) }];
  while (stack.length > 0) {
    const { id, throughLoop } = stack.pop()!;
    if (id === connection.from.node) {
      if (!throughLoop && !isLoop(id)) return true;
      continue;
    }
    if (seen.has(id)) continue;
    seen.add(id);
    for (const n of next.get(id) ?? []) stack.push({ id: n, throughLoop: throughLoop || isLoop(n) });
  }
  return false;
}
