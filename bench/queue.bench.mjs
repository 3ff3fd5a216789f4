// Queue mode (`flowloom serve --role ...`) over a PostgreSQL and a Redis of its own, started here:
//
// 1. Executions per second of webhook -> Edit Fields -> HTTP Request (to a local server), answered once the
//    execution ended (the webhook's last-node answer), with 1, 2 and 4 workers behind one webhook process,
//    beside the single-process server (SQLite file, isolated executions) on the same workflow, in the same run.
//    The load comes from this process: a closed loop of CONNECTIONS keep-alive connections.
// 2. The execution-list query (one workflow, one status, page of 50) at 100,000 stored executions: its p95
//    on PostgreSQL beside the same query on SQLite, both through the storage contract.
//
// Set FLOWLOOM_BENCH_POSTGRES_URL / FLOWLOOM_BENCH_REDIS_URL to use servers of your own instead.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { Agent, createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgresStorage } from '../packages/adapters/dist/postgres/index.js';
import { openSqliteStorage } from '../packages/adapters/dist/sqlite/index.js';
import { closedLoopLoad, fmt, row, section } from './lib.mjs';

const CONNECTIONS = 16;
// Long enough for every worker's pool of isolation threads to start (each loads the engine once) before timing.
const WARMUP_MS = 5_000;
const MEASURE_MS = 5_000;
const WORKERS = [1, 2, 4];
const STORED = 100_000;
const BIN = fileURLToPath(new URL('../packages/server/bin/flowloom-server.js', import.meta.url));

/** A TCP port nobody listens on now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = createTcpServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Runs a program to its end (as `owner` when given: initdb refuses root). */
function run(file, args, owner) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: ['ignore', 'pipe', 'pipe'], ...owner });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${file} ${args.join(' ')}: ${out}`))));
  });
}

/** A throwaway PostgreSQL cluster (initdb, pg_ctl start -w), or the one FLOWLOOM_BENCH_POSTGRES_URL names. */
async function startPostgres() {
  if (process.env.FLOWLOOM_BENCH_POSTGRES_URL) return { url: process.env.FLOWLOOM_BENCH_POSTGRES_URL, stop: async () => {} };
  const candidates = ['/usr/local/bin', '/usr/bin'];
  if (existsSync('/usr/lib/postgresql')) {
    for (const v of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)))
      candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  const bin = candidates.find((d) => existsSync(join(d, 'initdb')) && existsSync(join(d, 'pg_ctl')));
  if (!bin) throw new Error('This bench needs PostgreSQL (initdb, pg_ctl) or FLOWLOOM_BENCH_POSTGRES_URL.');
  const owner =
    process.getuid?.() === 0
      ? {
          uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
          gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
        }
      : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-bench-pg-'));
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, 'data');
  const port = await freePort();
  await run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'], owner);
  appendFileSync(
    join(data, 'postgresql.conf'),
    `listen_addresses = '127.0.0.1'\nunix_socket_directories = '${dir}'\nport = ${port}\nmax_connections = 200\nfsync = off\nfull_page_writes = off\n`,
  );
  await run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', 'start'], owner);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await run(join(bin, 'pg_ctl'), ['-D', data, '-w', '-m', 'immediate', 'stop'], owner).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A throwaway redis-server (no persistence), or the one FLOWLOOM_BENCH_REDIS_URL names. */
async function startRedis() {
  if (process.env.FLOWLOOM_BENCH_REDIS_URL) return { url: process.env.FLOWLOOM_BENCH_REDIS_URL, stop: async () => {} };
  if (!existsSync('/usr/bin/redis-server'))
    throw new Error('This bench needs redis-server (/usr/bin/redis-server) or FLOWLOOM_BENCH_REDIS_URL.');
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-bench-redis-'));
  const port = await freePort();
  const child = spawn(
    '/usr/bin/redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}) before it was ready:\n${out}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      await new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGTERM')));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One `flowloom-server` process; resolves once it printed `pattern` (its match, and a way to stop it). */
function startProcess(args, env, pattern) {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (c) => (err += c));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c) => {
      out += c;
      const match = pattern.exec(out);
      if (match) {
        resolve({
          match,
          out: () => out,
          stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')))),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`flowloom-server ${args.join(' ')} exited (${code}) before it started:\n${err}`)));
  });
}

/** The workflow: webhook (answers with the last node's output) -> Edit Fields -> HTTP Request to `serviceUrl`. */
function workflow(serviceUrl) {
  return {
    schemaVersion: 1,
    id: 'orders',
    name: 'Orders',
    nodes: [
      {
        id: 'hook',
        name: 'Hook',
        type: 'core.webhook',
        typeVersion: 1,
        position: { x: 0, y: 0 },
        parameters: { httpMethod: 'POST', path: 'orders', responseMode: 'lastNode' },
      },
      {
        id: 'edit',
        name: 'Edit Fields',
        type: 'core.set',
        typeVersion: 1,
        position: { x: 200, y: 0 },
        parameters: { fields: [{ name: 'total', type: 'expression', value: '{{ $json.body.qty * $json.body.price }}' }] },
      },
      {
        id: 'call',
        name: 'HTTP Request',
        type: 'core.httpRequest',
        typeVersion: 1,
        position: { x: 400, y: 0 },
        parameters: { url: `${serviceUrl}/price/{{ $json.total }}` },
      },
    ],
    connections: [
      { from: { node: 'hook', port: 'main' }, to: { node: 'edit', port: 'main' } },
      { from: { node: 'edit', port: 'main' }, to: { node: 'call', port: 'main' } },
    ],
    settings: {},
  };
}

/** Saves and activates the workflow through an API at `url` with `key`. */
async function install(url, key, serviceUrl) {
  for (const [path, body] of [
    ['/workflows', JSON.stringify(workflow(serviceUrl))],
    ['/workflows/orders/activate', undefined],
  ]) {
    const answer = await fetch(`${url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body,
    });
    if (!answer.ok) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
  }
}

const BODY = JSON.stringify({ id: 7, qty: 3, price: 12.5 });

/** Closed-loop load for `ms` on CONNECTIONS connections (see closedLoopLoad in lib.mjs). */
function load(url, ms, agent) {
  return closedLoopLoad(url, { body: BODY, ms, connections: CONNECTIONS, agent });
}

async function measure(url) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  try {
    await load(url, WARMUP_MS, agent);
    return await load(url, MEASURE_MS, agent);
  } finally {
    agent.destroy();
  }
}

async function throughput(postgresUrl, redisUrl, serviceUrl, dir) {
  section(
    `Queue mode: webhook -> Edit Fields -> HTTP Request, answered at the end, ${CONNECTIONS} connections, ${MEASURE_MS / 1000} s each`,
  );
  const standalone = await startProcess(
    ['--db', join(dir, 'single.sqlite'), '--port', '0', '--allow-private-networks'],
    {},
    /Owner API key of tenant 'default' .*: (flk_\S+)\n[^]*Flowloom API listening on (http:\/\/\S+) /,
  );
  let reference;
  try {
    await install(standalone.match[2], standalone.match[1], serviceUrl);
    reference = await measure(`${standalone.match[2]}/t/default/webhook/orders`);
  } finally {
    await standalone.stop();
  }
  const print = (label, r) =>
    console.log(
      `${label.padEnd(48)} ${fmt(r.perSecond).padStart(7)} /s   p50 ${fmt(r.p50, 2).padStart(7)} ms   p99 ${fmt(r.p99, 2).padStart(7)} ms` +
        (r === reference
          ? ''
          : `   single process ${fmt(reference.perSecond)} /s   ratio ${(r.perSecond / reference.perSecond).toFixed(2)}x`) +
        (r.failures ? `   ${r.failures} failed` : ''),
    );
  print('single process (SQLite file, isolated)', reference);

  const env = {
    FLOWLOOM_DATABASE_URL: postgresUrl,
    FLOWLOOM_REDIS_URL: redisUrl,
    FLOWLOOM_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
  };
  const main = await startProcess(
    ['--role', 'main', '--port', '0'],
    env,
    /Owner API key of tenant 'default' .*: (flk_\S+)\n[^]*Flowloom API listening on (http:\/\/\S+) /,
  );
  const hook = await startProcess(['--role', 'webhook', '--port', '0'], env, /Flowloom webhook process listening on (http:\/\/\S+) /);
  try {
    await install(main.match[2], main.match[1], serviceUrl);
    for (const count of WORKERS) {
      const workers = await Promise.all(
        Array.from({ length: count }, () =>
          startProcess(['--role', 'worker', '--port', '0', '--allow-private-networks'], env, /Flowloom worker (\S+) takes executions/),
        ),
      );
      try {
        print(
          `queue mode, ${count} worker${count === 1 ? '' : 's'} (10 executions each at once)`,
          await measure(`${hook.match[1]}/t/default/webhook/orders`),
        );
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
      }
    }
  } finally {
    await Promise.all([hook.stop(), main.stop()]);
  }
}

/** Fills a storage with STORED ended executions through the contract, a few hundred writes in flight. */
async function fill(storage) {
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const pad = (i) => String(i).padStart(6, '0');
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < STORED) {
        const i = next++;
        const startedAt = new Date(base + i * 1000).toISOString();
        const failed = i % 13 === 0;
        await storage.executions.create({
          id: `ex-${pad(i)}`,
          workflowId: `wf-${i % 10}`,
          tenantId: 'bench',
          status: failed ? 'error' : 'success',
          mode: i % 3 ? 'webhook' : 'schedule',
          startedAt,
          finishedAt: new Date(base + i * 1000 + 200 + (i % 50) * 10).toISOString(),
          ...(failed ? { error: { name: 'NodeExecutionError', code: 'NODE_FAILED', message: `HTTP 503 from service ${i % 7}` } } : {}),
          nodes: {},
        });
      }
    }),
  );
  return performance.now() - t0;
}

/** p50 and p95 of page 1 of one workflow's failed executions, after a warm-up. */
async function listQuery(storage) {
  const query = { workflowId: 'wf-7', status: 'error', limit: 50 };
  const page = await storage.executions.list('bench', query);
  if (page.length !== 50 || page.some((e) => e.workflowId !== 'wf-7' || e.status !== 'error'))
    throw new Error('The filtered page is wrong.');
  for (let k = 0; k < 20; k++) await storage.executions.list('bench', query);
  const xs = [];
  for (let k = 0; k < 300; k++) {
    const t = performance.now();
    await storage.executions.list('bench', query);
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return { p50: xs[Math.floor(xs.length / 2)], p95: xs[Math.ceil(xs.length * 0.95) - 1] };
}

async function listing(postgresUrl, dir) {
  section(`Execution list at ${fmt(STORED)} executions: one workflow's failed ones, newest first, page of 50`);
  const postgres = await openPostgresStorage({ connectionString: postgresUrl, schema: 'bench_list', max: 16 });
  const sqlite = await openSqliteStorage(join(dir, 'list.sqlite'));
  try {
    const pgFill = await fill(postgres);
    const sqliteFill = await fill(sqlite);
    console.log(`filled through ExecutionStore.create: PostgreSQL ${fmt(pgFill / 1000, 1)} s, SQLite ${fmt(sqliteFill / 1000, 1)} s`);
    const pg = await listQuery(postgres);
    const lite = await listQuery(sqlite);
    row('PostgreSQL list page 1, p95 (reference: SQLite)', pg.p95, lite.p95, `p50 ${fmt(pg.p50, 2)} ms, SQLite p50 ${fmt(lite.p50, 2)} ms`);
  } finally {
    await postgres.close();
    await sqlite.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'flowloom-queue-bench-'));
// The service the HTTP Request node calls: answers at once.
const service = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(`{"price":"${req.url}"}`));
await new Promise((resolve) => service.listen(0, '127.0.0.1', resolve));
const serviceUrl = `http://127.0.0.1:${service.address().port}`;
const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
try {
  await throughput(postgres.url, redis.url, serviceUrl, dir);
  await listing(postgres.url, dir);
} finally {
  service.close();
  await Promise.all([postgres.stop(), redis.stop()]);
  rmSync(dir, { recursive: true, force: true });
}
