// The reference for the Code node benchmarks: the same user code run in a
// fresh node:vm context per run, inside a worker_threads Worker, with JSON in
// and out (how n8n's task runner runs it).
import { Worker } from 'node:worker_threads';

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

/** Starts the reference worker; `run(code, items)` resolves with the parsed output. */
export function vmReference() {
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
      return new Promise((resolve, reject) => {
        waiting.set(id, (m) => (m.ok ? resolve(JSON.parse(m.outputJson)) : reject(new Error(m.message))));
        worker.postMessage({ id, code, dataJson });
      });
    },
    close: () => worker.terminate(),
  };
}

const node = (id, name, type, parameters = {}, x = 0) => ({ id, name, type, typeVersion: 1, position: { x, y: 0 }, parameters });

/** A manual trigger followed by one Code node running `code`. */
export function codeWorkflow(code) {
  return {
    schemaVersion: 1,
    id: 'bench-code',
    name: 'Bench',
    nodes: [node('t', 'Start', 'core.manualTrigger'), node('c', 'Code', 'core.code', { code }, 100)],
    connections: [{ from: { node: 't', port: 'main' }, to: { node: 'c', port: 'main' } }],
    settings: {},
  };
}

/** A chain of `count` nodes: a manual trigger, then No Operation nodes. */
export function chain(count) {
  const nodes = [node('n0', 'Start', 'core.manualTrigger')];
  const connections = [];
  for (let i = 1; i < count; i++) {
    nodes.push(node(`n${i}`, `Step ${i}`, 'core.noOp', {}, i * 100));
    connections.push({ from: { node: `n${i - 1}`, port: 'main' }, to: { node: `n${i}`, port: 'main' } });
  }
  return { schemaVersion: 1, id: 'bench-chain', name: 'Chain', nodes, connections, settings: {} };
}

export const TRIVIAL = 'return [];';
export const MAP = 'return $input.all().map((item) => ({ json: { ...item.json, double: item.json.n * 2 } }));';
