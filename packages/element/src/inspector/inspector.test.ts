import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, part, settle } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

async function inspect(id: string): Promise<{ el: WorkflowEditor; root: ShadowRoot }> {
  const el = await mountEditor();
  el.store.select([id]);
  await settle(el);
  return { el, root: part(el, 'wf-inspector') };
}

const param = (el: WorkflowEditor, key: string) => el.workflow.nodes.find((n) => n.id === 'f')!.parameters[key];

function change(input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string | boolean): void {
  if (typeof value === 'boolean') (input as HTMLInputElement).checked = value;
  else input.value = value;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('inspector', () => {
  it('generates a control for each kind of parameter', async () => {
    const { root } = await inspect('f');
    const field = (key: string) => root.querySelector(`[data-param="${key}"]`)!;
    ok(field('text').querySelector('input[type="text"]'));
    ok(field('count').querySelector('input[type="number"]'));
    ok(field('enabled').querySelector('input[type="checkbox"]'));
    equal(
      [...field('mode').querySelectorAll('option')].map((o) => o.textContent),
      ['(none)', 'simple', 'advanced'],
    );
    equal(field('tags').querySelectorAll('input[type="checkbox"]').length, 3);
    ok(field('rows').querySelector('button'), 'a list has an add button');
    ok(field('options').querySelector('[data-param="options.retries"] input[type="number"]'), 'a collection nests its fields');
    ok(field('payload').querySelector('textarea'), 'free-form objects are JSON');
    ok(field('script').querySelector('wf-code-editor'));
    ok(!root.querySelector('[data-param="extra"]'), 'hidden by its display condition');
  });

  it('writes edits to the node parameters as undoable changes', async () => {
    const { el, root } = await inspect('f');
    change(root.querySelector('[data-param="text"] input')!, 'changed');
    change(root.querySelector('[data-param="count"] input')!, '7');
    change(root.querySelector('[data-param="enabled"] input')!, true);
    change(root.querySelector('[data-param="mode"] select')!, 'advanced');
    equal([param(el, 'text'), param(el, 'count'), param(el, 'enabled'), param(el, 'mode')], ['changed', 7, true, 'advanced']);
    await settle(el);
    ok(root.querySelector('[data-param="extra"]'), 'display condition now met');
    change(root.querySelector('[data-param="payload"] textarea')!, '{"a": [1, 2]}');
    equal(param(el, 'payload'), { a: [1, 2] });
    el.undo();
    equal(param(el, 'payload'), undefined);
  });

  it('edits lists and multi-options', async () => {
    const { el, root } = await inspect('f');
    root.querySelector<HTMLButtonElement>('[data-param="rows"] > .group > button, [data-param="rows"] .group > button')!.click();
    equal(param(el, 'rows'), [{}]);
    await settle(el);
    change(root.querySelector('[data-param="rows.0.key"] input')!, 'k');
    equal(param(el, 'rows'), [{ key: 'k' }]);
    await settle(el);
    const boxes = root.querySelectorAll<HTMLInputElement>('[data-param="tags"] input');
    change(boxes[0]!, true);
    await settle(el);
    change(root.querySelectorAll<HTMLInputElement>('[data-param="tags"] input')[2]!, true);
    equal(param(el, 'tags'), ['a', 'c']);
  });

  it('shows validation messages inline once the field is committed, with the schema message in the details', async () => {
    const { el, root } = await inspect('f');
    change(root.querySelector('[data-param="text"] input')!, 'ab');
    await until(() => el.store.issues.get('f'), 'validation ran');
    await settle(el);
    const error = root.querySelector('[data-param="text"] .error');
    equal(error?.querySelector('[role="alert"]')?.textContent?.trim(), 'Enter a valid text.');
    ok(error?.querySelector('details')?.textContent?.includes('at least 3 characters'), error?.textContent ?? 'no message');
    equal(root.querySelector('[data-param="text"] input')!.getAttribute('aria-invalid'), 'true');
  });

  it('switches a field to an expression and back', async () => {
    const { el, root } = await inspect('f');
    const toggle = root.querySelector<HTMLButtonElement>('[data-param="count"] button.fx')!;
    equal(toggle.getAttribute('aria-label'), 'Use an expression for Count');
    toggle.click();
    equal(param(el, 'count'), '{{ 2 }}');
    await settle(el);
    ok(root.querySelector('[data-param="count"] wf-expression-input'));
    root.querySelector<HTMLButtonElement>('[data-param="count"] button.fx')!.click();
    equal(param(el, 'count'), undefined);
  });

  it('edits node settings: rename, retry, on error, disabled, notes', async () => {
    const { el, root } = await inspect('f');
    const name = root.querySelector<HTMLInputElement>('input#' + CSS.escape(root.querySelector('label')!.htmlFor))!;
    change(name, 'People');
    equal(el.workflow.nodes.find((n) => n.id === 'f')!.name, 'Form', 'a duplicate name is refused');
    change(name, 'Renamed');
    const checks = [...root.querySelectorAll<HTMLInputElement>('label.check input')];
    change(checks.at(-1)!, true);
    change(checks.at(-3)!, true);
    await settle(el);
    change(root.querySelector<HTMLSelectElement>('select[id$="-onerror"]')!, 'continue');
    change(root.querySelector<HTMLTextAreaElement>('textarea[id$="-notes"]')!, 'remember');
    const node = el.workflow.nodes.find((n) => n.id === 'f')!;
    equal(
      [node.name, node.disabled, node.retry, node.onError, node.notes],
      ['Renamed', true, { maxTries: 3, waitMs: 1000 }, 'continue', 'remember'],
    );
  });

  it('loads CodeMirror for code parameters only when shown', async () => {
    const { el, root } = await inspect('f');
    const editor = root.querySelector<HTMLElement>('wf-code-editor')!;
    await until(() => editor.dataset.ready !== undefined, 'CodeMirror mounted');
    const content = editor.shadowRoot!.querySelector<HTMLElement>('.cm-content')!;
    equal(content.getAttribute('aria-label'), 'Script');
    ok(content.textContent!.includes('return items;'));
    (editor as unknown as { value: string }).value = 'return [];';
    editor.dispatchEvent(new Event('change'));
    equal(param(el, 'script'), 'return [];');
  });
});
