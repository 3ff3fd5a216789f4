import type { StoredCredential } from '../storage/credential-store.js';
import { assertEqual, type StorageTest } from './conformance-harness.js';

const variable = (key: string, value: unknown, workflowId?: string) => ({
  key,
  type: 'json' as const,
  value,
  ...(workflowId === undefined ? {} : { workflowId }),
  updatedAt: '2026-01-01T00:00:00.000Z',
});

const credential = (id: string, blob: string): StoredCredential => ({
  id,
  name: `Credential ${id}`,
  type: 'apiKey',
  blob,
  meta: { keyVersion: 2, sharedWith: ['u1'] },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
});

/** Variables and credential blobs: round trips, levels, replacement, tenant isolation. */
export function variableAndCredentialConformance(test: StorageTest): void {
  test('stores variables of every type and reads them back', async ({ variables }) => {
    await variables.set('t1', { key: 's', type: 'string', value: 'text', updatedAt: '2026-01-01T00:00:00.000Z' });
    await variables.set('t1', { key: 'n', type: 'number', value: 4.5, updatedAt: '2026-01-01T00:00:00.000Z' });
    await variables.set('t1', { key: 'b', type: 'boolean', value: false, updatedAt: '2026-01-01T00:00:00.000Z' });
    await variables.set('t1', variable('j', { a: [1, { b: null }] }));
    assertEqual((await variables.get('t1', 's'))?.value, 'text', 'string');
    assertEqual((await variables.get('t1', 'n'))?.value, 4.5, 'number');
    assertEqual((await variables.get('t1', 'b'))?.value, false, 'boolean');
    assertEqual(await variables.get('t1', 'j'), variable('j', { a: [1, { b: null }] }), 'json variable');
    assertEqual((await variables.list('t1')).map((v) => v.key).sort(), ['b', 'j', 'n', 's'], 'tenant variables');
  });

  test('keeps workflow variables apart from tenant variables of the same key', async ({ variables }) => {
    await variables.set('t1', variable('limit', 1));
    await variables.set('t1', variable('limit', 2, 'wf-1'));
    assertEqual((await variables.get('t1', 'limit'))?.value, 1, 'tenant level');
    assertEqual((await variables.get('t1', 'limit', 'wf-1'))?.value, 2, 'workflow level');
    assertEqual((await variables.list('t1')).length, 1, 'tenant list');
    assertEqual(
      (await variables.list('t1', 'wf-1')).map((v) => v.value),
      [2],
      'workflow list',
    );
    assertEqual(await variables.delete('t1', 'limit', 'wf-1'), true, 'delete workflow variable');
    assertEqual((await variables.get('t1', 'limit'))?.value, 1, 'tenant variable survives');
    assertEqual(await variables.delete('t1', 'limit', 'wf-1'), false, 'second delete');
  });

  test('replaces a variable set twice', async ({ variables }) => {
    await variables.set('t1', variable('k', 'old'));
    await variables.set('t1', variable('k', 'new'));
    assertEqual(
      (await variables.list('t1')).map((v) => v.value),
      ['new'],
      'variables',
    );
  });

  test('never shows one tenant the variables of another', async ({ variables }) => {
    await variables.set('t1', variable('k', 'one'));
    await variables.set('t2', variable('k', 'two'));
    assertEqual((await variables.get('t2', 'k'))?.value, 'two', 't2');
    assertEqual(await variables.get('t3', 'k'), undefined, 't3 get');
    assertEqual(await variables.list('t3'), [], 't3 list');
    assertEqual(await variables.delete('t3', 'k'), false, 't3 delete');
    assertEqual((await variables.get('t1', 'k'))?.value, 'one', 't1 untouched');
  });

  test('stores credential blobs and metadata as given', async ({ credentials }) => {
    const c = credential('c1', 'v1.nonce.ciphertext');
    await credentials.put('t1', c);
    assertEqual(await credentials.get('t1', 'c1'), c, 'credential');
    await credentials.put('t1', { ...c, blob: 'v1.other.ciphertext' });
    assertEqual(
      (await credentials.list('t1')).map((x) => x.blob),
      ['v1.other.ciphertext'],
      'replaced blob',
    );
    assertEqual(await credentials.delete('t1', 'c1'), true, 'delete');
    assertEqual(await credentials.get('t1', 'c1'), undefined, 'after delete');
    assertEqual(await credentials.delete('t1', 'c1'), false, 'second delete');
  });

  test('never shows one tenant the credentials of another', async ({ credentials }) => {
    await credentials.put('t1', credential('c1', 'one'));
    await credentials.put('t2', credential('c1', 'two'));
    assertEqual((await credentials.get('t2', 'c1'))?.blob, 'two', 't2');
    assertEqual(await credentials.get('t3', 'c1'), undefined, 't3 get');
    assertEqual(await credentials.list('t3'), [], 't3 list');
    assertEqual(await credentials.delete('t3', 'c1'), false, 't3 delete');
    assertEqual((await credentials.get('t1', 'c1'))?.blob, 'one', 't1 untouched');
  });

  test('keeps a credential audit trail per tenant, oldest first (when the store keeps one)', async ({ credentials }) => {
    if (!credentials.appendAudit || !credentials.listAudit) return;
    const entry = (credentialId: string, minute: number, tenantId = 't1') => ({
      credentialId,
      tenantId,
      action: 'request' as const,
      at: `2026-01-01T00:0${minute}:00.000Z`,
      host: 'api.example.com',
      executionId: `e${minute}`,
    });
    for (const [id, minute] of [
      ['c1', 1],
      ['c2', 2],
      ['c1', 3],
      ['c1', 4],
    ] as const)
      await credentials.appendAudit('t1', entry(id, minute));
    await credentials.appendAudit('t2', entry('c1', 5, 't2'));
    assertEqual(
      (await credentials.listAudit('t1')).map((e) => e.executionId),
      ['e1', 'e2', 'e3', 'e4'],
      'all of t1',
    );
    assertEqual(
      (await credentials.listAudit('t1', { credentialId: 'c1', limit: 2 })).map((e) => e.executionId),
      ['e3', 'e4'],
      'newest two of c1',
    );
    assertEqual(
      (await credentials.listAudit('t1', { executionId: 'e2' })).map((e) => e.credentialId),
      ['c2'],
      'by execution',
    );
    assertEqual(await credentials.listAudit('t1', { executionId: 'e2' }), [entry('c2', 2)], 'entry round trip');
    assertEqual(
      (await credentials.listAudit('t2')).map((e) => e.executionId),
      ['e5'],
      'tenant t2',
    );
    assertEqual(await credentials.listAudit('t3'), [], 'tenant t3');
  });
}
