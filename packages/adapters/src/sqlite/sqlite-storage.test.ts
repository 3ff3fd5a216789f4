import { existsSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite from 'better-sqlite3';
import { OptionError, StorageError, type Storage } from '@flowloom/engine';
import { describeStorageAdapter, sampleExecution, sampleNodeRun, sampleRunState, sampleWorkflow } from '@flowloom/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS, openSqliteStorage, SCHEMA_VERSION } from './index.js';
import { migrate } from './migrations.js';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-sqlite-'));
  dirs.push(dir);
  return join(dir, 'flowloom.sqlite');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describeStorageAdapter('sqlite', () => openSqliteStorage(tempFile()), { describe, it });

async function storageError(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StorageError);
  return error as StorageError;
}

describe('sqlite adapter', () => {
  it('runs the migrations on first open and none when reopening, keeping the data', async () => {
    const file = tempFile();
    const first = await openSqliteStorage(file);
    expect(first.migrated).toEqual(MIGRATIONS.map((m) => m.version));
    await first.workflows.save('t1', sampleWorkflow('wf-1', 'Kept'));
    await first.executions.create(sampleExecution('e1'));
    await first.executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0));
    await first.close();

    const second = await openSqliteStorage(file);
    expect(second.migrated).toEqual([]);
    expect((await second.workflows.get('t1', 'wf-1'))?.name).toBe('Kept');
    expect((await second.executions.get('t1', 'e1'))?.nodes['a']).toHaveLength(1);
    await second.close();
  });

  it('brings a database of an older schema version up to date without losing its rows', async () => {
    const file = tempFile();
    const raw = new BetterSqlite(file);
    migrate(raw, MIGRATIONS.slice(0, 1));
    raw
      .prepare(
        `INSERT INTO executions (tenant_id, id, workflow_id, status, mode, started_at, summary) VALUES ('t1', 'old', 'wf', 'success', 'manual', ?, ?)`,
      )
      .run(sampleExecution('old').startedAt, JSON.stringify({ ...sampleExecution('old'), nodes: undefined }));
    raw.close();
    const storage = await openSqliteStorage(file);
    expect(storage.migrated).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    expect(storage.schemaVersion).toBe(SCHEMA_VERSION);
    expect((await storage.executions.list('t1')).map((e) => e.id)).toEqual(['old']);
    await storage.close();
  });

  it('adds the run state and owner columns to a database made before them, keeping its owners claimable', async () => {
    const file = tempFile();
    const raw = new BetterSqlite(file);
    migrate(raw, MIGRATIONS.slice(0, 2));
    const old = sampleExecution('old', { status: 'running', finishedAt: undefined, owner: 'engine-a' });
    raw
      .prepare(
        `INSERT INTO executions (tenant_id, id, workflow_id, status, mode, started_at, summary) VALUES ('t1', 'old', 'wf-1', 'running', 'manual', ?, ?)`,
      )
      .run(old.startedAt, JSON.stringify({ ...old, nodes: undefined }));
    raw.close();

    const storage = await openSqliteStorage(file);
    expect(storage.migrated).toEqual([3, 4, 5, 6]);
    const check = new BetterSqlite(file, { readonly: true });
    const columns = (check.prepare('PRAGMA table_info(executions)').all() as { name: string }[]).map((c) => c.name);
    expect(check.prepare(`SELECT owner FROM executions WHERE id = 'old'`).pluck().get()).toBe('engine-a');
    check.close();
    expect(columns).toEqual(expect.arrayContaining(['state', 'owner']));
    expect(await storage.executions.claim('t1', 'old', 'engine-b', undefined)).toBe(false);
    expect(await storage.executions.claim('t1', 'old', 'engine-b', 'engine-a')).toBe(true);
    expect((await storage.executions.list('t1')).map((e) => e.owner)).toEqual(['engine-b']);
    await storage.executions.appendNodeRun('t1', 'old', sampleNodeRun('a', 0), sampleRunState(1));
    expect((await storage.executions.get('t1', 'old'))?.state).toEqual(sampleRunState(1));
    await storage.close();
  });

  it('writes a node run and the run state it brings together: both are in the file after reopening', async () => {
    const file = tempFile();
    const first = await openSqliteStorage(file);
    await first.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined, state: sampleRunState(0) }));
    await first.executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0), sampleRunState(1));
    await first.close();

    const second = await openSqliteStorage(file);
    const e = await second.executions.get('t1', 'e1');
    expect(e?.nodes).toEqual({ a: [sampleNodeRun('a', 0)] });
    expect(e?.state).toEqual(sampleRunState(1));
    await second.close();
  });

  it('writes neither the node run nor the run state when the state cannot be stored', async () => {
    const file = tempFile();
    const storage = await openSqliteStorage(file);
    await storage.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined }));
    await storage.executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0), sampleRunState(1));
    const unserializable = sampleRunState(2, { nodeState: { counter: { total: 10n } } });
    const error = await storageError(storage.executions.appendNodeRun('t1', 'e1', sampleNodeRun('b', 1), unserializable));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.message).toContain(file);
    await storage.close();

    const reopened = await openSqliteStorage(file);
    const e = await reopened.executions.get('t1', 'e1');
    expect(e?.nodes).toEqual({ a: [sampleNodeRun('a', 0)] });
    expect(e?.state).toEqual(sampleRunState(1));
    await reopened.close();
  });

  it('reports a closed database with a StorageError naming the file', async () => {
    const file = tempFile();
    const storage = await openSqliteStorage(file);
    await storage.close();
    const error = await storageError(storage.executions.list('t1'));
    expect(error.code).toBe('STORAGE_CLOSED');
    expect(error.message).toContain(file);
  });

  it('reports a file that is not a database as corrupt and leaves it untouched', async () => {
    const file = tempFile();
    const garbage = 'this is not a database, but someone will want it back\n'.repeat(200);
    writeFileSync(file, garbage);
    const error = await storageError(openSqliteStorage(file));
    expect(error.code).toBe('STORAGE_CORRUPT');
    expect(error.message).toContain(file);
    expect(readFileSync(file, 'utf8')).toBe(garbage);
  });

  it('reports a database locked by another process as locked, and works once the lock is released', async () => {
    const file = tempFile();
    const storage = await openSqliteStorage(file, { busyTimeoutMs: 10 });
    const other = new BetterSqlite(file);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const error = await storageError(storage.executions.create(sampleExecution('e1')));
      expect(error.code).toBe('STORAGE_LOCKED');
      expect(error.message).toContain('busyTimeoutMs');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await storage.executions.create(sampleExecution('e1'));
    expect(await storage.executions.count('t1')).toBe(1);
    await storage.close();
  });

  it('refuses a database written by a newer schema without changing it', async () => {
    const file = tempFile();
    const raw = new BetterSqlite(file);
    raw.pragma('user_version = 999');
    raw.close();
    const error = await storageError(openSqliteStorage(file));
    expect(error.code).toBe('STORAGE_TOO_NEW');
    const check = new BetterSqlite(file);
    expect(check.pragma('user_version', { simple: true })).toBe(999);
    check.close();
  });

  it('refuses an unknown option before creating the file', async () => {
    const file = tempFile();
    const error = await openSqliteStorage(file, { busyTimeout: 10 } as never).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OptionError);
    expect((error as OptionError).message).toBe(
      "openSqliteStorage: unknown option 'busyTimeout'. Known options: busyTimeoutMs, synchronous, checkpointPages, now. Did you mean 'busyTimeoutMs'?",
    );
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a checkpointPages that is not a whole number of pages, naming the option', async () => {
    for (const checkpointPages of [0, 1.5, -3]) {
      const file = tempFile();
      const error = await openSqliteStorage(file, { checkpointPages }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OptionError);
      expect((error as OptionError).message).toBe(
        `openSqliteStorage: checkpointPages must be a whole number of pages, 1 or more, got ${checkpointPages}.`,
      );
      expect(existsSync(file)).toBe(false);
    }
  });

  it('copies the write-ahead log back into the file once it holds checkpointPages pages, keeping every write', async () => {
    // SQLite's page and log-frame sizes: the log never grows far past the threshold once copies start.
    const walPages = (file: string) => readFileSync(`${file}-wal`).length / (4096 + 24);
    const write = async (file: string, checkpointPages?: number) => {
      const storage = await openSqliteStorage(file, checkpointPages === undefined ? {} : { checkpointPages });
      await storage.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined, state: sampleRunState(0) }));
      for (let i = 0; i < 200; i++) await storage.executions.appendNodeRun('t1', 'e1', sampleNodeRun(`n${i}`, 0), sampleRunState(i + 1));
      const pages = walPages(file);
      await storage.close();
      return pages;
    };
    const small = tempFile();
    expect(await write(small, 20)).toBeLessThan(40);
    // The default lets it grow past what 200 such writes take.
    expect(await write(tempFile())).toBeGreaterThan(200);

    const reopened = await openSqliteStorage(small);
    const e = await reopened.executions.get('t1', 'e1');
    expect(Object.keys(e?.nodes ?? {})).toHaveLength(200);
    expect(e?.state).toEqual(sampleRunState(200));
    await reopened.close();
  });

  it('commits the writes made in one turn together: the log takes their pages once, and each is stored when it resolves', async () => {
    const frames = (file: string) => readFileSync(`${file}-wal`).length / (4096 + 24);
    const ids = Array.from({ length: 20 }, (_, i) => `e${i}`);
    const appendAll = async (file: string, together: boolean) => {
      const storage = await openSqliteStorage(file);
      for (const id of ids) await storage.executions.create(sampleExecution(id, { status: 'running', finishedAt: undefined }));
      const before = frames(file);
      const append = (id: string) => storage.executions.appendNodeRun('t1', id, sampleNodeRun('a', 0), sampleRunState(1));
      if (together) await Promise.all(ids.map(append));
      else for (const id of ids) await append(id);
      // Read by another connection: what resolved is committed.
      const reader = new BetterSqlite(file, { readonly: true });
      const stored = reader.prepare("SELECT count(*) FROM node_runs WHERE tenant_id = 't1'").pluck().get();
      reader.close();
      const grown = frames(file) - before;
      await storage.close();
      return { stored, grown };
    };
    const apart = await appendAll(tempFile(), false);
    const together = await appendAll(tempFile(), true);
    expect(apart.stored).toBe(20);
    expect(together.stored).toBe(20);
    expect(together.grown).toBeLessThan(apart.grown / 4);
  });

  it('fails a write alone: the other writes of its turn are kept', async () => {
    const file = tempFile();
    const storage = await openSqliteStorage(file);
    await storage.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined }));
    await storage.executions.create(sampleExecution('e2', { status: 'running', finishedAt: undefined }));
    const outcomes = await Promise.allSettled([
      storage.executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0), sampleRunState(1)),
      storage.executions.appendNodeRun('t1', 'missing', sampleNodeRun('a', 0)),
      storage.executions.create(sampleExecution('e1')),
      storage.executions.appendNodeRun('t1', 'e2', sampleNodeRun('a', 0)),
      storage.executions.finish('t1', 'e2', { status: 'success', finishedAt: sampleExecution('e2').finishedAt! }),
    ]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? (o.reason as { code: string }).code : 'ok'))).toEqual([
      'ok',
      'NOT_FOUND',
      'CONFLICT',
      'ok',
      'ok',
    ]);
    await storage.close();
    const reopened = await openSqliteStorage(file);
    expect((await reopened.executions.get('t1', 'e1'))?.state).toEqual(sampleRunState(1));
    expect(await reopened.executions.get('t1', 'missing')).toBeUndefined();
    expect(await reopened.executions.get('t1', 'e2')).toMatchObject({ status: 'success', nodes: { a: [sampleNodeRun('a', 0)] } });
    await reopened.close();
  });

  it('takes calls in the order they were made: a read sees the writes called before it, resolved or not', async () => {
    const storage = await openSqliteStorage(tempFile());
    const created = storage.executions.create(sampleExecution('e1', { status: 'running', finishedAt: undefined }));
    const appended = storage.executions.appendNodeRun('t1', 'e1', sampleNodeRun('a', 0));
    const read = await storage.executions.get('t1', 'e1');
    expect(read?.nodes).toEqual({ a: [sampleNodeRun('a', 0)] });
    await Promise.all([created, appended]);
    await storage.close();
  });

  it('stores a record as it was when the write was called, not as the caller changed it afterwards', async () => {
    const storage = await openSqliteStorage(tempFile());
    const execution = sampleExecution('e1', { status: 'running', finishedAt: undefined });
    const run = sampleNodeRun('a', 0);
    const written = Promise.all([storage.executions.create(execution), storage.executions.appendNodeRun('t1', 'e1', run)]);
    execution.status = 'success';
    run.status = 'error';
    await written;
    expect(await storage.executions.get('t1', 'e1')).toMatchObject({ status: 'running', nodes: { a: [sampleNodeRun('a', 0)] } });
    await storage.close();
  });

  it('answers filtered list queries from an index, never from the node-run table', async () => {
    const file = tempFile();
    const storage: Storage = await openSqliteStorage(file);
    await storage.close?.();
    const db = new BetterSqlite(file);
    const plan = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT summary FROM executions WHERE tenant_id = ? AND workflow_id IN (?) AND status IN (?)
         AND (started_at < ? OR (started_at = ? AND id < ?)) ORDER BY started_at DESC, id DESC LIMIT 50`,
      )
      .all('t', 'w', 'success', 'x', 'x', 'y') as { detail: string }[];
    db.close();
    const text = plan.map((p) => p.detail).join('\n');
    expect(text).toMatch(/USING INDEX executions_by_(workflow|status)/);
    expect(text).not.toContain('node_runs');
  });
});
