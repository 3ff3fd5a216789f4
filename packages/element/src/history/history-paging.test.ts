import { openIndexedDbStorage, type IndexedDbStorage } from '@flowloom/adapters/indexeddb';
import { createEngine } from '@flowloom/engine';
import { equal, ok } from '../testing/assert.js';
import { mountEditor, testNodeTypes } from '../testing/fixture.js';
import { historySettled, listedIds, openHistory, pastExecution, storeExecutions } from '../testing/history.js';
import { HISTORY_PAGE_SIZE } from './history-panel.component.js';

const COUNT = 10_000;
const id = (index: number) => `exec-${String(index).padStart(5, '0')}`;

describe('run history over 10,000 executions in IndexedDB', () => {
  let storage: IndexedDbStorage;

  before(async () => {
    storage = await openIndexedDbStorage(`history-paging-${Math.random().toString(36).slice(2)}`);
    // Written through the adapter, as the engine writes them; every 21st belongs to another workflow.
    const executions = Array.from({ length: COUNT + 500 }, (_, index) =>
      pastExecution({ index, workflowId: index % 21 === 20 ? 'other' : 'sample', status: index % 9 === 0 ? 'error' : 'success' }),
    );
    await storeExecutions(storage, executions);
    equal(await storage.executions.count('default', { workflowId: 'sample' }), COUNT);
  });

  after(() => storage.close());

  it('lists the newest page, then the next, of this workflow only', async () => {
    const engine = createEngine({ nodeTypes: testNodeTypes, storage, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    const el = await mountEditor(undefined, (e) => (e.engine = engine));
    const panel = await openHistory(el);
    // The oracle: the indexes written, newest first, without the other workflow's.
    const expected: string[] = [];
    for (let index = COUNT + 499; index >= 0 && expected.length < 2 * HISTORY_PAGE_SIZE; index--)
      if (index % 21 !== 20) expected.push(id(index));
    equal(listedIds(panel), expected.slice(0, HISTORY_PAGE_SIZE), 'first page');
    panel.querySelector<HTMLButtonElement>('button.older')!.click();
    await historySettled(el, panel);
    equal(listedIds(panel), expected.slice(HISTORY_PAGE_SIZE), 'next page');
    ok(panel.querySelector('.summary')!.textContent!.includes(`Runs ${HISTORY_PAGE_SIZE + 1}–${2 * HISTORY_PAGE_SIZE}`));
  });

  it('pages through a filter the index does not cover without reading everything first', async () => {
    const engine = createEngine({ nodeTypes: testNodeTypes, storage, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    const el = await mountEditor(undefined, (e) => (e.engine = engine));
    const panel = await openHistory(el);
    const status = panel.querySelector<HTMLSelectElement>('select[name="status"]')!;
    status.value = 'error';
    status.dispatchEvent(new Event('change', { bubbles: true }));
    await historySettled(el, panel);
    const expected: string[] = [];
    for (let index = COUNT + 499; expected.length < 2 * HISTORY_PAGE_SIZE; index--)
      if (index % 21 !== 20 && index % 9 === 0) expected.push(id(index));
    equal(listedIds(panel), expected.slice(0, HISTORY_PAGE_SIZE), 'first page of failures');
    panel.querySelector<HTMLButtonElement>('button.older')!.click();
    await historySettled(el, panel);
    equal(listedIds(panel), expected.slice(HISTORY_PAGE_SIZE), 'next page of failures');
  });
});
