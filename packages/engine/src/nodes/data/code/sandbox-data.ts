import type { Item } from '../../../model/item.js';
import type { Workflow } from '../../../model/workflow.js';
import type { NodeContext } from '../../node-context.js';

/** Items reduced to their data (json and binary references) for the trip into the sandbox. */
function plain(items: readonly Item[]): { json: unknown; binary?: unknown }[] {
  return items.map((item) => (item.binary ? { json: item.json, binary: item.binary } : { json: item.json }));
}

/** Whether `code` names `name` as a plain string (`$('Fetch orders')`, `$node["Fetch orders"]`). */
function mentions(code: string, name: string): boolean {
  return code.includes(`'${name}'`) || code.includes(`"${name}"`) || code.includes(`\`${name}\``);
}

/** The ids of the nodes connected into `nodeId`, directly or not. */
function upstreamIds(workflow: Workflow, nodeId: string): Set<string> {
  const into = new Map<string, string[]>();
  for (const c of workflow.connections) {
    const list = into.get(c.to.node);
    if (list) list.push(c.from.node);
    else into.set(c.to.node, [c.from.node]);
  }
  const seen = new Set<string>();
  const queue = [nodeId];
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    for (const from of into.get(next) ?? []) {
      if (seen.has(from)) continue;
      seen.add(from);
      queue.push(from);
    }
  }
  return seen;
}

/**
 * For each node whose output is sent, per input item: the index in that
 * output of the item it descends from, -1 where the run does not know (the
 * guest then pairs by position). Only ancestors on the node's main output
 * are sent; one on another output counts as not known.
 */
function pairedIndexes(ctx: NodeContext, nodes: Readonly<Record<string, unknown>>): Record<string, number[]> | undefined {
  if (!ctx.pairedItem) return undefined;
  const out: Record<string, number[]> = {};
  const input = ctx.input();
  for (const name in nodes) {
    const output = ctx.nodeOutput(name) ?? [];
    if (output.length <= 1) continue;
    out[name] = input.map((item) => {
      const found = ctx.pairedItem!(name, item);
      return found ? output.indexOf(found) : -1;
    });
  }
  return out;
}

/**
 * What the guest sees (see `GUEST_PRELUDE`). Other nodes' outputs are sent
 * only for the nodes whose names appear as plain strings in the code, so a
 * large workflow does not ship every output into every Code node; the names
 * of all nodes, of those that ran and of those upstream let the guest say
 * which of those a missing output is. `env` (the host's `$env`) is sent only
 * when the code names `$env`.
 */
export function sandboxData(ctx: NodeContext, code: string) {
  const { workflow, node } = ctx;
  const nodes: Record<string, unknown> = {};
  const ran: string[] = [];
  for (const other of workflow.nodes) {
    if (other.id === node.id) continue;
    const output = ctx.nodeOutput(other.name);
    if (!output) continue;
    ran.push(other.name);
    if (mentions(code, other.name)) nodes[other.name] = plain(output);
  }
  const paired = /\.item\b|itemMatching|pairedItem/.test(code) ? pairedIndexes(ctx, nodes) : undefined;
  const before = upstreamIds(workflow, node.id);
  const edge = workflow.connections.find((c) => c.to.node === node.id);
  const previous = edge && workflow.nodes.find((n) => n.id === edge.from.node);
  return {
    items: plain(ctx.input()),
    nodes,
    ...(paired ? { paired } : {}),
    names: workflow.nodes.map((n) => n.name),
    ran,
    upstream: workflow.nodes.filter((n) => before.has(n.id)).map((n) => n.name),
    vars: ctx.vars,
    execution: { id: ctx.execution.id, mode: ctx.execution.mode },
    workflow: { id: workflow.id, name: workflow.name },
    runIndex: ctx.runIndex,
    // What the host exposes as $env (nothing unless it passes `env`), sent only to code that names it.
    ...(/\$env\b/.test(code) ? { env: ctx.sandbox.env ?? {} } : {}),
    prevNode: previous ? { name: previous.name, outputIndex: 0, runIndex: 0 } : null,
    now: ctx.now(),
    zone: workflow.settings.timezone ?? 'UTC',
  };
}
