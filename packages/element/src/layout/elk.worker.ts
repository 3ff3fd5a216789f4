// The layout worker: receives a LayoutGraph, answers node positions computed by elkjs.
import ELKModule from 'elkjs/lib/elk.bundled.js';
import type { LayoutGraph } from './layout-engine.js';

interface ElkNode {
  id: string;
  x?: number;
  y?: number;
  children?: ElkNode[];
}
type ElkConstructor = new () => { layout(graph: unknown): Promise<ElkNode> };
const ELK = ((ELKModule as unknown as { default?: ElkConstructor }).default ?? ELKModule) as unknown as ElkConstructor;
const elk = new ELK();
const scope = self as unknown as { onmessage: (event: MessageEvent<LayoutGraph>) => void; postMessage(message: unknown): void };

// `layout` answers every message itself, failures included.
scope.onmessage = (event: MessageEvent<LayoutGraph>) => void layout(event.data);

async function layout(graph: LayoutGraph): Promise<void> {
  try {
    const result = await elk.layout({
      id: 'root',
      layoutOptions: {
        'elk.algorithm': 'layered',
        'elk.direction': 'RIGHT',
        'elk.spacing.nodeNode': '40',
        'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      },
      children: graph.nodes.map((n) => ({ id: n.id, width: n.width, height: n.height })),
      edges: graph.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
    });
    const positions = (result.children ?? []).map((c: ElkNode) => [c.id, c.x ?? 0, c.y ?? 0]);
    scope.postMessage({ positions });
  } catch (error) {
    scope.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
}
