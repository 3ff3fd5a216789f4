// Test support: a queue-mode installation of real processes over a throwaway PostgreSQL and Redis, and the
// local services its workflows call.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { ServeProcess } from '../../testing/serve-process.js';
import { spawnQueueProcess } from './queue-processes.js';

/** One process of the installation, with what it printed when it started. */
export interface ClusterProcess extends ServeProcess {
  role: 'main' | 'worker' | 'webhook';
  /** Where it listens (the API, the webhooks, a worker's health). */
  url: string;
  /** A worker's name, the `owner` of the executions it runs. */
  workerId?: string;
}

/** A queue-mode installation for one test file. */
export interface QueueCluster {
  /** The owner API key main printed. */
  key: string;
  main: ClusterProcess;
  /** Starts one more process of a role. */
  start(role: 'main' | 'worker' | 'webhook', extra?: string[]): Promise<ClusterProcess>;
  /** Stops main with SIGTERM and starts it again; `api` then calls the new one. */
  restartMain(): Promise<ClusterProcess>;
  /** Calls main's API with the owner key. */
  api(path: string, init?: { method?: string; json?: unknown }): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** One SQL statement on the installation's database. */
  sql<R extends Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>;
  /** Resolves once `test` holds for what `read` gives, reading again after each answer (storage state, not a guess at time). */
  until<T>(read: () => Promise<T>, test: (value: T) => boolean): Promise<T>;
  /** Kills every process still running and closes the database connection. */
  stop(): Promise<void>;
}

/** Starts main with the given services; returns the installation. */
export async function startQueueCluster(options: {
  postgresUrl: string;
  redisUrl: string;
  prefix: string;
  lockMs?: number;
}): Promise<QueueCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-queue-'));
  const env = {
    FLOWLOOM_DATABASE_URL: options.postgresUrl,
    FLOWLOOM_REDIS_URL: options.redisUrl,
    FLOWLOOM_QUEUE_PREFIX: options.prefix,
    FLOWLOOM_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  };
  const processes: ClusterProcess[] = [];
  const start = async (role: 'main' | 'worker' | 'webhook', extra: string[] = []): Promise<ClusterProcess> => {
    const args = [
      '--role',
      role,
      '--port',
      '0',
      ...(role === 'worker' ? ['--job-lock', String(options.lockMs ?? 3000), '--allow-private-networks'] : []),
      ...extra,
    ];
    const child = await spawnQueueProcess(args, { cwd: dir, env });
    const started: ClusterProcess = Object.assign(child, { role, url: '' });
    processes.push(started);
    if (role === 'worker') {
      const [, workerId, url] = await child.line(
        'stdout',
        /^Flowloom worker (\S+) takes executions from .* \(health: (http:\/\/\S+)\/readyz\)$/,
      );
      Object.assign(started, { workerId, url });
    } else {
      const [, url] = await child.line(
        'stdout',
        role === 'main' ? /^Flowloom API listening on (http:\/\/\S+) / : /^Flowloom webhook process listening on (http:\/\/\S+) /,
      );
      started.url = url!;
    }
    return started;
  };
  // A database that served an earlier installation holds its keys already: a key of this start's own.
  let main = await start('main', ['--create-api-key']);
  const [, key] = await main.line('stdout', /^Owner API key of tenant 'default' .*: (flk_\S+)$/);
  const db = new pg.Pool({ connectionString: options.postgresUrl, max: 2 });
  db.on('error', () => undefined);
  return {
    key: key!,
    get main() {
      return main;
    },
    start,
    async restartMain() {
      main.child.kill('SIGTERM');
      await main.exited;
      main = await start('main');
      return main;
    },
    async api(path, init = {}) {
      const response = await fetch(`${main.url}${path}`, {
        method: init.method ?? (init.json === undefined ? 'GET' : 'POST'),
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async sql(text, values) {
      return (await db.query(text, values)).rows;
    },
    async until(read, test) {
      for (;;) {
        const value = await read();
        if (test(value)) return value;
        // Another look once the event loop has served the processes' answers; the condition decides, not the wait.
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      for (const p of processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
      await Promise.all(processes.map((p) => p.exited));
      await db.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A local service that answers `GET /call/<n>` with `{ n }`, counting calls
 * per path; while closed it holds each call unanswered (a run calling it is
 * mid-run until it opens).
 */
export function gateService() {
  const calls = new Map<string, number>();
  const held: ServerResponse<IncomingMessage>[] = [];
  const heldWaiters: { count: number; resolve: () => void }[] = [];
  let open = true;
  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const n = Number(req.url!.split('/').pop());
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ n, doubled: n * 2 }));
  };
  const server = createServer((req, res) => {
    calls.set(req.url!, (calls.get(req.url!) ?? 0) + 1);
    if (open) return answer(req, res);
    held.push(res);
    (res as ServerResponse & { req: IncomingMessage }).req = req;
    for (const w of [...heldWaiters]) {
      if (held.length >= w.count) {
        heldWaiters.splice(heldWaiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  return {
    calls,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    close: () => {
      open = true;
      for (const res of held.splice(0)) res.destroy();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
    /** Holds the calls that come from now on. */
    shut: () => void (open = false),
    /** Answers the held calls and those to come. */
    open: () => {
      open = true;
      for (const res of held.splice(0)) {
        if (!res.destroyed) answer((res as ServerResponse & { req: IncomingMessage }).req, res);
      }
    },
    /** Resolves once `count` calls are held. */
    held: (count: number) => new Promise<void>((resolve) => (held.length >= count ? resolve() : heldWaiters.push({ count, resolve }))),
  };
}
