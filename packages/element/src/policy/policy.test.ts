import { createEngine, silentLogger } from '@flowloom/engine';
import { EngineCredentialSource } from '../credentials/engine-credential-source.js';
import { copySelection } from '../model/clipboard.js';
import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, part, sampleWorkflow, settle, testNodeTypes } from '../testing/fixture.js';
import { openPanel } from '../testing/panels.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';
import type { WfPolicyRefusalEvent } from '../events/policy-refusal.js';

/** The sentence the editor shows for a refusal, once it is on screen. */
const notice = (el: WorkflowEditor) =>
  until(() => el.shadowRoot!.querySelector('wf-notice')?.shadowRoot?.querySelector('[role="alert"] p')?.textContent, 'a notice shows');

/** Collects the editor's `wf-policy-refusal` events. */
function refusals(el: WorkflowEditor): WfPolicyRefusalEvent['detail'][] {
  const seen: WfPolicyRefusalEvent['detail'][] = [];
  el.addEventListener('wf-policy-refusal', (e) => seen.push(e.detail));
  return seen;
}

describe('host policy', () => {
  it('leaves denied node types out of the palette and refuses a pasted one with a message', async () => {
    const el = await mountEditor(undefined, (e) => (e.deniedNodeTypes = ['test.people']));
    const seen = refusals(el);
    await settle(el);
    const palette = part(el, 'wf-palette');
    const offered = [...palette.querySelectorAll<HTMLButtonElement>('button.type')].map((b) => b.dataset.type);
    ok(offered.includes('test.form') && offered.includes('core.manualTrigger'), 'other types stay');
    ok(!offered.includes('test.people'), 'the denied type is not offered');

    // What another editor copies: the sample's People node, as the clipboard holds it.
    const source = sampleWorkflow();
    const text = copySelection(source, new Set(['p']));
    const before = JSON.stringify(el.workflow);
    equal(await el.actions.paste(text), false, 'the paste is refused');
    equal(JSON.stringify(el.workflow), before, 'the workflow is unchanged');
    equal(await notice(el), 'People 2 cannot be added: this editor does not allow People nodes.');
    equal(seen, [{ action: 'edit', message: 'People 2 cannot be added: this editor does not allow People nodes.' }]);

    // An allowed type pastes as before, and the notice goes with the next edit.
    ok(await el.actions.paste(copySelection(source, new Set(['f']))), 'an allowed node pastes');
    await settle(el);
    ok(!el.shadowRoot!.querySelector('wf-notice')!.shadowRoot!.querySelector('[role="alert"]'), 'the notice is gone');
  });

  it('offers only the allowed node types when the host lists them', async () => {
    const el = await mountEditor(undefined, (e) => (e.allowedNodeTypes = ['core.manualTrigger', 'test.form']));
    await settle(el);
    const offered = [...part(el, 'wf-palette').querySelectorAll<HTMLButtonElement>('button.type')].map((b) => b.dataset.type);
    equal(offered.sort(), ['core.manualTrigger', 'test.form']);
  });

  it('keeps a locked node: it cannot be deleted, renamed or changed, and its fields are read-only', async () => {
    const el = await mountEditor(undefined, (e) => (e.locked = ['f']));
    const seen = refusals(el);
    let asked = 0;
    el.addEventListener('wf-before-node-remove', () => asked++);
    el.store.select(['f']);
    await settle(el);
    equal(el.actions.removeSelection(), false, 'deleting is refused');
    ok(el.store.node('f'), 'the node is still there');
    equal(asked, 0, 'the host is not asked about a removal its rules refuse');
    equal(await notice(el), 'Form is locked: it cannot be deleted or changed.');
    equal(el.actions.updateNode('f', { name: 'Renamed' }), false);
    equal(el.actions.setParameter('f', 'text', 'changed'), false);
    equal(el.store.node('f')!.name, 'Form');
    equal(seen.length, 3);

    const inspector = part(el, 'wf-inspector');
    const name = await until(() => inspector.querySelector<HTMLInputElement>('.field input[type="text"]'));
    ok(name.readOnly, 'the name field is read-only');
    ok(
      [...inspector.querySelectorAll<HTMLInputElement>('[data-param] input, [data-param] select, [data-param] textarea')].every(
        (f) => f.readOnly || f.disabled,
      ),
      'every parameter field is read-only',
    );
    // Other nodes stay editable.
    ok(el.actions.updateNode('p', { name: 'Everyone' }));
  });

  it('locks a single parameter: it is read-only and refused, the node’s other parameters stay editable', async () => {
    const el = await mountEditor(undefined, (e) => (e.locked = ['f.text']));
    el.store.select(['f']);
    await settle(el);
    const inspector = part(el, 'wf-inspector');
    const field = (param: string) =>
      inspector.querySelector<HTMLInputElement>(
        `[data-param="${param}"] input, [data-param="${param}"] textarea, [data-param="${param}"] select`,
      );
    const locked = await until(() => field('text'));
    ok(locked.readOnly || locked.disabled, 'the locked parameter is read-only');
    const other = [...inspector.querySelectorAll<HTMLElement>('[data-param]')].find((f) => f.dataset.param !== 'text')!;
    const otherField = field(other.dataset.param!)!;
    ok(!otherField.readOnly && !otherField.disabled, `${other.dataset.param} stays editable`);
    equal(el.actions.setParameter('f', 'text', 'changed'), false);
    equal(await notice(el), 'The parameter text of Form is locked and cannot be changed.');
    ok(el.actions.updateNode('f', { name: 'Still editable' }), 'the node itself may change');
  });

  it('shows a locked parameter written as an expression read-only too', async () => {
    const workflow = sampleWorkflow();
    workflow.nodes[2]!.parameters = { text: '{{ $json.name }}' };
    const el = await mountEditor(workflow, (e) => (e.locked = ['f.text']));
    el.store.select(['f']);
    await settle(el);
    const inspector = part(el, 'wf-inspector');
    const textarea = await until(() =>
      inspector.querySelector('[data-param="text"] wf-expression-input')?.shadowRoot?.querySelector<HTMLTextAreaElement>('textarea'),
    );
    ok(textarea.readOnly, 'the expression field is read-only');
  });

  it('allows no edit at all in read-only mode', async () => {
    const el = await mountEditor(undefined, (e) => (e.readonly = true));
    const before = JSON.stringify(el.workflow);
    el.store.select(['p']);
    await settle(el);
    equal(el.actions.addNode('test.form'), undefined);
    equal(el.actions.removeSelection(), false);
    equal(el.actions.updateNode('p', { name: 'X' }), false);
    el.actions.moveSelection(40, 40);
    equal(await el.actions.paste(copySelection(el.workflow, new Set(['p']))), false);
    equal(el.actions.duplicate(), false);
    equal(el.store.dispatch({ type: 'updateWorkflow', patch: { name: 'Renamed' }, before: { name: 'Sample' } }), false);
    equal(JSON.stringify(el.workflow), before, 'the workflow is unchanged');
    const palette = part(el, 'wf-palette');
    ok(
      [...palette.querySelectorAll<HTMLButtonElement>('button.type')].every((b) => b.disabled),
      'the palette adds nothing',
    );
    const toolbar = el.shadowRoot!.querySelector('.toolbar')!;
    const save = [...toolbar.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Save')!;
    ok(save.disabled, 'Save is disabled');
  });

  it('shows the sentence of a beforeSave veto and does not save', async () => {
    const el = await mountEditor(
      undefined,
      (e) => (e.beforeSave = async (w) => (w.nodes.length < 5 ? 'Add a review step before saving.' : undefined)),
    );
    let saved = 0;
    el.addEventListener('wf-workflow-save', () => saved++);
    const seen = refusals(el);
    const toolbar = el.shadowRoot!.querySelector('.toolbar')!;
    [...toolbar.querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Save')!.click();
    equal(await notice(el), 'Add a review step before saving.');
    equal(saved, 0);
    equal(seen, [{ action: 'save', message: 'Add a review step before saving.' }]);

    // A hook that lets it through: the save happens.
    el.beforeSave = () => true;
    const done = new Promise((resolve) => el.addEventListener('wf-workflow-save', resolve, { once: true }));
    el.actions.save();
    await done;
    equal(saved, 1);
  });

  it('shows the sentence of a beforeRun veto and does not run', async () => {
    const el = await mountEditor(undefined, (e) => (e.beforeRun = () => Promise.reject(new Error('Runs are paused during maintenance.'))));
    let started = 0;
    el.addEventListener('wf-execution-start', () => started++);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.toolbar button.run')!.click();
    equal(await notice(el), 'Runs are paused during maintenance.');
    equal(started, 0);
    equal(el.store.execution, undefined);

    // `false` vetoes with the editor's own sentence.
    el.beforeRun = () => false;
    equal(await el.run(), undefined);
    equal(await notice(el), 'Running is not allowed now.');
    el.beforeRun = () => undefined;
    const execution = await el.run();
    equal(execution?.status, 'success');
  });

  it('hides the panels the host lists', async () => {
    const el = await mountEditor(undefined, (e) => e.setAttribute('hidden-panels', 'variables templates'));
    await settle(el);
    const panels = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toolbar button[data-panel]')].map((b) => b.dataset.panel);
    equal(panels, ['credentials', 'settings']);
  });

  it('lists and creates credentials in the host’s credential store instead of the engine’s', async () => {
    // The host's store: another engine's credentials, as a host keeping them elsewhere would supply.
    const vault = createEngine({ nodeTypes: testNodeTypes, logger: silentLogger });
    await vault.credentials.create({ name: 'Vault key', type: 'apiKey', data: { key: 'k-vault-1', allowedDomains: ['api.example'] } });
    const el = await mountEditor(undefined, (e) => {
      e.credentialSource = new EngineCredentialSource(vault, { redirectUri: () => `${location.origin}/callback` });
    });
    await el.engine.credentials.create({ name: 'Page key', type: 'apiKey', data: { key: 'k-page-1', allowedDomains: ['api.example'] } });
    const root = await openPanel(el, 'credentials');
    const names = () => [...root.querySelectorAll('tbody tr .title')].map((t) => t.textContent);
    await until(() => names().length > 0, 'the credentials are listed');
    equal(names(), ['Vault key']);
  });
});
