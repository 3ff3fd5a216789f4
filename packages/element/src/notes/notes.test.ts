// Canvas notes, driven with Chromium's own mouse and keyboard. The oracle for Markdown is `marked` (the
// reference renderer the engine already uses): the note must show the same elements and text it would.
import type { WorkflowNote } from '@flowloom/engine';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { marked } from 'marked';
import { equal, ok, until } from '../testing/assert.js';
import { canvasOf, mountEditor, press, sampleWorkflow, settle } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

const note = (extra: Partial<WorkflowNote> = {}): WorkflowNote => ({
  id: 'n1',
  text: 'Hello',
  position: [0, 200],
  size: [240, 160],
  color: 'yellow',
  ...extra,
});

const mountWithNotes = async (notes: WorkflowNote[]) => {
  const el = await mountEditor({ ...sampleWorkflow(), notes });
  canvasOf(el).setViewport({ x: 100, y: 50, zoom: 1 });
  await settle(el);
  return el;
};
const noteEl = (el: WorkflowEditor, id = 'n1') => {
  const found = canvasOf(el).shadowRoot!.querySelector<HTMLElement>(`.note[data-note="${id}"]`);
  ok(found, `note ${id} is on the canvas`);
  return found;
};
const notes = (el: WorkflowEditor) => el.workflow.notes ?? [];
const at = (el: Element, fx = 0.5, fy = 0.5): [number, number] => {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width * fx), Math.round(r.top + r.height * fy)];
};

/** Elements and text of rendered Markdown, for comparison. */
function outline(root: Element): string[] {
  return [...root.querySelectorAll('*')].map(
    (e) => `${e.tagName.toLowerCase()}:${e.children.length === 0 ? (e.textContent ?? '').trim() : ''}`,
  );
}

describe('canvas notes', () => {
  afterEach(() => resetMouse());

  it('are drawn behind the nodes', async () => {
    const el = await mountWithNotes([note()]);
    const viewport = canvasOf(el).shadowRoot!.querySelector('.viewport')!;
    const layers = [...viewport.children].map((c) => c.getAttribute('class') ?? '');
    ok(layers.indexOf('notes') >= 0 && layers.indexOf('notes') < layers.findIndex((c) => c.includes('node')), layers.join(','));
  });

  it('are added from the toolbar, written in on the spot, and the addition and the text are undone one by one', async () => {
    const el = await mountEditor();
    const add = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.toolbar button')].find(
      (b) => b.textContent?.trim() === 'Add note',
    );
    ok(add, 'the toolbar has Add note');
    add.click();
    await until(() => canvasOf(el).shadowRoot!.activeElement?.tagName === 'TEXTAREA', 'the new note is being edited');
    equal(notes(el).length, 1);
    equal(notes(el)[0]!.text, '');
    await sendKeys({ type: 'Plan' });
    await sendKeys({ down: 'Control' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Control' });
    await settle(el);
    equal(notes(el)[0]!.text, 'Plan');
    ok(noteEl(el, notes(el)[0]!.id).querySelector('.note-body')!.textContent!.includes('Plan'));
    el.undo();
    equal(notes(el)[0]!.text, '');
    el.undo();
    equal(notes(el), []);
    el.redo();
    equal(notes(el).length, 1);
  });

  it('are added with Shift+N on the canvas', async () => {
    const el = await mountEditor();
    const pane = canvasOf(el).shadowRoot!.querySelector<HTMLElement>('.pane')!;
    pane.focus();
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'N' });
    await sendKeys({ up: 'Shift' });
    await until(() => notes(el).length === 1, 'a note was added');
    await until(() => canvasOf(el).shadowRoot!.activeElement?.tagName === 'TEXTAREA', 'and is being edited');
  });

  it('render Markdown as marked does: headings, emphasis, lists, code and links', async () => {
    const text =
      '# Orders\nFetch **new** orders and *tag* them.\n\n- one\n- two `code`\n\n1. first\n2. second\n\nSee [docs](https://example.com/docs).';
    const el = await mountWithNotes([note({ text, size: [400, 400] })]);
    const body = noteEl(el).querySelector('.note-body')!;
    const reference = document.createElement('div');
    // marked's HTML is parsed into a detached element for comparison only: never into the page.
    reference.append(new DOMParser().parseFromString(await marked.parse(text), 'text/html').body.cloneNode(true));
    equal(outline(body), outline(reference.firstElementChild!));
    const link = body.querySelector('a')!;
    equal(link.getAttribute('href'), 'https://example.com/docs');
    equal(link.getAttribute('rel'), 'noopener noreferrer');
  });

  it('show HTML and script in their text as text, and run none of it', async () => {
    const w = window as unknown as { __noteRan?: number };
    delete w.__noteRan;
    const text =
      '<script>window.__noteRan = 1</script>\n\n<img src="x" onerror="window.__noteRan = 2">\n\n[click](javascript:window.__noteRan=3) <b onclick="window.__noteRan=4">b</b>';
    const el = await mountWithNotes([note({ text, size: [400, 300] })]);
    const body = noteEl(el).querySelector('.note-body')!;
    equal(body.querySelectorAll('script, img, b, [onerror], [onclick]').length, 0);
    equal(
      [...body.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      [],
      'a javascript: link is not a link',
    );
    ok(body.textContent!.includes('<script>window.__noteRan = 1</script>'));
    ok(body.textContent!.includes('<img src="x" onerror="window.__noteRan = 2">'));
    await sendMouse({ type: 'click', position: at(body, 0.1, 0.9) });
    equal(w.__noteRan, undefined);
  });

  it('move with the mouse and resize from the corner, each an undoable step on the grid', async () => {
    const el = await mountWithNotes([note()]);
    const [x, y] = at(noteEl(el), 0.5, 0.6);
    await sendMouse({ type: 'move', position: [x, y] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [x + 50, y + 30] });
    await sendMouse({ type: 'move', position: [x + 101, y + 79] });
    await sendMouse({ type: 'up' });
    await settle(el);
    equal(notes(el)[0]!.position, [100, 280]);
    const [rx, ry] = at(noteEl(el).querySelector('.note-resize')!);
    await sendMouse({ type: 'move', position: [rx, ry] });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: [rx + 61, ry + 38] });
    await sendMouse({ type: 'up' });
    await settle(el);
    equal(notes(el)[0]!.size, [300, 200]);
    el.undo();
    equal(notes(el)[0]!.size, [240, 160]);
    el.undo();
    equal(notes(el)[0]!.position, [0, 200]);
  });

  it('are edited on double-click; Escape leaves the text as it was', async () => {
    const el = await mountWithNotes([note()]);
    noteEl(el)
      .querySelector('.note-body')!
      .dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await until(() => canvasOf(el).shadowRoot!.activeElement?.tagName === 'TEXTAREA', 'editing');
    await sendKeys({ type: ' world' });
    await sendKeys({ press: 'Escape' });
    await settle(el);
    equal(notes(el)[0]!.text, 'Hello');
    noteEl(el).dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await until(() => canvasOf(el).shadowRoot!.activeElement?.tagName === 'TEXTAREA', 'editing again');
    await sendKeys({ type: ' world' });
    (canvasOf(el).shadowRoot!.querySelector('.pane') as HTMLElement).focus();
    await settle(el);
    equal(notes(el)[0]!.text, 'Hello world', 'leaving the field keeps the text');
  });

  it('take a colour from their tools, and Delete removes the note; undo puts it back in place', async () => {
    const el = await mountWithNotes([note(), note({ id: 'n2', position: [400, 200] })]);
    await sendMouse({ type: 'click', position: at(noteEl(el), 0.5, 0.7) });
    await settle(el);
    const blue = noteEl(el).querySelector<HTMLElement>('.swatch[data-color="blue"]')!;
    ok(getComputedStyle(blue).display !== 'none', 'the tools show while the note has focus');
    await sendMouse({ type: 'click', position: at(blue) });
    await settle(el);
    equal(notes(el)[0]!.color, 'blue');
    ok(noteEl(el).classList.contains('note-blue'));
    noteEl(el).focus();
    press(noteEl(el), 'Delete');
    await settle(el);
    equal(
      notes(el).map((n) => n.id),
      ['n2'],
    );
    el.undo();
    equal(
      notes(el).map((n) => n.id),
      ['n1', 'n2'],
    );
    el.undo();
    equal(notes(el)[0]!.color, 'yellow');
  });

  it('are left alone by a run', async () => {
    const el = await mountWithNotes([note()]);
    const before = notes(el);
    const execution = await el.run();
    equal(execution?.status, 'success');
    ok(notes(el) === before, 'the notes are the same ones');
  });
});
