import { createEngine, defineNode, type LoadOptionsRequest, type WorkflowNode } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { z } from 'zod';
import type { OptionsLoader } from '../options-loader.js';
import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, part, settle, testNodeTypes } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

/** A node type whose choices are computed from its own parameters, and one method that always fails. */
const catalog = defineNode({
  type: 'test.catalog',
  version: 1,
  displayName: 'Catalog',
  group: 'data',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({
    table: z.string().optional().meta({ label: 'Table', loadOptions: 'tables' }),
    field: z
      .string()
      .optional()
      .meta({ label: 'Field', loadOptions: 'fields', loadOptionsDependsOn: ['table'] }),
    view: z.string().optional().meta({ label: 'View', loadOptions: 'views' }),
    pipeline: z.number().int().optional().meta({ label: 'Pipeline', loadOptions: 'pipelines' }),
  }),
  loadOptions: {
    tables: () =>
      Promise.resolve([
        { value: 'tbl_orders', label: 'Orders', description: 'Every order placed' },
        { value: 'tbl_people', label: 'People' },
      ]),
    fields: (ctx) => {
      const table = ctx.node.parameters.table;
      if (typeof table !== 'string' || table === '') return Promise.reject(new Error('choose a table first, to list its fields'));
      return Promise.resolve(['id', 'total'].map((f) => ({ value: `${table}.${f}`, label: `${f} of ${table}` })));
    },
    views: () => Promise.reject(new Error('the service refused: views are switched off for this account')),
    pipelines: () =>
      Promise.resolve([
        { value: 1, label: 'Sales' },
        { value: 2, label: 'Partners' },
      ]),
  },
  execute: (ctx) => ctx.input(),
});

async function mount(setup?: (el: WorkflowEditor) => void): Promise<{ el: WorkflowEditor; root: ShadowRoot }> {
  const workflow = buildWorkflow({
    id: 'wf-catalog',
    name: 'Catalog',
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
      { id: 'c', name: 'Catalog', type: 'test.catalog', position: { x: 300, y: 0 } },
    ],
    connections: [['t', 'c']],
  });
  const el = await mountEditor(workflow, (e) => {
    e.engine = createEngine({ nodeTypes: [...testNodeTypes, catalog], logger: { debug() {}, info() {}, warn() {}, error() {} } });
    setup?.(e);
  });
  el.store.select(['c']);
  await settle(el);
  return { el, root: part(el, 'wf-inspector') };
}

const node = (el: WorkflowEditor): WorkflowNode => el.workflow.nodes.find((n) => n.id === 'c')!;

/** The choices field of a parameter, its shadow root and its text input. */
function field(root: ShadowRoot, key: string): { host: HTMLElement; shadow: ShadowRoot; input: HTMLInputElement } {
  const host = root.querySelector<HTMLElement>(`[data-param="${key}"] wf-options-input`);
  ok(host, `no choices field for ${key}`);
  const shadow = host.shadowRoot!;
  return { host, shadow, input: shadow.querySelector('input')! };
}

const shownLabels = (shadow: ShadowRoot) => [...shadow.querySelectorAll('[role="option"] .label')].map((e) => e.textContent);

/** What the engine itself lists for the node as it stands: the oracle for what the field shows. */
async function engineChoices(el: WorkflowEditor, method: string): Promise<string[]> {
  const n = node(el);
  const options = await el.engine.loadOptions({ node: { type: n.type, parameters: n.parameters }, method });
  return options.map((o) => o.label);
}

function pick(shadow: ShadowRoot, label: string): void {
  const option = [...shadow.querySelectorAll('[role="option"]')].find((o) => o.querySelector('.label')?.textContent === label);
  ok(option, `no choice ${label}`);
  option.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, cancelable: true }));
}

describe('choices loaded from the node type', () => {
  it('lists the choices, with their descriptions, once the field gets focus', async () => {
    const { el, root } = await mount();
    const { shadow, input } = field(root, 'table');
    equal(input.getAttribute('role'), 'combobox');
    equal(shownLabels(shadow), [], 'nothing is loaded before the field is used');
    input.focus();
    await until(() => shownLabels(shadow).length > 0, 'choices listed');
    equal(shownLabels(shadow), await engineChoices(el, 'tables'));
    equal(shadow.querySelector('[role="option"] .description')?.textContent, 'Every order placed');
    equal(input.getAttribute('aria-expanded'), 'true');
  });

  it('writes the value of the chosen label into the workflow, as an undoable edit', async () => {
    const { el, root } = await mount();
    const { host, shadow, input } = field(root, 'table');
    input.focus();
    await until(() => shownLabels(shadow).length > 0, 'choices listed');
    pick(shadow, 'People');
    equal(node(el).parameters.table, 'tbl_people');
    await settle(el);
    equal(input.value, 'tbl_people');
    equal(shadow.querySelector('.chosen')?.textContent, 'People', 'the label of the value is shown');
    el.undo();
    equal(node(el).parameters.table, undefined);
    await settle(el);
    input.focus();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true, composed: true, cancelable: true }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true, cancelable: true }));
    equal(node(el).parameters.table, 'tbl_orders', 'chosen with the keyboard');
    ok(host.isConnected);
  });

  it('writes a number for a number parameter', async () => {
    const { el, root } = await mount();
    const { shadow, input } = field(root, 'pipeline');
    input.focus();
    await until(() => shownLabels(shadow).length > 0, 'choices listed');
    equal(shownLabels(shadow), await engineChoices(el, 'pipelines'));
    pick(shadow, 'Partners');
    equal(node(el).parameters.pipeline, 2);
  });

  it('filters the list by what is typed, and still takes free text', async () => {
    const { el, root } = await mount();
    const { shadow, input } = field(root, 'table');
    input.focus();
    await until(() => shownLabels(shadow).length > 0, 'choices listed');
    input.value = 'peo';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(el);
    equal(shownLabels(shadow), ['People']);
    input.value = 'tbl_custom';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    equal(node(el).parameters.table, 'tbl_custom');
  });

  it('loads the choices again when a parameter they depend on changes', async () => {
    const requests: LoadOptionsRequest[] = [];
    const { el, root } = await mount((e) => {
      const loader: OptionsLoader = (request) => {
        requests.push(request);
        return e.engine.loadOptions(request);
      };
      e.optionsLoader = loader;
    });
    const fieldInput = field(root, 'field');
    fieldInput.input.focus();
    const error = await until(() => fieldInput.shadow.querySelector('.error')?.textContent, 'the missing table reported');
    ok(error.includes('choose a table first'), error);

    const table = field(root, 'table');
    table.input.focus();
    await until(() => shownLabels(table.shadow).length > 0, 'tables listed');
    pick(table.shadow, 'Orders');
    await until(() => requests.some((r) => r.method === 'fields' && r.node.parameters.table === 'tbl_orders'), 'fields asked again');
    fieldInput.input.focus();
    await until(() => shownLabels(fieldInput.shadow).length > 0, 'fields listed');
    equal(shownLabels(fieldInput.shadow), await engineChoices(el, 'fields'));
    ok(!fieldInput.shadow.querySelector('.error'), 'the error is gone');

    table.input.focus();
    await until(() => shownLabels(table.shadow).length > 0, 'tables listed');
    pick(table.shadow, 'People');
    fieldInput.input.focus();
    await until(() => shownLabels(fieldInput.shadow).includes('id of tbl_people'), 'fields of the new table listed');
    equal(shownLabels(fieldInput.shadow), await engineChoices(el, 'fields'));
    pick(fieldInput.shadow, 'total of tbl_people');
    equal(node(el).parameters, { table: 'tbl_people', field: 'tbl_people.total' });

    const last = requests.at(-1)!;
    equal([last.workflowId, last.node.id, last.node.name, last.node.type], ['wf-catalog', 'c', 'Catalog', 'test.catalog']);
  });

  it("shows a failing method's message under the field, and tries again on reload", async () => {
    const { el, root } = await mount();
    const { shadow, input } = field(root, 'view');
    const expected = await el.engine.loadOptions({ node: { type: 'test.catalog', parameters: {} }, method: 'views' }).then(
      () => 'no error',
      (e: Error) => e.message,
    );
    ok(expected.includes('views are switched off'), expected);
    input.focus();
    const message = await until(() => shadow.querySelector('.error[role="alert"]')?.textContent, 'error shown');
    equal(message, expected);
    equal(input.getAttribute('aria-invalid'), 'true');
    const reload = shadow.querySelector<HTMLButtonElement>('button.reload')!;
    equal(reload.getAttribute('aria-label'), 'Reload the choices for View');
    reload.click();
    await until(
      () => shadow.querySelector('[role="status"]')?.textContent === 'Loading choices…' || shadow.querySelector('.error'),
      'reloading',
    );
    await until(() => !reload.disabled, 'reload finished');
    equal(shadow.querySelector('.error')?.textContent, expected);
  });

  it('passes the node credentials to a host loader, and keeps the expression mode', async () => {
    const requests: LoadOptionsRequest[] = [];
    const { el, root } = await mount((e) => {
      e.optionsLoader = (request) => {
        requests.push(request);
        return Promise.resolve([{ value: 'srv_1', label: 'From the server' }]);
      };
    });
    el.actions.updateNode('c', { credentials: { catalogApi: 'cred-7' } });
    await settle(el);
    const { shadow, input } = field(root, 'table');
    input.focus();
    await until(() => shownLabels(shadow).length > 0, 'choices listed');
    equal(shownLabels(shadow), ['From the server']);
    equal(requests[0]?.node.credentials, { catalogApi: 'cred-7' });
    ok(requests[0]?.signal instanceof AbortSignal);
    pick(shadow, 'From the server');
    await settle(el);
    root.querySelector<HTMLButtonElement>('[data-param="table"] button.fx')!.click();
    equal(node(el).parameters.table, '{{ "srv_1" }}');
    await settle(el);
    ok(root.querySelector('[data-param="table"] wf-expression-input'));
    ok(!root.querySelector('[data-param="table"] wf-options-input'));
  });
});
