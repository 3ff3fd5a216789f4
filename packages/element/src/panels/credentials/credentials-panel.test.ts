import { createEngine, defineNode, REDACTED, silentLogger, type Engine, type Workflow } from '@flowloom/engine';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { z } from 'zod';
import { equal, ok, until } from '../../testing/assert.js';
import { mountEditor, part, settle, testNodeTypes } from '../../testing/fixture.js';
import { choose, everythingShown, openPanel, realClick, typeInto } from '../../testing/panels.js';
import { revokeGrants, screenshot, serviceLog, testServices, type TestServices } from '../../testing/services.js';
import type { WorkflowEditor } from '../../workflow-editor.component.js';

/** A node type taking an API key, as an integration declares one. */
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

function ordersWorkflow(credentialId?: string): Workflow {
  return buildWorkflow({
    id: 'wf-orders',
    name: 'Orders flow',
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
      {
        id: 'o',
        name: 'Orders',
        type: 'test.orders',
        position: { x: 300, y: 0 },
        ...(credentialId ? { credentials: { api: credentialId } } : {}),
      },
    ],
    connections: [['t', 'o']],
  });
}

/** An engine in the page that may reach the test services on 127.0.0.1 (engines refuse private addresses by default). */
function pageEngine(): Engine {
  return createEngine({ nodeTypes: [...testNodeTypes, orders], http: { allowedRanges: ['127.0.0.1/32'] }, logger: silentLogger });
}

async function mount(engine: Engine, workflow: Workflow = ordersWorkflow()): Promise<WorkflowEditor> {
  return mountEditor(workflow, (e) => {
    e.engine = engine;
    // The page the provider sends the user back to, on the test page's origin.
    e.oauth2RedirectUri = new URL('/packages/element/src/testing/oauth2-callback.html', location.origin).href;
  });
}

const row = (root: ShadowRoot, name: string) =>
  [...root.querySelectorAll<HTMLTableRowElement>('tbody tr')].find((r) => r.querySelector('.title')?.textContent === name);
/** A field of a credential form, whatever its control. */
const field = (root: ParentNode, key: string) =>
  root.querySelector(`[data-field="${key}"] input, [data-field="${key}"] textarea, [data-field="${key}"] select`) as
    (HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement) | null;

describe('connected accounts', () => {
  let services: TestServices;

  before(async () => {
    await setViewport({ width: 1280, height: 860 });
    services = await testServices();
  });

  it('opens from the toolbar with the keyboard, keeps the focus inside the editor’s drawer and gives it back on Escape', async () => {
    const el = await mount(pageEngine());
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('.toolbar button[data-panel="credentials"]')!;
    button.focus();
    await sendKeys({ press: 'Enter' });
    const root = await until(
      () => el.shadowRoot!.querySelector('wf-editor-panels')?.shadowRoot?.querySelector('wf-credentials-panel')?.shadowRoot,
    );
    const search = await until(() => root.querySelector<HTMLInputElement>('input[type="search"]'));
    await until(() => root.activeElement === search, 'the search field has the focus');
    ok(el.shadowRoot!.querySelector('.layout')!.hasAttribute('inert'), 'the rest of the editor is inert');
    const drawer = el.shadowRoot!.querySelector('wf-editor-panels')!.shadowRoot!;
    equal(drawer.querySelector('[role="dialog"]')!.getAttribute('aria-modal'), 'true');
    await sendKeys({ press: 'Escape' });
    await until(() => !el.shadowRoot!.querySelector('wf-editor-panels')!.hasAttribute('open'), 'the drawer closes');
    await until(() => el.shadowRoot!.activeElement === button, 'the focus is back on the toolbar button');
    ok(!el.shadowRoot!.querySelector('.layout')!.hasAttribute('inert'));
  });

  it('creates an API key credential from its form, tests it against the service before saving, and never shows its secret again', async () => {
    const engine = pageEngine();
    const el = await mount(engine);
    const root = await openPanel(el, 'credentials');
    await until(() => root.querySelector('.empty')?.textContent?.includes('No credentials yet'));
    root.querySelector<HTMLButtonElement>('.bar .new')!.click();
    const form = await until(() => root.querySelector<HTMLFormElement>('wf-credential-form form'));
    choose(field(form, 'type'), 'apiKey');
    await settle(el);
    equal(field(form, 'key')!.type, 'password', 'a secret is typed in a password field');
    typeInto(field(form, 'name'), 'Shop API');
    typeInto(field(form, 'key'), 'not-the-key');
    typeInto(field(form, 'allowedDomains'), '127.0.0.1');
    typeInto(field(form, 'testUrl'), `${services.url}/api/me`);
    const checks = (await serviceLog()).apiKeyChecks.length;

    form.querySelector<HTMLButtonElement>('button.test')!.click();
    const refused = await until(() => form.querySelector('.test-result.failed')?.textContent);
    ok(refused.includes('It does not work.') && refused.includes('401'), refused);
    typeInto(field(form, 'key'), services.apiKey);
    form.querySelector<HTMLButtonElement>('button.test')!.click();
    const works = await until(() => form.querySelector('.test-result.ok')?.textContent);
    ok(works.includes('It works.') && works.includes('200'), works);
    // The service is the judge: it refused the wrong key and accepted the right one.
    equal((await serviceLog()).apiKeyChecks.slice(checks), [{ ok: false }, { ok: true }]);
    equal((await engine.credentials.list()).length, 0, 'testing saved nothing');
    await screenshot('credentials-form-tested');

    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const created = await until(() => row(root, 'Shop API'));
    const [saved] = await engine.credentials.list();
    equal([saved?.name, saved?.type, saved?.data['key']], ['Shop API', 'apiKey', REDACTED]);
    equal(created.querySelector('.type')!.textContent, 'API key');
    equal(created.querySelector('.last-used')!.textContent, 'Never', 'tests of unsaved values are not uses of the saved credential');
    equal(created.querySelector('.used-by')!.textContent!.trim(), 'No workflow');

    // Editing shows every field but the secret, which stays blank and says it is kept.
    created.querySelector<HTMLButtonElement>('button.edit')!.click();
    const edit = await until(() => root.querySelector<HTMLFormElement>('wf-credential-form form'));
    await until(() => field(edit, 'name')?.value === 'Shop API');
    equal(field(edit, 'key')!.value, '');
    equal(field(edit, 'key')!.placeholder, 'Saved and hidden; type to replace it');
    equal(field(edit, 'allowedDomains')!.value, '127.0.0.1');
    const shown = everythingShown(el.shadowRoot!);
    ok(!shown.includes(services.apiKey) && !shown.includes('not-the-key'), 'no secret is on the page');
    ok(!shown.includes(REDACTED), 'not even the mask');
    await screenshot('credentials-edit-secret-hidden');

    // Left blank, the secret keeps its value: the test of the saved values passes, and so does the saved credential.
    edit.querySelector<HTMLButtonElement>('button.test')!.click();
    await until(() => edit.querySelector('.test-result.ok'), 'the kept secret still works');
    typeInto(field(edit, 'name'), 'Shop API (live)');
    edit.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const renamed = await until(() => row(root, 'Shop API (live)'));
    equal((await engine.credentials.test(saved!.id)).ok, true);
    renamed.querySelector<HTMLButtonElement>('button.test')!.click();
    await until(() => renamed.querySelector('.result.ok'), 'the row’s test passes');
    await until(() => renamed.querySelector('.last-used')!.textContent !== 'Never', 'the test is its last use');
    ok(!everythingShown(el.shadowRoot!).includes(services.apiKey));
  });

  it('connects an OAuth2 account in a popup with PKCE, which closes by itself, and offers Reconnect once the grant is revoked', async () => {
    const engine = pageEngine();
    const crm = await engine.credentials.create({
      name: 'CRM',
      type: 'oauth2',
      data: {
        authorizationUrl: services.oauth2.authorizationUrl,
        tokenUrl: services.oauth2.tokenUrl,
        clientId: services.oauth2.clientId,
        scope: 'profile',
        allowedDomains: ['127.0.0.1'],
        testUrl: services.oauth2.userinfoUrl,
      },
    });
    const el = await mount(engine);
    const root = await openPanel(el, 'credentials');
    const line = () => row(root, 'CRM')!;
    await until(() => line()?.querySelector('.account.notConnected'), 'not connected yet');
    equal(line().querySelector('.account')!.textContent, 'Not connected');
    const opened: (Window | null)[] = [];
    const open = window.open.bind(window);
    window.open = (...args: Parameters<typeof window.open>) => {
      const popup = open(...args);
      opened.push(popup);
      return popup;
    };
    const before = await serviceLog();
    try {
      await realClick(line().querySelector('button.connect')!);
      await until(() => line()?.querySelector('.account.connected'), 'the account is connected', 120_000);
      equal(opened.length, 1);
      await until(() => opened[0]?.closed, 'the popup closed by itself');
      const exchanges = (await serviceLog()).exchanges.slice(before.exchanges.length);
      equal(exchanges, [{ verified: true, redirectUriMatches: true }], 'the server checked the PKCE verifier');
      equal((await engine.credentials.get(crm.id))?.oauth2?.connected, true);
      ok(!line().querySelector('button.connect'), 'no Reconnect while the grant is good');
      line().querySelector<HTMLButtonElement>('button.test')!.click();
      await until(() => line().querySelector('.result.ok'), 'the token works');

      // The user revokes the app at the provider: the next use finds the grant gone.
      await revokeGrants();
      line().querySelector<HTMLButtonElement>('button.test')!.click();
      await until(() => line().querySelector('.account.reconnect'), 'reconnect required');
      equal(line().querySelector('.account')!.textContent, 'Reconnect required');
      equal((await serviceLog()).refreshes.at(-1), { accepted: false });
      equal(line().querySelector('button.connect')!.textContent!.trim(), 'Reconnect');
      await screenshot('credentials-reconnect');

      await realClick(line().querySelector('button.connect')!);
      await until(() => line()?.querySelector('.account.connected'), 'connected again', 120_000);
      await until(() => opened[1]?.closed, 'the second popup closed by itself');
      equal((await serviceLog()).exchanges.slice(before.exchanges.length).length, 2);
      ok((await serviceLog()).exchanges.every((x) => x.verified));
      line().querySelector<HTMLButtonElement>('button.test')!.click();
      await until(() => line().querySelector('.result.ok'), 'the new token works');
    } finally {
      window.open = open;
    }
  });

  it('shows a connected account’s token refreshed without the user once the engine’s clock passes its expiry', async () => {
    const clock = createTestClock({ start: Date.now() });
    const engine = createEngine({
      nodeTypes: [...testNodeTypes, orders],
      http: { allowedRanges: ['127.0.0.1/32'] },
      logger: silentLogger,
      clock,
    });
    await engine.credentials.create({
      name: 'Calendar',
      type: 'oauth2',
      data: {
        authorizationUrl: services.oauth2.authorizationUrl,
        tokenUrl: services.oauth2.tokenUrl,
        clientId: services.oauth2.clientId,
        allowedDomains: ['127.0.0.1'],
        testUrl: services.oauth2.userinfoUrl,
      },
    });
    const el = await mount(engine);
    const root = await openPanel(el, 'credentials');
    const line = () => row(root, 'Calendar')!;
    await until(() => line()?.querySelector('button.connect'), 'not connected yet');
    await realClick(line().querySelector('button.connect')!);
    await until(() => line()?.querySelector('.account.connected'), 'the account is connected', 120_000);
    ok(!line().querySelector('.refreshed'), 'a first connection is no refresh');
    const first = line().querySelector('.account')!.textContent!;
    ok(first.startsWith('Connected; token until '), first);

    // Two hours later (the token was good for one), a test needs the account: the engine refreshes its token.
    const refreshes = (await serviceLog()).refreshes.length;
    clock.advance(2 * 3600_000);
    line().querySelector<HTMLButtonElement>('button.test')!.click();
    await until(() => line().querySelector('.result.ok'), 'the refreshed token works');
    equal((await serviceLog()).refreshes.slice(refreshes), [{ accepted: true }]);
    const refreshedAt = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' }).format(new Date(clock.now()));
    equal(line().querySelector('.refreshed')?.textContent, `Token refreshed ${refreshedAt}`);
    ok(line().querySelector('.account')!.textContent !== first, 'the new expiry is shown');
  });

  it('warns before deleting a credential, naming the workflows that use it, and deletes it once confirmed', async () => {
    const engine = pageEngine();
    const shop = await engine.credentials.create({
      name: 'Shop key',
      type: 'apiKey',
      data: { key: 'k-shop-1', allowedDomains: ['shop.example'] },
    });
    await engine.credentials.create({ name: 'Spare key', type: 'apiKey', data: { key: 'k-spare-1', allowedDomains: ['shop.example'] } });
    await engine.storage.workflows.save('default', { ...ordersWorkflow(shop.id), id: 'wf-nightly', name: 'Nightly sync' });
    await engine.storage.workflows.save('default', { ...ordersWorkflow(), id: 'wf-other', name: 'Unrelated' });
    const el = await mount(engine, ordersWorkflow(shop.id));
    const root = await openPanel(el, 'credentials');
    const line = await until(() => row(root, 'Shop key'));
    equal(
      [...line.querySelectorAll('.used-by li')].map((li) => li.textContent),
      ['Orders flow (open here)', 'Nightly sync'],
    );
    equal(row(root, 'Spare key')!.querySelector('.used-by')!.textContent!.trim(), 'No workflow');

    line.querySelector<HTMLButtonElement>('button.delete')!.click();
    const confirm = await until(() => root.querySelector('[role="alertdialog"]'));
    equal(confirm.querySelector('.confirm-title')!.textContent, 'Delete Shop key?');
    equal(
      [...confirm.querySelectorAll('li')].map((li) => li.textContent),
      ['Orders flow (open here)', 'Nightly sync'],
    );
    await until(() => root.activeElement === confirm.querySelector('.keep'), 'the safe choice has the focus');
    await screenshot('credentials-delete-warning');
    confirm.querySelector<HTMLButtonElement>('.keep')!.click();
    await until(() => !root.querySelector('[role="alertdialog"]'));
    equal((await engine.credentials.list()).length, 2, 'kept');

    row(root, 'Shop key')!.querySelector<HTMLButtonElement>('button.delete')!.click();
    (await until(() => root.querySelector<HTMLButtonElement>('[role="alertdialog"] .danger'))).click();
    await until(() => !row(root, 'Shop key'), 'the row is gone');
    equal(
      (await engine.credentials.list()).map((c) => c.name),
      ['Spare key'],
    );
  });

  it('finds credentials by name or type', async () => {
    const engine = pageEngine();
    await engine.credentials.create({ name: 'Shop key', type: 'apiKey', data: { key: 'k-1', allowedDomains: ['shop.example'] } });
    await engine.credentials.create({
      name: 'Warehouse',
      type: 'basicAuth',
      data: { username: 'u', password: 'p-1', allowedDomains: ['wh.example'] },
    });
    const el = await mount(engine);
    const root = await openPanel(el, 'credentials');
    await until(() => row(root, 'Warehouse'));
    typeInto(root.querySelector<HTMLInputElement>('input[type="search"]'), 'basic');
    await until(() => !row(root, 'Shop key'));
    ok(row(root, 'Warehouse'));
    el.theme = 'dark';
    await settle(el);
    await screenshot('credentials-dark');
    typeInto(root.querySelector<HTMLInputElement>('input[type="search"]'), 'nothing like it');
    equal((await until(() => root.querySelector('.empty')))!.textContent, 'No credential matches “nothing like it”.');
  });
});

describe('the inspector’s credential picker with an engine in the page', () => {
  it('offers the credentials of the slot’s type, and creates one inline with the panel’s form', async () => {
    const engine = pageEngine();
    await engine.credentials.create({
      id: 'c-shop',
      name: 'Shop key',
      type: 'apiKey',
      data: { key: 'k-1', allowedDomains: ['shop.example'] },
    });
    await engine.credentials.create({
      name: 'Warehouse',
      type: 'basicAuth',
      data: { username: 'u', password: 'p-1', allowedDomains: ['*'] },
    });
    const el = await mount(engine);
    el.store.select(['o']);
    await settle(el);
    const picker = () => part(el, 'wf-inspector').querySelector('wf-node-credentials')!.shadowRoot!;
    const select = await until(() => picker().querySelector<HTMLSelectElement>('[data-credential="api"] select:not([disabled])'));
    equal(
      [...select.options].map((o) => o.textContent),
      ['(none)', 'Shop key'],
    );
    picker().querySelector<HTMLButtonElement>('[data-credential="api"] .row button')!.click();
    const form = await until(() => picker().querySelector<HTMLFormElement>('wf-credential-form form'));
    ok(form.querySelector('button.test'), 'the inline form tests too');
    equal(form.querySelector('[data-field="type"]'), null, 'the slot names the type');
    typeInto(field(form, 'name'), 'Backup key');
    typeInto(field(form, 'key'), 'k-backup');
    typeInto(field(form, 'allowedDomains'), 'backup.example');
    await settle(el);
    await screenshot('inspector-inline-credential-form');
    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const id = await until(() => el.workflow.nodes[1]?.credentials?.['api']);
    equal((await engine.credentials.get(id))?.name, 'Backup key');

    // A credential created in the panel is offered by the picker too.
    const root = await openPanel(el, 'credentials');
    root.querySelector<HTMLButtonElement>('.bar .new')!.click();
    const panelForm = await until(() => root.querySelector<HTMLFormElement>('wf-credential-form form'));
    choose(field(panelForm, 'type'), 'apiKey');
    await settle(el);
    typeInto(field(panelForm, 'name'), 'From the panel');
    typeInto(field(panelForm, 'key'), 'k-panel');
    typeInto(field(panelForm, 'allowedDomains'), 'panel.example');
    panelForm.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => row(root, 'From the panel'));
    await until(() =>
      [...picker().querySelectorAll<HTMLOptionElement>('[data-credential="api"] option')].some((o) => o.textContent === 'From the panel'),
    );
  });
});
