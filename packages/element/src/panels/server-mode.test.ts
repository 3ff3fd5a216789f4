import { REDACTED, type CredentialView, type Variable } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { setViewport } from '@web/test-runner-commands';
import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, part, settle } from '../testing/fixture.js';
import { choose, everythingShown, openPanel, typeInto } from '../testing/panels.js';
import {
  screenshot,
  serviceLog,
  testFlowloomServer,
  testServices,
  type TestFlowloomServer,
  type TestServices,
} from '../testing/services.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

/** Start, then an HTTP Request whose `auth` slot takes any credential. */
function serverWorkflow(id: string, name: string, credentialId?: string) {
  return buildWorkflow({
    id,
    name,
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
      {
        id: 'h',
        name: 'Fetch',
        type: 'core.httpRequest',
        position: { x: 300, y: 0 },
        parameters: { url: 'https://example.com' },
        ...(credentialId ? { credentials: { auth: credentialId } } : {}),
      },
    ],
    connections: [['t', 'h']],
  });
}

const row = (root: ShadowRoot, name: string) =>
  [...root.querySelectorAll<HTMLTableRowElement>('tbody tr')].find((r) => r.querySelector('.title')?.textContent === name);
const field = (root: ParentNode, key: string) =>
  root.querySelector(`[data-field="${key}"] input, [data-field="${key}"] textarea, [data-field="${key}"] select`) as
    (HTMLInputElement & HTMLTextAreaElement & HTMLSelectElement) | null;

describe('the panels against a Flowloom server', () => {
  let server: TestFlowloomServer;
  let services: TestServices;
  /** The server's REST API, called as the host's back end would: the oracle of what the panels did. */
  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const answer = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    });
    return (answer.status === 204 ? undefined : await answer.json()) as T;
  };

  before(async () => {
    await setViewport({ width: 1280, height: 860 });
    [server, services] = await Promise.all([testFlowloomServer(), testServices()]);
  });

  async function mount(): Promise<WorkflowEditor> {
    const el = await mountEditor(serverWorkflow('wf-server', 'Server flow'), (e) => {
      e.serverUrl = server.url;
      e.token = server.token;
    });
    await until(() => el.store.types.has('core.httpRequest'), 'the server’s catalog is loaded');
    return el;
  }

  it('creates, tests, edits and deletes credentials on the server, secrets staying there', async () => {
    const el = await mount();
    const root = await openPanel(el, 'credentials');
    await until(() => root.querySelector('.empty')?.textContent?.includes('No credentials yet'));
    root.querySelector<HTMLButtonElement>('.bar .new')!.click();
    const form = await until(() => root.querySelector<HTMLFormElement>('wf-credential-form form'));
    choose(field(form, 'type'), 'apiKey');
    await settle(el);
    typeInto(field(form, 'name'), 'Server key');
    typeInto(field(form, 'key'), services.apiKey);
    typeInto(field(form, 'allowedDomains'), '127.0.0.1');
    typeInto(field(form, 'testUrl'), `${services.url}/api/me`);
    // The server tests the form's values before they are saved (POST /credentials/test), and stores nothing.
    const drafted = (await serviceLog()).apiKeyChecks.length;
    form.querySelector<HTMLButtonElement>('button.test')!.click();
    await until(() => form.querySelector('.test-result')?.textContent?.includes('HTTP 200'), 'the draft’s test passes');
    equal((await serviceLog()).apiKeyChecks.slice(drafted), [{ ok: true }], 'the server sent the typed key to the service');
    equal((await api<{ credentials: CredentialView[] }>('/credentials')).credentials, []);

    form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const line = await until(() => row(root, 'Server key'));
    const [stored] = (await api<{ credentials: CredentialView[] }>('/credentials')).credentials;
    equal([stored?.name, stored?.data['key']], ['Server key', REDACTED]);
    // The draft's test was not the saved credential's use: the server's audit trail has none yet.
    equal(line.querySelector('.last-used')!.textContent, 'Never');

    const checks = (await serviceLog()).apiKeyChecks.length;
    line.querySelector<HTMLButtonElement>('button.test')!.click();
    await until(() => line.querySelector('.result.ok'), 'the server’s test passes');
    equal((await serviceLog()).apiKeyChecks.slice(checks), [{ ok: true }], 'the server sent the key to the service');

    line.querySelector<HTMLButtonElement>('button.edit')!.click();
    const edit = await until(() => root.querySelector<HTMLFormElement>('wf-credential-form form'));
    await until(() => field(edit, 'name')?.value === 'Server key');
    equal([field(edit, 'key')!.value, field(edit, 'key')!.placeholder], ['', 'Saved and hidden; type to replace it']);
    ok(!everythingShown(el.shadowRoot!).includes(services.apiKey), 'the secret never came back');
    edit.querySelector<HTMLButtonElement>('button.test')!.click();
    await until(() => edit.querySelector('.test-result.ok'), 'unchanged, the saved credential is tested on the server');
    typeInto(field(edit, 'name'), 'Server key (live)');
    edit.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => row(root, 'Server key (live)'));
    equal((await api<CredentialView>(`/credentials/${stored!.id}`)).name, 'Server key (live)');
    equal((await api<{ ok: boolean }>(`/credentials/${stored!.id}/test`, { method: 'POST' })).ok, true, 'the key was kept');

    // A workflow saved on the server uses it, and so does the one open here.
    await api('/workflows', { method: 'POST', body: JSON.stringify(serverWorkflow('wf-nightly', 'Nightly sync', stored!.id)) });
    el.actions.updateNode('h', { credentials: { auth: stored!.id } });
    row(root, 'Server key (live)')!.querySelector<HTMLButtonElement>('button.delete')!.click();
    const confirm = await until(() => root.querySelector('[role="alertdialog"]'));
    await until(() => confirm.querySelectorAll('li').length === 2);
    equal(
      [...confirm.querySelectorAll('li')].map((li) => li.textContent),
      ['Server flow (open here)', 'Nightly sync'],
    );
    await screenshot('server-credentials-delete-warning');
    confirm.querySelector<HTMLButtonElement>('.danger')!.click();
    await until(() => !row(root, 'Server key (live)'));
    equal((await api<{ credentials: CredentialView[] }>('/credentials')).credentials, []);
  });

  it('keeps variables on the server, and previews expressions with them', async () => {
    const el = await mount();
    const root = await openPanel(el, 'variables');
    await until(() => root.querySelectorAll('.empty').length === 2);
    for (const [scope, value] of [
      ['tenant', 'eu-west'],
      ['workflow', 'us-east'],
    ] as const) {
      root.querySelector<HTMLButtonElement>('.bar .new')!.click();
      const form = await until(() => root.querySelector<HTMLFormElement>('.variable-form'));
      const [key, scopeSelect, , valueInput] = form.querySelectorAll<HTMLInputElement & HTMLSelectElement>('.fields input, .fields select');
      typeInto(key, 'region');
      choose(scopeSelect, scope);
      typeInto(valueInput, value);
      form.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await until(() => root.querySelector(`[data-scope="${scope}"] tr[data-variable="region"]`));
    }
    equal(
      (await api<{ variables: Variable[] }>('/variables')).variables.map((v) => [v.key, v.value]),
      [['region', 'eu-west']],
    );
    equal(
      (await api<{ variables: Variable[] }>('/variables?workflowId=wf-server')).variables.map((v) => [v.key, v.value]),
      [['region', 'us-east']],
    );
    el.shadowRoot!.querySelector('wf-editor-panels')!.shadowRoot!.querySelector<HTMLButtonElement>('.close')!.click();

    el.store.select(['h']);
    await settle(el);
    const inspector = part(el, 'wf-inspector');
    inspector.querySelector<HTMLButtonElement>('[data-param="url"] button.fx')!.click();
    await settle(el);
    const input = inspector.querySelector('[data-param="url"] wf-expression-input')! as HTMLElement & { updateComplete: Promise<unknown> };
    await input.updateComplete;
    typeInto(input.shadowRoot!.querySelector('textarea'), 'https://{{ $vars.region }}.example.com');
    await until(() => input.shadowRoot!.querySelector('.preview')?.textContent === '= "https://us-east.example.com"');
  });
});
