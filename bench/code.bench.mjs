// Code node and isolation costs, each beside the same user code run in
// node:vm inside a worker_threads Worker with JSON in and out (how n8n's task
// runner runs it), measured in the same process.
import { Worker } from 'node:worker_threads';
import { createEngine, silentLogger } from '../packages/engine/dist/index.js';
import { createNodeCodeSandbox, createNodeExecutionIsolation } from '../packages/engine/dist/node/index.js';
import { row, section, time } from './lib.mjs';

// The reference: a worker that runs code in a fresh node:vm context per run.
const VM_WORKER = `
const { parentPort } = require('node:worker_threads');
const vm = require('node:vm');
parentPort.on('message', async ({ id, code, dataJson }) => {
  try {
    const data = JSON.parse(dataJson);
    const items = data.items;
    const context = vm.createContext({ items, $input: { all: () => items, first: () => items[0], last: () => items[items.length - 1] } });
    const fn = vm.runInContext('(async function () {' + code + '\\n})', context, { timeout: 5000 });
    const result = await fn();
    parentPort.postMessage({ id, ok: true, outputJson: JSON.stringify(result) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, message: String(error) });
  }
});`;

function vmReference() {
  const worker = new Worker(VM_WORKER, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 128 } });
  let nextId = 1;
  const waiting = new Map();
  worker.on('message', (m) => {
    waiting.get(m.id)?.(m);
    waiting.delete(m.id);
  });
  return {
    run(code, items) {
      const id = nextId++;
      const dataJson = JSON.stringify({ items: items.map((i) => ({ json: i.json })) });
      return new Promise((resolve) => {
        waiting.set(id, (m) => resolve(m.ok ? JSON.parse(m.outputJson) : m));
        worker.postMessage({ id, code, dataJson });
      });
    },
    close: () => worker.terminate(),
  };
}

const node = (id, name, type, parameters = {}, x = 0) => ({ id, name, type, typeVersion: 1, position: { x, y: 0 }, parameters });
function codeWorkflow(code) {
  return {
    schemaVersion: 1,
    id: 'bench-code',
    name: 'Bench',
    nodes: [node('t', 'Start', 'core.manualTrigger'), node('c', 'Code', 'core.code', { code }, 100)],
    connections: [{ from: { node: 't', port: 'main' }, to: { node: 'c', port: 'main' } }],
    settings: {},
  };
}
function chain(count) {
  const nodes = [node('n0', 'Start', 'core.manualTrigger')];
  const connections = [];
  for (let i = 1; i < count; i++) {
    nodes.push(node(`n${i}`, `Step ${i}`, 'core.noOp', {}, i * 100));
    connections.push({ from: { node: `n${i - 1}`, port: 'main' }, to: { node: `n${i}`, port: 'main' } });
  }
  return { schemaVersion: 1, id: 'bench-chain', name: 'Chain', nodes, connections, settings: {} };
}
const itemsOf = (n) => Array.from({ length: n }, (_, i) => ({ json: { n: i, name: `item ${i}`, tags: ['a', 'b'] } }));

const TRIVIAL = 'return [];';
const MAP = 'return $input.all().map((item) => ({ json: { ...item.json, double: item.json.n * 2 } }));';

// Cold start: the first Code node run in this fresh process (worker start, QuickJS load and compile).
section('Code node (QuickJS in a worker) vs node:vm in a worker');
const sandbox = createNodeCodeSandbox();
const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger, storage: undefined });
const trivial = engine.parseWorkflow(codeWorkflow(TRIVIAL));
let t0 = performance.now();
const first = await engine.run(trivial, { input: [{ json: {} }] });
const cold = performance.now() - t0;
if (first.status !== 'success') throw new Error(JSON.stringify(first.error));
t0 = performance.now();
const vm = vmReference();
await vm.run(TRIVIAL, [{ json: {} }]);
const vmCold = performance.now() - t0;
row('cold start (first run in a fresh process)', cold, vmCold, 'target <= 60 ms');

// Warm overhead: a trivial script through the Code node, minus the same workflow with a No Operation node
// (the Code node's own cost; the reference has no engine around it).
const noOp = engine.parseWorkflow(chain(2));
const withCode = await time(() => engine.run(trivial, { input: [{ json: {} }] }), { minMs: 1000 });
const without = await time(() => engine.run(noOp, { input: [{ json: {} }] }), { minMs: 500 });
const vmTrivial = await time(() => vm.run(TRIVIAL, [{ json: {} }]), { minMs: 1000 });
row('warm run, trivial script (Code node overhead)', withCode - without, vmTrivial, 'target <= 2 ms');

for (const n of [1_000, 10_000]) {
  const input = itemsOf(n);
  const wf = engine.parseWorkflow(codeWorkflow(MAP));
  const check = await engine.run(wf, { input });
  if (check.nodes.c[0].output.main.length !== n) throw new Error('map produced the wrong count');
  const ms = await time(() => engine.run(wf, { input }), { minMs: 1500, warmup: 2 });
  const base = await time(() => engine.run(noOp, { input }), { minMs: 1000, warmup: 2 });
  const ref = await time(() => vm.run(MAP, input), { minMs: 1500, warmup: 2 });
  row(`map over ${n.toLocaleString('en-US')} items (Code node)`, ms - base, ref, n === 10_000 ? 'target <= 3x' : '');
  row(`  the same, whole 2-node execution`, ms, ref);
}

// Whole-execution isolation: a 5-node workflow in a pooled worker vs in-process.
section('Whole-execution isolation (5-node workflow)');
const isolation = createNodeExecutionIsolation();
const isolated = createEngine({ isolation, logger: silentLogger });
const inProcess = createEngine({ logger: silentLogger });
const five = chain(5);
const fiveIn = inProcess.parseWorkflow(five);
const fiveIso = isolated.parseWorkflow(five);
const input = itemsOf(10);
const warm = await isolated.run(fiveIso, { input });
if (warm.status !== 'success') throw new Error(JSON.stringify(warm.error));
const isoMs = await time(() => isolated.run(fiveIso, { input }), { minMs: 1500 });
const inMs = await time(() => inProcess.run(fiveIn, { input }), { minMs: 1000 });
row('isolated execution (in-process as reference)', isoMs, inMs, `overhead ${(isoMs - inMs).toFixed(2)} ms per execution; target <= 5 ms`);

await sandbox.close();
await isolation.close();
await vm.close();
