// Test support: a Redis server for one test file, as throwaway-postgres.ts gives a PostgreSQL one.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

/** The variable naming a Redis server to test against instead of a throwaway one. */
export const TEST_REDIS_URL_VARIABLE = 'FLOWLOOM_TEST_REDIS_URL';

const REDIS_SERVER = '/usr/bin/redis-server';

const INSTALL_HINT =
  `Queue tests need Redis: install Debian's \`redis-server\` package (${REDIS_SERVER}), ` +
  `or set ${TEST_REDIS_URL_VARIABLE} to a server these tests may write keys on.`;

/** A Redis server for one test file: its own process on a free loopback port, or the one `FLOWLOOM_TEST_REDIS_URL` names. */
export interface ThrowawayRedis {
  /** `redis://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  /** The key prefix the tests use: `flowloom` on a server of their own, a fresh one on a given server. */
  readonly prefix: string;
  /** Stops the server and resolves once the process has exited (own servers only). */
  stopServer(): Promise<void>;
  /** Starts the stopped server again on the same port and resolves once it answers PING. */
  startServer(): Promise<void>;
  /** Stops the server and deletes its folder, or, on a given server, deletes the keys the tests made. */
  stop(): Promise<void>;
}

/** A TCP port nobody listens on at this moment. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once the server answers PING, or rejects when the process ends first. */
async function answersPing(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`redis-server exited with ${signal ?? code} before it answered PING:\n${output()}`)),
    ),
  );
  // One connection that retries until the server listens: each attempt is an event, not a timed guess.
  const client = new Redis({ host: '127.0.0.1', port, lazyConnect: true, maxRetriesPerRequest: null, retryStrategy: () => 50 });
  client.on('error', () => undefined);
  try {
    await Promise.race([
      (async () => {
        await client.connect().catch(() => undefined);
        if ((await client.ping()) !== 'PONG') throw new Error('redis-server did not answer PONG');
      })(),
      exited,
    ]);
  } finally {
    client.disconnect();
  }
}

/**
 * Starts `redis-server` for one test file on a free loopback port, in a
 * fresh temporary folder, without snapshots (`--save ''`) and, unless
 * `durable`, without an append-only file; resolves once it answers PING.
 * `durable` writes every command to the append-only file before answering
 * (`appendfsync always`), for tests that restart Redis and expect their
 * queue back. `reserveOnly` picks the port and starts nothing until
 * `startServer()`. With `FLOWLOOM_TEST_REDIS_URL` set (and neither option),
 * keys go to that server under a fresh prefix. Without redis-server it
 * fails saying what to install; it never skips.
 */
export async function startThrowawayRedis(options: { durable?: boolean; reserveOnly?: boolean } = {}): Promise<ThrowawayRedis> {
  const given = process.env[TEST_REDIS_URL_VARIABLE];
  const local = options.durable === true || options.reserveOnly === true;
  if (given && !local) return onGivenServer(given);
  if (!existsSync(REDIS_SERVER))
    throw new Error(local && given ? `This test stops and starts its own Redis. ${INSTALL_HINT}` : INSTALL_HINT);
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-redis-'));
  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = '';
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    options.durable ? 'yes' : 'no',
    ...(options.durable ? ['--appendfsync', 'always'] : []),
    '--daemonize',
    'no',
    '--protected-mode',
    'no',
  ];
  // Should the test process die without stop(), the server goes with it.
  const onExit = () => {
    child?.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  const startServer = async () => {
    if (child) throw new Error('redis-server is running already.');
    output = '';
    const started = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.once('exit', () => {
      if (child === started) child = undefined;
    });
    await answersPing(port, started, () => output);
  };
  const stopServer = async () => {
    const running = child;
    if (!running) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    // SIGTERM: redis-server flushes its append-only file and exits.
    running.kill('SIGTERM');
    await exited;
  };
  if (!options.reserveOnly) {
    try {
      await startServer();
    } catch (error) {
      onExit();
      process.removeListener('exit', onExit);
      throw error;
    }
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    prefix: 'flowloom',
    stopServer,
    startServer,
    async stop() {
      await stopServer();
      rmSync(dir, { recursive: true, force: true });
      process.removeListener('exit', onExit);
    },
  };
}

async function onGivenServer(given: string): Promise<ThrowawayRedis> {
  const prefix = `flowloom-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const refuse = () => Promise.reject(new Error(`A server named by ${TEST_REDIS_URL_VARIABLE} is not stopped or started by tests.`));
  return {
    url: given,
    port: Number(new URL(given).port || 6379),
    prefix,
    stopServer: refuse,
    startServer: refuse,
    async stop() {
      const client = new Redis(given, { maxRetriesPerRequest: 1 });
      try {
        let cursor = '0';
        do {
          const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
          if (keys.length > 0) await client.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        client.disconnect();
      }
    },
  };
}
