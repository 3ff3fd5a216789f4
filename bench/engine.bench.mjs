// Engine run-loop overhead: items through a chain of 5 nodes that each set
// one field, beside plain JS doing the same work on the same item shape.
import { createEngine, createMemoryStorage, defineNode, silentLogger } from '../packages/engine/dist/index.js';
import { buildWorkflow } from '../packages/engine/dist/testing/index.js';
import { fmt, row, section, time } from './lib.mjs';

const setField = defineNode({
  type: 'bench.setField',
  version: 1,
  displayName: 'Set one field',
  group: 'transform',
  inputs: ['main'],
  outputs: ['main'],
  execute(ctx) {
    const { field, value } = ctx.params(0);
    return ctx.input().map((item) => ({ json: { ...item.json, [field]: value } }));
  },
});

const STEPS = 5;
const workflow = buildWorkflow({
  nodes: [
    { id: 'start', type: 'core.manualTrigger' },
    ...Array.from({ length: STEPS }, (_, i) => ({ id: `s${i}`, type: 'bench.setField', parameters: { field: `f${i}`, value: i } })),
  ],
  connections: Array.from({ length: STEPS }, (_, i) => [i === 0 ? 'start' : `s${i - 1}`, `s${i}`]),
});

// Keep only a few executions so retained runs do not turn the benchmark into a GC test.
const engine = createEngine({ nodeTypes: [setField], logger: silentLogger, storage: createMemoryStorage({ maxExecutions: 4 }) });

function makeItems(n) {
  return Array.from({ length: n }, (_, i) => ({ json: { id: i, name: `item ${i}`, price: (i * 7919) % 1000, category: `c${i % 10}` } }));
}

/** The plain-JS floor: the same per-item work, an array of { json } items per step, no cloning. */
function plain(items) {
  let current = items;
  for (let i = 0; i < STEPS; i++) {
    const field = `f${i}`;
    current = current.map((item) => ({ json: { ...item.json, [field]: i } }));
  }
  return current;
}

section(`Run loop: ${STEPS}-node chain, each node sets one field`);
let check;
for (const n of [10_000, 100_000]) {
  const items = makeItems(n);
  const engineMs = await time(
    async () => {
      const e = await engine.run(workflow, { input: items });
      if (e.status !== 'success') throw new Error(e.error?.message);
      check = e;
    },
    { minMs: 1500, warmup: 2 },
  );
  const plainMs = await time(() => plain(items), { minMs: 1500, warmup: 2 });
  const last = check.nodes[`s${STEPS - 1}`][0].output.main;
  const ref = plain(items);
  if (JSON.stringify(last[n - 1]) !== JSON.stringify(ref[n - 1])) throw new Error('engine and reference disagree');
  row(
    `${fmt(n)} items x ${STEPS} nodes`,
    engineMs,
    plainMs,
    `${fmt((n / engineMs) * 1000)} items/s (reference ${fmt((n / plainMs) * 1000)} items/s)`,
  );
}

section('Fixed cost per node activation (1 item, 6 activations per run)');
const one = makeItems(1);
const perRunMs = await time(() => engine.run(workflow, { input: one }), { minMs: 1000, warmup: 50 });
const plainOneMs = await time(() => plain(one), { minMs: 500, warmup: 50 });
const activations = STEPS + 1;
row('one run, 1 item', perRunMs, plainOneMs, `${fmt((perRunMs * 1000) / activations, 1)} µs per activation (target < 20 µs)`);
