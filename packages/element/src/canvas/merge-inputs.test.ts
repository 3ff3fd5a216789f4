import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok } from '../testing/assert.js';
import { canvasOf, mountEditor, settle } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

/** A Merge of four inputs, each fed by its own node, as the engine describes Merge (`inputCount` on `numberInputs`). */
const fourInputs = buildWorkflow({
  id: 'merge-four',
  nodes: [
    { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 200 } },
    ...[1, 2, 3, 4].map((i) => ({ id: `s${i}`, name: `Source ${i}`, type: 'core.noOp', position: { x: 280, y: i * 100 } })),
    { id: 'm', name: 'Merge', type: 'core.merge', parameters: { numberInputs: 4, mode: 'append' }, position: { x: 600, y: 220 } },
  ],
  connections: [
    ...[1, 2, 3, 4].map((i): [string, string] => ['t', `s${i}`]),
    ...[1, 2, 3, 4].map((i): [string, string] => [`s${i}`, `m:input${i}`]),
  ],
});

/** The Merge's description with its input rule (what the engine's `describe` gives for Merge). */
function describeMergeInputs(el: WorkflowEditor): void {
  const merge = el.store.describe('core.merge');
  ok(merge, 'the engine describes core.merge');
  el.store.types.set('core.merge', {
    ...merge,
    inputCount: { parameter: 'numberInputs', prefix: 'input', min: 2, max: 10 },
  } as typeof merge);
}

describe('a node whose number of inputs is a parameter', () => {
  it('draws a Merge of four inputs with four input ports, each connection ending at its own port', async () => {
    const el = await mountEditor(fourInputs, describeMergeInputs);
    const canvas = canvasOf(el);
    canvas.setViewport({ x: 0, y: 0, zoom: 1 });
    el.store.notify();
    await settle(el);
    const root = canvas.shadowRoot!;
    const ports = [...root.querySelectorAll('.node[data-id="m"] .port.in')];
    equal(
      ports.map((p) => p.getAttribute('data-port')),
      ['input1', 'input2', 'input3', 'input4'],
    );
    // Each edge into the Merge ends at the height of its port: four different ends, in port order.
    const mergeBox = root.querySelector('.node[data-id="m"]')!.getBoundingClientRect();
    const portYs = ports.map((p) => {
      const r = p.getBoundingClientRect();
      return Math.round(r.top + r.height / 2 - mergeBox.top);
    });
    const ends = [1, 2, 3, 4].map((i) => {
      const edge = root.querySelector(`path.edge[data-edge^="s${i}:"]`);
      ok(edge, `the connection from Source ${i} is drawn`);
      const d = edge.getAttribute('d')!;
      const numbers = d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      return Math.round(numbers.at(-1)! - 220);
    });
    ends.forEach((end, i) =>
      ok(Math.abs(end - portYs[i]!) <= 2, `connection ${i + 1} ends at its port: ${ends.join(', ')} / ${portYs.join(', ')}`),
    );
    ok(new Set(ends).size === 4, `four different ends: ${ends.join(', ')}`);
  });

  it('draws the two default ports when numberInputs is not set', async () => {
    const two = buildWorkflow({
      id: 'merge-two',
      nodes: [{ id: 'm', name: 'Merge', type: 'core.merge', position: { x: 100, y: 100 } }],
    });
    const el = await mountEditor(two, describeMergeInputs);
    el.store.notify();
    await settle(el);
    const ports = [...canvasOf(el).shadowRoot!.querySelectorAll('.node[data-id="m"] .port.in')];
    equal(
      ports.map((p) => p.getAttribute('data-port')),
      ['input1', 'input2'],
    );
  });
});
