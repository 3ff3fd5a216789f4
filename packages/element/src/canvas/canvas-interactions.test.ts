// The canvas gestures n8n users expect, driven with the browser's own mouse and keyboard
// (@web/test-runner's sendMouse and sendKeys go through Chromium's input pipeline).
import type { WorkflowNode } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { equal, ok, until } from '../testing/assert.js';
import { canvasOf, mountEditor, part, settle } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';
import type { WfNodeActionEvent } from '../events/node-action.js';
import { GRID, NODE_HEIGHT, NODE_WIDTH } from '../model/geometry.js';

function centre(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

/** The middle of a port's dot (an If's ports carry their label beside the dot). */
function dot(port: Element): [number, number] {
  const r = port.getBoundingClientRect();
  return [Math.round(r.left + r.height / 2), Math.round(r.top + r.height / 2)];
}

/** A client point of the canvas pane, from its top-left corner. */
function paneAt(el: WorkflowEditor, x: number, y: number): [number, number] {
  const r = canvasOf(el).getBoundingClientRect();
  return [Math.round(r.left + x), Math.round(r.top + y)];
}

/** The pan of the canvas in these tests: canvas point (0, 0) is at pane point (VIEW.x, VIEW.y). */
const VIEW = { x: 20, y: 60, zoom: 1 };

/** The element that has the focus, inside shadow roots. */
function focused(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** Whether two nodes' boxes overlap. */
function overlap(a: WorkflowNode, b: WorkflowNode): boolean {
  return Math.abs(a.position.x - b.position.x) < NODE_WIDTH && Math.abs(a.position.y - b.position.y) < NODE_HEIGHT;
}

function noOverlaps(nodes: readonly WorkflowNode[]): void {
  for (const a of nodes) for (const b of nodes) if (a !== b) ok(!overlap(a, b), `${a.name} lies on ${b.name}`);
}

async function mount(workflow = sampleWithIf()): Promise<WorkflowEditor> {
  await setViewport({ width: 1300, height: 900 });
  const el = await mountEditor(workflow, (e) => {
    e.style.width = '1280px';
    e.style.height = '880px';
    e.style.setProperty('--wf-run-panel-height', '160px');
  });
  canvasOf(el).setViewport(VIEW);
  await settle(el);
  return el;
}

/** A trigger and an If. */
const sampleWithIf = () =>
  buildWorkflow({
    id: 'branches',
    name: 'Branches',
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
      { id: 'if', name: 'If', type: 'core.if', position: { x: 280, y: 0 } },
    ],
    connections: [['t', 'if']],
  });

const nodeEl = (el: WorkflowEditor, id: string) => canvasOf(el).shadowRoot!.querySelector<HTMLElement>(`.node[data-id="${id}"]`)!;
const menu = (el: WorkflowEditor) => canvasOf(el).shadowRoot!.querySelector<HTMLElement>('.ctx-menu');
const menuItem = (el: WorkflowEditor, action: string) => menu(el)!.querySelector<HTMLElement>(`[data-action="${action}"]`)!;
const byName = (el: WorkflowEditor, name: string) => el.workflow.nodes.find((n) => n.name === name);

describe('canvas interactions', () => {
  afterEach(() => resetMouse());

  it('opens the node picker where a connection is dropped on empty canvas, and adds the chosen node there, connected', async () => {
    const el = await mount();
    const canvas = canvasOf(el);
    const port = canvas.shadowRoot!.querySelector('.node[data-id="if"] .port.out[data-port="false"]')!;
    const [x, y] = dot(port);
    const drop: [number, number] = [x + 150, y + 220];
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [x + 80, y + 90] });
    await sendMouse({ type: 'move', position: drop });
    await sendMouse({ type: 'up' });
    await settle(el);
    const picker = await until(() => canvas.shadowRoot!.querySelector<HTMLElement>('.node-picker'), 'the picker opens');
    ok(picker.getAttribute('aria-label')!.includes('If (false)'), picker.getAttribute('aria-label')!);
    await until(() => focused()?.matches('.node-picker input'), 'the search field has the focus');
    await sendKeys({ type: 'people' });
    await settle(el);
    equal(picker.querySelector<HTMLElement>('.sub-choice')?.dataset.type, 'test.people');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    const added = byName(el, 'People');
    ok(added, 'the top result was added');
    ok(!canvas.shadowRoot!.querySelector('.node-picker'), 'the picker closed');
    equal(
      el.workflow.connections.find((c) => c.to.node === added.id),
      { from: { node: 'if', port: 'false' }, to: { node: added.id, port: 'main' } },
    );
    // Its input port is where the connection was dropped (to the grid).
    const r = canvas.getBoundingClientRect();
    const at = { x: drop[0] - r.left - VIEW.x, y: drop[1] - r.top - VIEW.y };
    ok(
      Math.abs(added.position.x - at.x) <= GRID / 2 && Math.abs(added.position.y + NODE_HEIGHT / 2 - at.y) <= GRID / 2,
      JSON.stringify([added.position, at]),
    );
    el.undo();
    equal(el.workflow.nodes.length, 2, 'one undo removes the node and its connection');
  });

  it('closes the picker with Escape and adds nothing when a connection is dropped on a node', async () => {
    const el = await mount();
    const canvas = canvasOf(el);
    const [x, y] = dot(canvas.shadowRoot!.querySelector('.node[data-id="if"] .port.out[data-port="true"]')!);
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [x + 120, y + 150] });
    await sendMouse({ type: 'up' });
    await until(() => focused()?.matches('.node-picker input'), 'the picker opens');
    await sendKeys({ press: 'Escape' });
    await settle(el);
    ok(!canvas.shadowRoot!.querySelector('.node-picker'));
    equal(el.workflow.nodes.length, 2);
    // Dropped on a node's body (not a port), nothing opens.
    const [sx, sy] = dot(canvas.shadowRoot!.querySelector('.node[data-id="t"] .port.out')!);
    await sendMouse({ type: 'move', position: [sx, sy] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: centre(nodeEl(el, 'if').querySelector('.label')!) });
    await sendMouse({ type: 'up' });
    await settle(el);
    ok(!canvas.shadowRoot!.querySelector('.node-picker'));
  });

  it('places a node added after a port to the right of its source, and a second branch below the first', async () => {
    const el = await mount();
    const ifNode = byName(el, 'If')!;
    const yes = el.actions.addNode('core.noOp', undefined, { from: { node: 'if', port: 'true' } })!;
    equal(yes.position, { x: ifNode.position.x + NODE_WIDTH + GRID * 4, y: ifNode.position.y });
    const no = el.actions.addNode('core.noOp', undefined, { from: { node: 'if', port: 'false' } })!;
    equal(no.position.x, yes.position.x);
    ok(
      no.position.y >= yes.position.y + NODE_HEIGHT + GRID,
      `the false branch is below the true one: ${JSON.stringify([yes.position, no.position])}`,
    );
    // A third node after the true port goes under both, never on one of them.
    const third = el.actions.addNode('core.noOp', undefined, { from: { node: 'if', port: 'true' } })!;
    ok(third.position.y > no.position.y);
    noOverlaps(el.workflow.nodes);
    equal(
      el.workflow.connections.filter((c) => c.from.node === 'if').map((c) => c.from.port),
      ['true', 'false', 'true'],
    );
  });

  it('moves a new node off a node already where it would go', async () => {
    const el = await mount(
      buildWorkflow({
        nodes: [
          { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
          { id: 'x', name: 'In the way', type: 'core.noOp', position: { x: 280, y: 20 } },
        ],
      }),
    );
    const added = el.actions.addNode('core.noOp', undefined, { from: { node: 't', port: 'main' } })!;
    equal(added.position.x, 280);
    noOverlaps(el.workflow.nodes);
    // Selecting a node and clicking a palette entry follows the same rule.
    el.store.select(['t']);
    const entry = part(el, 'wf-palette').querySelector('button[data-type="test.people"]')!;
    entry.scrollIntoView({ block: 'center' });
    await sendMouse({ type: 'click', position: centre(entry) });
    await settle(el);
    noOverlaps(el.workflow.nodes);
    ok(el.workflow.connections.some((c) => c.from.node === 't' && c.to.node === byName(el, 'People')!.id));
  });

  it('pastes and duplicates with an offset, and again on each repeat, never on the original', async () => {
    const el = await mount();
    await sendMouse({ type: 'click', position: centre(nodeEl(el, 'if').querySelector('.label')!) });
    await settle(el);
    equal([...el.store.selectedNodes], ['if']);
    for (let i = 0; i < 2; i++) {
      await sendKeys({ down: 'Control' });
      await sendKeys({ press: 'd' });
      await sendKeys({ up: 'Control' });
      await settle(el);
    }
    const copies = () => el.workflow.nodes.filter((n) => n.type === 'core.if');
    equal(copies().length, 3);
    const positions = copies().map((n) => `${n.position.x},${n.position.y}`);
    equal(new Set(positions).size, 3, `every copy has its own place: ${positions.join(' ')}`);
    el.store.select(['if']);
    await el.actions.copy();
    const before = el.workflow.nodes.length;
    ok(await el.actions.paste(el.actions.copyText()));
    ok(await el.actions.paste(el.actions.copyText()));
    equal(el.workflow.nodes.length, before + 2);
    const all = el.workflow.nodes.map((n) => `${n.position.x},${n.position.y}`);
    equal(new Set(all).size, all.length, `no paste lands on another node: ${all.join(' ')}`);
  });

  it('opens a node menu on right-click that disables, duplicates, copies and deletes', async () => {
    const el = await mount();
    await sendMouse({ type: 'click', button: 'right', position: centre(nodeEl(el, 'if').querySelector('.label')!) });
    await settle(el);
    const m = await until(() => menu(el), 'the menu opens');
    equal(m.getAttribute('role'), 'menu');
    equal(m.getAttribute('aria-label'), 'Actions for If');
    equal([...el.store.selectedNodes], ['if']);
    equal(
      [...m.querySelectorAll<HTMLElement>('[role="menuitem"]')].map((b) => b.dataset.action),
      ['open', 'execute', 'pin', 'disable', 'duplicate', 'copy', 'delete'],
    );
    await until(() => focused() === menuItem(el, 'open'), 'the first item has the focus');
    await sendMouse({ type: 'click', position: centre(menuItem(el, 'disable')) });
    await settle(el);
    equal(byName(el, 'If')!.disabled, true);
    ok(!menu(el), 'picking an item closes the menu');
    await sendMouse({ type: 'click', button: 'right', position: centre(nodeEl(el, 'if').querySelector('.label')!) });
    await settle(el);
    await sendMouse({ type: 'click', position: centre(menuItem(el, 'enable')) });
    await settle(el);
    ok(!byName(el, 'If')!.disabled);
    await sendMouse({ type: 'click', button: 'right', position: centre(nodeEl(el, 'if').querySelector('.label')!) });
    await settle(el);
    await sendMouse({ type: 'click', position: centre(menuItem(el, 'duplicate')) });
    await settle(el);
    equal(el.workflow.nodes.filter((n) => n.type === 'core.if').length, 2);
    const copy = el.workflow.nodes.find((n) => n.type === 'core.if' && n.id !== 'if')!;
    await settle(el);
    await sendMouse({ type: 'click', button: 'right', position: centre(nodeEl(el, copy.id).querySelector('.label')!) });
    await settle(el);
    await sendMouse({ type: 'click', position: centre(menuItem(el, 'delete')) });
    await settle(el);
    ok(!el.store.node(copy.id), 'deleted');
    el.store.select(['if']);
    equal(JSON.parse(el.actions.copyText()).nodes.length, 1);
  });

  it('hands Execute step and Pin data to whoever implements them, and runs the step and pins when nobody does', async () => {
    const el = await mount();
    const seen: string[] = [];
    const take = (e: WfNodeActionEvent) => {
      seen.push(`${e.detail.action}:${e.detail.nodeId}`);
      e.preventDefault();
    };
    const pick = async (action: string) => {
      await sendMouse({ type: 'click', button: 'right', position: centre(nodeEl(el, 'if').querySelector('.label')!) });
      await until(() => menu(el), 'the menu opens');
      await sendMouse({ type: 'click', position: centre(menuItem(el, action)) });
      await settle(el);
    };
    el.addEventListener('wf-node-action', take);
    await pick('execute');
    await pick('pin');
    equal(seen, ['execute:if', 'pin:if']);
    equal(el.store.execution, undefined, 'a listener took the action: nothing ran');
    el.removeEventListener('wf-node-action', take);
    await pick('pin');
    equal(el.store.announcement, 'Run If first: pinning keeps its last output.');
    await pick('execute');
    await until(() => !el.store.running && el.store.lastRun('if'), 'the step ran');
    equal(el.store.lastRun('if')?.status, 'success');
    await pick('pin');
    ok(el.workflow.pinData?.['if'], 'the last output is pinned');
    await pick('unpin');
    equal(el.workflow.pinData?.['if'], undefined);
  });

  it('opens the menu with Shift+F10 and the ContextMenu key, moves with the arrows and closes with Escape', async () => {
    const el = await mount();
    nodeEl(el, 'if').focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'F10' });
    await sendKeys({ up: 'Shift' });
    await settle(el);
    await until(() => focused() === menuItem(el, 'open'), 'the menu opens on the focused node');
    await sendKeys({ press: 'ArrowDown' });
    equal((focused() as HTMLElement).dataset.action, 'execute');
    await sendKeys({ press: 'ArrowUp' });
    await sendKeys({ press: 'ArrowUp' });
    equal((focused() as HTMLElement).dataset.action, 'delete', 'the arrows wrap');
    await sendKeys({ press: 'Home' });
    equal((focused() as HTMLElement).dataset.action, 'open');
    await sendKeys({ press: 'Escape' });
    await settle(el);
    ok(!menu(el), 'Escape closes it');
    await until(() => focused() === nodeEl(el, 'if'), 'the focus goes back to the node');
    await sendKeys({ press: 'ContextMenu' });
    await settle(el);
    await until(() => focused() === menuItem(el, 'open'), 'the ContextMenu key opens it too');
    // Enter picks the focused item: Disable, three down.
    for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    equal(byName(el, 'If')!.disabled, true);
    ok(!menu(el));
  });

  it('opens a canvas menu on empty canvas: paste, add a node there, auto-layout', async () => {
    const el = await mount();
    const at = paneAt(el, 400, 300);
    await sendMouse({ type: 'click', button: 'right', position: at });
    await settle(el);
    const m = await until(() => menu(el), 'the canvas menu opens');
    equal(m.getAttribute('aria-label'), 'Canvas actions');
    equal(
      [...m.querySelectorAll<HTMLElement>('[role="menuitem"]')].map((b) => b.dataset.action),
      ['paste', 'add', 'layout'],
    );
    await sendMouse({ type: 'click', position: centre(menuItem(el, 'add')) });
    await until(() => focused()?.matches('.node-picker input'), 'Add node… opens the picker');
    await sendKeys({ type: 'no op' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    const added = byName(el, 'No Operation') ?? el.workflow.nodes.find((n) => n.type === 'core.noOp');
    ok(added, 'the node was added');
    ok(!el.workflow.connections.some((c) => c.to.node === added.id), 'not connected to anything');
    ok(
      Math.abs(added.position.x - (400 - VIEW.x)) <= GRID && Math.abs(added.position.y + NODE_HEIGHT / 2 - (300 - VIEW.y)) <= GRID,
      JSON.stringify(added.position),
    );
    // Paste from the same menu.
    el.store.select([added.id]);
    await el.actions.copy();
    await sendMouse({ type: 'click', button: 'right', position: paneAt(el, 200, 400) });
    await until(() => menu(el));
    await sendMouse({ type: 'click', position: centre(menuItem(el, 'paste')) });
    await until(() => el.workflow.nodes.filter((n) => n.type === 'core.noOp').length === 2, 'pasted');
  });

  it('opens a node in the inspector on double-click', async () => {
    const el = await mount();
    nodeEl(el, 'if').dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true, ...pointAt(nodeEl(el, 'if')) }));
    await settle(el);
    equal([...el.store.selectedNodes], ['if']);
    const name = part(el, 'wf-inspector').querySelector<HTMLInputElement>('.inner input')!;
    equal(name.value, 'If');
    await until(() => focused() === name, 'the name field has the focus');
  });
});

function pointAt(el: Element): { clientX: number; clientY: number } {
  const [clientX, clientY] = centre(el);
  return { clientX, clientY };
}
