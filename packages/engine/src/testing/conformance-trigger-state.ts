import type { TriggerState } from '../storage/trigger-state-store.js';
import { assertEqual, type StorageTest } from './conformance-harness.js';

const at = '2026-03-01T10:00:00.000Z';

/** Trigger state: round trips of any JSON cursor, pending items, replacement, deletion, tenant isolation. */
export function triggerStateConformance(test: StorageTest): void {
  test('stores a trigger’s cursor and pending items and reads them back', async ({ triggerState }) => {
    assertEqual(await triggerState.get('t1', 'wf-1', 'poll'), undefined, 'state before the first poll');
    const state: TriggerState = {
      cursor: { since: '2026-03-01T09:59:00Z', seen: ['a', 'b'], page: 3 },
      pending: { executionId: 'ex-1', items: [{ json: { id: 'a', nested: { ok: true, n: null } } }, { json: { id: 'b' } }] },
      updatedAt: at,
    };
    await triggerState.set('t1', 'wf-1', 'poll', state);
    assertEqual(await triggerState.get('t1', 'wf-1', 'poll'), state, 'state read back');
    for (const cursor of ['a text', 42, true, null, [1, 'two']]) {
      await triggerState.set('t1', 'wf-1', 'poll', { cursor, updatedAt: at });
      assertEqual((await triggerState.get('t1', 'wf-1', 'poll'))?.cursor, cursor, `cursor ${JSON.stringify(cursor)}`);
    }
  });

  test('replaces a state set twice, dropping what the new one leaves out', async ({ triggerState }) => {
    await triggerState.set('t1', 'wf-1', 'poll', { cursor: 1, pending: { executionId: 'ex-1', items: [{ json: {} }] }, updatedAt: at });
    await triggerState.set('t1', 'wf-1', 'poll', { cursor: 2, updatedAt: at });
    assertEqual(await triggerState.get('t1', 'wf-1', 'poll'), { cursor: 2, updatedAt: at }, 'replaced state');
  });

  test('keeps each node, workflow and tenant apart', async ({ triggerState }) => {
    await triggerState.set('t1', 'wf-1', 'a', { cursor: 'a', updatedAt: at });
    await triggerState.set('t1', 'wf-1', 'b', { cursor: 'b', updatedAt: at });
    await triggerState.set('t1', 'wf-2', 'a', { cursor: 'wf-2', updatedAt: at });
    await triggerState.set('t2', 'wf-1', 'a', { cursor: 'other tenant', updatedAt: at });
    assertEqual((await triggerState.get('t1', 'wf-1', 'a'))?.cursor, 'a', 'node a');
    assertEqual((await triggerState.get('t1', 'wf-1', 'b'))?.cursor, 'b', 'node b');
    assertEqual((await triggerState.get('t1', 'wf-2', 'a'))?.cursor, 'wf-2', 'other workflow');
    assertEqual((await triggerState.get('t2', 'wf-1', 'a'))?.cursor, 'other tenant', 'other tenant');
    assertEqual(await triggerState.get('t3', 'wf-1', 'a'), undefined, 'tenant with no state');
  });

  test('deletes one node’s state, or a whole workflow’s, and nothing else', async ({ triggerState }) => {
    await triggerState.set('t1', 'wf-1', 'a', { cursor: 1, updatedAt: at });
    await triggerState.set('t1', 'wf-1', 'b', { cursor: 2, updatedAt: at });
    await triggerState.set('t1', 'wf-10', 'a', { cursor: 3, updatedAt: at });
    await triggerState.set('t2', 'wf-1', 'a', { cursor: 4, updatedAt: at });
    assertEqual(await triggerState.delete('t1', 'wf-1', 'a'), 1, 'one node deleted');
    assertEqual(await triggerState.delete('t1', 'wf-1', 'a'), 0, 'second delete');
    assertEqual(await triggerState.get('t1', 'wf-1', 'b'), { cursor: 2, updatedAt: at }, 'sibling kept');
    await triggerState.set('t1', 'wf-1', 'c', { cursor: 5, updatedAt: at });
    assertEqual(await triggerState.delete('t1', 'wf-1'), 2, 'workflow deleted');
    assertEqual(await triggerState.get('t1', 'wf-1', 'c'), undefined, 'workflow state gone');
    assertEqual((await triggerState.get('t1', 'wf-10', 'a'))?.cursor, 3, 'workflow whose id starts the same kept');
    assertEqual((await triggerState.get('t2', 'wf-1', 'a'))?.cursor, 4, 'other tenant kept');
    assertEqual(await triggerState.delete('t3', 'wf-1'), 0, 'tenant with no state');
  });
}
