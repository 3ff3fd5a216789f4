// Large workflows: readable names far zoomed out, auto-layout with progress and cancel (elkjs in its real
// worker), and nodes attached through sub-ports placed under the node they serve, where the sub-ports are.
import { buildWorkflow } from '@flowloom/engine/testing';
import { canvasOf, mountEditor, settle } from '../testing/fixture.js';
import { aiTestEngine } from '../testing/ai-node-types.js';
import { equal, ok } from '../testing/assert.js';
import { NODE_HEIGHT, NODE_WIDTH } from '../model/geometry.js';
import { subPortPosition } from '../canvas/sub-ports.js';
import { subInputsOf } from '../model/sub-port-rules.js';
import { ElkLayoutEngine } from './elk-layout.js';

// The sources are served as TypeScript here; the built package points at elk.worker.js.
const worker = () => new Worker(new URL('./elk.worker.ts', import.meta.url), { type: 'module' });

/** `parts` separate chains of `length` nodes each. */
const chains = (parts: number, length: number) =>
  buildWorkflow({
    id: 'chains',
    nodes: Array.from({ length: parts * length }, (_, i) => ({
      id: `n${i}`,
      name: `Node ${i}`,
      type: i % length === 0 ? 'core.manualTrigger' : 'core.noOp',
      position: { x: (i % 7) * 37, y: (i % 5) * 23 },
    })),
    connections: Array.from({ length: parts * length }, (_, i): [string, string] => [`n${i - 1}`, `n${i}`]).filter(
      (_, i) => i % length !== 0,
    ),
  });

describe('large workflows', () => {
  it('far zoomed out, show each node by its name in type still readable on screen, without icons or ports', async () => {
    const el = await mountEditor(chains(20, 10));
    const canvas = canvasOf(el);
    canvas.setViewport({ x: 0, y: 0, zoom: 0.25 });
    await settle(el);
    const root = canvas.shadowRoot!;
    const nodes = [...root.querySelectorAll<HTMLElement>('.node')];
    ok(nodes.length > 20, `${nodes.length} nodes drawn`);
    for (const node of nodes.slice(0, 20)) {
      const name = node.querySelector('.lod-name');
      equal(name?.textContent, el.store.node(node.dataset.id!)!.name);
    }
    equal(root.querySelectorAll('.node .icon, .node .port, .node .label').length, 0);
    const name = root.querySelector('.lod-name')!;
    const onScreen = name.getBoundingClientRect().height;
    ok(onScreen >= 10, `names are ${onScreen.toFixed(1)} px tall on screen`);
    ok(name.scrollWidth > 0 && getComputedStyle(name).visibility !== 'hidden');
    canvas.setViewport({ x: 0, y: 0, zoom: 1 });
    await settle(el);
    equal(root.querySelectorAll('.lod-name').length, 0, 'closer up, full nodes again');
  });

  it('auto-layout reports its progress and, cancelled, leaves the nodes where they were', async () => {
    const workflow = chains(60, 8);
    const el = await mountEditor(workflow, (e) => (e.layoutEngine = new ElkLayoutEngine(worker)));
    const before = el.workflow.nodes.map((n) => n.position);
    const seen: number[] = [];
    // Cancel at the first progress report: the worker has not answered with positions yet, so nothing races.
    const unsubscribe = el.store.subscribe(() => {
      const p = el.actions.layout.progress;
      if (p === undefined || seen.includes(p)) return;
      seen.push(p);
      const status = el.shadowRoot!.querySelector('.toolbar .progress');
      ok(status, 'the toolbar says a layout is running');
      const cancel = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toolbar button')].find(
        (b) => b.textContent?.trim() === 'Cancel layout',
      );
      ok(cancel, 'with a Cancel button');
      cancel.click();
    });
    await el.actions.autoLayout();
    unsubscribe();
    await settle(el);
    ok(seen.length === 1 && seen[0]! > 0 && seen[0]! < 1, `progress ${seen.join(', ')}`);
    equal(
      el.workflow.nodes.map((n) => n.position),
      before,
    );
    ok(!el.store.history.canUndo, 'nothing to undo');
    equal(el.actions.layout.running, false);
    ok(el.shadowRoot!.querySelector('.toolbar .progress') === null);
  });

  it('auto-layout shows its progress in percent while it runs, then arranges every part', async () => {
    const el = await mountEditor(chains(4, 5), (e) => (e.layoutEngine = new ElkLayoutEngine(worker)));
    const shown: string[] = [];
    const unsubscribe = el.store.subscribe(() => {
      const p = el.actions.layout.progress;
      const text = p === undefined ? undefined : el.actions.t('layout.progress', { percent: Math.round(p * 100) });
      if (text !== undefined && shown[shown.length - 1] !== text) shown.push(text);
    });
    await el.actions.autoLayout();
    unsubscribe();
    equal(shown, ['Arranging nodes… 25%', 'Arranging nodes… 50%', 'Arranging nodes… 75%', 'Arranging nodes… 100%']);
    const ys = new Set(el.workflow.nodes.map((n) => n.position.y));
    equal(ys.size, 4, 'four chains, one row each');
  });

  it('auto-layout places the model, memory and tools of an agent below it, under their sub-ports', async () => {
    const workflow = buildWorkflow({
      id: 'agent',
      nodes: [
        { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 900, y: 0 } },
        { id: 'agent', name: 'Agent', type: 'ai.agent', position: { x: 0, y: 0 } },
        { id: 'after', name: 'After', type: 'core.noOp', position: { x: 0, y: 500 } },
        { id: 'model', name: 'Model', type: 'ai.chatModel', position: { x: 700, y: 300 } },
        { id: 'mem', name: 'Memory', type: 'ai.memory', position: { x: -400, y: 50 } },
        { id: 'web', name: 'Search', type: 'core.httpRequest', position: { x: 50, y: -300 }, parameters: { url: 'https://example.com/' } },
      ],
      connections: [
        ['t', 'agent'],
        ['agent', 'after'],
        ['web:tool', 'agent:tool'],
        ['mem:memory', 'agent:memory'],
        ['model:model', 'agent:model'],
      ],
    });
    const el = await mountEditor(workflow, (e) => {
      e.engine = aiTestEngine();
      e.layoutEngine = new ElkLayoutEngine(worker);
    });
    ok(el.engine.validate(el.workflow).success, 'the engine accepts the workflow');
    await el.actions.autoLayout();
    const pos = (id: string) => el.store.node(id)!.position;
    const agent = el.store.node('agent')!;
    // Left to right for the flow.
    ok(pos('t').x < pos('agent').x && pos('agent').x < pos('after').x);
    const ports = subInputsOf(el.store.describe('ai.agent'));
    const order = ['model', 'mem', 'web'];
    for (const [i, id] of order.entries()) {
      const p = pos(id);
      ok(p.y >= agent.position.y + NODE_HEIGHT + 40, `${id} is below the agent (${p.y} vs ${agent.position.y})`);
      // Under the agent: its sub-port (where the attachment leaves) lies within the attached node's span or near it.
      const port = subPortPosition(
        agent,
        'sub-in',
        ports.findIndex((s) => s.name === ['model', 'memory', 'tool'][i]),
        ports.length,
      );
      ok(Math.abs(p.x + NODE_WIDTH / 2 - port.x) < NODE_WIDTH * 1.5, `${id} is under its sub-port`);
    }
    ok(pos('model').x < pos('mem').x && pos('mem').x < pos('web').x, 'side by side in the order of the sub-ports');
    // Nothing overlaps.
    const boxes = el.workflow.nodes.map((n) => n.position);
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1)) ok(Math.abs(a.x - b.x) >= NODE_WIDTH || Math.abs(a.y - b.y) >= NODE_HEIGHT, 'no overlap');
    el.undo();
    equal(pos('model'), { x: 700, y: 300 });
  });
});
