import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, part, settle } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

async function edit(type: string, parameters: Record<string, unknown> = {}): Promise<{ el: WorkflowEditor; root: ShadowRoot }> {
  const el = await mountEditor(
    buildWorkflow({
      nodes: [
        { id: 't', type: 'core.manualTrigger' },
        { id: 'n', type, parameters },
      ],
      connections: [['t', 'n']],
    }),
  );
  el.store.select(['n']);
  await settle(el);
  return { el, root: part(el, 'wf-inspector') };
}

const field = (root: ShadowRoot, path: string) => root.querySelector<HTMLElement>(`[data-param="${path}"]`)!;

/** Waits until the editor has checked the workflow and found a problem at `path`; returns the engine's issue. */
async function issueAt(el: WorkflowEditor, path: string) {
  const issue = await until(() => el.store.issues.get('n')?.find((i) => i.path === `parameters.${path}`), `an issue at ${path}`);
  await settle(el);
  return issue;
}

/** The problems shown: the sentence and the disclosed details of each. */
const shown = (root: ParentNode) =>
  [...root.querySelectorAll('.error')].map((e) => ({
    sentence: e.querySelector('[role="alert"]')!.textContent!.trim(),
    details: e.querySelector('details')!.textContent!.replace(/\s+/g, ' ').trim(),
  }));

async function addItem(el: WorkflowEditor, root: ShadowRoot, list: string): Promise<void> {
  root.querySelector<HTMLButtonElement>(`[data-param="${list}"] > .group > button`)!.click();
  await settle(el);
}

describe('inspector validation', () => {
  it('shows no problem of a fresh If condition before the user leaves a field', async () => {
    const { el, root } = await edit('core.if');
    await addItem(el, root, 'conditions');
    await issueAt(el, 'conditions.0.operator');
    equal(shown(root), []);
    equal(field(root, 'conditions.0.operator').querySelector('select')!.getAttribute('aria-invalid'), 'false');
  });

  it('shows a problem once, as a sentence, after the user leaves the field, with the internal path only in the details', async () => {
    const { el, root } = await edit('core.if');
    await addItem(el, root, 'conditions');
    const issue = await issueAt(el, 'conditions.0.operator');
    const select = field(root, 'conditions.0.operator').querySelector('select')!;
    select.focus();
    select.blur();
    await settle(el);
    const problems = shown(root);
    equal(
      problems.map((p) => p.sentence),
      ['Choose an operator.'],
    );
    ok(field(root, 'conditions.0.operator').querySelector(':scope > .error'), 'at the operator field');
    ok(
      problems[0]!.details.includes('parameters.conditions.0.operator') && problems[0]!.details.includes(issue.message),
      problems[0]!.details,
    );
    const outside = [...root.querySelectorAll('.error')]
      .map((e) => e.textContent!.replace(e.querySelector('details')!.textContent!, ''))
      .join(' ');
    ok(!outside.includes('conditions.0') && !outside.includes('string:equals'), outside);
    equal(select.getAttribute('aria-invalid'), 'true');
  });

  it('asks for a missing name of Edit Fields once its field was left', async () => {
    const { el, root } = await edit('core.set');
    await addItem(el, root, 'fields');
    await issueAt(el, 'fields.0.name');
    equal(shown(root), [], 'nothing before the field is visited');
    const value = field(root, 'fields.0.value').querySelector('input')!;
    value.focus();
    value.blur();
    await settle(el);
    equal(shown(root), [], "leaving another field does not show the name's problem");
    const name = field(root, 'fields.0.name').querySelector('input')!;
    name.focus();
    name.blur();
    await settle(el);
    equal(
      shown(root).map((p) => p.sentence),
      ['Enter a name.'],
    );
  });

  it('never flashes the problem a field had before the value the user just typed in it', async () => {
    const { el, root } = await edit('core.set');
    await addItem(el, root, 'fields');
    await issueAt(el, 'fields.0.name');
    const flashed: string[] = [];
    const watch = new MutationObserver(() => flashed.push(...shown(root).map((p) => p.sentence)));
    watch.observe(root, { childList: true, subtree: true, characterData: true });
    const name = field(root, 'fields.0.name').querySelector('input')!;
    name.focus();
    name.value = 'member';
    name.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    name.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    name.blur();
    await until(() => (el.store.issues.get('n') ?? []).every((i) => i.path !== 'parameters.fields.0.name'), 'the name checked');
    await settle(el);
    watch.disconnect();
    equal(flashed, []);
    equal(shown(root), []);
  });

  it('shows every problem after a run attempt, and those of fields not on screen under the parameters', async () => {
    const { el, root } = await edit('test.form', { mode: 'simple', extra: 5, text: 'ab' });
    await addItem(el, root, 'rows');
    await addItem(el, root, 'rows');
    await issueAt(el, 'rows.1.key');
    equal(shown(root), []);
    await el.run();
    await settle(el);
    const problems = shown(root);
    equal(
      problems.map((p) => p.sentence),
      ['Enter a valid text.', 'Enter a key.', 'Enter a value.', 'Enter a key.', 'Enter a value.', 'Enter a valid extra.'],
    );
    ok(root.querySelector('ul.issues .error details')!.textContent!.includes('parameters.extra'), 'the hidden field is listed');
    equal(
      [...root.querySelectorAll('[data-param] > .error')].map((e) => e.parentElement!.dataset.param),
      ['text', 'rows.0.key', 'rows.0.value', 'rows.1.key', 'rows.1.value'],
    );
  });

  it('speaks French with the French dictionary', async () => {
    const { el, root } = await edit('core.if');
    el.locale = 'fr';
    await addItem(el, root, 'conditions');
    await issueAt(el, 'conditions.0.operator');
    await el.run();
    await settle(el);
    equal(
      shown(root).map((p) => p.sentence),
      ['Choisissez une valeur pour « Operator ».'],
    );
  });
});
