import { describe, expect, it } from 'vitest';
import { callNode, tryNode } from '../../../testing/node-test-harness.js';
import { renameKeysNode } from './rename-keys.js';

describe('Rename Keys', () => {
  it('renames keys in order, moving nested ones by dot path', async () => {
    const input = [{ json: { first_name: 'Ada', address: { zip: 'N1' } } }];
    const out = await callNode(
      renameKeysNode,
      {
        keys: [
          { currentKey: 'first_name', newKey: 'firstName' },
          { currentKey: 'address.zip', newKey: 'postcode' },
        ],
      },
      { main: input },
    );
    expect(out.main?.[0]?.json).toEqual({ firstName: 'Ada', address: {}, postcode: 'N1' });
    expect(input[0]!.json).toEqual({ first_name: 'Ada', address: { zip: 'N1' } });
  });

  it('skips a key that an item lacks', async () => {
    const { json } = await tryNode('core.renameKeys', { keys: [{ currentKey: 'a', newKey: 'b' }] }, [{ a: 1 }, { c: 2 }]);
    expect(json).toEqual([{ b: 1 }, { c: 2 }]);
  });

  it('refuses an empty new name before running, naming the parameter', async () => {
    await expect(tryNode('core.renameKeys', { keys: [{ currentKey: 'a', newKey: '' }] }, [{ a: 1 }])).rejects.toThrow(
      /parameter 'keys\.0\.newKey'/,
    );
    await expect(tryNode('core.renameKeys', { keys: [] }, [{ a: 1 }])).rejects.toThrow(/parameter 'keys'/);
  });

  it('outputs nothing for empty input', async () => {
    expect(await callNode(renameKeysNode, { keys: [{ currentKey: 'a', newKey: 'b' }] }, { main: [] })).toEqual({ main: [] });
  });
});
