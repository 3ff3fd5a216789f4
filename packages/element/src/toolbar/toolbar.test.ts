import { resetMouse, sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import type { WfWorkflowChangeEvent } from '../events/workflow-change.js';
import { equal, ok, until } from '../testing/assert.js';
import { canvasOf, mountEditor, settle } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

function centre(el: Element): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

/** The element that has the focus, inside shadow roots. */
function focused(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

const title = (el: WorkflowEditor) => el.shadowRoot!.querySelector<HTMLElement>('button.title')!;
const unsaved = (el: WorkflowEditor) => el.shadowRoot!.querySelector<HTMLElement>('.toolbar .unsaved');

async function mount(): Promise<WorkflowEditor> {
  await setViewport({ width: 1280, height: 900 });
  return mountEditor();
}

describe('toolbar', () => {
  afterEach(() => resetMouse());

  it('renames the workflow from its title: click, type, Enter, with one change event', async () => {
    const el = await mount();
    const changes: WfWorkflowChangeEvent[] = [];
    el.addEventListener('wf-workflow-change', (e) => changes.push(e));
    equal(title(el).textContent?.trim(), 'Sample');
    await sendMouse({ type: 'click', position: centre(title(el)) });
    const input = await until(
      () => (focused()?.matches('.title-input') ? (focused() as HTMLInputElement) : undefined),
      'the name is a field',
    );
    equal(input.getAttribute('aria-label'), 'Workflow name');
    await sendKeys({ press: 'End' });
    await sendKeys({ type: ' orders' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    equal(el.workflow.name, 'Sample orders');
    equal(changes.length, 1);
    equal(changes[0]!.detail.change, { type: 'updateWorkflow', patch: { name: 'Sample orders' }, before: { name: 'Sample' } });
    equal(title(el).textContent?.trim(), 'Sample orders');
    equal(focused(), title(el), 'the focus is back on the title');
    el.undo();
    equal(el.workflow.name, 'Sample', 'a rename is undone like any edit');
  });

  it('keeps the old name on Escape, and renames when the field loses the focus', async () => {
    const el = await mount();
    title(el).focus();
    await sendKeys({ press: 'Enter' });
    await until(() => focused()?.matches('.title-input'), 'Enter on the title opens the field');
    await sendKeys({ type: 'Something else' });
    await sendKeys({ press: 'Escape' });
    await settle(el);
    equal(el.workflow.name, 'Sample');
    ok(!el.shadowRoot!.querySelector('.title-input'));
    await sendMouse({ type: 'click', position: centre(title(el)) });
    await until(() => focused()?.matches('.title-input'));
    await sendKeys({ type: 'Nightly import' });
    await sendKeys({ press: 'Tab' });
    await settle(el);
    equal(el.workflow.name, 'Nightly import');
    // An empty name is no name: the old one stays.
    await sendMouse({ type: 'click', position: centre(title(el)) });
    await until(() => focused()?.matches('.title-input'));
    await sendKeys({ press: 'Backspace' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    equal(el.workflow.name, 'Nightly import');
  });

  it('marks unsaved changes with a dot and words for screen readers until the workflow is saved', async () => {
    const el = await mount();
    ok(!unsaved(el), 'a workflow just set has nothing unsaved');
    el.store.select(['p']);
    el.actions.moveSelection(20, 0);
    await settle(el);
    const mark = unsaved(el)!;
    ok(mark.querySelector('.unsaved-dot'));
    equal(mark.querySelector('.visually-hidden')?.textContent, 'Unsaved changes');
    let saved = false;
    el.addEventListener('wf-workflow-save', () => (saved = true));
    await sendMouse({ type: 'click', position: centre(canvasOf(el).shadowRoot!.querySelector('.node[data-id="p"] .label')!) });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 's' });
    await sendKeys({ up: 'Control' });
    await until(() => saved, 'saved');
    await settle(el);
    ok(!unsaved(el), 'saving clears the mark');
  });

  it('offers "Skip to canvas" as the first tab stop, which moves the focus to the canvas', async () => {
    const el = await mount();
    const before = document.createElement('button');
    before.textContent = 'before';
    el.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    const link = focused() as HTMLElement;
    ok(link.matches('.skip-link'), `first stop: ${link.outerHTML}`);
    equal(link.textContent, 'Skip to canvas');
    ok(link.getBoundingClientRect().height > 0 && getComputedStyle(link).transform === 'none', 'shown while focused');
    await sendKeys({ press: 'Enter' });
    await settle(el);
    ok(focused()?.matches('.node'), `the focus is on the canvas: ${focused()?.outerHTML.slice(0, 60)}`);
    equal(focused()?.getAttribute('data-id'), 't');
    before.remove();
  });
});
