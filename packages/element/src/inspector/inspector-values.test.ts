import { buildWorkflow } from '@flowloom/engine/testing';
import type { WfExpressionInput } from '../expression/expression-input.component.js';
import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, part, settle } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

/** Trigger -> People (Ada, 36; Alan, 41) -> a node of `type` with id `n`. */
function workflowWith(type: string, parameters: Record<string, unknown> = {}) {
  return buildWorkflow({
    nodes: [
      { id: 't', type: 'core.manualTrigger' },
      { id: 'p', type: 'test.people' },
      { id: 'n', type, parameters },
    ],
    connections: [
      ['t', 'p'],
      ['p', 'n'],
    ],
  });
}

async function edit(type: string, parameters?: Record<string, unknown>): Promise<{ el: WorkflowEditor; root: ShadowRoot }> {
  const el = await mountEditor(workflowWith(type, parameters));
  el.store.select(['n']);
  await settle(el);
  return { el, root: part(el, 'wf-inspector') };
}

const params = (el: WorkflowEditor) => el.workflow.nodes.find((n) => n.id === 'n')!.parameters;
const field = (root: ShadowRoot, path: string) => root.querySelector<HTMLElement>(`[data-param="${path}"]`)!;

/** Types text as the user does: the field has the focus, its value changes, an input event follows. */
function type(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  input.focus();
  input.value = text;
  if (input.type !== 'number') input.setSelectionRange(text.length, text.length);
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'insertText' }));
}

/** Commits a native control, as leaving it does. */
function commit(input: HTMLElement): void {
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

function choose(select: HTMLSelectElement, label: string): void {
  const i = [...select.options].findIndex((o) => o.textContent!.trim() === label);
  ok(i >= 0, `no option ${label}`);
  select.selectedIndex = i;
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

async function addItem(el: WorkflowEditor, root: ShadowRoot, list: string): Promise<void> {
  root.querySelector<HTMLButtonElement>(`[data-param="${list}"] > .group > button`)!.click();
  await settle(el);
}

/** Runs the workflow in the editor; the output items of node `n` on a port. */
async function runOutput(el: WorkflowEditor, port = 'main'): Promise<unknown[]> {
  const execution = await el.run();
  const run = execution?.nodes.n?.[0];
  ok(run, `node n ran (${JSON.stringify(execution?.error ?? el.store.issues.get(''))})`);
  equal(run.status, 'success', JSON.stringify(run.error));
  return (run.output[port] ?? []).map((i) => i.json);
}

/** Adds a field to Edit Fields, named, of a type. */
async function addSetField(el: WorkflowEditor, root: ShadowRoot, name: string, typeLabel: string): Promise<void> {
  await addItem(el, root, 'fields');
  const nameInput = field(root, 'fields.0.name').querySelector('input')!;
  type(nameInput, name);
  commit(nameInput);
  choose(field(root, 'fields.0.type').querySelector('select')!, typeLabel);
  await settle(el);
}

describe('inspector fixed values', () => {
  it('saves plain text as a string in Edit Fields with type String', async () => {
    const { el, root } = await edit('core.set', { include: 'none' });
    await addSetField(el, root, 'fullName', 'String');
    const input = field(root, 'fields.0.value').querySelector<HTMLInputElement>('input[type="text"]');
    ok(input, 'a text input, not a JSON editor');
    type(input, 'Ada Lovelace');
    commit(input);
    equal(params(el).fields, [{ type: 'string', name: 'fullName', value: 'Ada Lovelace' }]);
    equal(await runOutput(el), [{ fullName: 'Ada Lovelace' }, { fullName: 'Ada Lovelace' }]);
  });

  it('saves a number as a number in Edit Fields with type Number, and converts text typed before', async () => {
    const { el, root } = await edit('core.set', { include: 'none' });
    await addSetField(el, root, 'total', 'String');
    const text = field(root, 'fields.0.value').querySelector<HTMLInputElement>('input')!;
    type(text, '42');
    commit(text);
    choose(field(root, 'fields.0.type').querySelector('select')!, 'Number');
    equal(params(el).fields, [{ type: 'number', name: 'total', value: 42 }], 'the text becomes a number with the type');
    await settle(el);
    const input = field(root, 'fields.0.value').querySelector<HTMLInputElement>('input[type="number"]');
    ok(input, 'a number input');
    type(input, '12.5');
    commit(input);
    equal(params(el).fields, [{ type: 'number', name: 'total', value: 12.5 }]);
    equal(await runOutput(el), [{ total: 12.5 }, { total: 12.5 }]);
  });

  it('offers a checkbox for type Boolean and saves true or false', async () => {
    const { el, root } = await edit('core.set', { include: 'none' });
    await addSetField(el, root, 'active', 'Boolean');
    equal(params(el).fields, [{ type: 'boolean', name: 'active', value: false }], 'an unticked box is false');
    const box = field(root, 'fields.0.value').querySelector<HTMLInputElement>('input[type="checkbox"]')!;
    box.checked = true;
    commit(box);
    equal(params(el).fields, [{ type: 'boolean', name: 'active', value: true }]);
    equal(await runOutput(el), [{ active: true }, { active: true }]);
  });

  it('takes JSON for type Object', async () => {
    const { el, root } = await edit('core.set', { include: 'none' });
    await addSetField(el, root, 'address', 'Object');
    const area = field(root, 'fields.0.value').querySelector<HTMLTextAreaElement>('textarea')!;
    type(area, '{ "city": "London", "zip": [1, 2] }');
    commit(area);
    equal(params(el).fields, [{ type: 'object', name: 'address', value: { city: 'London', zip: [1, 2] } }]);
    equal(await runOutput(el), [{ address: { city: 'London', zip: [1, 2] } }, { address: { city: 'London', zip: [1, 2] } }]);
  });

  it('saves a number for a number operator of If, which routes the items by it', async () => {
    const { el, root } = await edit('core.if');
    await addItem(el, root, 'conditions');
    const fieldInput = field(root, 'conditions.0.field').querySelector('input')!;
    type(fieldInput, 'age');
    commit(fieldInput);
    choose(field(root, 'conditions.0.operator').querySelector('select')!, 'Number: is greater than');
    await settle(el);
    const right = field(root, 'conditions.0.rightValue').querySelector<HTMLInputElement>('input[type="number"]');
    ok(right, 'a number input for a number operator');
    type(right, '40');
    commit(right);
    equal(params(el).conditions, [{ field: 'age', operator: 'number:gt', rightValue: 40 }]);
    const execution = await el.run();
    const out = execution!.nodes.n![0]!;
    equal(out.status, 'success', JSON.stringify(out.error));
    equal([out.output.true!.map((i) => i.json.name), out.output.false!.map((i) => i.json.name)], [['Alan'], ['Ada']]);
  });

  it('keeps an expression typed into a condition value of Filter when a number operator is chosen', async () => {
    const { el, root } = await edit('core.filter');
    await addItem(el, root, 'conditions');
    type(field(root, 'conditions.0.leftValue').querySelector('input')!, '{{ $json.age }}');
    await settle(el);
    choose(field(root, 'conditions.0.operator').querySelector('select')!, 'Number: is greater than or equal to');
    await settle(el);
    ok(field(root, 'conditions.0.leftValue').querySelector(':scope > wf-expression-input'), 'still an expression');
    const right = field(root, 'conditions.0.rightValue').querySelector<HTMLInputElement>('input[type="number"]')!;
    type(right, '41');
    commit(right);
    equal(params(el).conditions, [{ leftValue: '{{ $json.age }}', operator: 'number:gte', rightValue: 41 }]);
    equal(await runOutput(el), [{ name: 'Alan', age: 41, address: { city: 'Wilmslow' } }]);
  });

  it('stores the text of a field of any type as text, and JSON objects and arrays parsed', async () => {
    const { el, root } = await edit('core.if');
    await addItem(el, root, 'conditions');
    const right = field(root, 'conditions.0.rightValue').querySelector<HTMLInputElement>('input[type="text"]')!;
    type(right, 'Ada Lovelace');
    commit(right);
    equal(params(el).conditions, [{ rightValue: 'Ada Lovelace' }]);
    type(right, '[1, "two"]');
    commit(right);
    equal(params(el).conditions, [{ rightValue: [1, 'two'] }]);
    type(right, '[not json');
    commit(right);
    equal(params(el).conditions, [{ rightValue: '[not json' }]);
  });
});

describe('inspector expression mode', () => {
  it('switches a fixed field to an expression when {{ is typed, keeping the text and the cursor', async () => {
    const { el, root } = await edit('core.set', { include: 'none' });
    await addSetField(el, root, 'greeting', 'String');
    type(field(root, 'fields.0.value').querySelector('input')!, 'Hello {{');
    const input = await until(
      () => field(root, 'fields.0.value').querySelector<WfExpressionInput>(':scope > wf-expression-input'),
      'the field became an expression input',
    );
    await until(
      () => root.activeElement === input && input.shadowRoot!.activeElement?.localName === 'textarea',
      'the expression input has the focus',
    );
    equal([input.value, input.selectionStart, input.selectionEnd], ['Hello {{', 8, 8]);
    equal(params(el).fields, [{ type: 'string', name: 'greeting', value: 'Hello {{' }]);
    ok(field(root, 'fields.0.value').querySelector('button.fx[aria-pressed="true"]'));
    const area = input.shadowRoot!.querySelector('textarea')!;
    type(area, 'Hello {{ $json.name }}');
    equal(await runOutput(el), [{ greeting: 'Hello Ada' }, { greeting: 'Hello Alan' }]);
  });

  it('keeps a cleared expression in expression mode with the focus in it, until fx is pressed', async () => {
    const { el, root } = await edit('test.form', { text: '{{ $json.name }}' });
    const input = field(root, 'text').querySelector<WfExpressionInput>(':scope > wf-expression-input')!;
    await input.updateComplete;
    const area = input.shadowRoot!.querySelector('textarea')!;
    area.focus();
    area.select();
    type(area, '');
    await settle(el);
    equal(params(el).text, undefined);
    ok(field(root, 'text').querySelector(':scope > wf-expression-input') === input, 'the same expression input');
    ok(root.activeElement === input && input.shadowRoot!.activeElement === area, 'the focus stays in it');
    type(area, '{');
    await settle(el);
    equal(params(el).text, '{', 'a first brace does not leave expression mode');
    type(area, '{{ $json.age }}');
    await settle(el);
    equal(params(el).text, '{{ $json.age }}');
    ok(field(root, 'text').querySelector(':scope > wf-expression-input') === input);
    field(root, 'text').querySelector<HTMLButtonElement>('button.fx')!.click();
    await settle(el);
    equal(params(el).text, undefined);
    ok(field(root, 'text').querySelector('input[type="text"]'), 'fx leaves expression mode');
  });
});
