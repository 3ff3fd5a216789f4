import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, until } from '../testing/assert.js';
import { mountEditor } from '../testing/fixture.js';
import { testFlowloomServer, type TestFlowloomServer } from '../testing/services.js';

/** Start, then a No Operation node, under a given name. */
const named = (name: string, nodes = 2) =>
  buildWorkflow({
    id: 'wf-settings-versions',
    name,
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
      { id: 'n', name: 'Nothing', type: 'core.noOp', position: { x: 300, y: 0 } },
    ].slice(0, nodes),
    connections: nodes > 1 ? [['t', 'n']] : [],
  });

describe('workflow settings against a Flowloom server', () => {
  let server: TestFlowloomServer;
  /** The server's REST API, called as the host's back end would: the oracle of what the panel did. */
  const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
    const answer = await fetch(`${server.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    });
    return (await answer.json()) as T;
  };

  before(async () => {
    server = await testFlowloomServer();
  });

  it('lists the server’s versions and restores one there as the newest', async () => {
    await api('/workflows', { method: 'POST', body: JSON.stringify(named('One')) });
    await api('/workflows/wf-settings-versions', { method: 'PUT', body: JSON.stringify(named('Two', 1)) });
    const el = await mountEditor(named('Two', 1), (e) => {
      e.serverUrl = server.url;
      e.token = server.token;
    });
    el.shadowRoot!.querySelector<HTMLButtonElement>('.toolbar button[data-panel="settings"]')!.click();
    const root = await until(
      () => el.shadowRoot!.querySelector('wf-editor-panels')?.shadowRoot?.querySelector('wf-workflow-settings-panel')?.shadowRoot,
    );
    const versions = () => [...root.querySelectorAll<HTMLLIElement>('.versions li')].map((li) => Number(li.dataset.version));
    await until(() => versions().length === 2, 'the server’s versions are listed');
    equal(versions(), [2, 1]);

    root.querySelector<HTMLButtonElement>('li[data-version="1"] button.restore')!.click();
    (await until(() => root.querySelector<HTMLButtonElement>('button.confirm-restore'))).click();
    await until(() => versions().length === 3, 'the restore is listed');

    const listed = await api<{ versions: { version: number; name: string }[] }>('/workflows/wf-settings-versions/versions');
    equal(
      listed.versions.map((v) => [v.version, v.name]),
      [
        [3, 'One'],
        [2, 'Two'],
        [1, 'One'],
      ],
    );
    const current = await api<{ name: string; nodes: unknown[] }>('/workflows/wf-settings-versions');
    equal([current.name, current.nodes.length], ['One', 2]);
    equal([el.workflow.name, el.workflow.nodes.length], ['One', 2], 'the editor opens the restored version');
  });
});
