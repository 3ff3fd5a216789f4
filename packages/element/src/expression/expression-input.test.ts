import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, part, settle } from '../testing/fixture.js';
import type { WfExpressionInput } from './expression-input.component.js';
import { expressionCompletions, expressionProblems } from './expression-tools.js';

const workflow = buildWorkflow({
  nodes: [
    { id: 'a', name: 'Start', type: 'core.noOp' },
    { id: 'b', name: 'People', type: 'core.noOp' },
    { id: 'c', name: 'Me', type: 'core.noOp' },
  ],
});
const ctx = {
  items: [{ json: { name: 'Ada', address: { city: 'London' } } }],
  workflow,
  node: workflow.nodes.find((n) => n.id === 'c'),
  variables: ['apiBase'],
  nodeOutput: () => undefined,
};

describe('expression input', () => {
  it('completes fields of the previous output, nested fields, node names, variables and functions', () => {
    equal(
      expressionCompletions('{{ $json.', 9, ctx).items.map((c) => c.label),
      ['name', 'address'],
    );
    equal(
      expressionCompletions('{{ $json.address.c', 18, ctx).items.map((c) => c.insert),
      ['$json.address.city'],
    );
    const nodes = expressionCompletions('{{ $node("', 10, ctx).items;
    ok(expressionCompletions('{{ $no', 6, ctx).items.some((c) => c.insert === '$node("People").json'));
    ok(!expressionCompletions('{{ $no', 6, ctx).items.some((c) => c.label === '$node("Me")'), 'not the node itself');
    void nodes;
    equal(
      expressionCompletions('{{ $vars.', 9, ctx).items.map((c) => c.label),
      ['$vars.apiBase'],
    );
    const fn = expressionCompletions('{{ $upp', 7, ctx).items.find((c) => c.kind === 'function');
    ok(fn && fn.detail && fn.info, 'functions come with a signature and a line of docs');
    equal(expressionCompletions('plain $json.', 12, ctx).items, [], 'nothing outside {{ }}');
  });

  it('reports problems at their position', async () => {
    const unclosed = await expressionProblems('Hi {{ $json.name }} and {{ $json.');
    equal(
      unclosed.map((p) => p.from),
      [24],
    );
    const unknown = await expressionProblems('Hi {{ $nosuchfunction($json.name) }}');
    ok(unknown.length === 1 && unknown[0]!.from >= 6 && unknown[0]!.message.length > 0, JSON.stringify(unknown));
    equal(await expressionProblems('{{ $json.name }}'), []);
  });

  it('takes the focus and a selection like a text field', async () => {
    const editor = await mountEditor();
    editor.store.select(['f']);
    await settle(editor);
    const inspector = part(editor, 'wf-inspector');
    inspector.querySelector<HTMLButtonElement>('[data-param="text"] button.fx')!.click();
    await settle(editor);
    const input = inspector.querySelector<WfExpressionInput>('[data-param="text"] wf-expression-input')!;
    await input.updateComplete;
    input.focus();
    input.setSelectionRange(3, 8);
    const area = input.shadowRoot!.querySelector('textarea')!;
    equal([input.shadowRoot!.activeElement === area, input.selectionStart, input.selectionEnd], [true, 3, 8]);
    equal(area.value.slice(3, 8), input.value.slice(3, 8));
  });

  it('highlights {{ }}, suggests while typing, inserts the pick and previews the first item', async () => {
    const el = await mountEditor();
    await el.run();
    el.store.select(['f']);
    await settle(el);
    const inspector = part(el, 'wf-inspector');
    inspector.querySelector<HTMLButtonElement>('[data-param="text"] button.fx')!.click();
    await settle(el);
    const input = inspector.querySelector('[data-param="text"] wf-expression-input')!;
    await (input as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const area = input.shadowRoot!.querySelector('textarea')!;
    area.value = '{{ $json.na';
    area.setSelectionRange(11, 11);
    area.dispatchEvent(new Event('input'));
    await settle(el);
    await (input as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const options = [...input.shadowRoot!.querySelectorAll('[role="option"]')].map((o) => o.textContent!.trim());
    ok(options[0]!.startsWith('name'), options.join('|'));
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    equal(area.value, '{{ $json.name');
    area.value = '{{ $json.name }}!';
    area.dispatchEvent(new Event('input'));
    await (input as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    ok(input.shadowRoot!.querySelector('pre .expr')!.textContent === '{{ $json.name }}');
    const preview = await until(
      () => input.shadowRoot!.querySelector('.preview')?.textContent?.includes('Ada!'),
      'preview shows the value',
    );
    ok(preview);
    equal(el.workflow.nodes.find((n) => n.id === 'f')!.parameters.text, '{{ $json.name }}!');
  });
});
