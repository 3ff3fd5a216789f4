import { equal, ok } from '../testing/assert.js';
import { mountEditor, part, settle } from '../testing/fixture.js';
import type { WfCanvas } from '../canvas/canvas.component.js';
import { groupNodeTypes } from './palette.component.js';

describe('palette', () => {
  it('lists every node type of the engine but the hidden stand-ins, host types included, grouped in order', async () => {
    const el = await mountEditor();
    const root = part(el, 'wf-palette');
    const groups = [...root.querySelectorAll('h3')].map((h) => h.textContent);
    equal(groups[0], 'Triggers');
    const types = [...root.querySelectorAll<HTMLButtonElement>('button.type')].map((b) => b.dataset.type);
    ok(types.includes('core.manualTrigger') && types.includes('test.people') && types.includes('test.form'));
    const offered = el.engine.nodeTypes.describe().filter((d) => !d.hidden);
    ok(offered.length < el.engine.nodeTypes.list().length, 'the placeholders an import leaves are hidden');
    equal(types.length, offered.length);
    ok(!types.includes('core.placeholder'));
  });

  it('marks the types that run only in Node.js, which a page can edit but not run', async () => {
    const el = await mountEditor();
    const root = part(el, 'wf-palette');
    const badge = (type: string) => root.querySelector(`button[data-type="${type}"] .badge`);
    equal(badge('core.sendEmail')?.textContent, 'Node.js');
    ok(badge('core.executeCommand') && !badge('core.noOp') && !badge('core.httpRequest'));
  });

  it('filters by search text and restricts to the host list', async () => {
    const el = await mountEditor(undefined, (e) => e.setAttribute('node-types', 'core.manualTrigger, test.people, test.form'));
    const root = part(el, 'wf-palette');
    equal(root.querySelectorAll('button.type').length, 3);
    const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
    search.value = 'peop';
    search.dispatchEvent(new Event('input'));
    await settle(el);
    equal(
      [...root.querySelectorAll<HTMLButtonElement>('button.type')].map((b) => b.dataset.type),
      ['test.people'],
    );
    search.value = 'zzz';
    search.dispatchEvent(new Event('input'));
    await settle(el);
    equal(root.querySelector('.empty')!.textContent, 'No node type matches.');
  });

  it('adds a node on click, connected after the selected node', async () => {
    const el = await mountEditor();
    el.store.select(['f']);
    await settle(el);
    part(el, 'wf-palette').querySelector<HTMLButtonElement>('button[data-type="core.noOp"]')!.click();
    const added = el.workflow.nodes.at(-1)!;
    equal(added.type, 'core.noOp');
    ok(el.workflow.connections.some((c) => c.from.node === 'f' && c.to.node === added.id));
    equal([...el.store.selectedNodes], [added.id]);
  });

  it('groups unknown groups after the known ones', () => {
    const d = (type: string, group: string) => ({
      type,
      group,
      displayName: type,
      description: '',
      version: 1,
      icon: undefined,
      inputs: [],
      outputs: [],
      dynamicOutputs: false,
      credentials: [],
      properties: {},
    });
    equal(
      groupNodeTypes([d('x', 'zeta'), d('y', 'trigger'), d('z', 'acme')], '').map(([g]) => g),
      ['trigger', 'acme', 'zeta'],
    );
  });

  it('adds a sticky note at the centre of the visible canvas, as one step undone by Undo', async () => {
    const el = await mountEditor();
    const root = part(el, 'wf-palette');
    const canvas = part(el, 'wf-canvas').host as WfCanvas;
    const center = canvas.viewCenter();
    root.querySelector<HTMLButtonElement>('button.add-note')!.click();
    await settle(el);
    const notes = el.workflow.notes ?? [];
    equal(notes.length, 1);
    const [x, y] = notes[0]!.position;
    const [w, h] = notes[0]!.size;
    // Centred on the view, up to the grid the editor snaps to.
    ok(
      Math.abs(x + w / 2 - center.x) <= 20 && Math.abs(y + h / 2 - center.y) <= 20,
      `note at ${x},${y}, view centre ${center.x},${center.y}`,
    );
    el.actions.undo();
    await settle(el);
    equal(el.workflow.notes ?? [], []);
  });
});
