import { resetMouse, sendKeys, setViewport } from '@web/test-runner-commands';
import { equal, ok } from '../testing/assert.js';
import { mountEditor, part, settle } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

/** The element that has the focus, inside shadow roots. */
function focused(): Element | null {
  let el = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

async function mount(): Promise<WorkflowEditor> {
  await setViewport({ width: 1280, height: 900 });
  return mountEditor();
}

describe('palette keyboard', () => {
  afterEach(() => resetMouse());

  it('is one tab stop with arrow keys between the search field and the node types', async () => {
    const el = await mount();
    const palette = part(el, 'wf-palette');
    const search = palette.querySelector<HTMLInputElement>('input.search')!;
    const stops = () => [search, ...palette.querySelectorAll<HTMLElement>('button.type')].filter((x) => x.tabIndex === 0);
    equal(stops(), [search], 'one tab stop');
    search.focus();
    await sendKeys({ press: 'ArrowDown' });
    const first = palette.querySelector<HTMLElement>('button.type')!;
    equal(focused(), first);
    await sendKeys({ press: 'ArrowDown' });
    const second = palette.querySelectorAll<HTMLElement>('button.type')[1]!;
    equal(focused(), second);
    await settle(el);
    equal(stops(), [second], 'the tab stop moves with the focus');
    await sendKeys({ press: 'End' });
    const all = palette.querySelectorAll<HTMLElement>('button.type');
    equal(focused(), all[all.length - 1]);
    await sendKeys({ press: 'Home' });
    equal(focused(), first);
    await sendKeys({ press: 'ArrowUp' });
    equal(focused(), search);
    // Tab leaves the palette at once.
    await sendKeys({ press: 'Tab' });
    ok(!palette.contains(focused()), `Tab leaves the palette: ${focused()?.outerHTML.slice(0, 80)}`);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    equal(focused(), search, 'Shift+Tab comes back to the one stop');
    // Enter on an entry adds it.
    await sendKeys({ press: 'ArrowDown' });
    const type = (focused() as HTMLElement).dataset.type!;
    const count = el.workflow.nodes.length;
    await sendKeys({ press: 'Enter' });
    equal(el.workflow.nodes.length, count + 1);
    equal(el.workflow.nodes.at(-1)?.type, type);
  });

  it('adds the top result when Enter is pressed in the search field', async () => {
    const el = await mount();
    const search = part(el, 'wf-palette').querySelector<HTMLInputElement>('input.search')!;
    search.focus();
    await sendKeys({ type: 'people' });
    await settle(el);
    await sendKeys({ press: 'Enter' });
    await settle(el);
    equal(el.workflow.nodes.filter((n) => n.type === 'test.people').length, 2);
  });
});
