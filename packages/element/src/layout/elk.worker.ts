// The layout worker: receives a LayoutGraph, answers node positions computed by elkjs. Each connected part
// of the graph is laid out on its own (elk's layered layout grows faster than linearly with size), with a
// progress message after each; the parts are then stacked top to bottom, largest first.
import ELKModule from 'elkjs/lib/elk.bundled.js';
import type { LayoutGraph } from './layout-engine.js';

interface ElkNode {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  children?: ElkNode[];
}
type ElkConstructor = new () => { layout(graph: unknown): Promise<ElkNode> };
const ELK = ((ELKModule as unknown as { default?: ElkConstructor }).default ?? ELKModule) as unknown as ElkConstructor;
const elk = new ELK();
const scope = self as unknown as { onmessage: (event: MessageEvent<LayoutGraph>) => void; postMessage(message: unknown): void };

/** Room between two stacked parts of the graph. */
const PART_GAP = 80;

// `layout` answers every message itself, failures included.
scope.onmessage = (event: MessageEvent<LayoutGraph>) => void layout(event.data);

/** The connected parts of the graph, largest first (so the main flow is on top). */
function parts(graph: LayoutGraph): LayoutGraph[] {
  const parent = new Map(graph.nodes.map((n) => [n.id, n.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let at = id; at !== root;) {
      const next = parent.get(at)!;
      parent.set(at, root);
      at = next;
    }
    return root;
  };
  for (const e of graph.edges) if (parent.has(e.from) && parent.has(e.to)) parent.set(find(e.from), find(e.to));
  const groups = new Map<string, LayoutGraph>();
  for (const n of graph.nodes) {
    const key = find(n.id);
    const group = groups.get(key) ?? { nodes: [], edges: [] };
    group.nodes.push(n);
    groups.set(key, group);
  }
  for (const e of graph.edges) if (parent.has(e.from) && parent.has(e.to)) groups.get(find(e.from))!.edges.push(e);
  return [...groups.values()].sort((a, b) => b.nodes.length - a.nodes.length);
}

async function layout(graph: LayoutGraph): Promise<void> {
  try {
    const list = parts(graph);
    const positions: [string, number, number][] = [];
    let top = 0;
    let done = 0;
    for (const part of list) {
      const result = await elk.layout({
        id: 'root',
        layoutOptions: {
          'elk.algorithm': 'layered',
          'elk.direction': 'RIGHT',
          'elk.spacing.nodeNode': '40',
          'elk.layered.spacing.nodeNodeBetweenLayers': '80',
        },
        children: part.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
        edges: part.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
      });
      let bottom = 0;
      for (const c of result.children ?? []) {
        positions.push([c.id, c.x ?? 0, top + (c.y ?? 0)]);
        bottom = Math.max(bottom, (c.y ?? 0) + (c.height ?? 0));
      }
      top += bottom + PART_GAP;
      done += part.nodes.length;
      scope.postMessage({ progress: done / graph.nodes.length });
    }
    scope.postMessage({ positions });
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}
