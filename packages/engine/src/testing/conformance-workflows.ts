import { sampleWorkflow } from './conformance-fixtures.js';
import { assertEqual, assertTrue, type StorageTest } from './conformance-harness.js';

/** Workflows: saving, version history, restore, deletion, tenant isolation. */
export function workflowConformance(test: StorageTest): void {
  test('saves a workflow and reads it back unchanged', async ({ workflows }) => {
    const wf = sampleWorkflow('wf-1', 'Orders', { meta: { tags: ['a', 'b'] }, pinData: { trigger: [{ json: { x: 1 } }] } });
    const saved = await workflows.save('t1', wf);
    assertEqual(saved.version, 1, 'first save is version 1');
    assertEqual(await workflows.get('t1', 'wf-1'), wf, 'stored workflow');
    assertEqual(await workflows.get('t1', 'missing'), undefined, 'unknown workflow');
  });

  test('keeps a stored version unchanged when the caller mutates its object after saving', async ({ workflows }) => {
    const wf = sampleWorkflow('wf-1', 'Before');
    await workflows.save('t1', wf);
    wf.name = 'Mutated';
    assertEqual((await workflows.get('t1', 'wf-1'))?.name, 'Before', 'stored name');
  });

  test('keeps every previous version and lists them newest first', async ({ workflows }) => {
    await workflows.save('t1', sampleWorkflow('wf-1', 'v1'));
    await workflows.save('t1', sampleWorkflow('wf-1', 'v2'));
    const third = await workflows.save('t1', sampleWorkflow('wf-1', 'v3'));
    assertEqual(third.version, 3, 'third save');
    const versions = await workflows.listVersions('t1', 'wf-1');
    assertEqual(
      versions.map((v) => [v.version, v.name, v.workflowId]),
      [
        [3, 'v3', 'wf-1'],
        [2, 'v2', 'wf-1'],
        [1, 'v1', 'wf-1'],
      ],
      'versions',
    );
    assertTrue(
      versions.every((v) => !Number.isNaN(Date.parse(v.savedAt))),
      'each version has a savedAt date',
    );
    assertEqual((await workflows.getVersion('t1', 'wf-1', 1))?.name, 'v1', 'version 1');
    assertEqual((await workflows.get('t1', 'wf-1'))?.name, 'v3', 'current version');
    assertEqual(await workflows.getVersion('t1', 'wf-1', 9), undefined, 'a version that does not exist');
    assertEqual(await workflows.listVersions('t1', 'missing'), [], 'versions of an unknown workflow');
  });

  test('restores an old version as a new current version, keeping the history', async ({ workflows }) => {
    await workflows.save('t1', sampleWorkflow('wf-1', 'v1'));
    await workflows.save('t1', sampleWorkflow('wf-1', 'v2'));
    const restored = await workflows.restoreVersion('t1', 'wf-1', 1);
    assertEqual(restored?.version, 3, 'restored version number');
    assertEqual((await workflows.get('t1', 'wf-1'))?.name, 'v1', 'current after restore');
    assertEqual(
      (await workflows.listVersions('t1', 'wf-1')).map((v) => v.name),
      ['v1', 'v2', 'v1'],
      'history after restore',
    );
    assertEqual(await workflows.restoreVersion('t1', 'wf-1', 7), undefined, 'restoring a missing version');
  });

  test('lists workflows with their current name and version', async ({ workflows }) => {
    await workflows.save('t1', sampleWorkflow('a', 'A1'));
    await workflows.save('t1', sampleWorkflow('a', 'A2'));
    await workflows.save('t1', sampleWorkflow('b', 'B1'));
    const list = (await workflows.list('t1')).sort((x, y) => (x.id < y.id ? -1 : 1));
    assertEqual(
      list.map((w) => [w.id, w.name, w.version]),
      [
        ['a', 'A2', 2],
        ['b', 'B1', 1],
      ],
      'workflow list',
    );
  });

  test('deletes a workflow with all its versions', async ({ workflows }) => {
    await workflows.save('t1', sampleWorkflow('wf-1', 'v1'));
    await workflows.save('t1', sampleWorkflow('wf-1', 'v2'));
    assertEqual(await workflows.delete('t1', 'wf-1'), true, 'delete result');
    assertEqual(await workflows.get('t1', 'wf-1'), undefined, 'after delete');
    assertEqual(await workflows.listVersions('t1', 'wf-1'), [], 'versions after delete');
    assertEqual(await workflows.delete('t1', 'wf-1'), false, 'second delete');
    const again = await workflows.save('t1', sampleWorkflow('wf-1', 'fresh'));
    assertEqual(again.version, 1, 'a re-created workflow starts at version 1');
  });

  test('never shows one tenant the workflows of another', async ({ workflows }) => {
    await workflows.save('t1', sampleWorkflow('wf-1', 'tenant one'));
    await workflows.save('t2', sampleWorkflow('wf-1', 'tenant two'));
    assertEqual((await workflows.get('t1', 'wf-1'))?.name, 'tenant one', 't1 copy');
    assertEqual((await workflows.get('t2', 'wf-1'))?.name, 'tenant two', 't2 copy');
    assertEqual((await workflows.listVersions('t2', 'wf-1')).length, 1, 't2 versions');
    assertEqual(await workflows.list('t3'), [], 'an empty tenant');
    assertEqual(await workflows.get('t3', 'wf-1'), undefined, 'get from another tenant');
    assertEqual(await workflows.getVersion('t3', 'wf-1', 1), undefined, 'getVersion from another tenant');
    assertEqual(await workflows.delete('t3', 'wf-1'), false, 'delete from another tenant');
    assertEqual(await workflows.restoreVersion('t3', 'wf-1', 1), undefined, 'restore from another tenant');
    await workflows.delete('t2', 'wf-1');
    assertEqual((await workflows.get('t1', 'wf-1'))?.name, 'tenant one', 't1 copy after t2 deleted its own');
  });
}
