import { openIndexedDbStorage } from '@flowloom/adapters/indexeddb';
import { createEngine, type Engine, type Execution, type ExecutionExport } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';
import { equal, ok, until } from '../testing/assert.js';
import { canvasOf, mountEditor, part, press, settle, testEngine, testNodeTypes } from '../testing/fixture.js';
import { choose } from '../testing/panels.js';
import { historySettled, listedIds, openHistory, pastExecution, storeExecutions, type PastRun } from '../testing/history.js';
import type { WorkflowEditor } from '../workflow-editor.component.js';

/** Start -> People -> Boom (always fails). */
function failingWorkflow() {
  return buildWorkflow({
    id: 'failing',
    name: 'Failing',
    nodes: [
      { id: 't', name: 'Start', type: 'core.manualTrigger', position: { x: 0, y: 0 } },
      { id: 'p', name: 'People', type: 'test.people', position: { x: 300, y: 0 } },
      { id: 'x', name: 'Boom', type: 'test.fail', position: { x: 600, y: 0 } },
    ],
    connections: [
      ['t', 'p'],
      ['p', 'x'],
    ],
  });
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** Mounts an editor over the given engine. */
function mountWith(engine: Engine, workflow = failingWorkflow()): Promise<WorkflowEditor> {
  return mountEditor(workflow, (el) => {
    el.engine = engine;
  });
}

const button = (root: ShadowRoot, selector: string) => root.querySelector<HTMLButtonElement>(selector)!;
const ids = (runs: readonly PastRun[]) => runs.map((r) => `exec-${String(r.index).padStart(5, '0')}`);

describe('run history', () => {
  it('lists the workflow’s runs newest first with status, trigger, start and duration, a page at a time', async () => {
    const engine = testEngine();
    // 120 runs of this workflow between 30 of another one, which are never listed.
    const runs: PastRun[] = Array.from({ length: 150 }, (_, index) => ({ index, workflowId: index % 5 === 2 ? 'other' : 'sample' }));
    await storeExecutions(engine.storage, runs.map(pastExecution));
    const el = await mountEditor(undefined, (e) => (e.engine = engine));
    const panel = await openHistory(el);
    const mine = runs.filter((r) => r.workflowId === 'sample').reverse();
    equal(listedIds(panel), ids(mine.slice(0, 50)), 'first page');
    const row = panel.querySelector('tbody tr')!;
    equal(
      [...row.querySelectorAll('td')].slice(1).map((td) => td.textContent!.trim()),
      ['Succeeded', 'Manual', '1.1 s'],
      'status, trigger and duration of exec-00149',
    );
    ok(row.querySelector('button.open')!.getAttribute('aria-label')!.startsWith('Open the run of '));
    ok(button(panel, 'button.newer').disabled, 'no newer page on the first');
    button(panel, 'button.older').click();
    await historySettled(el, panel);
    equal(listedIds(panel), ids(mine.slice(50, 100)), 'second page');
    button(panel, 'button.older').click();
    await historySettled(el, panel);
    equal(listedIds(panel), ids(mine.slice(100)), 'last page');
    ok(button(panel, 'button.older').disabled, 'no older page after the last');
    button(panel, 'button.newer').click();
    await historySettled(el, panel);
    equal(listedIds(panel), ids(mine.slice(50, 100)), 'back to the second page');
  });

  it('filters by status, trigger, date range and text in the error', async () => {
    const engine = testEngine();
    const runs: PastRun[] = Array.from({ length: 60 }, (_, index) => {
      const failed = index % 3 === 0;
      return {
        index,
        status: failed ? 'error' : index % 7 === 0 ? 'canceled' : 'success',
        mode: index % 4 === 0 ? 'webhook' : 'manual',
        ...(failed ? { error: index % 2 === 0 ? `Timeout after ${index} s` : 'Quota exceeded' } : {}),
      };
    });
    await storeExecutions(engine.storage, runs.map(pastExecution));
    const el = await mountEditor(undefined, (e) => (e.engine = engine));
    const panel = await openHistory(el);
    const expect = (keep: (r: PastRun) => boolean) => ids(runs.filter(keep).reverse());

    choose(panel.querySelector<HTMLSelectElement>('select[name="status"]'), 'error');
    await historySettled(el, panel);
    equal(
      listedIds(panel),
      expect((r) => r.status === 'error'),
      'failed runs',
    );
    ok([...panel.querySelectorAll('tbody .status')].every((s) => s.textContent === 'Failed'));

    choose(panel.querySelector<HTMLSelectElement>('select[name="mode"]'), 'webhook');
    await historySettled(el, panel);
    equal(
      listedIds(panel),
      expect((r) => r.status === 'error' && r.mode === 'webhook'),
      'failed webhook runs',
    );

    const search = panel.querySelector<HTMLInputElement>('input[name="error"]')!;
    search.value = 'TIMEOUT';
    panel.querySelector('form')!.requestSubmit();
    await historySettled(el, panel);
    equal(
      listedIds(panel),
      expect((r) => r.mode === 'webhook' && (r.error?.toLowerCase().includes('timeout') ?? false)),
      'errors containing "timeout"',
    );

    panel.querySelector<HTMLButtonElement>('form button[type="button"]')!.click();
    await historySettled(el, panel);
    equal(listedIds(panel), expect(() => true).slice(0, 50), 'filters cleared');

    // Runs are a minute apart from 08:00 UTC on 1 January 2026: the 60 fall on that day wherever the viewer is, within 14 h.
    const day = (offsetDays: number) => {
      const d = new Date(Date.UTC(2026, 0, 1, 8, 30) + offsetDays * 86_400_000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    };
    const from = panel.querySelector<HTMLInputElement>('input[name="from"]')!;
    from.value = day(1);
    from.dispatchEvent(new Event('change', { bubbles: true }));
    await historySettled(el, panel);
    equal(listedIds(panel), [], 'nothing from the next day on');
    ok(panel.querySelector('.summary')!.textContent!.includes('No run matches these filters.'));
    from.value = day(0);
    const to = panel.querySelector<HTMLInputElement>('input[name="to"]')!;
    to.value = day(0);
    to.dispatchEvent(new Event('change', { bubbles: true }));
    await historySettled(el, panel);
    equal(listedIds(panel), expect(() => true).slice(0, 50), 'the whole day, last day included');
  });

  it('opens a past run read-only on the canvas with its data, timeline and error, then goes back to editing as it was', async () => {
    const engine = testEngine();
    const el = await mountWith(engine);
    const failed = (await el.run())!;
    equal(failed.status, 'error');
    // Edits after the run: the document being edited, with its undo step, must come back intact.
    el.actions.addNode('test.people', { x: 900, y: 0 });
    await settle(el);
    const edited = el.workflow;
    equal(edited.nodes.length, 4);

    const panel = await openHistory(el);
    equal(listedIds(panel), [failed.id]);
    button(panel, 'tbody button.open').click();
    await until(() => panel.querySelector('.run'), 'the run opened');
    await settle(el);

    ok(el.store.readonly, 'the canvas is read-only');
    equal(el.store.workflow.nodes.length, 3, 'the workflow as it ran');
    equal(el.workflow, edited, 'editor.workflow is still the document being edited');
    equal(canvasOf(el).shadowRoot!.querySelectorAll('.node').length, 3);
    ok(canvasOf(el).shadowRoot!.querySelector('.node[data-id="x"] .badge.error'), 'the failed node is marked');
    ok(el.shadowRoot!.querySelector<HTMLButtonElement>('button.run')!.disabled, 'Run is off while a past run is shown');
    // The node that failed is selected: the run panel shows its input and error.
    equal([...el.store.selectedNodes], ['x']);
    const runPanel = part(el, 'wf-run-panel');
    ok(runPanel.querySelector('.error-box')!.textContent!.includes('this node always fails'));
    equal(runPanel.querySelector('section.input .muted')!.textContent, '2 items');

    const errorBox = panel.querySelector('.error-box')!;
    ok(errorBox.textContent!.includes('this node always fails'));
    ok(errorBox.textContent!.includes('In node Boom'));
    const bars = [...panel.querySelectorAll<HTMLButtonElement>('.timeline button.bar-row')];
    equal(
      bars.map((b) => [b.dataset['node'], b.classList.contains('error') ? 'error' : 'success']),
      [
        ['t', 'success'],
        ['p', 'success'],
        ['x', 'error'],
      ],
    );
    // Each bar starts where its run started and is as long as it took, on one scale (the record is the oracle).
    const start = Date.parse(failed.startedAt);
    const runs = ['t', 'p', 'x'].map((id) => failed.nodes[id]![0]!);
    const total = Math.max(Date.parse(failed.finishedAt!) - start, ...runs.map((r) => Date.parse(r.finishedAt) - start));
    const rects = bars.map((b) => b.querySelector('rect.bar')!);
    runs.forEach((run, i) => {
      const width = Number(rects[i]!.getAttribute('width'));
      equal(
        Math.abs(width - Math.max(0.5, ((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / total) * 100 || 0)) < 0.01,
        true,
        `bar ${i} width`,
      );
    });
    // A bar selects its node: the run panel follows.
    bars[1]!.click();
    await settle(el);
    equal([...el.store.selectedNodes], ['p']);
    equal(part(el, 'wf-run-panel').querySelector('section.output .muted')!.textContent, '2 items');
    // Arrow keys move between the bars.
    bars[1]!.focus();
    press(bars[1]!, 'ArrowDown');
    equal(panel.activeElement, bars[2]);

    // Escape: back to the list, the focus on the run's row; the document being edited is back.
    press(bars[2]!, 'Escape');
    await historySettled(el, panel);
    equal(panel.activeElement, panel.querySelector(`tr[data-id="${failed.id}"] button.open`));
    equal(el.store.workflow, edited);
    ok(!el.store.readonly);
    ok(el.store.history.canUndo, 'the undo steps are kept');
    equal(el.store.execution?.id, failed.id, 'the run panel shows the last run again');

    // "Back to editing" closes the panel and gives the focus back to the toolbar button.
    button(panel, 'tbody button.open').click();
    await until(() => panel.querySelector('.run'), 'the run opened again');
    button(panel, 'button.back-to-editing').click();
    await settle(el);
    ok(!el.shadowRoot!.querySelector('wf-history-panel[open]'));
    equal(el.shadowRoot!.activeElement, el.shadowRoot!.querySelector('button.history-button'));
    equal(el.store.workflow, edited);
    el.undo();
    equal(el.workflow.nodes.length, 3, 'undo still works');
  });

  it('retries a failed run from the failed node, reusing the nodes before it', async () => {
    const engine = testEngine();
    const el = await mountWith(engine);
    const failed = (await el.run())!;
    const finished: (Execution | undefined)[] = [];
    el.addEventListener('wf-execution-finish', (e) => finished.push(e.detail.execution));
    const panel = await openHistory(el);
    button(panel, 'tbody button.open').click();
    await until(() => panel.querySelector('.run'), 'the run opened');
    button(panel, 'button.retry').click();
    await until(() => finished.length === 1, 'the retry finished');
    await historySettled(el, panel);

    const retried = finished[0]!;
    const stored = (await engine.executions.get(retried.id))!;
    equal([stored.mode, stored.retryOf, stored.status], ['retry', failed.id, 'error']);
    equal(stored.nodes['p']![0]!.reused, true, 'People was not run again');
    // The retry is the run shown, and the list has it first.
    equal(el.store.execution?.id, retried.id);
    ok(panel.querySelector('.meta')!.textContent!.includes(failed.id), 'shown as a retry of the first run');
    ok(panel.querySelector('.note')!.textContent!.includes('Retry finished: Failed'));
    button(panel, 'button.all-runs').click();
    await historySettled(el, panel);
    equal(listedIds(panel), [retried.id, failed.id]);
    equal(panel.querySelector('tbody tr td:nth-child(3)')!.textContent!.trim(), 'Retry');
  });

  it('exports a run as the engine’s JSON export document', async () => {
    const engine = testEngine();
    const el = await mountWith(engine);
    const failed = (await el.run())!;
    const panel = await openHistory(el);
    button(panel, 'tbody button.open').click();
    await until(() => panel.querySelector('.run'), 'the run opened');
    let download: { name: string; text: Promise<string> } | undefined;
    panel.addEventListener(
      'click',
      (e) => {
        const link = e.target as HTMLAnchorElement;
        if (link.tagName === 'A') download = { name: link.download, text: fetch(link.href).then((r) => r.text()) };
      },
      true,
    );
    button(panel, 'button.export').click();
    await until(() => download, 'the file was offered');
    equal(download!.name, `execution-${failed.id}.json`);
    const file = JSON.parse(await download!.text) as ExecutionExport;
    const expected = await engine.executions.export(failed.id);
    equal({ ...file, exportedAt: '' }, { ...expected, exportedAt: '' });
  });

  it('deletes a run once confirmed, and keeps it when not', async () => {
    const engine = testEngine();
    const el = await mountWith(engine);
    const first = (await el.run())!;
    const second = (await el.run())!;
    const panel = await openHistory(el);
    equal(listedIds(panel), [second.id, first.id]);
    button(panel, `tr[data-id="${first.id}"] button.open`).click();
    await until(() => panel.querySelector('.run'), 'the run opened');

    button(panel, 'button.delete').click();
    await historySettled(el, panel);
    equal(panel.activeElement, panel.querySelector('.delete-no'), 'the focus goes to the safe choice');
    button(panel, '.delete-no').click();
    await historySettled(el, panel);
    ok(!panel.querySelector('.confirm'));
    ok(await engine.executions.get(first.id), 'kept');

    button(panel, 'button.delete').click();
    await historySettled(el, panel);
    button(panel, '.delete-yes').click();
    await until(() => !panel.querySelector('.run'), 'back to the list');
    await historySettled(el, panel);
    equal(await engine.executions.get(first.id), undefined);
    equal(listedIds(panel), [second.id]);
    ok(!el.store.readonly, 'back to editing');
    equal(el.store.execution?.id, second.id, 'the last run is still shown');
  });

  it('shows the workflow’s last run again when the page is loaded anew', async () => {
    const name = `history-last-run-${Math.random().toString(36).slice(2)}`;
    const first = await openIndexedDbStorage(name);
    const before = await mountWith(createEngine({ nodeTypes: testNodeTypes, storage: first, logger: silent }));
    await before.run();
    const last = (await before.run())!;
    before.remove();
    await first.close();

    // A new page: a new storage connection, engine and element.
    const storage = await openIndexedDbStorage(name);
    const el = await mountWith(createEngine({ nodeTypes: testNodeTypes, storage, logger: silent }));
    await until(() => el.store.execution, 'the last run was read back');
    await settle(el);
    equal(el.store.execution!.id, last.id);
    ok(el.store.execution!.nodes['x']![0]!.error!.message.includes('this node always fails'), 'with its node runs');
    equal(part(el, 'wf-run-panel').querySelector('.status')!.textContent, 'Run failed');
    ok(canvasOf(el).shadowRoot!.querySelector('.node[data-id="x"] .badge.error'));
    await storage.close();
  });

  it('adds a run made while the list is open at the top of its first page', async () => {
    const engine = testEngine();
    const el = await mountWith(engine);
    const first = (await el.run())!;
    const panel = await openHistory(el);
    equal(listedIds(panel), [first.id]);
    // The list sits beside the canvas: the editor stays usable.
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.run')!.click();
    const second = await until(
      () => (el.store.execution?.id !== first.id && !el.store.running ? el.store.execution : undefined),
      'the run ended',
    );
    await until(() => listedIds(panel)[0] === second.id, 'the list gained the run');
    equal(listedIds(panel), [second.id, first.id]);
  });

  it('speaks French and is themed through the editor’s tokens', async () => {
    const engine = testEngine();
    const el = await mountWith(engine);
    el.locale = 'fr';
    el.style.setProperty('--wf-history-width', '333px');
    await el.run();
    await settle(el);
    equal(el.shadowRoot!.querySelector('button.history-button')!.textContent!.trim(), 'Exécutions');
    const panel = await openHistory(el);
    equal(panel.querySelector('h2')!.textContent, 'Historique des exécutions');
    equal(panel.querySelector('tbody .status')!.textContent, 'Échouée');
    equal(getComputedStyle(panel.host).width, '333px');
    // Escape on the list closes the panel.
    press(panel.querySelector('h2')!, 'Escape');
    await settle(el);
    ok(!el.shadowRoot!.querySelector('wf-history-panel[open]'));
  });
});
