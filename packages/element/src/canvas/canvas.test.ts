import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok, until } from '../testing/assert.js';
import { canvasOf, mountEditor, press, settle } from '../testing/fixture.js';

/** Rows of ten: a trigger followed by nine connected no-op nodes. */
const chainWorkflow = (count: number) =>
  buildWorkflow({
    id: 'big',
    nodes: Array.from({ length: count }, (_, i) => ({
      id: `n${i}`,
      name: `Node ${i}`,
      type: i % 10 === 0 ? 'core.manualTrigger' : 'core.noOp',
      position: { x: (i % 10) * 280, y: Math.floor(i / 10) * 100 },
    })),
    connections: Array.from({ length: count }, (_, i): [string, string] => [`n${i - 1}`, `n${i}`]).filter((_, i) => i % 10 !== 0),
  });

/** Dispatches a pointer event at client coordinates on a target. */
function pointer(target: Element, type: string, x: number, y: number, init: PointerEventInit = {}): void {
  target.dispatchEvent(
    new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, composed: true, pointerId: 1, button: 0, isPrimary: true, ...init }),
  );
}

function centre(el: Element): { x: number; y: number } {
  const r = el.getBoundingClientRect();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
}

describe('canvas', () => {
  it('renders only the nodes in view of a 2,000-node workflow', async () => {
    const el = await mountEditor(chainWorkflow(2000));
    const canvas = canvasOf(el);
    canvas.setViewport({ x: 0, y: 0, zoom: 1 });
    await settle(el);
    const rendered = canvas.shadowRoot!.querySelectorAll('.node').length;
    ok(rendered > 0 && rendered < 200, `rendered ${rendered} of 2000 nodes`);
    ok(canvas.isRendered('n0'));
    ok(!canvas.isRendered('n1999'));
    canvas.focusNode('n1999');
    await settle(el);
    ok(canvas.isRendered('n1999'), 'scrolling a node into view renders it');
  });

  it('selects with a click, adds with shift-click and clears with Escape', async () => {
    const el = await mountEditor();
    const canvas = canvasOf(el);
    canvas.setViewport({ x: 50, y: 100, zoom: 1 });
    await settle(el);
    const node = (id: string) => canvas.shadowRoot!.querySelector(`.node[data-id="${id}"]`)!;
    pointer(node('t'), 'pointerdown', centre(node('t')).x, centre(node('t')).y);
    pointer(node('t'), 'pointerup', centre(node('t')).x, centre(node('t')).y);
    pointer(node('p'), 'pointerdown', centre(node('p')).x, centre(node('p')).y, { shiftKey: true });
    pointer(node('p'), 'pointerup', centre(node('p')).x, centre(node('p')).y, { shiftKey: true });
    equal([...el.store.selectedNodes], ['t', 'p']);
    press(node('p'), 'Escape');
    equal(el.store.selectedNodes.size, 0);
  });

  it('selects every node inside a shift-drag box', async () => {
    const el = await mountEditor();
    const canvas = canvasOf(el);
    canvas.setViewport({ x: 50, y: 100, zoom: 1 });
    await settle(el);
    const pane = canvas.shadowRoot!.querySelector('.pane')!;
    const r = canvas.getBoundingClientRect();
    pointer(pane, 'pointerdown', r.left + 20, r.top + 60, { shiftKey: true });
    pointer(pane, 'pointermove', r.left + 600, r.top + 220, { shiftKey: true });
    await settle(el);
    ok(canvas.shadowRoot!.querySelector('.selection-box'), 'the box is drawn');
    pointer(pane, 'pointerup', r.left + 600, r.top + 220, { shiftKey: true });
    equal([...el.store.selectedNodes].sort(), ['p', 't']);
  });

  it('drags a node and snaps it to the grid as one undoable move', async () => {
    const el = await mountEditor();
    const canvas = canvasOf(el);
    canvas.setViewport({ x: 50, y: 100, zoom: 1 });
    await settle(el);
    const node = canvas.shadowRoot!.querySelector('.node[data-id="p"]')!;
    const c = centre(node);
    pointer(node, 'pointerdown', c.x, c.y);
    pointer(node, 'pointermove', c.x + 30, c.y + 13);
    pointer(node, 'pointermove', c.x + 47, c.y + 29);
    pointer(node, 'pointerup', c.x + 47, c.y + 29);
    equal(el.workflow.nodes.find((n) => n.id === 'p')!.position, { x: 340, y: 20 });
    el.undo();
    equal(el.workflow.nodes.find((n) => n.id === 'p')!.position, { x: 300, y: 0 });
  });

  it('connects by dragging from an output port to an input port, and refuses invalid targets', async () => {
    const el = await mountEditor(
      buildWorkflow({
        nodes: [
          { id: 'a', name: 'A', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
          { id: 'b', name: 'B', type: 'core.noOp', position: { x: 300, y: 0 } },
        ],
      }),
    );
    const canvas = canvasOf(el);
    canvas.setViewport({ x: 50, y: 100, zoom: 1 });
    await settle(el);
    const root = canvas.shadowRoot!;
    const out = root.querySelector('.node[data-id="a"] .port.out')!;
    const into = root.querySelector('.node[data-id="b"] .port.in')!;
    const ownIn = root.querySelector('.node[data-id="b"] .port.out')!;
    // Output to output is no target.
    pointer(out, 'pointerdown', centre(out).x, centre(out).y);
    pointer(out, 'pointermove', centre(ownIn).x, centre(ownIn).y);
    pointer(out, 'pointerup', centre(ownIn).x, centre(ownIn).y);
    equal(el.workflow.connections.length, 0);
    pointer(out, 'pointerdown', centre(out).x, centre(out).y);
    pointer(out, 'pointermove', centre(into).x, centre(into).y);
    await settle(el);
    ok(into.classList.contains('target-valid'), 'valid feedback on the target port');
    ok(root.querySelector('path.edge.pending'), 'a pending edge follows the pointer');
    pointer(out, 'pointerup', centre(into).x, centre(into).y);
    equal(el.workflow.connections, [{ from: { node: 'a', port: 'main' }, to: { node: 'b', port: 'main' } }]);
    equal(
      el.actions.connectionProblem({ from: { node: 'b', port: 'main' }, to: { node: 'b', port: 'main' } }),
      'These ports cannot be connected.',
    );
  });

  it('reaches nodes and edges with Tab; arrows move, Delete removes, Enter selects', async () => {
    const el = await mountEditor();
    const canvas = canvasOf(el);
    await settle(el);
    const root = canvas.shadowRoot!;
    const node = root.querySelector<HTMLElement>('.node[data-id="p"]')!;
    equal(node.tabIndex, 0);
    ok(node.getAttribute('aria-label')!.startsWith('People, People'));
    const edge = root.querySelector<SVGElement>('path.edge')!;
    equal(edge.getAttribute('tabindex'), '0');
    ok(edge.getAttribute('aria-label')!.startsWith('Connection from Start to People'));
    press(node, 'Enter');
    equal([...el.store.selectedNodes], ['p']);
    press(node, 'ArrowRight');
    press(node, 'ArrowDown', { shiftKey: true });
    equal(el.workflow.nodes.find((n) => n.id === 'p')!.position, { x: 320, y: 100 });
    press(edge, 'Enter');
    equal(el.store.selectedConnections.size, 1);
    press(edge, 'Delete');
    equal(el.workflow.connections.length, 1);
    equal(el.workflow.nodes.length, 3);
  });

  it('draws the minimap and pans there on click', async () => {
    const el = await mountEditor(chainWorkflow(200));
    const canvas = canvasOf(el);
    canvas.setViewport({ x: 0, y: 0, zoom: 1 });
    await settle(el);
    const minimap = canvas.shadowRoot!.querySelector<HTMLCanvasElement>('canvas.minimap')!;
    const pixels = minimap.getContext('2d')!.getImageData(0, 0, minimap.width, minimap.height).data;
    ok(
      pixels.some((v, i) => i % 4 === 3 && v > 0),
      'something is drawn',
    );
    const r = minimap.getBoundingClientRect();
    pointer(minimap, 'pointerdown', r.right - 5, r.bottom - 5);
    await until(() => canvas.viewport.y < -500, `panned down to the end (y=${canvas.viewport.y})`);
  });

  it('zooms with the wheel at the pointer and pans by dragging the background', async () => {
    const el = await mountEditor();
    const canvas = canvasOf(el);
    await until(() => canvas.panZoomReady, 'the pan/zoom library loaded');
    canvas.setViewport({ x: 0, y: 0, zoom: 1 });
    const pane = canvas.shadowRoot!.querySelector('.pane')!;
    const r = canvas.getBoundingClientRect();
    pane.dispatchEvent(
      new WheelEvent('wheel', {
        deltaY: -200,
        clientX: r.left + 100,
        clientY: r.top + 100,
        bubbles: true,
        cancelable: true,
        composed: true,
        view: window,
      }),
    );
    await until(() => canvas.viewport.zoom > 1, 'zoomed in');
    const zoomed = canvas.viewport;
    const at = { clientX: r.left + 600, clientY: r.top + 500, bubbles: true, composed: true, view: window, button: 0 };
    pane.dispatchEvent(new MouseEvent('mousedown', at));
    window.dispatchEvent(new MouseEvent('mousemove', { ...at, clientX: at.clientX - 100, clientY: at.clientY - 50 }));
    window.dispatchEvent(new MouseEvent('mouseup', { ...at, clientX: at.clientX - 100, clientY: at.clientY - 50 }));
    await until(() => canvas.viewport.x !== zoomed.x, 'panned');
    equal([Math.round(canvas.viewport.x - zoomed.x), Math.round(canvas.viewport.y - zoomed.y)], [-100, -50]);
  });

  it('adds a node where a palette item is dropped', async () => {
    const el = await mountEditor();
    const canvas = canvasOf(el);
    canvas.setViewport({ x: 0, y: 0, zoom: 1 });
    await settle(el);
    const pane = canvas.shadowRoot!.querySelector('.pane')!;
    const r = canvas.getBoundingClientRect();
    const data = new DataTransfer();
    data.setData('application/x-flowloom-node-type', 'core.noOp');
    pane.dispatchEvent(
      new DragEvent('drop', {
        dataTransfer: data,
        clientX: r.left + 500,
        clientY: r.top + 400,
        bubbles: true,
        composed: true,
        cancelable: true,
      }),
    );
    const added = el.workflow.nodes.find((n) => n.type === 'core.noOp')!;
    equal(added.position, { x: 400, y: 360 });
  });
});
