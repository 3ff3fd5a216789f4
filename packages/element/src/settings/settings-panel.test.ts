import { safeParseWorkflow } from '@flowloom/engine';
import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, sampleWorkflow, settle } from '../testing/fixture.js';
import { choose, typeInto } from '../testing/panels.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

/** Opens the settings panel from the toolbar; resolves with its shadow root once its code has loaded. */
async function openSettings(el: WorkflowEditor): Promise<ShadowRoot> {
  el.shadowRoot!.querySelector<HTMLButtonElement>('.toolbar button[data-panel="settings"]')!.click();
  return until(
    () => el.shadowRoot!.querySelector('wf-editor-panels')?.shadowRoot?.querySelector('wf-workflow-settings-panel')?.shadowRoot,
    'the settings panel opens',
  );
}

/** A field of the panel by its label's text. */
function byLabel<T extends HTMLElement = HTMLInputElement>(root: ShadowRoot, label: string): T {
  const id = [...root.querySelectorAll('label')].find((l) => l.textContent === label)?.htmlFor;
  if (!id) throw new Error(`No field labelled ${label}`);
  return root.querySelector<T>(`#${id}`)!;
}

const apply = (root: ShadowRoot) => root.querySelector<HTMLButtonElement>('button.apply')!.click();
const errors = (root: ShadowRoot) => [...root.querySelectorAll('.error[role="alert"]')].map((e) => e.textContent);

describe('workflow settings panel', () => {
  it('edits the name, description, time zone, timeout, kept executions and error workflow as one undoable edit', async () => {
    const el = await mountEditor();
    // Another workflow of the tenant, to choose as the error workflow.
    await el.engine.storage.workflows.save('default', { ...sampleWorkflow(), id: 'on-failure', name: 'Alert the team' });
    const root = await openSettings(el);
    equal(byLabel<HTMLInputElement>(root, 'Name').value, 'Sample');
    await until(() => root.querySelector('option[value="on-failure"]'), 'the other workflows are offered');

    typeInto(byLabel<HTMLInputElement>(root, 'Name'), 'Nightly sync');
    typeInto(byLabel<HTMLInputElement>(root, 'Description'), 'Copies the day’s orders.');
    typeInto(byLabel<HTMLInputElement>(root, 'Time zone'), 'Europe/Paris');
    typeInto(byLabel<HTMLInputElement>(root, 'Timeout (seconds)'), '300');
    choose(byLabel<HTMLSelectElement>(root, 'Keep execution data'), 'errors');
    choose(byLabel<HTMLSelectElement>(root, 'Error workflow'), 'on-failure');
    apply(root);
    await until(() => el.workflow.name === 'Nightly sync', 'the settings are applied');

    const w = el.workflow;
    ok(safeParseWorkflow(w).success, 'the engine accepts the document');
    equal(w.meta?.['description'], 'Copies the day’s orders.');
    equal([w.settings.timezone, w.settings.timeoutMs, w.settings.errorWorkflow], ['Europe/Paris', 300_000, 'on-failure']);
    // As the engine reads it: a successful run is not kept.
    const run = await el.engine.run(w);
    equal(run.status, 'success');
    equal(await el.engine.storage.executions.get('default', run.id), undefined, 'the successful run is not kept');

    el.undo();
    await settle(el);
    equal([el.workflow.name, el.workflow.settings, el.workflow.meta], ['Sample', {}, undefined], 'one undo restores everything');
    equal(byLabel<HTMLInputElement>(root, 'Name').value, 'Sample', 'the form follows the workflow');
  });

  it('says in sentences what is wrong and applies nothing', async () => {
    const el = await mountEditor();
    const root = await openSettings(el);
    typeInto(byLabel<HTMLInputElement>(root, 'Name'), '  ');
    typeInto(byLabel<HTMLInputElement>(root, 'Time zone'), 'Mars/Olympus');
    typeInto(byLabel<HTMLInputElement>(root, 'Timeout (seconds)'), '2.5');
    apply(root);
    await el.updateComplete;
    await until(() => errors(root).length === 3, 'three problems show');
    equal(errors(root), [
      'Enter a name for the workflow.',
      '“Mars/Olympus” is not a time zone. Choose one from the list, such as Europe/Paris.',
      'The timeout must be a whole number of seconds greater than zero, such as 300.',
    ]);
    equal(el.workflow.name, 'Sample');
    equal(el.store.history.canUndo, false, 'nothing was applied');
  });

  it('lists the saved versions and restores one as the newest version', async () => {
    const el = await mountEditor();
    const store = el.engine.storage.workflows;
    await store.save('default', { ...sampleWorkflow(), name: 'First draft' });
    await store.save('default', { ...sampleWorkflow(), name: 'Second draft', nodes: sampleWorkflow().nodes.slice(0, 2), connections: [] });
    el.workflow = (await store.get('default', 'sample'))!;
    const root = await openSettings(el);
    const versions = () => [...root.querySelectorAll<HTMLLIElement>('.versions li')].map((li) => Number(li.dataset.version));
    await until(() => versions().length === 2, 'both versions are listed');
    equal(versions(), [2, 1], 'newest first');

    root.querySelector<HTMLButtonElement>('li[data-version="1"] button.restore')!.click();
    await el.updateComplete;
    (await until(() => root.querySelector<HTMLButtonElement>('button.confirm-restore'))).click();
    await until(() => versions().length === 3, 'the restore is listed as a new version');
    equal(versions(), [3, 2, 1]);

    // The storage's own record: version 3 is version 1's document, and the editor shows it.
    const first = await store.getVersion('default', 'sample', 1);
    const third = await store.getVersion('default', 'sample', 3);
    equal(third, first);
    equal([el.workflow.name, el.workflow.nodes.length], ['First draft', 3]);
    equal(byLabel<HTMLInputElement>(root, 'Name').value, 'First draft');
    ok(root.querySelector('.status')!.textContent!.includes('Version 1 restored as version 3.'));
  });

  it('shows the settings read-only in a read-only editor', async () => {
    const el = await mountEditor(undefined, (e) => (e.readonly = true));
    const root = await openSettings(el);
    ok(byLabel<HTMLInputElement>(root, 'Name').readOnly);
    ok(byLabel<HTMLSelectElement>(root, 'Keep execution data').disabled);
    ok(root.querySelector<HTMLButtonElement>('button.apply')!.disabled);
  });
});
