import type { Item } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import type { WfExpressionInput } from '../expression/expression-input.component.js';
import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, part, sampleWorkflow, settle, testEngine } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';
import { DataTools } from './data-tools.js';

// The sample workflow: Start -> People (emits Ada and Alan) -> Form (passes its input on). The oracle for the
// data the editor shows is a run of the same workflow by the engine alone.

const json = (items: readonly Item[] | undefined) => items?.map((i) => i.json);

async function editorOn(nodeId: string): Promise<WorkflowEditor> {
  const el = await mountEditor(sampleWorkflow());
  el.store.select([nodeId]);
  await settle(el);
  return el;
}

/** The node data part inside the inspector. */
function nodeData(el: WorkflowEditor): ShadowRoot {
  const data = part(el, 'wf-inspector').querySelector('wf-node-data');
  ok(data?.shadowRoot, 'no wf-node-data in the inspector');
  return data.shadowRoot;
}

function click(root: ShadowRoot, selector: string): void {
  const button = root.querySelector<HTMLButtonElement>(selector);
  ok(button, `no ${selector}`);
  button.click();
}

function typeInto(area: HTMLTextAreaElement, text: string): void {
  area.value = text;
  area.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

/** Drags `from` and drops it on `to`, as the browser does: one DataTransfer through dragstart, dragover and drop. */
function dragAndDrop(from: Element, to: Element): boolean {
  const dataTransfer = new DataTransfer();
  from.dispatchEvent(new DragEvent('dragstart', { dataTransfer, bubbles: true, composed: true, cancelable: true }));
  const over = new DragEvent('dragover', { dataTransfer, bubbles: true, composed: true, cancelable: true });
  to.dispatchEvent(over);
  if (!over.defaultPrevented) return false;
  to.dispatchEvent(new DragEvent('drop', { dataTransfer, bubbles: true, composed: true, cancelable: true }));
  return true;
}

describe('data tools: pinned data', () => {
  it('pins items typed as JSON, shows them as pinned on the canvas and in the inspector, and unpins them', async () => {
    const el = await editorOn('p');
    click(nodeData(el), '.edit-pin');
    await settle(el);
    typeInto(nodeData(el).querySelector('textarea')!, '[{ "name": "Zoe", "age": 7 }]');
    await settle(el);
    click(nodeData(el), '.save-pin');
    await settle(el);
    equal(el.workflow.pinData, { p: [{ json: { name: 'Zoe', age: 7 } }] });
    ok(nodeData(el).querySelector('.pinned-badge'), 'the inspector shows no pinned mark');
    ok(
      nodeData(el).textContent!.includes('Manual runs and steps use this item instead of running this node.'),
      'one pinned item is named in the singular',
    );
    const canvasNode = part(el, 'wf-canvas').querySelector('[data-id="p"]')!;
    ok(canvasNode.classList.contains('pinned'), 'the canvas node is not marked pinned');
    ok(canvasNode.getAttribute('aria-label')!.includes('Pinned'), 'the canvas node does not say it is pinned');

    // A manual run uses the pinned items instead of running People.
    const execution = await el.run();
    ok(execution?.nodes.p?.[0]?.pinned, 'People ran instead of giving its pinned data');
    equal(json(execution.nodes.f?.[0]?.output.main), [{ name: 'Zoe', age: 7 }]);

    click(nodeData(el), '.unpin');
    await settle(el);
    equal(el.workflow.pinData, undefined);
    ok(!part(el, 'wf-canvas').querySelector('[data-id="p"]')!.classList.contains('pinned'), 'still marked pinned');
    el.undo();
    await settle(el);
    equal(el.workflow.pinData, { p: [{ json: { name: 'Zoe', age: 7 } }] }, 'undo brings the pin back');
  });

  it('refuses pinned JSON that is not a list of objects, saying which item is wrong', async () => {
    const el = await editorOn('p');
    click(nodeData(el), '.edit-pin');
    await settle(el);
    typeInto(nodeData(el).querySelector('textarea')!, '[{ "name": "Zoe" }, 3]');
    await settle(el);
    click(nodeData(el), '.save-pin');
    await settle(el);
    equal(nodeData(el).querySelector('.pin-error')?.textContent?.trim(), 'Item [1] must be an object, got the number 3.');
    equal(nodeData(el).querySelector('textarea')!.getAttribute('aria-invalid'), 'true');
    equal(el.workflow.pinData, undefined);

    typeInto(nodeData(el).querySelector('textarea')!, '[\n  { "name": }\n]');
    await settle(el);
    click(nodeData(el), '.save-pin');
    await settle(el);
    equal(
      nodeData(el).querySelector('.pin-error')?.textContent?.trim(),
      'Pinned data is not valid JSON at line 2, column 13: unexpected "}".',
    );
    equal(el.workflow.pinData, undefined);
  });

  it('pins the output of the last run from the run panel', async () => {
    const el = await editorOn('p');
    await el.run();
    await settle(el);
    const oracle = await testEngine().run(sampleWorkflow());
    click(part(el, 'wf-run-panel'), '.pin-this-output');
    await settle(el);
    equal(json(el.workflow.pinData?.p), json(oracle.nodes.p?.[0]?.output.main));
    ok(nodeData(el).querySelector('.pinned-badge'), 'the inspector shows no pinned mark');
  });
});

describe('data tools: execute step', () => {
  it('runs the node and the nodes before it when there is no earlier run, and nothing after it', async () => {
    const el = await editorOn('p');
    click(nodeData(el), '.execute-step');
    await until(() => !el.store.running && el.store.execution, 'the step did not finish');
    const oracle = await testEngine().run(sampleWorkflow());
    const execution = el.store.execution!;
    equal(json(execution.nodes.p?.[0]?.output.main), json(oracle.nodes.p?.[0]?.output.main));
    ok(execution.nodes.t, 'the trigger before it did not run');
    equal(execution.nodes.f, undefined, 'the node after it ran');
  });

  it('reuses the last run for the nodes before it and merges the new run into the data shown', async () => {
    const el = await editorOn('f');
    const first = await el.run();
    ok(first);
    const peopleRun = first.nodes.p![0]!;
    let merged = await el.executeStep('f');
    ok(merged);
    // People gave its output of the first run: it was not run again, and its run shown is the first one.
    equal(merged.nodes.p?.length, 1);
    equal(merged.nodes.p![0]!.startedAt, peopleRun.startedAt);
    ok(merged.nodes.f?.[0]?.startedAt !== first.nodes.f?.[0]?.startedAt || merged.id !== first.id, 'Form did not run again');
    equal(json(merged.nodes.f?.at(-1)?.output.main), json(first.nodes.f?.[0]?.output.main));
    equal(el.store.execution, merged);

    // Pinned data on People now stands in for it: the step runs Form with it.
    el.store.dispatch({ type: 'updateWorkflow', patch: { pinData: { p: [{ json: { name: 'Zoe' } }] } }, before: {} });
    merged = await el.executeStep('f');
    ok(merged);
    equal(json(merged.nodes.f?.at(-1)?.output.main), [{ name: 'Zoe' }]);
    await settle(el);
    equal(el.store.nodeStatus.get('f'), 'success');
  });
});

/** Start -> People -> "Over N" (If age > N) -> on false: Form. */
function branching(limit: number) {
  return buildWorkflow({
    id: 'branch',
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger' },
      { id: 'p', name: 'People', type: 'test.people' },
      { id: 'i', name: 'Over', type: 'core.if', parameters: { conditions: [{ field: 'age', operator: 'number:gt', rightValue: limit }] } },
      { id: 'f', name: 'Form', type: 'test.form' },
    ],
    connections: [
      ['t', 'p'],
      ['p', 'i'],
      ['i:false', 'f'],
    ],
  });
}

describe('data tools: execute step after a branch', () => {
  it('runs again a node that sent items to another output than its first, so the branch gets them', async () => {
    const el = await mountEditor(branching(40));
    const first = await el.run();
    ok(first);
    const merged = await el.executeStep('f');
    ok(merged);
    ok(merged.nodes.f !== first.nodes.f, 'Form did not run again');
    equal(json(merged.nodes.f?.at(-1)?.output.main), json((await testEngine().run(branching(40))).nodes.f?.[0]?.output.main));
    equal(json(merged.nodes.f?.at(-1)?.output.main), [{ name: 'Ada', age: 36, address: { city: 'London' } }]);
    // People's output was reused.
    equal(merged.nodes.p, first.nodes.p);
  });

  it('runs again a node whose parameters changed since the last run', async () => {
    const el = await mountEditor(branching(40));
    const first = await el.run();
    ok(first);
    const conditions = [{ field: 'age', operator: 'number:gt', rightValue: 50 }];
    el.actions.setParameter('i', 'conditions', conditions);
    const merged = await el.executeStep('f');
    ok(merged);
    const oracle = await testEngine().run(branching(50));
    equal(json(merged.nodes.f?.at(-1)?.output.main), json(oracle.nodes.f?.[0]?.output.main));
    equal(merged.nodes.f?.at(-1)?.output.main?.length, 2);
    equal(merged.nodes.p, first.nodes.p);
  });
});

describe('data tools: execute step after changed pinned data', () => {
  it('runs again the nodes after a node whose pinned data changed since the last run', async () => {
    const el = await mountEditor(branching(40));
    const first = await el.run();
    ok(first);
    const pinned = [{ json: { name: 'Grace', age: 30 } }];
    ok(DataTools.of(el.actions).pin('p', pinned), 'pinned');
    const merged = await el.executeStep('f');
    ok(merged);
    // The oracle: a full run of the same workflow with the same pinned data.
    const oracle = await testEngine().run({ ...branching(40), pinData: { p: pinned } });
    equal(json(merged.nodes.i?.at(-1)?.output.false), json(oracle.nodes.i?.[0]?.output.false));
    equal(json(merged.nodes.f?.at(-1)?.output.main), json(oracle.nodes.f?.[0]?.output.main));
    ok(merged.nodes.i !== first.nodes.i, 'Over did not run again');
  });
});

describe('data tools: input view and mapping', () => {
  it('shows the incoming items with arrows to pick the item, and previews expressions for it', async () => {
    const el = await editorOn('f');
    equal(nodeData(el).querySelector('.hint')?.textContent?.trim(), 'No data from People yet. Execute the previous step to see it here.');
    await el.run();
    await settle(el);
    const root = nodeData(el);
    equal(root.querySelector('.item-position')?.textContent?.trim(), 'Item 1 of 2');
    ok(root.querySelector<HTMLButtonElement>('.previous-item')!.disabled, 'previous is enabled on the first item');
    equal(
      [...root.querySelectorAll('thead th')].map((th) => th.textContent!.trim()),
      ['#', 'name', 'age', 'address'],
    );

    // The Text field as an expression previews the picked item.
    el.actions.setParameter('f', 'text', '{{ $json.name }}');
    await settle(el);
    const input = part(el, 'wf-inspector').querySelector<WfExpressionInput>('[data-param="text"] > wf-expression-input')!;
    await until(() => input.shadowRoot!.querySelector('.preview')?.textContent?.includes('"Ada"'), 'no preview of Ada');

    click(root, '.next-item');
    await settle(el);
    equal(root.querySelector('.item-position')?.textContent?.trim(), 'Item 2 of 2');
    equal(root.querySelector('tr.selected td')?.textContent?.trim(), '2');
    ok(root.querySelector<HTMLButtonElement>('.next-item')!.disabled, 'next is enabled on the last item');
    await until(() => input.shadowRoot!.querySelector('.preview')?.textContent?.includes('"Alan"'), 'the preview did not follow the item');

    click(root, 'button[aria-pressed="false"]'); // JSON view
    await settle(el);
    ok(root.querySelector('.json-view')?.textContent?.includes('Wilmslow'), 'the JSON view does not show the picked item');
  });

  it('shows, before the node has run, the pinned data of the node before it', async () => {
    const el = await editorOn('f');
    el.store.dispatch({ type: 'updateWorkflow', patch: { pinData: { p: [{ json: { name: 'Zoe', pet: 'cat' } }] } }, before: {} });
    await settle(el);
    const root = nodeData(el);
    equal(root.querySelector('.source')?.textContent?.trim(), 'From People (pinned data)');
    equal(root.querySelector('.item-position')?.textContent?.trim(), 'Item 1 of 1');
    equal(
      [...root.querySelectorAll('tbody td')].map((td) => td.textContent!.trim()),
      ['1', 'Zoe', 'cat'],
    );
  });

  it('maps a field dragged from the input onto a parameter as an expression', async () => {
    const el = await editorOn('f');
    await el.run();
    await settle(el);
    const inspector = part(el, 'wf-inspector');
    const nameColumn = [...nodeData(el).querySelectorAll('thead th')].find((th) => th.textContent!.trim() === 'name')!;
    ok(dragAndDrop(nameColumn, inspector.querySelector('[data-param="text"] input')!), 'the Text field refused the drop');
    await settle(el);
    equal(el.workflow.nodes.find((n) => n.id === 'f')!.parameters.text, '{{ $json.name }}');
    ok(inspector.querySelector('[data-param="text"] > wf-expression-input'), 'the field did not switch to an expression');

    // From the JSON view, a nested field, dropped on the same field now an expression: inserted at its end.
    click(nodeData(el), 'button[aria-pressed="false"]');
    await settle(el);
    const city = [...nodeData(el).querySelectorAll('.json .key')].find((k) => k.textContent === 'city')!;
    ok(dragAndDrop(city, inspector.querySelector('[data-param="text"] > wf-expression-input')!), 'the expression refused the drop');
    await settle(el);
    equal(el.workflow.nodes.find((n) => n.id === 'f')!.parameters.text, '{{ $json.name }}{{ $json.address.city }}');
    const expression = inspector.querySelector<WfExpressionInput>('[data-param="text"] > wf-expression-input')!;
    await until(
      () => expression.shadowRoot!.querySelector('.preview')?.textContent?.includes('AdaLondon'),
      'no preview of the mapped fields',
    );
  });
});
