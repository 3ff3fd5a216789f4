import { equal, ok } from '../testing/assert.js';
import { mountEditor, part, settle } from '../testing/fixture.js';
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
});
