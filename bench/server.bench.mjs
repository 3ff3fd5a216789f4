// @flowloom/server over real HTTP: webhook -> Edit Fields executions per
// second against a running server (SQLite file, executions isolated in
// workers), beside a bare Hono route answering the same call, in the same
// run. The load comes from autocannon in this process, the servers run in a
// child process of their own: CONNECTIONS keep-alive connections, each
// sending its next call when the last one is answered.
// Besides calls per second, each row gives the server's CPU time per call
// (all its threads, and its main thread alone, from /proc on Linux): the
// load generator shares the machine, so that figure varies less than calls
// per second.
//
// Each target says how it was built and the run checks it: the isolated rows
// ran their executions in worker threads (the pool counted them), the SQLite
// rows stored them in the SQLite file, every answered call's execution
// among them, ended `success` (read back from the file after the server
// process was killed).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { autocannonLoad, fmt, section } from './lib.mjs';

const CONNECTIONS = 16;
const WARMUP_MS = 1_500;
const MEASURE_MS = 5_000;
const BODY = JSON.stringify({ id: 7, qty: 3, price: 12.5, customer: { name: 'Ada', tier: 'gold' } });

/** How each target must be built: where its executions run and where they are stored. */
const SETUP = {
  sqlite: { isolation: 'worker', storage: 'sqlite' },
  'sqlite-shared': { isolation: 'worker', storage: 'sqlite' },
  'sqlite-in-process': { isolation: 'none', storage: 'sqlite' },
  memory: { isolation: 'none', storage: 'memory' },
};

if (process.argv[2] === '--target') await target(process.argv[3], process.argv[4]);
else await main();

/** The server under load, in its own process: prints `{ url }` once it listens. */
async function target(kind, dir) {
  const { serve } = await import('@hono/node-server');
  const listen = (fetch) =>
    new Promise((resolve) => {
      const s = serve({ fetch, hostname: '127.0.0.1', port: 0 }, (info) => resolve(`http://127.0.0.1:${info.port}`));
      void s;
    });
  if (kind === 'hono') {
    const { Hono } = await import('hono');
    const app = new Hono();
    // What the workflow does, by hand: read the call, compute a field, answer it as JSON.
    app.post('/t/acme/webhook/orders', async (c) => {
      const body = await c.req.json();
      return c.json({ body, total: body.qty * body.price, tier: body.customer.tier.toUpperCase() });
    });
    console.log(JSON.stringify({ url: `${await listen(app.fetch)}/t/acme/webhook/orders` }));
    return;
  }
  const { rawKeyProvider, silentLogger } = await import('../packages/engine/dist/index.js');
  const { createNodeEngine, createNodeExecutionIsolation } = await import('../packages/engine/dist/node/index.js');
  const { openSqliteStorage } = await import('../packages/adapters/dist/sqlite/index.js');
  const { ApiKeys, createMemoryApiKeyStore, createServer } = await import('../packages/server/dist/index.js');
  const storage = kind === 'memory' ? undefined : await openSqliteStorage(join(dir, `${kind}.sqlite`));
  // The pool `isolation: 'worker'` would create, made here so that its counts show the runs went to workers. The
  // shared row carries all CONNECTIONS executions of the tenant on one worker thread (`executionsPerWorker`).
  const isolation =
    kind === 'sqlite'
      ? createNodeExecutionIsolation()
      : kind === 'sqlite-shared'
        ? createNodeExecutionIsolation({
            executionsPerWorker: CONNECTIONS,
            maxWorkers: CONNECTIONS,
            maxWorkersPerTenant: CONNECTIONS,
            maxIdleWorkers: CONNECTIONS,
          })
        : undefined;
  const engine = createNodeEngine({
    ...(storage ? { storage } : {}),
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(7) }),
    logger: silentLogger,
    isolation: isolation ?? 'none',
  });
  const apiKeys = new ApiKeys(createMemoryApiKeyStore());
  const { key } = await apiKeys.create({ tenantId: 'acme', name: 'bench', role: 'owner' });
  const app = createServer({ engine, auth: { apiKeys }, logger: silentLogger });
  const url = await listen(app.fetch);
  const call = (path, body) =>
    fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
  const workflow = {
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
        parameters: {
          fields: [
            { name: 'total', type: 'expression', value: '{{ $json.body.qty * $json.body.price }}' },
            { name: 'tier', type: 'expression', value: '{{ $uppercase($json.body.customer.tier) }}' },
          ],
        },
      },
    ],
    connections: [{ from: { node: 'hook', port: 'main' }, to: { node: 'edit', port: 'main' } }],
    settings: {},
  };
  for (const [path, body] of [
    ['/workflows', JSON.stringify(workflow)],
    ['/workflows/orders/activate', undefined],
  ]) {
    const answer = await call(path, body);
    if (!answer.ok) throw new Error(`${path}: ${answer.status} ${await answer.text()}`);
  }
  // One call before the load: it must have run in a worker of the pool, and been stored where the row says.
  const probe = await fetch(`${url}/t/acme/webhook/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
  });
  if (!probe.ok) throw new Error(`The first webhook call failed: ${probe.status} ${await probe.text()}`);
  const [stored] = await engine.storage.executions.list('acme', { limit: 1 });
  const setup = {
    isolation: isolation && isolation.counts().workers > 0 ? 'worker' : 'none',
    storage: storage && engine.storage === storage ? 'sqlite' : 'memory',
    file: storage?.file,
    probe: stored?.status,
  };
  console.log(JSON.stringify({ url: `${url}/t/acme/webhook/orders`, ...setup }));
}

/** Starts a target and resolves with its webhook URL and a way to stop it. */
function startTarget(kind, dir) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--target', kind, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        resolve({
          ...JSON.parse(line),
          pid: child.pid,
          stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGKILL'))),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`The ${kind} target exited (${code}) before it listened.`)));
  });
}

/** autocannon's load for `ms` on CONNECTIONS connections (see autocannonLoad in lib.mjs). */
function load(url, ms) {
  return autocannonLoad(url, { body: BODY, ms, connections: CONNECTIONS });
}

/** CPU time a process (or with `thread`, that thread of it) has used so far, in µs; undefined where /proc is missing. */
function cpuMicros(pid, thread) {
  try {
    const stat = readFileSync(thread === undefined ? `/proc/${pid}/stat` : `/proc/${pid}/task/${thread}/stat`, 'utf8');
    // The fields after the command name (in parentheses, may hold spaces): utime and stime are the 12th and 13th, in ticks of 10 ms.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

/** Executions the SQLite file holds with status `success`, read by a connection of this process. */
function storedSuccesses(file) {
  const Database = createRequire(import.meta.url)('better-sqlite3');
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM executions WHERE tenant_id = 'acme' AND status = 'success'`).pluck().get();
  } finally {
    db.close();
  }
}

async function measure(kind, dir) {
  const target = await startTarget(kind, dir);
  let answered = 1; // the target's own first call
  try {
    const expected = SETUP[kind];
    if (expected && (target.isolation !== expected.isolation || target.storage !== expected.storage || target.probe !== 'success')) {
      throw new Error(
        `The ${kind} target is not what its row says: isolation ${target.isolation}, storage ${target.storage}, first execution ${target.probe} ` +
          `(expected isolation ${expected.isolation}, storage ${expected.storage}, success).`,
      );
    }
    const warm = await load(target.url, WARMUP_MS);
    answered += warm.calls - warm.failures;
    const before = cpuMicros(target.pid);
    const mainBefore = cpuMicros(target.pid, target.pid);
    const result = await load(target.url, MEASURE_MS);
    const after = cpuMicros(target.pid);
    const mainAfter = cpuMicros(target.pid, target.pid);
    answered += result.calls - result.failures;
    const per = (a, b) => (a === undefined || b === undefined ? undefined : (b - a) / result.calls);
    return { ...result, cpuPerCall: per(before, after), mainCpuPerCall: per(mainBefore, mainAfter) };
  } finally {
    await target.stop();
    // Answered means stored: every call answered 200 left its execution in the file, ended, even with the server killed.
    if (target.file) {
      const stored = storedSuccesses(target.file);
      if (stored < answered)
        throw new Error(`The ${kind} target answered ${answered} calls but its SQLite file holds ${stored} successful executions.`);
    }
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-server-bench-'));
  try {
    section(`@flowloom/server: webhook -> Edit Fields over HTTP, ${CONNECTIONS} connections, closed loop, ${MEASURE_MS / 1000} s each`);
    const reference = await measure('hono', dir);
    const cpu = (r) =>
      r.cpuPerCall === undefined
        ? ''
        : `   server CPU ${fmt(r.cpuPerCall).padStart(6)} µs/call (main thread ${fmt(r.mainCpuPerCall ?? NaN).padStart(5)})`;
    const print = (label, r) =>
      console.log(
        `${label.padEnd(56)} ${fmt(r.perSecond).padStart(7)} executions/s   p50 ${fmt(r.p50, 2).padStart(7)} ms   p99 ${fmt(r.p99, 2).padStart(7)} ms${cpu(r)}   ` +
          `bare Hono ${fmt(reference.perSecond)} calls/s   ratio ${(reference.perSecond / r.perSecond).toFixed(2)}x${r.failures ? `   ${r.failures} failed` : ''}`,
      );
    console.log(
      `${'bare Hono route (same body, same answer)'.padEnd(56)} ${fmt(reference.perSecond).padStart(7)} calls/s        p50 ${fmt(reference.p50, 2).padStart(7)} ms   p99 ${fmt(reference.p99, 2).padStart(7)} ms${cpu(reference)}`,
    );
    print(`executions, SQLite file, isolated, ${CONNECTIONS} per worker thread`, await measure('sqlite-shared', dir));
    print('executions, SQLite file, isolated, 1 per worker thread', await measure('sqlite', dir));
    print('executions, SQLite file, in process', await measure('sqlite-in-process', dir));
    print('executions, memory storage, in process', await measure('memory', dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
