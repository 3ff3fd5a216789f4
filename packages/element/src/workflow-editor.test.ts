import { buildWorkflow } from '@flowloom/engine/testing';
import { WfBeforeConnectEvent } from './events/before-connect.js';
import { WfBeforeNodeRemoveEvent } from './events/before-node-remove.js';
import type { WfWorkflowChangeEvent } from './events/workflow-change.js';
import { defineWorkflowEditor } from './define-workflow-editor.js';
import { equal, ok, until } from './testing/assert.js';
import { canvasOf, mountEditor, part, press, settle } from './testing/fixture.js';
import { WorkflowEditor } from './workflow-editor.component.js';

describe('<workflow-editor> host API', () => {
  it('fires wf-workflow-change for edits, undo and redo, with the new workflow', async () => {
    const el = await mountEditor();
    const events: WfWorkflowChangeEvent[] = [];
    document.addEventListener('wf-workflow-change', (e) => events.push(e));
    el.store.select(['p']);
    el.actions.moveSelection(20, 0);
    el.undo();
    el.redo();
    equal(
      events.map((e) => [e.detail.origin, e.detail.change.type, e.detail.workflow.nodes.find((n) => n.id === 'p')!.position.x]),
      [
        ['edit', 'moveNodes', 320],
        ['undo', 'moveNodes', 300],
        ['redo', 'moveNodes', 320],
      ],
    );
    ok(events[0]!.bubbles && events[0]!.composed);
  });

  it('lets the host keep a node by cancelling wf-before-node-remove', async () => {
    const el = await mountEditor();
    el.addEventListener('wf-before-node-remove', (e: WfBeforeNodeRemoveEvent) => {
      if (e.detail.nodes.some((n) => n.id === 't')) e.preventDefault();
    });
    el.store.select(['t']);
    ok(!el.actions.removeSelection(), 'the locked trigger stays');
    equal(el.workflow.nodes.length, 3);
    el.store.select(['f']);
    ok(el.actions.removeSelection());
    equal(el.workflow.nodes.length, 2);
  });

  it('lets the host refuse a connection by cancelling wf-before-connect', async () => {
    const el = await mountEditor();
    el.addEventListener('wf-before-connect', (e: WfBeforeConnectEvent) => e.preventDefault());
    ok(!el.actions.connect({ from: { node: 't', port: 'main' }, to: { node: 'f', port: 'main' } }));
    equal(el.workflow.connections.length, 2);
  });

  it('fires wf-workflow-save on Ctrl+S and wf-selection-change when the selection changes', async () => {
    const el = await mountEditor();
    let saved = 0;
    let selected: string[] = [];
    el.addEventListener('wf-workflow-save', (e) => (saved += e.detail.workflow.nodes.length));
    el.addEventListener('wf-selection-change', (e) => (selected = e.detail.nodeIds));
    press(canvasOf(el).shadowRoot!.querySelector('.pane')!, 's', { ctrlKey: true });
    equal(saved, 3);
    el.store.select(['p', 'f']);
    equal(selected, ['p', 'f']);
  });

  it('undoes and redoes with Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y', async () => {
    const el = await mountEditor();
    const pane = canvasOf(el).shadowRoot!.querySelector('.pane')!;
    el.store.select(['f']);
    el.actions.removeSelection();
    press(pane, 'z', { ctrlKey: true });
    equal(el.workflow.nodes.length, 3);
    press(pane, 'z', { ctrlKey: true, shiftKey: true });
    equal(el.workflow.nodes.length, 2);
    press(pane, 'z', { metaKey: true });
    press(pane, 'y', { ctrlKey: true });
    equal(el.workflow.nodes.length, 2);
  });

  it('copies, pastes and duplicates selections as workflow JSON with fresh ids and names', async () => {
    const el = await mountEditor();
    el.store.select(['p', 'f']);
    const text = el.actions.copyText();
    const doc = JSON.parse(text) as { nodes: unknown[]; connections: unknown[] };
    equal([doc.nodes.length, doc.connections.length], [2, 1]);
    ok(await el.actions.paste(text));
    equal(el.workflow.nodes.length, 5);
    equal(el.workflow.connections.length, 3);
    equal(
      el.workflow.nodes.slice(3).map((n) => n.name),
      ['People 2', 'Form 2'],
    );
    ok(el.actions.duplicate());
    equal(el.workflow.nodes.length, 7);
    ok(!(await el.actions.paste('not json')));
  });

  it('is read-only with the readonly attribute: no edits, palette disabled', async () => {
    const el = await mountEditor(undefined, (e) => e.setAttribute('readonly', ''));
    el.store.select(['f']);
    ok(!el.actions.removeSelection());
    equal(el.actions.addNode('core.noOp'), undefined);
    equal(el.workflow.nodes.length, 3);
    await settle(el);
    ok(part(el, 'wf-palette').querySelector<HTMLButtonElement>('button.type')!.disabled);
  });

  it('registers under a host tag name, and checks customElements first', async () => {
    const ctor = defineWorkflowEditor('acme-automations');
    equal(defineWorkflowEditor('acme-automations'), ctor);
    const el = document.createElement('acme-automations') as WorkflowEditor;
    ok(el instanceof WorkflowEditor);
    el.style.cssText = 'display:block;width:800px;height:600px';
    document.body.append(el);
    await el.updateComplete;
    ok(el.shadowRoot!.querySelector('wf-canvas'));
    el.remove();
  });

  it('shows French strings for locale="fr" and follows the lang of an ancestor', async () => {
    const el = await mountEditor(undefined, (e) => (e.locale = 'fr'));
    const run = el.shadowRoot!.querySelector('button.run')!;
    ok(run.textContent!.includes('Exécuter'));
    el.locale = undefined;
    el.strings = { 'toolbar.run': 'Go' };
    await settle(el);
    ok(run.textContent!.includes('Go'), 'host overrides win');
    el.strings = undefined;
    const wrapper = document.createElement('div');
    wrapper.lang = 'fr-CA';
    wrapper.dir = 'rtl';
    document.body.append(wrapper);
    wrapper.append(el);
    el.requestUpdate('locale');
    await settle(el);
    ok(el.shadowRoot!.querySelector('button.run')!.textContent!.includes('Exécuter'));
    equal(el.shadowRoot!.querySelector('.layout')!.getAttribute('dir'), 'rtl');
    wrapper.remove();
  });

  it('hides panels with attributes and shows no branding unless asked', async () => {
    const el = await mountEditor(undefined, (e) => {
      e.setAttribute('hide-palette', '');
      e.setAttribute('hide-run-panel', '');
    });
    equal(getComputedStyle(el.shadowRoot!.querySelector('wf-palette')!).display, 'none');
    equal(getComputedStyle(el.shadowRoot!.querySelector('wf-run-panel')!).display, 'none');
    ok(!el.shadowRoot!.textContent!.includes('Flowloom'));
    el.branding = true;
    await settle(el);
    ok(el.shadowRoot!.textContent!.includes('Flowloom'));
  });

  it('applies the dark theme and host overrides of --wf-* properties', async () => {
    const el = await mountEditor();
    const run = el.shadowRoot!.querySelector('button.run')!;
    equal(getComputedStyle(run).backgroundColor, 'rgb(37, 99, 235)');
    el.theme = 'dark';
    await settle(el);
    equal(getComputedStyle(run).backgroundColor, 'rgb(96, 165, 250)');
    el.style.setProperty('--wf-color-accent', 'rgb(1, 2, 3)');
    equal(getComputedStyle(run).backgroundColor, 'rgb(1, 2, 3)');
  });

  it('announces changes in an aria-live region', async () => {
    const el = await mountEditor();
    el.store.select([]);
    el.actions.addNode('core.noOp');
    await settle(el);
    const live = el.shadowRoot!.querySelector('[aria-live]')!;
    equal(live.textContent!.trim(), 'No Operation added');
  });

  it('shows validation issues on the node and keeps an invalid workflow open', async () => {
    const el = await mountEditor(
      buildWorkflow({
        id: 'bad',
        nodes: [
          { id: 't', name: 'Start', type: 'core.manualTrigger' },
          { id: 'f', name: 'Form', type: 'test.form', parameters: { text: 'x' } },
        ],
        connections: [['t', 'f']],
      }),
    );
    await until(() => el.store.issues.get('f'), 'issues for the form node');
    await settle(el);
    const node = canvasOf(el).shadowRoot!.querySelector('.node[data-id="f"]')!;
    ok(node.classList.contains('has-error'));
    ok(node.getAttribute('aria-label')!.includes('has problems'));
    ok(node.querySelector('.error-marker')!.getAttribute('title')!.includes('3 characters'));
  });
});
