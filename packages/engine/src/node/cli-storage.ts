import { hostname } from 'node:os';
import type { ExecutionHistoryOptions } from '../executions/execution-history.js';
import { randomId } from '../ports/id.js';

/** The environment variable naming the CLI's default SQLite database. */
export const DB_ENV_VARIABLE = 'FLOWLOOM_DB';

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
    instanceId: `cli:${host}:${process.pid}:${randomId().slice(0, 8)}`,
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
