// Runs in real Chromium through @web/test-runner (mocha's describe/it are globals there).
import { OptionError, StorageError } from '@flowloom/engine';
import {
  assertEqual,
  assertTrue,
  describeStorageAdapter,
  sampleExecution,
  sampleNodeRun,
  sampleRunState,
  type TestFunctions,
} from '@flowloom/engine/testing';
import { deleteDB, openDB } from 'idb';
import { IDB_SCHEMA_STEPS, IDB_SCHEMA_VERSION, openIndexedDbStorage, upgradeSchema } from './index.js';

const { describe, it } = globalThis as unknown as TestFunctions;

let counter = 0;
const freshName = () => `flowloom-test-${Date.now()}-${counter++}`;

describeStorageAdapter('indexeddb', () => openIndexedDbStorage(freshName()), {
  async dispose(storage) {
    await storage.close?.();
    await deleteDB((storage as unknown as { name: string }).name);
  },
});

async function storageError(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  assertTrue(error instanceof StorageError, `expected a StorageError, got ${String(error)}`);
  return error as StorageError;
}

describe('indexeddb adapter', () => {
  it('keeps executions and node runs across closing and reopening the database', async () => {
    const name = freshName();
    const first = await openIndexedDbStorage(name);
    assertEqual(first.upgradedFrom, 0, 'created from nothing');
    await first.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined }));
    await first.executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0));
    await first.close();
    const second = await openIndexedDbStorage(name);
    assertEqual(second.upgradedFrom, IDB_SCHEMA_VERSION, 'no upgrade on reopen');
    assertEqual((await second.executions.get('t1', 'e1'))?.nodes['a']?.length, 1, 'node runs after reopening');
    await second.close();
    await deleteDB(name);
  });

  it('upgrades a database of an older schema version without losing its records', async () => {
    const name = freshName();
    const old = await openDB(name, 1, {
      upgrade: (db, oldVersion, newVersion, tx) => upgradeSchema(db, oldVersion, newVersion ?? 1, tx, IDB_SCHEMA_STEPS.slice(0, 1)),
    });
    const { nodes: _nodes, ...summary } = sampleExecution('old');
    await old.put('executions', summary);
    old.close();
    const storage = await openIndexedDbStorage(name);
    assertEqual(storage.upgradedFrom, 1, 'upgraded from version 1');
    assertEqual(
      (await storage.executions.list('t1')).map((e) => e.id),
      ['old'],
      'kept rows',
    );
    assertTrue(storage.credentials.appendAudit !== undefined, 'audit trail available after upgrade');
    await storage.credentials.appendAudit!('t1', { credentialId: 'c', tenantId: 't1', action: 'test', at: '2026-01-01T00:00:00.000Z' });
    assertEqual((await storage.credentials.listAudit!('t1')).length, 1, 'audit store created by the upgrade');
    await storage.close();
    await deleteDB(name);
  });

  it('adds the run state store to a database made before it, keeping running executions claimable', async () => {
    const name = freshName();
    const old = await openDB(name, 3, {
      upgrade: (db, oldVersion, newVersion, tx) => upgradeSchema(db, oldVersion, newVersion ?? 3, tx, IDB_SCHEMA_STEPS.slice(0, 3)),
    });
    const { nodes: _nodes, ...summary } = sampleExecution('old', { status: 'running', finishedAt: undefined, owner: 'engine-a' });
    await old.put('executions', summary);
    await old.put('executionDetails', { tenantId: 't1', id: 'old' });
    old.close();
    const storage = await openIndexedDbStorage(name);
    assertEqual(storage.upgradedFrom, 3, 'upgraded from version 3');
    assertEqual(await storage.executions.claim('t1', 'old', 'engine-b', 'engine-a'), true, 'claim after the upgrade');
    await storage.executions.appendNodeRun('t1', 'old', sampleNodeRun('a', 0), sampleRunState(1));
    const e = await storage.executions.get('t1', 'old');
    assertEqual([e?.owner, e?.state, e?.nodes['a']?.length], ['engine-b', sampleRunState(1), 1], 'owner, state and node run');
    await storage.close();
    await deleteDB(name);
  });

  it('keeps a node run and the run state it brings across closing and reopening the database', async () => {
    const name = freshName();
    const first = await openIndexedDbStorage(name);
    await first.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined, state: sampleRunState(0) }));
    await first.executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0), sampleRunState(1));
    await first.close();
    const second = await openIndexedDbStorage(name);
    const e = await second.executions.get('t1', 'e1');
    assertEqual([e?.nodes, e?.state], [{ a: [sampleNodeRun('a', 0)] }, sampleRunState(1)], 'node run and state after reopening');
    await second.close();
    await deleteDB(name);
  });

  it('writes neither the node run nor the run state when the state cannot be stored', async () => {
    const name = freshName();
    const storage = await openIndexedDbStorage(name);
    try {
      await storage.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined }));
      await storage.executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0), sampleRunState(1));
      const uncloneable = sampleRunState(2, { nodeState: { hook: { call: () => 'not data' } } });
      const error = await storageError(storage.executions.appendNodeRun('t1', 'e1', sampleNodeRun('b', 1), uncloneable));
      assertEqual(error.code, 'STORAGE_FAILED', 'code');
      const e = await storage.executions.get('t1', 'e1');
      assertEqual([e?.nodes, e?.state], [{ a: [sampleNodeRun('a', 0)] }, sampleRunState(1)], 'what was written before');
    } finally {
      await storage.close();
      await deleteDB(name);
    }
  });

  it('pages filtered queries the same way in browsers without IDBIndex.getAllRecords', async () => {
    const proto = IDBIndex.prototype as unknown as Record<string, unknown>;
    const saved = Object.getOwnPropertyDescriptor(proto, 'getAllRecords');
    delete proto['getAllRecords'];
    const name = freshName();
    const storage = await openIndexedDbStorage(name);
    try {
      for (let i = 0; i < 9; i++) {
        await storage.executions.create(
          sampleExecution(`e${i}`, {
            status: i % 3 === 0 ? 'error' : 'success',
            startedAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
          }),
        );
      }
      const first = await storage.executions.list('t1', { status: ['error'], mode: 'manual', limit: 2 });
      assertEqual(
        first.map((e) => e.id),
        ['e6', 'e3'],
        'first page',
      );
      const cursor = `${first[1]!.startedAt}|${first[1]!.id}`;
      assertEqual(
        (await storage.executions.list('t1', { status: ['error'], mode: 'manual', limit: 2, cursor })).map((e) => e.id),
        ['e0'],
        'second page',
      );
      assertEqual(await storage.executions.count('t1', { status: 'error', mode: 'manual' }), 3, 'count');
    } finally {
      if (saved) Object.defineProperty(proto, 'getAllRecords', saved);
      await storage.close();
      await deleteDB(name);
    }
  });

  it('refuses an unknown option before opening the database', async () => {
    const error = await openIndexedDbStorage(freshName(), { clock: () => 0 } as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    assertTrue(error instanceof OptionError, `expected an OptionError, got ${String(error)}`);
    assertEqual((error as OptionError).message, "openIndexedDbStorage: unknown option 'clock'. Known options: now.", 'message');
  });

  it('reports a closed database with a StorageError naming it', async () => {
    const name = freshName();
    const storage = await openIndexedDbStorage(name);
    await storage.close();
    const error = await storageError(storage.executions.list('t1'));
    assertEqual(error.code, 'STORAGE_CLOSED', 'code');
    assertTrue(error.message.includes(name), `message names the database: ${error.message}`);
    await deleteDB(name);
  });

  it('steps aside when another tab opens a newer schema, then refuses that newer database', async () => {
    const name = freshName();
    const storage = await openIndexedDbStorage(name);
    const newer = await openDB(name, IDB_SCHEMA_VERSION + 1);
    newer.close();
    const closed = await storageError(storage.workflows.list('t1'));
    assertEqual(closed.code, 'STORAGE_CLOSED', 'after the other tab upgraded');
    assertTrue(closed.message.includes('newer schema'), closed.message);
    const tooNew = await storageError(openIndexedDbStorage(name));
    assertEqual(tooNew.code, 'STORAGE_TOO_NEW', 'opening the newer database');
    await deleteDB(name);
  });

  it('reports a database held open at an older version by another tab as locked', async () => {
    const name = freshName();
    const holder = await openDB(name, 1, {
      upgrade: (db, oldVersion, newVersion, tx) => upgradeSchema(db, oldVersion, newVersion ?? 1, tx, IDB_SCHEMA_STEPS.slice(0, 1)),
    });
    const error = await storageError(openIndexedDbStorage(name));
    assertEqual(error.code, 'STORAGE_LOCKED', 'code');
    assertTrue(error.message.includes('another tab'), error.message);
    holder.close();
    await deleteDB(name);
  });
});
