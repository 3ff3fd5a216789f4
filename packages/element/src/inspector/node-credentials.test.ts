import { CredentialValidationError, createEngine, defineNode, rawKeyProvider, type Engine } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { z } from 'zod';
import type { CredentialSource } from '../credentials/credential-source.js';
import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, part, settle, testNodeTypes } from '../testing/fixture.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

/** A node type with a required API-key slot, as an integration declares one. */
const orders = defineNode({
  type: 'test.orders',
  version: 1,
  displayName: 'Orders',
  group: 'data',
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: 'api', type: 'apiKey', required: true }],
  properties: z.object({}),
  execute: (ctx) => ctx.input(),
});

/**
 * The credentials of a real credentials manager (an engine in the page, with a
 * key), behind the editor's `CredentialSource`, refusals in the REST API's
 * shape (`data.<field>`). Connecting records the credential asked for and
 * fails as a closed sign-in window does: popups belong to the end-to-end test.
 */
function managerSource(engine: Engine): CredentialSource & { connected: string[] } {
  const connected: string[] = [];
  return {
    connected,
    list: () => engine.credentials.list(),
    types: async () =>
      engine.credentials.types.list().map((t) => ({
        name: t.name,
        displayName: t.displayName,
        properties: z.toJSONSchema((t as { properties: z.ZodType }).properties, { io: 'input', unrepresentable: 'any' }) as Record<
          string,
          unknown
        >,
      })),
    create: (input) =>
      engine.credentials.create(input).catch((error: unknown) => {
        if (!(error instanceof CredentialValidationError)) throw error;
        const issues = error.issues.map((i) => ({ path: ['data', ...i.path].join('.'), message: i.message }));
        throw Object.assign(new Error(error.message), { issues });
      }),
    connect: (id) => {
      connected.push(id);
      return Promise.reject(new Error('The sign-in window was closed before the account was connected.'));
    },
  };
}

async function mount(): Promise<{ el: WorkflowEditor; engine: Engine; source: ReturnType<typeof managerSource>; root: () => ShadowRoot }> {
  const engine = createEngine({
    nodeTypes: [...testNodeTypes, orders],
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(4) }),
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  await engine.credentials.create({
    id: 'c-shop',
    name: 'Shop key',
    type: 'apiKey',
    data: { key: 'k-1', allowedDomains: ['shop.example'] },
  });
  await engine.credentials.create({
    id: 'c-basic',
    name: 'Basic',
    type: 'basicAuth',
    data: { username: 'u', password: 'p', allowedDomains: ['*'] },
  });
  const workflow = buildWorkflow({
    id: 'wf-orders',
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
      { id: 'o', name: 'Orders', type: 'test.orders', position: { x: 300, y: 0 } },
    ],
    connections: [['t', 'o']],
  });
  const source = managerSource(engine);
  const el = await mountEditor(workflow, (e) => (e.engine = engine));
  el.actions.credentials = source;
  el.store.select(['o']);
  await settle(el);
  const root = () => part(el, 'wf-inspector').querySelector('wf-node-credentials')!.shadowRoot!;
  await until(() => root().querySelector('[data-credential="api"] option[value="c-shop"]'), 'the credentials are listed');
  return { el, engine, source, root };
}

describe('node credentials', () => {
  it('lists the credentials of each slot’s type and sets the node’s credential when one is picked', async () => {
    const { el, root } = await mount();
    const select = root().querySelector<HTMLSelectElement>('[data-credential="api"] select')!;
    equal(
      [...select.options].map((o) => o.textContent),
      ['(none)', 'Shop key'],
    );
    equal(select.getAttribute('aria-invalid'), 'true', 'a required slot left empty');
    select.value = 'c-shop';
    select.dispatchEvent(new Event('change'));
    equal(el.workflow.nodes[1]?.credentials, { api: 'c-shop' });
    el.undo();
    equal(el.workflow.nodes[1]?.credentials, undefined);
  });

  it('creates a credential from its type’s form, secrets in password fields, lists one per line, and picks it', async () => {
    const { el, engine, root } = await mount();
    root().querySelector<HTMLButtonElement>('[data-credential="api"] button')!.click();
    await until(() => root().querySelector('form.draft'), 'the form opens');
    const form = root().querySelector<HTMLFormElement>('form.draft')!;
    // The slot names its type: no type to choose. The fields are the type's own.
    equal(form.querySelector('[data-field="type"]'), null);
    equal(
      [...form.querySelectorAll<HTMLElement>('[data-field]')].map((f) => f.dataset['field']),
      // The key's header `name` is a field of its own, apart from the credential's name.
      ['name', 'key', 'in', 'data.name', 'allowedDomains', 'testUrl'],
    );
    equal(form.querySelector<HTMLInputElement>('[data-field="key"] input')!.type, 'password');
    const type = (selector: string, value: string) => {
      const input = form.querySelector<HTMLInputElement | HTMLTextAreaElement>(selector)!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    type('[data-field="name"] input', 'Warehouse key');
    type('[data-field="key"] input', 'k-secret-2');
    type('[data-field="allowedDomains"] textarea', 'warehouse.example\n\n *.warehouse.example ');
    await el.updateComplete;
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => el.workflow.nodes[1]?.credentials?.['api'], 'the new credential is picked');
    const id = el.workflow.nodes[1]!.credentials!['api']!;
    const created = await engine.credentials.get(id);
    equal(created?.name, 'Warehouse key');
    equal(created?.data['allowedDomains'], ['warehouse.example', '*.warehouse.example']);
    equal(created?.data['key'], '__redacted__');
    ok(!root().querySelector('form.draft'), 'the form closed');
    equal(root().querySelector<HTMLSelectElement>('[data-credential="api"] select')!.value, id);
  });

  it('shows each field the source refuses under it, and keeps what was typed', async () => {
    const { el, root } = await mount();
    root().querySelector<HTMLButtonElement>('[data-credential="api"] button')!.click();
    const form = await until(() => root().querySelector<HTMLFormElement>('form.draft'), 'the form opens');
    for (const [field, value] of [
      ['name', 'Almost'],
      ['key', 'k-3'],
      ['allowedDomains', 'shop.example'],
      ['testUrl', 'not a url'],
    ]) {
      const input = form.querySelector<HTMLInputElement>(`[data-field="${field}"] input, [data-field="${field}"] textarea`)!;
      input.value = value!;
      input.dispatchEvent(new Event('input'));
    }
    await el.updateComplete;
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => root().querySelector('[data-field="testUrl"] .error'), 'the refused field says why');
    equal(root().querySelectorAll('form.draft .field .error').length, 1, 'only the refused field');
    equal(root().querySelector<HTMLInputElement>('form.draft [data-field="name"] input')!.value, 'Almost');
    equal(el.workflow.nodes[1]?.credentials, undefined);
  });

  it('connects an OAuth2 credential’s account through the source, and says why it did not connect', async () => {
    const { el, engine, source, root } = await mount();
    await engine.credentials.create({
      id: 'c-crm',
      name: 'CRM',
      type: 'oauth2',
      data: {
        authorizationUrl: 'https://crm.example/authorize',
        tokenUrl: 'https://crm.example/token',
        clientId: 'app',
        allowedDomains: ['crm.example'],
      },
    });
    el.actions.updateNode('o', { credentials: { api: 'c-crm' } });
    // Another source object: the field lists the credentials again, the new one with its account state.
    el.actions.credentials = { ...source, list: () => engine.credentials.list() };
    el.store.notify();
    const slot = () => root().querySelector('[data-credential="api"]')!;
    await until(() => slot().querySelector('.oauth2'), 'the account state shows');
    equal(slot().querySelector('.oauth2 .state')!.textContent!.trim(), 'No account connected');
    slot().querySelector<HTMLButtonElement>('.oauth2 button')!.click();
    await until(() => slot().querySelector('.error'), 'the refusal shows');
    equal(source.connected, ['c-crm']);
    equal(slot().querySelector('.error')!.textContent, 'The sign-in window was closed before the account was connected.');
  });

  it('offers an HTTP Request node’s generic slot the credentials that sign requests, not mail accounts', async () => {
    const engine = createEngine({
      nodeTypes: testNodeTypes,
      keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(5) }),
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    await engine.credentials.create({ id: 'c-key', name: 'Shop key', type: 'apiKey', data: { key: 'k-1', allowedDomains: ['*'] } });
    await engine.credentials.create({
      id: 'c-mail',
      name: 'Mailbox',
      type: 'smtp',
      data: { host: 'smtp.example.com', user: 'u', password: 'p' },
    });
    await engine.credentials.create({
      id: 'c-oauth',
      name: 'CRM',
      type: 'oauth2',
      data: {
        authorizationUrl: 'https://crm.example/authorize',
        tokenUrl: 'https://crm.example/token',
        clientId: 'c',
        allowedDomains: ['*'],
      },
    });
    const workflow = buildWorkflow({
      id: 'wf-http',
      nodes: [
        { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
        { id: 'h', name: 'Fetch', type: 'core.httpRequest', position: { x: 300, y: 0 }, parameters: { url: 'https://example.com/' } },
      ],
      connections: [['t', 'h']],
    });
    // The editor's own source over the engine in the page.
    const el = await mountEditor(workflow, (e) => (e.engine = engine));
    el.store.select(['h']);
    await settle(el);
    const root = () => part(el, 'wf-inspector').querySelector('wf-node-credentials')!.shadowRoot!;
    const select = await until(
      () => root().querySelector<HTMLSelectElement>('[data-credential="auth"] select:not([disabled])'),
      'the credentials are listed',
    );
    equal([...select.options].map((o) => o.textContent).sort(), ['(none)', 'CRM', 'Shop key']);
  });
});
