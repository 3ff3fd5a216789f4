import type { Connection } from './connection.js';
import type { WorkflowNode } from './node.js';

/** A connection with its index in the document. */
export interface GraphEdge {
  from: string;
  fromPort: string;
  to: string;
  toPort: string;
  /** Index in `workflow.connections`. */
  index: number;
}

/** Adjacency views of a workflow's connections, by node id. */
export interface WorkflowGraph<N extends { id: string } = WorkflowNode> {
  byId: Map<string, N>;
  outgoing: Map<string, GraphEdge[]>;
  incoming: Map<string, GraphEdge[]>;
}

/**
 * Builds adjacency lists; connections naming unknown nodes, or that `skip`
 * names, are left out, as are missing entries (connections the schema
 * refused, when a document is checked in parts).
 */
export function buildGraph<N extends { id: string } = WorkflowNode>(
  workflow: { nodes: readonly N[]; connections: readonly (Connection | undefined)[] },
  skip?: (index: number) => boolean,
): WorkflowGraph<N> {
  const byId = new Map<string, N>();
  const outgoing = new Map<string, GraphEdge[]>();
  const incoming = new Map<string, GraphEdge[]>();
  for (const node of workflow.nodes) {
    if (byId.has(node.id)) continue;
    byId.set(node.id, node);
    outgoing.set(node.id, []);
    incoming.set(node.id, []);
  }
  workflow.connections.forEach((c, index) => {
    if (!c) return;
    const out = outgoing.get(c.from.node);
    const inc = incoming.get(c.to.node);
    if (!out || !inc || skip?.(index)) return;
    const edge = { from: c.from.node, fromPort: c.from.port, to: c.to.node, toPort: c.to.port, index };
    out.push(edge);
    inc.push(edge);
  });
  return { byId, outgoing, incoming };
}

/**
 * Finds one cycle among the nodes `include` accepts, as a list of edges, or
 * undefined. Iterative DFS, so deep graphs cannot overflow the stack.
 */
export function findCycle(graph: WorkflowGraph<{ id: string }>, include: (nodeId: string) => boolean): GraphEdge[] | undefined {
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const color = new Map<string, number>();
  for (const id of graph.byId.keys()) color.set(id, WHITE);
  for (const root of graph.byId.keys()) {
    if (color.get(root) !== WHITE || !include(root)) continue;
    const stack: { id: string; next: number; via?: GraphEdge }[] = [{ id: root, next: 0 }];
    color.set(root, GREY);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const edges = graph.outgoing.get(frame.id) ?? [];
      if (frame.next >= edges.length) {
        color.set(frame.id, BLACK);
        stack.pop();
        continue;
      }
      const edge = edges[frame.next++]!;
      if (!include(edge.to)) continue;
      const c = color.get(edge.to);
      if (c === GREY) {
        const start = stack.findIndex((f) => f.id === edge.to);
        return [...stack.slice(start + 1).map((f) => f.via!), edge];
      }
      if (c === WHITE) {
        color.set(edge.to, GREY);
        stack.push({ id: edge.to, next: 0, via: edge });
      }
    }
  }
  return undefined;
}

/** Ids of every node from which `target` can be reached (not counting itself unless on a cycle). */
export function ancestorsOf(graph: WorkflowGraph<{ id: string }>, target: string): Set<string> {
  const seen = new Set<string>();
  const todo = [target];
  while (todo.length > 0) {
    const id = todo.pop()!;
    for (const edge of graph.incoming.get(id) ?? []) {
      if (!seen.has(edge.from)) {
        seen.add(edge.from);
        todo.push(edge.from);
      }
    }
  }
  return seen;
}
