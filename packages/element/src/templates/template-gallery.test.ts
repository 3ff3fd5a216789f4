import { createEngine, fillTemplate, readTemplateMeta, silentLogger, type Workflow } from '@flowloom/engine';
import type { WfTemplateSaveEvent } from '../events/template-save.js';
import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, sampleWorkflow, settle, testNodeTypes } from '../testing/fixture.js';
import { choose, typeInto } from '../testing/panels.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

/** A template document as a host's catalogue holds it. */
function template(id: string, meta: Record<string, unknown>, nodes: Workflow['nodes']): Workflow {
  return {
    schemaVersion: 1,
    id: `template-${id}`,
    name: String(meta['name']),
    nodes,
    connections: nodes.length > 1 ? [{ from: { node: nodes[0]!.id, port: 'main' }, to: { node: nodes[1]!.id, port: 'main' } }] : [],
    settings: {},
    meta: { template: { id, tags: [], useCases: [], version: '1.0.0', placeholders: [], ...meta } },
  };
}

const node = (id: string, type: string, parameters: Record<string, unknown> = {}, x = 0) => ({
  id,
  name: id === 't' ? 'Start' : `Step ${id}`,
  type,
  typeVersion: 1,
  position: { x, y: 0 },
  parameters,
});

const catalogue = (): Workflow[] => [
  template(
    'greet-on-form',
    {
      name: 'Greet each form answer',
      description: 'Writes a greeting for every answer.',
      category: 'communication',
      tags: ['forms', 'alerts'],
      useCases: ['Welcome new sign-ups'],
      version: '1.2.0',
      placeholders: [
        { key: 'greeting', label: 'Greeting', kind: 'text', targets: [{ node: 'f', parameter: 'text' }], example: 'Hello!' },
        { key: 'script', label: 'Script', kind: 'text', targets: [{ node: 'f', parameter: 'script' }] },
      ],
    },
    [node('t', 'core.manualTrigger'), node('f', 'test.form', { text: '', script: '' }, 300)],
  ),
  template(
    'people-report',
    { name: 'People report', description: 'Lists everyone each week.', category: 'operations', tags: ['reports'] },
    [node('t', 'core.manualTrigger'), node('p', 'test.people', {}, 300)],
  ),
  template('crm-sync', { name: 'Contact sync', description: 'Copies contacts to the CRM.', category: 'crm', tags: ['alerts'] }, [
    node('t', 'core.manualTrigger'),
    node('p', 'test.people', {}, 300),
  ]),
];

/** Opens the templates panel from the toolbar; resolves with its shadow root once its code has loaded. */
async function openGallery(el: WorkflowEditor): Promise<ShadowRoot> {
  el.shadowRoot!.querySelector<HTMLButtonElement>('.toolbar button[data-panel="templates"]')!.click();
  return until(
    () => el.shadowRoot!.querySelector('wf-editor-panels')?.shadowRoot?.querySelector('wf-template-gallery')?.shadowRoot,
    'the gallery opens',
  );
}

/** A value with its object keys sorted, to compare documents whatever order their keys were written in. */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;

const shownIds = (root: ShadowRoot) => [...root.querySelectorAll<HTMLElement>('.card')].map((c) => c.dataset.template);
const errors = (root: ShadowRoot) => [...root.querySelectorAll('.error[role="alert"]')].map((e) => e.textContent);

describe('template gallery', () => {
  it('filters the templates by category, search and tags', async () => {
    const el = await mountEditor(undefined, (e) => (e.templates = catalogue()));
    const root = await openGallery(el);
    await until(() => shownIds(root).length === 3, 'every template is listed');

    choose(root.querySelector<HTMLSelectElement>('select.category'), 'crm');
    await el.updateComplete;
    await until(() => shownIds(root).length === 1);
    equal(shownIds(root), ['crm-sync']);
    choose(root.querySelector<HTMLSelectElement>('select.category'), '');

    typeInto(root.querySelector<HTMLInputElement>('input[type="search"]'), 'weekly REPORT');
    await until(() => shownIds(root).length !== 3);
    equal(shownIds(root), [], 'every word must match');
    typeInto(root.querySelector<HTMLInputElement>('input[type="search"]'), 'each week');
    await until(() => shownIds(root).length === 1);
    equal(shownIds(root), ['people-report']);
    typeInto(root.querySelector<HTMLInputElement>('input[type="search"]'), '');

    root.querySelector<HTMLButtonElement>('.tag[data-tag="alerts"]')!.click();
    await until(() => shownIds(root).length === 2);
    equal(shownIds(root), ['greet-on-form', 'crm-sync']);
    root.querySelector<HTMLButtonElement>('.tag[data-tag="forms"]')!.click();
    await until(() => shownIds(root).length === 1);
    equal(shownIds(root), ['greet-on-form']);
  });

  it('previews a template read-only, names an empty placeholder, and fills the placeholders into a new workflow', async () => {
    const templates = catalogue();
    const el = await mountEditor(undefined, (e) => {
      e.templates = templates;
      e.templateRatings = { 'greet-on-form': 4.5 };
    });
    const root = await openGallery(el);
    const card = await until(() => root.querySelector('.card[data-template="greet-on-form"]'));
    ok(card.textContent!.includes('Rated 4.5 of 5'));
    ok(card.textContent!.includes('Imports here: 0'));
    card.querySelector<HTMLButtonElement>('button.open')!.click();

    const preview = await until(() => root.querySelector('wf-template-preview')?.shadowRoot?.querySelector('wf-canvas')?.shadowRoot);
    await until(() => preview.querySelectorAll('[part~="node"]').length === 2, 'the template’s nodes are drawn');

    const form = root.querySelector<HTMLFormElement>('form.fill')!;
    typeInto(form.querySelector<HTMLInputElement>('input[name="greeting"]'), 'Hi there');
    form.querySelector<HTMLButtonElement>('button.use')!.click();
    await until(() => errors(root).length > 0, 'the empty placeholder is named');
    equal(errors(root), ['Fill in “Script” (script).']);
    equal(el.workflow.id, 'sample', 'nothing was imported');

    typeInto(form.querySelector<HTMLInputElement>('input[name="script"]'), 'return items;');
    form.querySelector<HTMLButtonElement>('button.use')!.click();
    await until(() => el.workflow.id !== 'sample', 'the workflow is created');

    // The engine's own filling of the same template with the same values.
    const expected = fillTemplate(templates[0]!, { greeting: 'Hi there', script: 'return items;' });
    equal(el.workflow.nodes, expected.nodes);
    equal(el.workflow.meta, { templateSource: { id: 'greet-on-form', version: '1.2.0' } });
    equal(el.workflow.name, 'Greet each form answer');
    ok(el.workflow.id.startsWith('greet-on-form-'));

    // Counted once in this tenant, in the engine's key-value storage.
    await until(() => root.querySelector('.card[data-template="greet-on-form"]')?.textContent?.includes('Imports here: 1'));
    equal(await el.engine.storage.keyValue!.get('default', 'templates.imports', 'greet-on-form'), 1);
  });

  it('refuses a template with a node type the host denies', async () => {
    const el = await mountEditor(undefined, (e) => {
      e.templates = catalogue();
      e.deniedNodeTypes = ['test.people'];
    });
    const root = await openGallery(el);
    (await until(() => root.querySelector<HTMLButtonElement>('.card[data-template="crm-sync"] button.open'))).click();
    (await until(() => root.querySelector<HTMLButtonElement>('form.fill button.use'))).click();
    await until(() => root.querySelector('.status')?.textContent?.includes('node types this editor does not allow (People)'));
    equal(el.workflow.id, 'sample');
  });

  it('exports the workflow as a JSON file and imports it back unchanged', async () => {
    const el = await mountEditor();
    const original = JSON.stringify(el.workflow);
    const gallery = await openGallery(el);
    const root = await until(() => gallery.querySelector('wf-workflow-json')?.shadowRoot);
    const link = await until(() => root.querySelector<HTMLAnchorElement>('a.export-file'));
    link.click();
    equal(link.download, 'sample.json');
    const exported = await (await fetch(link.href)).text();
    equal(JSON.parse(exported), JSON.parse(original));

    // Another document in the editor, then the file back in.
    el.workflow = { schemaVersion: 1, id: 'other', name: 'Other', nodes: [], connections: [] };
    await settle(el);
    const input = root.querySelector<HTMLInputElement>('.import-file input[type="file"]')!;
    const files = new DataTransfer();
    files.items.add(new File([exported], 'sample.json', { type: 'application/json' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change'));
    await until(() => el.workflow.id === 'sample', 'the file is imported');
    equal(canonical(el.workflow), canonical(JSON.parse(original)));

    // Text that is not a workflow is refused with a sentence naming the problem.
    typeInto(root.querySelector<HTMLTextAreaElement>('textarea.json-text'), '{ "nodes": [ }');
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('button.import-text')!.click();
    await until(() => errors(root).length > 0);
    ok(errors(root)[0]!.startsWith('This is not JSON: '), errors(root)[0]!);
    typeInto(root.querySelector<HTMLTextAreaElement>('textarea.json-text'), JSON.stringify({ ...sampleWorkflow(), schemaVersion: 9 }));
    await el.updateComplete;
    root.querySelector<HTMLButtonElement>('button.import-text')!.click();
    await until(() => errors(root)[0]?.startsWith('This is not a workflow: schemaVersion'));
    equal(el.workflow.id, 'sample', 'the editor keeps its workflow');
  });

  it('saves the workflow as a template the engine reads back', async () => {
    const el = await mountEditor(undefined, (e) => (e.templates = []));
    const saved = new Promise<WfTemplateSaveEvent>((resolve) => el.addEventListener('wf-template-save', resolve, { once: true }));
    const root = await openGallery(el);
    (await until(() => root.querySelector<HTMLButtonElement>('button.save-as'))).click();
    const form = await until(() => root.querySelector<HTMLFormElement>('form.save'));
    const field = (label: string) => {
      const id = [...form.querySelectorAll('label')].find((l) => l.textContent === label)!.htmlFor;
      return form.querySelector<HTMLInputElement>(`#${id}`)!;
    };
    equal(field('Template id').value, 'sample');
    typeInto(field('Description'), '');
    form.querySelector<HTMLButtonElement>('button.save-template')!.click();
    await until(() => errors(root).length > 0);
    equal(errors(root), ['A template description must not be empty.']);

    typeInto(field('Description'), 'Lists people into a form.');
    typeInto(field('Tags'), 'people, forms');
    choose(field('Category') as unknown as HTMLSelectElement, 'operations');
    form.querySelector<HTMLButtonElement>('button.save-template')!.click();
    const { template } = (await saved).detail;
    const meta = readTemplateMeta(template);
    equal([meta.id, meta.category, meta.tags, meta.version], ['sample', 'operations', ['people', 'forms'], '1.0.0']);
    await until(() => shownIds(root).length === 1, 'the new template is listed');
  });

  it('defines placeholders when saving a template: a parameter or a credential slot, each with a key and a label', async () => {
    const workflow: Workflow = {
      ...sampleWorkflow(),
      nodes: [
        node('t', 'core.manualTrigger'),
        { ...node('h', 'core.httpRequest', { url: 'https://api.example.com/' }, 300), name: 'Fetch' },
        { ...node('f', 'test.form', { text: 'hello' }, 600), name: 'Form' },
      ],
      connections: [],
    };
    const el = await mountEditor(workflow, (e) => (e.templates = []));
    const saved = new Promise<WfTemplateSaveEvent>((resolve) => el.addEventListener('wf-template-save', resolve, { once: true }));
    const root = await openGallery(el);
    (await until(() => root.querySelector<HTMLButtonElement>('button.save-as'))).click();
    const form = await until(() => root.querySelector<HTMLFormElement>('form.save'));
    typeInto(form.querySelector('textarea')!, 'Fetches a page and fills a form.');
    const add = form.querySelector<HTMLButtonElement>('.placeholders button.add')!;
    const group = (i: number) => form.querySelector<HTMLElement>(`.placeholder[data-placeholder-index="${i}"]`)!;
    const control = <T extends Element>(i: number, label: string) => {
      const id = [...group(i).querySelectorAll('label')].find((l) => l.textContent === label)!.htmlFor;
      return group(i).querySelector(`#${id}`) as unknown as T;
    };

    add.click();
    await until(() => group(0));
    const targets = control<HTMLSelectElement>(0, 'Goes into');
    equal(root.activeElement, targets, 'the new placeholder’s first field has the focus');
    // Every parameter of every node, and every credential slot, apart.
    const [parameters, slots] = [...targets.querySelectorAll('optgroup')];
    const texts = (group: Element) => [...group.querySelectorAll('option')].map((o) => o.textContent!.trim());
    equal([parameters!.label, slots!.label], ['Parameters', 'Credentials']);
    ok(texts(parameters!).includes('Fetch: URL') && texts(parameters!).includes('Form: Text'), texts(parameters!).join(', '));
    equal(texts(slots!), ['Fetch: auth']);
    choose(targets, 'param:f:text');
    typeInto(control<HTMLInputElement>(0, 'Key'), 'greeting');
    typeInto(control<HTMLInputElement>(0, 'Label'), 'Greeting');

    add.click();
    await until(() => group(1));
    choose(control<HTMLSelectElement>(1, 'Goes into'), 'slot:h:auth');
    typeInto(control<HTMLInputElement>(1, 'Key'), 'account');
    form.querySelector<HTMLButtonElement>('button.save-template')!.click();
    // A placeholder without a label is refused where it is.
    await until(() => group(1).querySelector('.error'), 'the empty label is named');
    equal(group(1).querySelector('.error')!.textContent, 'A label must not be empty.');
    typeInto(control<HTMLInputElement>(1, 'Label'), 'API account');
    form.querySelector<HTMLButtonElement>('button.save-template')!.click();

    const { template } = (await saved).detail;
    equal(readTemplateMeta(template).placeholders, [
      { key: 'greeting', label: 'Greeting', kind: 'text', targets: [{ node: 'f', parameter: 'text' }] },
      { key: 'account', label: 'API account', kind: 'credential', targets: [{ node: 'h', slot: 'auth' }] },
    ]);
    const filled = fillTemplate(template, { greeting: 'Hi there', account: 'cred-1' });
    equal(filled.nodes.find((n) => n.id === 'f')!.parameters['text'], 'Hi there');
    equal(filled.nodes.find((n) => n.id === 'h')!.credentials, { auth: 'cred-1' });
  });

  it('offers a credential placeholder the credentials its node’s slot takes', async () => {
    const engine = createEngine({ nodeTypes: testNodeTypes, logger: silentLogger });
    const key = await engine.credentials.create({ name: 'Shop key', type: 'apiKey', data: { key: 'k-1', allowedDomains: ['*'] } });
    await engine.credentials.create({
      name: 'Mailbox',
      type: 'smtp',
      data: { host: 'smtp.example.com', port: 587, user: 'u', password: 'p' },
    });
    const withSlot = template(
      'fetch-page',
      {
        name: 'Fetch a page',
        description: 'Reads a page with an account.',
        category: 'operations',
        placeholders: [{ key: 'account', label: 'Account', kind: 'credential', targets: [{ node: 'h', slot: 'auth' }] }],
      },
      [node('t', 'core.manualTrigger'), node('h', 'core.httpRequest', { url: 'https://example.com/' }, 300)],
    );
    const el = await mountEditor(undefined, (e) => {
      e.engine = engine;
      e.templates = [withSlot];
    });
    const root = await openGallery(el);
    (await until(() => root.querySelector<HTMLButtonElement>('.card[data-template="fetch-page"] button.open'))).click();
    const select = await until(() => root.querySelector<HTMLSelectElement>('[data-placeholder="account"] select'), 'a list of credentials');
    equal(
      [...select.options].map((o) => [o.value, o.textContent!.trim()]),
      [
        ['', '(none)'],
        [key.id, 'Shop key'],
      ],
    );
  });
});
