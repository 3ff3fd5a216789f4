import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok } from '../testing/assert.js';
import { mountEditor, settle } from '../testing/fixture.js';
import { ElkLayoutEngine } from './elk-layout.js';

// The sources are served as TypeScript here; the built package points at elk.worker.js.
const worker = () => new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' });

describe('auto-layout', () => {
  it('arranges nodes left to right with elkjs in a worker', async () => {
    const layout = new ElkLayoutEngine(worker);
    const positions = await layout.layout(
      {
        nodes: ['a', 'b', 'c'].map((id) => ({ id, width: 200, height: 64 })),
        edges: [
          { from: 'a', to: 'b' },
          { from: 'b', to: 'c' },
        ],
      },
      { signal: new AbortController().signal },
    );
    ok(positions.get('a')!.x < positions.get('b')!.x && positions.get('b')!.x < positions.get('c')!.x);
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const nodes = Array.from({ length: 400 }, (_, i) => ({ id: `n${i}`, width: 200, height: 64 }));
    const edges = nodes.slice(1).map((n, i) => ({ from: `n${Math.floor(i / 2)}`, to: n.id }));
    const pending = new ElkLayoutEngine(worker).layout({ nodes, edges }, { signal: controller.signal });
    controller.abort();
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    equal((error as DOMException).name, 'AbortError');
  });

  it('moves the nodes of the editor as one undoable change', async () => {
    const el = await mountEditor(
      buildWorkflow({
        id: 'messy',
        nodes: [
          { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 900, y: 500 } },
          { id: 'p', name: 'People', type: 'test.people', position: { x: 0, y: 0 } },
        ],
        connections: [['t', 'p']],
      }),
    );
    el.layoutEngine = new ElkLayoutEngine(worker);
    await el.actions.autoLayout();
    await settle(el);
    const [t, p] = el.workflow.nodes;
    ok(t!.position.x < p!.position.x, 'trigger first');
    el.undo();
    equal(el.workflow.nodes[0]!.position, { x: 900, y: 500 });
  });
});
