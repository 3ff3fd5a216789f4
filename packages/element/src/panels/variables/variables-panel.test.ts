import { createEngine, silentLogger, type Engine } from '@flowloom/engine';
import { setViewport } from '@web/test-runner-commands';
import { equal, ok, until } from '../../testing/assert.js';
import { mountEditor, part, settle, testNodeTypes } from '../../testing/fixture.js';
import { choose, openPanel, typeInto } from '../../testing/panels.js';
import { screenshot } from '../../testing/services.js';
import type { WorkflowEditor } from '../../workflow-editor.component.js';

const engineInPage = (): Engine => createEngine({ nodeTypes: testNodeTypes, logger: silentLogger });

const rowOf = (root: ShadowRoot, scope: 'workflow' | 'tenant', key: string) =>
  root.querySelector<HTMLTableRowElement>(`[data-scope="${scope}"] tr[data-variable="${key}"]`);
const keysOf = (root: ShadowRoot, scope: 'workflow' | 'tenant') =>
  [...root.querySelectorAll(`[data-scope="${scope}"] tbody tr`)].map((r) => r.getAttribute('data-variable'));

/** Fills the open variable form and saves it. */
async function save(
  root: ShadowRoot,
  values: { key?: string; scope?: 'workflow' | 'tenant'; type?: string; value?: string },
): Promise<void> {
  const form = await until(() => root.querySelector<HTMLFormElement>('.variable-form'));
  const byLabel = (label: string) => {
    const id = [...form.querySelectorAll('label')].find((l) => l.textContent === label)!.htmlFor;
    return form.querySelector<HTMLInputElement>(`#${id}`)!;
  };
  if (values.key !== undefined) typeInto(byLabel('Key'), values.key);
  if (values.scope) choose(byLabel('Scope') as unknown as HTMLSelectElement, values.scope);
  if (values.type) choose(byLabel('Type') as unknown as HTMLSelectElement, values.type);
  await (root.host as WorkflowEditor).updateComplete;
  if (values.value !== undefined) {
    const value = byLabel('Value');
    if (value.type === 'checkbox') {
      value.checked = values.value === 'true';
      value.dispatchEvent(new Event('change'));
    } else typeInto(value, values.value);
  }
  await (root.host as WorkflowEditor).updateComplete;
  form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
}

describe('variables', () => {
  before(() => setViewport({ width: 1280, height: 860 }));

  it('creates, edits, finds and deletes the variables of the workflow and of every workflow', async () => {
    const engine = engineInPage();
    const el = await mountEditor(undefined, (e) => (e.engine = engine));
    const root = await openPanel(el, 'variables');
    await until(() => root.querySelectorAll('.empty').length === 2, 'both scopes are empty');

    root.querySelector<HTMLButtonElement>('.bar .new')!.click();
    await save(root, { key: 'region', scope: 'tenant', value: 'eu-west' });
    await until(() => rowOf(root, 'tenant', 'region'));
    root.querySelector<HTMLButtonElement>('.bar .new')!.click();
    await save(root, { key: 'region', value: 'us-east' });
    await until(() => rowOf(root, 'workflow', 'region'));
    root.querySelector<HTMLButtonElement>('.bar .new')!.click();
    await save(root, { key: 'limit', type: 'number', value: '5' });
    await until(() => rowOf(root, 'workflow', 'limit'));
    root.querySelector<HTMLButtonElement>('.bar .new')!.click();
    await save(root, { key: 'endpoints', type: 'json', value: '{ "orders": "/v2/orders"' });
    equal((await until(() => root.querySelector('.variable-form .error')))!.textContent!.startsWith('Not valid JSON:'), true);
    await save(root, { value: '{ "orders": "/v2/orders" }' });
    await until(() => rowOf(root, 'workflow', 'endpoints'));

    // What the engine holds is the oracle: the scopes, values and types as a run will see them.
    const own = await engine.variables.list({ workflowId: 'sample' });
    equal(own.map((v) => [v.key, v.type, v.value]).sort(), [
      ['endpoints', 'json', { orders: '/v2/orders' }],
      ['limit', 'number', 5],
      ['region', 'string', 'us-east'],
    ]);
    equal(
      (await engine.variables.list()).map((v) => [v.key, v.value]),
      [['region', 'eu-west']],
    );
    equal(await engine.variables.forRun('sample'), { region: 'us-east', limit: 5, endpoints: { orders: '/v2/orders' } });
    ok(rowOf(root, 'tenant', 'region')!.classList.contains('overridden'), 'the workflow’s region overrides the tenant’s');
    equal(rowOf(root, 'tenant', 'region')!.querySelector('.note')!.textContent, 'This workflow overrides it');
    await screenshot('variables-panel');

    // The engine refuses a key `$vars` could not read, and the form says why.
    root.querySelector<HTMLButtonElement>('.bar .new')!.click();
    await save(root, { key: '9lives', value: '1' });
    ok((await until(() => root.querySelector('.variable-form .error')?.textContent))!.includes('is not valid'));
    root
      .querySelector<HTMLFormElement>('.variable-form')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await until(() => !root.querySelector('.variable-form'), 'Escape closes the form');

    rowOf(root, 'workflow', 'limit')!.querySelector<HTMLButtonElement>('button.edit')!.click();
    await until(() => rowOf(root, 'workflow', 'limit')!.querySelector('.variable-form'));
    await save(root, { value: '7' });
    await until(() => rowOf(root, 'workflow', 'limit')?.querySelector('.value')?.textContent === '7');
    equal((await engine.variables.get('limit', { workflowId: 'sample' }))?.value, 7);

    typeInto(root.querySelector<HTMLInputElement>('input[type="search"]'), 'lim');
    await until(() => keysOf(root, 'workflow').join() === 'limit');
    equal(root.querySelector('[data-scope="tenant"] .empty')!.textContent, 'No variable matches “lim”.');
    typeInto(root.querySelector<HTMLInputElement>('input[type="search"]'), '');
    await until(() => keysOf(root, 'workflow').length === 3, 'every variable is listed again');

    rowOf(root, 'workflow', 'limit')!.querySelector<HTMLButtonElement>('button.delete')!.click();
    const confirm = await until(() => rowOf(root, 'workflow', 'limit')!.querySelector('.confirm-inline'));
    equal(confirm.querySelector('span')!.textContent, 'Delete limit?');
    confirm.querySelector<HTMLButtonElement>('.danger')!.click();
    await until(() => !rowOf(root, 'workflow', 'limit'));
    equal(await engine.variables.get('limit', { workflowId: 'sample' }), undefined);
  });

  it('completes $vars with the engine’s variables and previews their values, before any run and after a change', async () => {
    const engine = engineInPage();
    await engine.variables.set('apiBase', 'https://api.example.com');
    await engine.variables.set('apiBase', 'https://staging.example.com', { workflowId: 'sample' });
    const el = await mountEditor(undefined, (e) => (e.engine = engine));
    el.store.select(['f']);
    await settle(el);
    const inspector = part(el, 'wf-inspector');
    inspector.querySelector<HTMLButtonElement>('[data-param="text"] button.fx')!.click();
    await settle(el);
    const input = inspector.querySelector('[data-param="text"] wf-expression-input')! as HTMLElement & { updateComplete: Promise<unknown> };
    await input.updateComplete;
    const area = input.shadowRoot!.querySelector('textarea')!;
    await until(() => el.actions.vars['apiBase'] !== undefined, 'the variables are loaded');
    area.value = '{{ $vars.';
    area.setSelectionRange(9, 9);
    area.dispatchEvent(new Event('input'));
    await input.updateComplete;
    const options = [...input.shadowRoot!.querySelectorAll('[role="option"] .label')].map((o) => o.textContent);
    equal(options, ['$vars.apiBase']);

    typeInto(area, '{{ $vars.apiBase }}/users');
    // The workflow's own variable wins over the tenant's, as in a run; no run is needed.
    const preview = () => input.shadowRoot!.querySelector('.preview')?.textContent ?? '';
    await until(() => preview() === '= "https://staging.example.com/users"', 'the preview shows the variable’s value');
    equal(el.store.execution, undefined, 'nothing ran');

    const root = await openPanel(el, 'variables');
    const line = await until(() => rowOf(root, 'workflow', 'apiBase'));
    line.querySelector<HTMLButtonElement>('button.edit')!.click();
    await save(root, { value: 'https://eu.example.com' });
    await until(() => rowOf(root, 'workflow', 'apiBase')?.querySelector('.value')?.textContent === 'https://eu.example.com');
    el.shadowRoot!.querySelector('wf-editor-panels')!.shadowRoot!.querySelector<HTMLButtonElement>('.close')!.click();
    await until(() => preview() === '= "https://eu.example.com/users"', 'the preview follows the change');
    await screenshot('variables-preview');
  });
});
