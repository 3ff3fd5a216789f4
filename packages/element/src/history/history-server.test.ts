import type { Execution, ExecutionPage } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok, until } from '../testing/assert.js';
import { mountEditor, settle } from '../testing/fixture.js';
import { historySettled, listedIds, openHistory } from '../testing/history.js';
import { testFlowloomServer, type TestFlowloomServer } from '../testing/services.js';

describe('run history against a Flowloom server', () => {
  let server: TestFlowloomServer;
  /** The server's REST API, called as the host's back end would: the oracle. */
  const api = async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const answer = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    });
    return { status: answer.status, body: (answer.status === 204 || answer.status === 404 ? undefined : await answer.json()) as T };
  };

  before(async () => {
    server = await testFlowloomServer();
  });

  it('lists, opens, retries and exports the server’s runs of the workflow, and shows its refusal to delete one', async () => {
    const workflowId = `history-${Math.random().toString(36).slice(2)}`;
    // A request to a port nothing listens on (or one the server's network policy refuses): the node fails either way.
    const workflow = buildWorkflow({
      id: workflowId,
      name: 'Server history',
      nodes: [
        { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
        { id: 'h', name: 'Fetch', type: 'core.httpRequest', position: { x: 300, y: 0 }, parameters: { url: 'http://127.0.0.1:1/' } },
      ],
      connections: [['t', 'h']],
    });
    const el = await mountEditor(workflow, (e) => {
      e.serverUrl = server.url;
      e.token = server.token;
    });
    await until(() => el.store.types.has('core.httpRequest'), 'the server’s catalog is loaded');
    const failed = (await el.run())!;
    equal(failed.status, 'error');

    const panel = await openHistory(el);
    const listed = (await api<ExecutionPage>(`/executions?workflowId=${workflowId}`)).body;
    equal(
      listedIds(panel),
      listed.items.map((e) => e.id),
    );
    equal(listedIds(panel), [failed.id]);

    panel.querySelector<HTMLButtonElement>('tbody button.open')!.click();
    await until(() => panel.querySelector('.run'), 'the run opened');
    await settle(el);
    ok(el.store.readonly);
    equal(el.store.execution?.id, failed.id);
    equal(
      [...panel.querySelectorAll<HTMLElement>('.timeline button.bar-row')].map((b) => b.dataset['node']),
      ['t', 'h'],
    );
    ok(panel.querySelector('.error-box')!.textContent!.includes(failed.error!.message));

    let download: Promise<string> | undefined;
    panel.addEventListener(
      'click',
      (e) => {
        const link = e.target as HTMLAnchorElement;
        if (link.tagName === 'A') download = fetch(link.href).then((r) => r.text());
      },
      true,
    );
    panel.querySelector<HTMLButtonElement>('button.export')!.click();
    const file = JSON.parse(await until(() => download)) as { executions: Execution[] };
    const expected = (await api<{ executions: Execution[] }>(`/executions/${failed.id}/export`)).body;
    equal(file.executions, expected.executions);

    panel.querySelector<HTMLButtonElement>('button.retry')!.click();
    await until(() => panel.querySelector('.note')?.textContent?.includes('Retry finished'), 'the retry finished');
    const retries = (await api<ExecutionPage>(`/executions?retryOf=${failed.id}`)).body.items;
    equal(retries.length, 1);
    equal(el.store.execution?.id, retries[0]!.id, 'the retry is shown');

    // An editor's token may not delete runs (`execution:delete`): the server's refusal is shown, the run stays.
    panel.querySelector<HTMLButtonElement>('button.delete')!.click();
    await historySettled(el, panel);
    panel.querySelector<HTMLButtonElement>('.delete-yes')!.click();
    const note = await until(() => panel.querySelector('.note')?.textContent?.match(/could not be deleted: (.+)/)?.[1], 'the refusal');
    ok(note.length > 0);
    ok(panel.querySelector('.run'), 'still shown');
    equal((await api(`/executions/${retries[0]!.id}`)).status, 200);
    panel.querySelector<HTMLButtonElement>('button.all-runs')!.click();
    await historySettled(el, panel);
    equal(listedIds(panel), [retries[0]!.id, failed.id]);
  });
});
