// Storage adapters at 10,000 executions of 10 node runs each: insert them through
// the ExecutionStore contract (create, 10 appendNodeRun, finish: one transaction
// each), then time page 1 of a filtered list query and opening one execution.
// SQLite runs here in Node; IndexedDB runs in real Chromium (system binary,
// driven by playwright-core). References, measured in the same process: the same
// filter + sort + slice over plain JS objects in an array, and JSON.parse of the
// same execution's stored text.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { openSqliteStorage } from '../packages/adapters/dist/sqlite/index.js';
import { createMemoryStorage } from '../packages/engine/dist/index.js';
import { fmt, row, section } from './lib.mjs';

const OPTIONS = { n: 10_000, runsPer: 10, samples: 200 };

/** Runs in Node and, as source text, in the browser: fills a storage and times the queries. */
async function workload(storage, { n, runsPer, samples }) {
  const now = () => performance.now();
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const pad = (i) => String(i).padStart(6, '0');
  const items = (i) =>
    Array.from({ length: 5 }, (_, k) => ({ json: { id: i * 5 + k, name: `item ${k}`, price: k * 1.5, tags: ['a', 'b'] } }));
  const failed = (i) => i % 13 === 0;
  const summaries = [];
  const t0 = now();
  for (let b = 0; b < n; b += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, n - b) }, async (_, j) => {
        const i = b + j;
        const id = `ex-${pad(i)}`;
        const startedAt = new Date(base + i * 1000).toISOString();
        const e = {
          id,
          workflowId: `wf-${i % 10}`,
          tenantId: 'bench',
          status: 'running',
          mode: i % 3 ? 'webhook' : 'schedule',
          startedAt,
          nodes: {},
        };
        await storage.executions.create(e);
        for (let r = 0; r < runsPer; r++) {
          const run = {
            nodeId: `n${r}`,
            nodeName: `Node ${r}`,
            runIndex: 0,
            order: r,
            status: 'success',
            startedAt,
            finishedAt: startedAt,
            tries: 1,
          };
          await storage.executions.appendNodeRun('bench', id, { ...run, input: { main: items(i) }, output: { main: items(i) } });
        }
        const end = { status: failed(i) ? 'error' : 'success', finishedAt: new Date(base + i * 1000 + 200 + (i % 50) * 10).toISOString() };
        if (failed(i)) end.error = { name: 'NodeExecutionError', code: 'NODE_FAILED', message: `HTTP 503 from service ${i % 7}` };
        await storage.executions.finish('bench', id, end);
        const { nodes: _nodes, ...summary } = { ...e, ...end };
        summaries.push(summary);
      }),
    );
  }
  const insertMs = now() - t0;

  const measure = async (fn) => {
    for (let k = 0; k < 5; k++) await fn(k);
    const xs = [];
    for (let k = 0; k < samples; k++) {
      const t = now();
      await fn(k);
      xs.push(now() - t);
    }
    xs.sort((a, b) => a - b);
    return { p50: xs[Math.floor(xs.length / 2)], p95: xs[Math.ceil(xs.length * 0.95) - 1] };
  };
  const query = { workflowId: 'wf-7', status: 'error', limit: 50 };
  const page = await storage.executions.list('bench', query);
  if (page.length !== 50 || page.some((e) => e.workflowId !== 'wf-7' || e.status !== 'error')) throw new Error('filtered page is wrong');
  const list = await measure(() => storage.executions.list('bench', query));
  const pick = (k) => `ex-${pad((k * 7919) % n)}`;
  const one = await storage.executions.get('bench', pick(3));
  if (Object.values(one.nodes).flat().length !== runsPer) throw new Error('opened execution is incomplete');
  const open = await measure((k) => storage.executions.get('bench', pick(k)));

  // References: the same page from plain objects, and parsing one execution's stored JSON.
  const refList = await measure(() =>
    summaries
      .filter((e) => e.workflowId === 'wf-7' && e.status === 'error')
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
      .slice(0, 50),
  );
  const text = JSON.stringify(one);
  const refOpen = await measure(() => JSON.parse(text));
  return { insertMs, list, open, refList, refOpen };
}

function report(name, r) {
  section(`${name}: ${fmt(OPTIONS.n)} executions x ${OPTIONS.runsPer} node runs`);
  console.log(
    `insert (create + ${OPTIONS.runsPer} appendNodeRun + finish each)  ${fmt(r.insertMs / 1000, 1)} s   ${fmt((OPTIONS.n * (OPTIONS.runsPer + 2)) / (r.insertMs / 1000))} writes/s`,
  );
  row(`${name} list page 1 (workflow + status filter), p95`, r.list.p95, r.refList.p95, `p50 ${fmt(r.list.p50, 2)} ms, target < 20 ms`);
  row(`${name} open one execution (10 node runs), p95`, r.open.p95, r.refOpen.p95, `p50 ${fmt(r.open.p50, 2)} ms, target < 20 ms`);
}

// SQLite, a real file.
const dir = mkdtempSync(join(tmpdir(), 'flowloom-bench-'));
try {
  const sqlite = await openSqliteStorage(join(dir, 'bench.sqlite'));
  report('sqlite', await workload(sqlite, OPTIONS));
  await sqlite.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
report('memory', await workload(createMemoryStorage({ maxExecutions: OPTIONS.n }), OPTIONS));

// IndexedDB in Chromium: bundle the built adapter with the workload and serve it from 127.0.0.1.
const adapter = fileURLToPath(new URL('../packages/adapters/dist/indexeddb/index.js', import.meta.url));
const bundle = await build({
  stdin: {
    contents: `import { openIndexedDbStorage } from ${JSON.stringify(adapter)};
const workload = ${workload.toString()};
window.runBench = async (options) => {
  const storage = await openIndexedDbStorage('bench-' + Date.now());
  try { return await workload(storage, options); } finally { await storage.close(); }
};`,
    resolveDir: fileURLToPath(new URL('.', import.meta.url)),
    loader: 'js',
  },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  write: false,
  logLevel: 'error',
});
const server = createServer((req, res) => {
  if (req.url === '/bench.js') {
    res.writeHead(200, { 'content-type': 'text/javascript' });
    res.end(bundle.outputFiles[0].text);
  } else {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><script type="module" src="/bench.js"></script>');
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForFunction(() => typeof window.runBench === 'function');
  report('indexeddb', await page.evaluate((options) => window.runBench(options), OPTIONS));
} finally {
  await browser.close();
  server.close();
}
