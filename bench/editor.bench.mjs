// <workflow-editor> in headless Chromium: time to first render of 200 and
// 2,000 nodes, frame time while panning 2,000 nodes, and the gzipped size of
// the initial JavaScript of examples/vanilla (element + engine), with the
// lazily loaded chunks listed apart. Needs `npm run build` (bench/run.mjs does it).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serveRepository } from '../packages/element/e2e/serve.mjs';
import { fmt, row, section } from './lib.mjs';

const browserDir = fileURLToPath(new URL('../packages/element/dist/browser/', import.meta.url));

/** Static (initial) and dynamic (lazy) module closure of entry files in a flat output folder. */
function closure(entries) {
  const initial = new Set();
  const lazy = new Set();
  const visit = (file, set) => {
    if (set.has(file) || initial.has(file)) return;
    set.add(file);
    const code = readFileSync(join(browserDir, file), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+)"/g)) visit(m[1], set);
    for (const m of code.matchAll(/import\(\s*"\.\/([^"]+)"\s*\)/g)) if (!initial.has(m[1])) lazy.add(m[1]);
    for (const m of code.matchAll(/new URL\(\s*"\.\/([^"]+)"/g)) lazy.add(m[1]);
  };
  for (const e of entries) visit(e, initial);
  // Follow the lazy chunks too (the layout chunk starts the worker).
  for (const f of [...lazy]) {
    if (!existsSync(join(browserDir, f))) continue;
    const code = readFileSync(join(browserDir, f), 'utf8');
    for (const m of code.matchAll(/(?:from|import)\s*"\.\/([^"]+)"|import\(\s*"\.\/([^"]+)"\s*\)|new URL\(\s*"\.\/([^"]+)"/g)) {
      const dep = m[1] ?? m[2] ?? m[3];
      if (!initial.has(dep)) lazy.add(dep);
    }
  }
  for (const f of initial) lazy.delete(f);
  return { initial: [...initial], lazy: [...lazy] };
}

const gz = (file) => (existsSync(join(browserDir, file)) ? gzipSync(readFileSync(join(browserDir, file)), { level: 9 }).length : NaN);

section('examples/vanilla initial JavaScript (gzip -9)');
const { initial, lazy } = closure(['workflow-editor.js', 'engine.js']);
let total = 0;
for (const f of initial) {
  const size = gz(f);
  total += size;
  console.log(`  initial  ${f.padEnd(44)} ${fmt(size / 1024, 1).padStart(8)} KB`);
}
console.log(`  initial total (element + engine)${' '.repeat(23)}${fmt(total / 1024, 1).padStart(8)} KB   target < 150 KB`);
// Every service of the catalog registered (examples/vanilla does): what the catalog adds to the first load.
const withServices = closure(['workflow-editor.js', 'engine.js', 'integrations.js']);
const added = withServices.initial.filter((f) => !initial.includes(f));
const addedSize = added.reduce((sum, f) => sum + gz(f), 0);
for (const f of added) console.log(`  initial  ${f.padEnd(44)} ${fmt(gz(f) / 1024, 1).padStart(8)} KB   (integrations catalog)`);
console.log(
  `  added by registering every service${' '.repeat(20)}${fmt(addedSize / 1024, 1).padStart(8)} KB   target <= 5 KB (reference: element + engine ${fmt(total / 1024, 1)} KB)`,
);
for (const f of [...lazy, ...withServices.lazy.filter((f) => !lazy.includes(f))].sort()) {
  const size = gz(f);
  console.log(
    `  lazy     ${f.padEnd(44)} ${Number.isNaN(size) ? '(not in this build)'.padStart(11) : `${fmt(size / 1024, 1).padStart(8)} KB`}`,
  );
}

const server = await serveRepository();
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
await page.goto(`${server.url}/examples/vanilla/index.html?workflow=blank`);
await page.waitForFunction(() => window.editor?.shadowRoot?.querySelector('wf-canvas'));

/** Median of the page function's results over runs (after one warm-up). */
async function median(fn, arg, runs) {
  const samples = [];
  for (let i = 0; i <= runs; i++) samples.push(await page.evaluate(fn, arg));
  samples.shift();
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

const firstRender = async (count) => {
  const { largeWorkflow } = await import('/examples/shared/sample-workflows.js');
  const editor = window.editor;
  editor.workflow = { schemaVersion: 1, id: 'empty', nodes: [] };
  await new Promise((r) => requestAnimationFrame(r));
  const wf = largeWorkflow(count);
  const t0 = performance.now();
  editor.workflow = wf;
  const canvas = editor.shadowRoot.querySelector('wf-canvas');
  await editor.updateComplete;
  await canvas.updateComplete;
  canvas.shadowRoot.querySelector('.node').getBoundingClientRect();
  return performance.now() - t0;
};
const plainRender = (count) => {
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;inset:0;overflow:hidden';
  document.body.append(host);
  const t0 = performance.now();
  const frag = document.createDocumentFragment();
  for (let i = 0; i < count; i++) {
    const d = document.createElement('div');
    d.textContent = `Step ${i}`;
    d.style.cssText = `position:absolute;width:200px;height:64px;transform:translate(${(i % 10) * 280}px,${Math.floor(i / 10) * 100}px)`;
    frag.append(d);
  }
  host.append(frag);
  host.firstChild.getBoundingClientRect();
  const ms = performance.now() - t0;
  host.remove();
  return ms;
};

section('time to first render (median of 5; reference: the same count of plain absolutely-positioned divs)');
for (const count of [200, 2000]) {
  const ms = await median(firstRender, count, 5);
  const ref = await median(plainRender, count, 5);
  row(`first render, ${fmt(count)} nodes`, ms, ref, count === 2000 ? 'target < 500 ms' : '');
}

section('zoom to fit 2,000 nodes: every node drawn, as plain boxes (median of 5; reference: 2,000 plain divs)');
const fitAll = async () => {
  const canvas = window.editor.shadowRoot.querySelector('wf-canvas');
  canvas.setViewport({ x: 0, y: 0, zoom: 1 });
  await canvas.updateComplete;
  await new Promise((r) => requestAnimationFrame(r));
  const t0 = performance.now();
  canvas.fitView(0);
  await canvas.updateComplete;
  canvas.shadowRoot.querySelector('.node').getBoundingClientRect();
  return performance.now() - t0;
};
await page.evaluate(firstRender, 2000);
row('zoom to fit, 2,000 nodes', await median(fitAll, undefined, 5), await median(plainRender, 2000, 5));

section('frame time while panning 2,000 nodes (median of 240 frames; reference: translating 2,000 plain divs)');
await page.evaluate(firstRender, 2000);
const pan = await page.evaluate(async () => {
  const canvas = window.editor.shadowRoot.querySelector('wf-canvas');
  const samples = [];
  canvas.setViewport({ x: 0, y: 0, zoom: 1 });
  for (let i = 0; i < 240; i++) {
    await new Promise((r) => requestAnimationFrame(r));
    const t0 = performance.now();
    // A diagonal pan across the workflow, 15 px per frame, through the same path as a mouse drag.
    canvas.setViewport({ x: -i * 15, y: -i * 12, zoom: 1 });
    await canvas.updateComplete;
    canvas.shadowRoot.querySelector('.viewport').getBoundingClientRect();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[120], p95: samples[Math.floor(240 * 0.95)] };
});
const panRef = await page.evaluate(async () => {
  const host = document.createElement('div');
  host.style.cssText = 'position:fixed;inset:0;overflow:hidden';
  const layer = document.createElement('div');
  for (let i = 0; i < 2000; i++) {
    const d = document.createElement('div');
    d.textContent = `Step ${i}`;
    d.style.cssText = `position:absolute;width:200px;height:64px;transform:translate(${(i % 10) * 280}px,${Math.floor(i / 10) * 100}px)`;
    layer.append(d);
  }
  host.append(layer);
  document.body.append(host);
  const samples = [];
  for (let i = 0; i < 240; i++) {
    await new Promise((r) => requestAnimationFrame(r));
    const t0 = performance.now();
    layer.style.transform = `translate(${-i * 15}px, ${-i * 12}px)`;
    layer.getBoundingClientRect();
    samples.push(performance.now() - t0);
  }
  host.remove();
  samples.sort((a, b) => a - b);
  return samples[120];
});
row('pan frame, 2,000 nodes (median)', pan.median, panRef, `p95 ${fmt(pan.p95, 2)} ms; target median < 16 ms`);

await browser.close();
await server.close();
