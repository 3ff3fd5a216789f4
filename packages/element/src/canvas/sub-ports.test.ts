// Sub-ports, driven with the real mouse (Chromium's input, not synthetic events): the engine's workflow checks are
// the oracle for what may be attached where.
import type { Connection, Workflow } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import { aiTestEngine } from '../testing/ai-node-types.js';
import { equal, ok, until } from '../testing/assert.js';
import { canvasOf, mountEditor, part, settle } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

/** Trigger -> AI Agent, with a memory and an HTTP Request node below it, nothing attached yet. */
const agentWorkflow = (extra: Parameters<typeof buildWorkflow>[0]['nodes'] = [], connections: [string, string][] = []) =>
  buildWorkflow({
    id: 'agent',
    name: 'Agent',
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
      { id: 'agent', name: 'Agent', type: 'ai.agent', position: { x: 300, y: 0 } },
      { id: 'mem', name: 'Memory', type: 'ai.memory', position: { x: 300, y: 280 } },
      { id: 'web', name: 'Search', type: 'core.httpRequest', position: { x: 560, y: 280 }, parameters: { url: 'https://example.com/' } },
      ...extra,
    ],
    connections: [['t', 'agent'], ...connections],
  });

const mount = (workflow: Workflow) => mountEditor(workflow, (el) => (el.engine = aiTestEngine()));

const SUB_PORT_CODES = ['sub_port_mismatch', 'too_many_attached', 'attached_node_connected', 'unknown_port'];

/** The engine's sub-port issues about connection `index` of a workflow. */
function engineIssues(el: WorkflowEditor, workflow: Workflow, index: number): string[] {
  const result = el.engine.validate(workflow);
  if (result.success) return [];
  return result.error.issues
    .filter((i) => i.path[0] === 'connections' && i.path[1] === index && SUB_PORT_CODES.includes(i.code))
    .map((i) => i.code);
}

const root = (el: WorkflowEditor) => canvasOf(el).shadowRoot!;
const at = (el: WorkflowEditor, selector: string) => {
  const found = root(el).querySelector<HTMLElement>(selector);
  ok(found, `${selector} is on the canvas`);
  return found;
};
const subIn = (node: string, port: string) => `.port.sub-in[data-node="${node}"][data-port="${port}"]`;
const subOut = (node: string, port: string) => `.port.sub-out[data-node="${node}"][data-port="${port}"]`;

function centre(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

/** Presses the mouse at `from`, moves it to `to` in a few steps, and, unless told to hold, releases it there. */
async function drag(el: WorkflowEditor, from: [number, number], to: [number, number], hold = false): Promise<void> {
  await sendMouse({ type: 'move', position: from });
  await sendMouse({ type: 'down' });
  for (const f of [0.3, 0.7, 1]) {
    await sendMouse({ type: 'move', position: [Math.round(from[0] + (to[0] - from[0]) * f), Math.round(from[1] + (to[1] - from[1]) * f)] });
  }
  await settle(el);
  if (!hold) {
    await sendMouse({ type: 'up' });
    await settle(el);
  }
}

async function open(workflow: Workflow): Promise<WorkflowEditor> {
  await setViewport({ width: 1700, height: 1000 });
  const el = await mount(workflow);
  el.style.width = '1600px';
  el.style.height = '900px';
  await settle(el);
  canvasOf(el).setViewport({ x: 40, y: 60, zoom: 1 });
  await settle(el);
  return el;
}

/** Waits, frame by frame, until the canvas has stopped panning (an animated reveal). */
async function viewportSettled(el: WorkflowEditor): Promise<void> {
  let last = '';
  for (;;) {
    await settle(el);
    const now = JSON.stringify(canvasOf(el).viewport);
    if (now === last) return;
    last = now;
  }
}

const attachment = (from: string, port: string, to = 'agent'): Connection => ({ from: { node: from, port }, to: { node: to, port } });

describe('sub-ports on the canvas', () => {
  afterEach(() => resetMouse());

  it('draws labelled sub-inputs under an agent and the ports a node attaches through on top, none without an AI node', async () => {
    const el = await open(agentWorkflow());
    equal(
      [...root(el).querySelectorAll<HTMLElement>('.node[data-id="agent"] .port.sub-in')].map((p) => p.dataset.port),
      ['model', 'memory', 'tool'],
    );
    equal(
      [...root(el).querySelectorAll('.node[data-id="agent"] .sub-label')].map((l) => l.textContent),
      ['Chat Model', 'Memory', 'Tools'],
    );
    ok(at(el, subOut('mem', 'memory')));
    ok(at(el, subOut('web', 'tool')).classList.contains('optional'), 'any node taking items may be a tool, shown on hover');
    ok(!root(el).querySelector('.node[data-id="t"] .port.sub-out'), 'a trigger attaches nowhere');
    const agentBox = at(el, '.node[data-id="agent"]').getBoundingClientRect();
    const model = at(el, subIn('agent', 'model')).getBoundingClientRect();
    ok(Math.abs(model.top + model.height / 2 - agentBox.bottom) < 2, 'sub-inputs sit on the bottom edge');

    const plain = await mountEditor();
    ok(!canvasOf(plain).shadowRoot!.querySelector('.port.sub-in, .port.sub-out, .sub-add'), 'a workflow without AI nodes looks as before');
  });

  it('attaches a chat model, a memory and a tool by dragging, and saves connections the engine accepts', async () => {
    const el = await open(agentWorkflow());
    // The Chat Model comes from the palette (a click; it goes to the right of the selected agent), then is dragged under the agent.
    await sendMouse({ type: 'click', position: centre(at(el, '.node[data-id="agent"] .label')) });
    const paletteItem = part(el, 'wf-palette').querySelector<HTMLElement>('button.type[data-type="ai.chatModel"]')!;
    paletteItem.scrollIntoView({ block: 'center' });
    await sendMouse({ type: 'click', position: centre(paletteItem) });
    await settle(el);
    const gpt = el.workflow.nodes.find((n) => n.type === 'ai.chatModel')!;
    ok(gpt, 'the palette added a Chat Model');
    await viewportSettled(el);
    const gptBox = at(el, `.node[data-id="${gpt.id}"]`).getBoundingClientRect();
    const agentBox = at(el, '.node[data-id="agent"]').getBoundingClientRect();
    // Its top-left corner goes 260 to the left of the agent's and 280 below.
    const grab: [number, number] = [Math.round(gptBox.left + 100), Math.round(gptBox.top + 32)];
    await drag(el, grab, [grab[0] + Math.round(agentBox.left - 260 - gptBox.left), grab[1] + Math.round(agentBox.top + 280 - gptBox.top)]);
    equal(el.workflow.nodes.find((n) => n.id === gpt.id)!.position, { x: 40, y: 280 });

    await drag(el, centre(at(el, subOut(gpt.id, 'model'))), centre(at(el, subIn('agent', 'model'))), true);
    ok(at(el, subIn('agent', 'model')).classList.contains('target-valid'), 'the model sub-input accepts it');
    ok(root(el).querySelector('path.edge.pending'), 'the pending connection follows the pointer');
    await sendMouse({ type: 'up' });
    await settle(el);
    await drag(el, centre(at(el, subOut('mem', 'memory'))), centre(at(el, subIn('agent', 'memory'))));
    await sendMouse({ type: 'move', position: centre(at(el, '.node[data-id="web"]')) });
    await drag(el, centre(at(el, subOut('web', 'tool'))), centre(at(el, subIn('agent', 'tool'))));
    equal(root(el).querySelectorAll('path.edge.attachment').length, 3);
    ok(!root(el).querySelector('.sub-add[data-node="agent"][data-port="model"]'), 'a full sub-input offers no "+"');
    ok(root(el).querySelector('.sub-add[data-node="agent"][data-port="tool"]'), 'tools take any number');

    let saved: Workflow | undefined;
    el.addEventListener('wf-workflow-save', (e) => (saved = e.detail.workflow));
    const save = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toolbar button')].find((b) => b.textContent!.trim() === 'Save')!;
    await sendMouse({ type: 'click', position: centre(save) });
    await until(() => saved, 'the workflow was saved');
    equal(saved!.connections, [
      { from: { node: 't', port: 'main' }, to: { node: 'agent', port: 'main' } },
      attachment(gpt.id, 'model'),
      attachment('mem', 'memory'),
      attachment('web', 'tool'),
    ]);
    const checked = el.engine.validate(saved);
    ok(checked.success, `the engine accepts the document: ${checked.success ? '' : checked.error.message}`);
  });

  it('refuses what the engine would refuse, saying why beside the pointer', async () => {
    const el = await open(
      agentWorkflow(
        [
          { id: 'gpt', name: 'GPT', type: 'ai.chatModel', position: { x: 40, y: 280 } },
          { id: 'claude', name: 'Claude', type: 'ai.chatModel', position: { x: 40, y: 440 } },
        ],
        [['gpt:model', 'agent:model']],
      ),
    );
    const cases: { from: string; to: string; connection: Connection; says: string }[] = [
      {
        from: subOut('claude', 'model'),
        to: subIn('agent', 'model'),
        connection: attachment('claude', 'model'),
        says: 'Agent takes at most 1 on Chat Model: delete the connection of GPT first.',
      },
      {
        from: subOut('claude', 'model'),
        to: subIn('agent', 'tool'),
        connection: { from: { node: 'claude', port: 'model' }, to: { node: 'agent', port: 'tool' } },
        says: 'A Chat Model attaches to a \u201cmodel\u201d sub-port, not to Tools.',
      },
      {
        from: subOut('claude', 'model'),
        to: '.port.in[data-node="agent"]',
        connection: { from: { node: 'claude', port: 'model' }, to: { node: 'agent', port: 'main' } },
        says: 'A Chat Model attaches to a \u201cmodel\u201d sub-port under another node, not to an input.',
      },
      {
        from: '.port.out[data-node="t"]',
        to: subIn('agent', 'model'),
        connection: { from: { node: 't', port: 'main' }, to: { node: 'agent', port: 'model' } },
        says: 'Chat Model takes a node attached from its top port (Chat Model), not items.',
      },
    ];
    for (const c of cases) {
      const before = el.workflow;
      const index = before.connections.length;
      ok(
        engineIssues(el, { ...before, connections: [...before.connections, c.connection] }, index).length > 0,
        `the engine refuses ${JSON.stringify(c.connection)}`,
      );
      await drag(el, centre(at(el, c.from)), centre(at(el, c.to)), true);
      ok(at(el, c.to).classList.contains('target-invalid'), `${c.to} is marked invalid`);
      equal(at(el, '.connect-hint').textContent, c.says);
      await sendMouse({ type: 'up' });
      await settle(el);
      equal(el.workflow.connections, before.connections, 'nothing was connected');
      equal(el.store.announcement, c.says);
      equal(at(el, '.connect-hint').textContent, c.says, 'the reason stays in view after the drop');
    }
    await sendMouse({ type: 'click', position: centre(at(el, '.node[data-id="agent"] .label')) });
    await settle(el);
    ok(!root(el).querySelector('.connect-hint'), 'the next press clears it');
  });

  it('deletes an attachment selected with a click, as one undoable edit', async () => {
    const el = await open(
      agentWorkflow([{ id: 'gpt', name: 'GPT', type: 'ai.chatModel', position: { x: 40, y: 280 } }], [['gpt:model', 'agent:model']]),
    );
    const edge = at(el, 'path.edge.attachment') as unknown as SVGPathElement;
    equal(edge.getAttribute('aria-label'), 'GPT attached to Agent as Chat Model');
    const mid = edge.getPointAtLength(edge.getTotalLength() / 2).matrixTransform(edge.getScreenCTM()!);
    await sendMouse({ type: 'click', position: [Math.round(mid.x), Math.round(mid.y)] });
    await settle(el);
    equal([...el.store.selectedConnections], ['gpt:model->agent:model']);
    (root(el).querySelector('path.edge.attachment.selected') as SVGElement).focus();
    await sendKeys({ press: 'Delete' });
    await settle(el);
    equal(el.workflow.connections, [{ from: { node: 't', port: 'main' }, to: { node: 'agent', port: 'main' } }]);
    ok(root(el).querySelector('.sub-add[data-node="agent"][data-port="model"]'), 'the model sub-input takes one again');
    el.undo();
    equal(el.workflow.connections.length, 2);
  });

  it('offers under a sub-input\u2019s "+" exactly the node types the engine accepts there, and attaches the one chosen', async () => {
    const el = await open(agentWorkflow());
    for (const port of ['model', 'memory', 'tool']) {
      await sendMouse({ type: 'click', position: centre(at(el, `.sub-add[data-node="agent"][data-port="${port}"]`)) });
      await settle(el);
      const offered = [...root(el).querySelectorAll<HTMLElement>('.sub-menu .sub-choice')].map((b) => b.dataset.type!).sort();
      const accepted = [...el.store.types.values()]
        .filter((d) => !d.hidden)
        .filter((d) => {
          const probe = { id: 'probe', name: 'Probe', type: d.type, typeVersion: d.version, position: { x: 0, y: 600 }, parameters: {} };
          const workflow = {
            ...el.workflow,
            nodes: [...el.workflow.nodes, probe],
            connections: [...el.workflow.connections, attachment('probe', port)],
          };
          return engineIssues(el, workflow, workflow.connections.length - 1).length === 0;
        })
        .map((d) => d.type)
        .sort();
      equal(offered, accepted, `the types offered for ${port}`);
      ok(root(el).activeElement?.matches('.sub-menu input'), 'the search field has the focus');
      await sendKeys({ press: 'Escape' });
      await settle(el);
      ok(!root(el).querySelector('.sub-menu'), 'Escape closes the menu');
    }

    await sendMouse({ type: 'click', position: centre(at(el, '.sub-add[data-node="agent"][data-port="model"]')) });
    await settle(el);
    await sendKeys({ type: 'chat' });
    await settle(el);
    equal(
      [...root(el).querySelectorAll<HTMLElement>('.sub-menu .sub-choice')].map((b) => b.dataset.type),
      ['ai.chatModel'],
    );
    await sendMouse({ type: 'click', position: centre(at(el, '.sub-menu .sub-choice')) });
    await settle(el);
    const model = el.workflow.nodes.find((n) => n.type === 'ai.chatModel')!;
    equal(el.workflow.connections.at(-1), attachment(model.id, 'model'));
    ok(model.position.y > 0, 'the new node goes below the agent');
    equal([...el.store.selectedNodes], [model.id]);
    equal(el.store.announcement, 'Chat Model attached to Agent as Chat Model');
    ok(!root(el).querySelector('.sub-menu'), 'choosing closes the menu');
    el.undo();
    ok(!el.workflow.nodes.some((n) => n.type === 'ai.chatModel'), 'undo removes the node and its connection at once');
    equal(el.workflow.connections.length, 1);
  });
});
