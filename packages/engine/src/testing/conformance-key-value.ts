import { assertEqual, type StorageTest } from './conformance-harness.js';

/**
 * Key-value records (`Storage.keyValue`, optional): round trips of any JSON
 * value, replacement, deletion of a key or a namespace, tenant isolation. An
 * adapter without the store has nothing to check here.
 */
export function keyValueConformance(test: StorageTest): void {
  test('stores any JSON value under a key and reads it back', async ({ keyValue }) => {
    if (!keyValue) return;
    assertEqual(await keyValue.get('t1', 'ai.memory', 'wf-1/session-1'), undefined, 'value before the first write');
    const messages = {
      messages: [
        { role: 'user', content: 'Hi \u00e9\u{1F600}' },
        { role: 'assistant', content: 'Hello', n: null },
      ],
    };
    await keyValue.set('t1', 'ai.memory', 'wf-1/session-1', messages);
    assertEqual(await keyValue.get('t1', 'ai.memory', 'wf-1/session-1'), messages, 'value read back');
    for (const value of ['a text', 42, true, null, [1, 'two', { three: 3 }]]) {
      await keyValue.set('t1', 'ai.memory', 'wf-1/session-1', value);
      assertEqual(await keyValue.get('t1', 'ai.memory', 'wf-1/session-1'), value, `value ${JSON.stringify(value)}`);
    }
  });

  test('keeps each key, namespace and tenant apart', async ({ keyValue }) => {
    if (!keyValue) return;
    await keyValue.set('t1', 'ns', 'a', 'a');
    await keyValue.set('t1', 'ns', 'b', 'b');
    await keyValue.set('t1', 'other', 'a', 'other namespace');
    await keyValue.set('t2', 'ns', 'a', 'other tenant');
    assertEqual(await keyValue.get('t1', 'ns', 'a'), 'a', 'key a');
    assertEqual(await keyValue.get('t1', 'ns', 'b'), 'b', 'key b');
    assertEqual(await keyValue.get('t1', 'other', 'a'), 'other namespace', 'other namespace');
    assertEqual(await keyValue.get('t2', 'ns', 'a'), 'other tenant', 'other tenant');
    assertEqual(await keyValue.get('t3', 'ns', 'a'), undefined, 'tenant with no values');
  });

  test('deletes one key, or a whole namespace, and nothing else', async ({ keyValue }) => {
    if (!keyValue) return;
    await keyValue.set('t1', 'ns', 'a', 1);
    await keyValue.set('t1', 'ns', 'b', 2);
    await keyValue.set('t1', 'ns2', 'a', 3);
    await keyValue.set('t2', 'ns', 'a', 4);
    assertEqual(await keyValue.delete('t1', 'ns', 'a'), 1, 'one key deleted');
    assertEqual(await keyValue.delete('t1', 'ns', 'a'), 0, 'second delete');
    assertEqual(await keyValue.get('t1', 'ns', 'b'), 2, 'sibling kept');
    await keyValue.set('t1', 'ns', 'c', 5);
    assertEqual(await keyValue.delete('t1', 'ns'), 2, 'namespace deleted');
    assertEqual(await keyValue.get('t1', 'ns', 'c'), undefined, 'namespace gone');
    assertEqual(await keyValue.get('t1', 'ns2', 'a'), 3, 'namespace whose name starts the same kept');
    assertEqual(await keyValue.get('t2', 'ns', 'a'), 4, 'other tenant kept');
    assertEqual(await keyValue.delete('t3', 'ns'), 0, 'tenant with no values');
  });
}
