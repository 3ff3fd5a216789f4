// @flowloom/server over real HTTP: webhook -> Edit Fields executions per
// second against a running server (SQLite file, executions isolated in
// workers), beside a bare Hono route answering the same call, in the same
// run. The load comes from this process, the servers run in a child
// process of their own: a closed loop of CONNECTIONS keep-alive
// connections, each sending its next call when the last one is answered.
// Besides calls per second, each row gives the server's CPU time per call
// (all its threads, from /proc on Linux): the load generator shares the
// machine, so that figure varies less than calls per second.
import { spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedLoopLoad, fmt, section } from './lib.mjs';

const CONNECTIONS = 16;
const WARMUP_MS = 1_500;
const MEASURE_MS = 5_000;
const BODY = JSON.stringify({ id: 7, qty: 3, price: 12.5, customer: { name: 'Ada', tier: 'gold' } });

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
  const { createNodeEngine } = await import('../packages/engine/dist/node/index.js');
  const { openSqliteStorage } = await import('../packages/adapters/dist/sqlite/index.js');
  const { ApiKeys, createMemoryApiKeyStore, createServer } = await import('../packages/server/dist/index.js');
  const storage = kind === 'memory' ? undefined : await openSqliteStorage(join(dir, `${kind}.sqlite`));
  const engine = createNodeEngine({
    ...(storage ? { storage } : {}),
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(7) }),
    logger: silentLogger,
    isolation: kind === 'sqlite-in-process' || kind === 'memory' ? 'none' : 'worker',
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
  console.log(JSON.stringify({ url: `${url}/t/acme/webhook/orders` }));
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
          url: JSON.parse(line).url,
          pid: child.pid,
          stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGKILL'))),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`The ${kind} target exited (${code}) before it listened.`)));
  });
}

/** Closed-loop load for `ms` on CONNECTIONS connections (see closedLoopLoad in lib.mjs). */
function load(url, ms, agent) {
  return closedLoopLoad(url, { body: BODY, ms, connections: CONNECTIONS, agent });
}

/** CPU time a process has used so far, all its threads, in µs; undefined where /proc is missing. */
function cpuMicros(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name (in parentheses, may hold spaces): utime and stime are the 12th and 13th, in ticks of 10 ms.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return undefined;
  }
}

async function measure(kind, dir) {
  const target = await startTarget(kind, dir);
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  try {
    await load(target.url, WARMUP_MS, agent);
    const before = cpuMicros(target.pid);
    const result = await load(target.url, MEASURE_MS, agent);
    const after = cpuMicros(target.pid);
    return { ...result, cpuPerCall: before === undefined || after === undefined ? undefined : (after - before) / result.calls };
  } finally {
    agent.destroy();
    await target.stop();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-server-bench-'));
  try {
    section(`@flowloom/server: webhook -> Edit Fields over HTTP, ${CONNECTIONS} connections, closed loop, ${MEASURE_MS / 1000} s each`);
    const reference = await measure('hono', dir);
    const cpu = (r) => (r.cpuPerCall === undefined ? '' : `   server CPU ${fmt(r.cpuPerCall).padStart(6)} µs/call`);
    const print = (label, r) =>
      console.log(
        `${label.padEnd(48)} ${fmt(r.perSecond).padStart(7)} /s   p50 ${fmt(r.p50, 2).padStart(7)} ms   p99 ${fmt(r.p99, 2).padStart(7)} ms${cpu(r)}   ` +
          `reference ${fmt(reference.perSecond)} /s   ratio ${(reference.perSecond / r.perSecond).toFixed(2)}x${r.failures ? `   ${r.failures} failed` : ''}`,
      );
    console.log(
      `${'bare Hono route (same body, same answer)'.padEnd(48)} ${fmt(reference.perSecond).padStart(7)} /s   p50 ${fmt(reference.p50, 2).padStart(7)} ms   p99 ${fmt(reference.p99, 2).padStart(7)} ms${cpu(reference)}`,
    );
    print('executions, SQLite file, isolated in workers', await measure('sqlite', dir));
    print('executions, SQLite file, in process', await measure('sqlite-in-process', dir));
    print('executions, memory storage, in process', await measure('memory', dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
