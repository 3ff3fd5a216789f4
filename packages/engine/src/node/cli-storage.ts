import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { FlowloomError } from '../errors/flowloom.error.js';
import type { ExecutionHistoryOptions } from '../executions/execution-history.js';
import type { Storage } from '../storage/storage.js';

/** The environment variable naming the CLI's default SQLite database. */
export const DB_ENV_VARIABLE = 'FLOWLOOM_DB';

/** The slice of `@flowloom/adapters/sqlite` the CLI uses. */
interface SqliteAdapter {
  openSqliteStorage(file: string): Promise<Storage & { close(): Promise<void> }>;
}

/**
 * Opens the SQLite database the CLI keeps workflows and executions in.
 * `@flowloom/adapters` is loaded only here, when a database is asked for, so
 * the engine does not depend on it otherwise.
 */
export async function openCliStorage(cwd: string, file: string): Promise<Storage & { close(): Promise<void> }> {
  // A specifier in a variable: the engine's build must not bundle or type-resolve the adapters package.
  const specifier = '@flowloom/adapters/sqlite';
  let adapter: SqliteAdapter;
  try {
    adapter = (await import(specifier)) as SqliteAdapter;
  } catch (error) {
    throw new FlowloomError(
      'ADAPTER_MISSING',
      `--db needs the SQLite adapter: install @flowloom/adapters next to @flowloom/engine (${(error as Error).message})`,
    );
  }
  return adapter.openSqliteStorage(resolve(cwd, file));
}

const OWNER = /^cli:(.+):(\d+):/;

/**
 * Execution-history options for a CLI process: its executions are owned by
 * `cli:<host>:<pid>:<random>`, and a running execution is taken for crashed
 * only when its process is gone, so two `flowloom run --db` at once leave
 * each other's runs alone.
 */
export function cliExecutionOptions(): ExecutionHistoryOptions {
  const host = hostname();
  return {
    instanceId: `cli:${host}:${process.pid}:${Math.random().toString(36).slice(2, 10)}`,
    isOwnerAlive(owner) {
      const match = owner === undefined ? null : OWNER.exec(owner);
      if (!match) return false;
      if (match[1] !== host) return true; // another machine: nothing here can tell, so leave it alone
      try {
        process.kill(Number(match[2]), 0);
        return true;
      } catch (error) {
        return (error as { code?: string }).code === 'EPERM';
      }
    },
  };
}
