import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { ApiKeys } from '../auth/api-keys.js';
import { openSqliteServerStores } from './sqlite-server-stores.js';

const dir = mkdtempSync(join(tmpdir(), 'flowloom-server-stores-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the standalone server’s SQLite stores', () => {
  it('keep API keys across a reopen, scoped to their tenant, and a revocation with them', async () => {
    const file = join(dir, 'keys.sqlite');
    const first = await openSqliteServerStores(file);
    const keys = new ApiKeys(first.apiKeys);
    const acme = await keys.create({ tenantId: 'acme', name: 'CI', role: 'editor' });
    const globex = await keys.create({ tenantId: 'globex', name: 'Ops', role: 'viewer' });
    first.close();

    const second = await openSqliteServerStores(file);
    const again = new ApiKeys(second.apiKeys);
    expect(second.apiKeys.count()).toBe(2);
    expect((await again.verify(acme.key))?.tenantId).toBe('acme');
    expect((await again.list('acme')).map((k) => k.id)).toEqual([acme.apiKey.id]);
    expect(await again.get('acme', globex.apiKey.id)).toBeUndefined();
    expect(await again.revoke('acme', globex.apiKey.id)).toBe(false);
    expect(await again.revoke('acme', acme.apiKey.id)).toBe(true);
    expect(await again.revoke('acme', acme.apiKey.id)).toBe(false);
    expect(await again.verify(acme.key)).toBeUndefined();
    expect(await again.verify(globex.key)).toBeDefined();
    second.close();
  });

  it('keep active workflows, and live beside the storage adapter’s tables in the same file', async () => {
    const file = join(dir, 'shared.sqlite');
    const storage = await openSqliteStorage(file);
    const stores = await openSqliteServerStores(file);
    await stores.activations.add('acme', 'orders');
    await stores.activations.add('acme', 'orders');
    await stores.activations.add('globex', 'orders');
    await stores.activations.remove('globex', 'orders');
    stores.close();
    await storage.close();

    const reopened = await openSqliteStorage(file);
    expect(reopened.migrated).toEqual([]);
    await reopened.close();
    const stores2 = await openSqliteServerStores(file);
    expect(await stores2.activations.list()).toEqual([{ tenantId: 'acme', workflowId: 'orders' }]);
    stores2.close();
  });
});
