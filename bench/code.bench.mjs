// Code node and isolation costs, each beside the same user code run in
// node:vm inside a worker_threads Worker with JSON in and out (how n8n's task
// runner runs it), measured in the same run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createEngine, silentLogger } from '../packages/engine/dist/index.js';
import { createNodeCodeSandbox, createNodeExecutionIsolation } from '../packages/engine/dist/node/index.js';
import { chain, codeWorkflow, MAP, TRIVIAL, vmReference } from './code/vm-reference.mjs';
import { row, section, time, timeInterleaved } from './lib.mjs';

const itemsOf = (n) => Array.from({ length: n }, (_, i) => ({ json: { n: i, name: `item ${i}`, tags: ['a', 'b'] } }));
const median = (list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];

section('Code node (QuickJS in a worker) vs node:vm in a worker');

// Cold start: each sample is a fresh process (the first Code node run there: worker start, QuickJS load and
// compile), alternating with a fresh process starting the reference worker; the medians are compared.
const COLD_SAMPLES = 7;
const coldScript = fileURLToPath(new URL('./code/cold-start.mjs', import.meta.url));
const coldOnce = (which) => Number(execFileSync(process.execPath, [coldScript, which], { encoding: 'utf8' }).trim());
const cold = [];
const vmCold = [];
for (let i = 0; i < COLD_SAMPLES; i++) {
  cold.push(coldOnce('flowloom'));
  vmCold.push(coldOnce('reference'));
}
row(
  `cold start (first run in a fresh process, median of ${COLD_SAMPLES})`,
  median(cold),
  median(vmCold),
  `target <= 60 ms; samples ${cold.map((ms) => ms.toFixed(0)).join(' ')}`,
);

const sandbox = createNodeCodeSandbox();
const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger });
const vm = vmReference();
const trivial = engine.parseWorkflow(codeWorkflow(TRIVIAL));
const noOp = engine.parseWorkflow(chain(2));
const first = await engine.run(trivial, { input: [{ json: {} }] });
if (first.status !== 'success') throw new Error(JSON.stringify(first.error));

// Warm overhead: a trivial script through the Code node, minus the same workflow with a No Operation node
// (the Code node's own cost; the reference has no engine around it).
{
  const [withCode, without, vmTrivial] = await timeInterleaved(
    [
      () => engine.run(trivial, { input: [{ json: {} }] }),
      () => engine.run(noOp, { input: [{ json: {} }] }),
      () => vm.run(TRIVIAL, [{ json: {} }]),
    ],
    { minMs: 1500 },
  );
  row('warm run, trivial script (Code node overhead)', withCode - without, vmTrivial, 'target <= 2 ms');
}

for (const n of [1_000, 10_000]) {
  const input = itemsOf(n);
  const wf = engine.parseWorkflow(codeWorkflow(MAP));
  const check = await engine.run(wf, { input });
  if (check.nodes.c[0].output.main.length !== n) throw new Error('map produced the wrong count');
  if ((await vm.run(MAP, input)).length !== n) throw new Error('the reference produced the wrong count');
  const [ms, base, ref] = await timeInterleaved(
    [() => engine.run(wf, { input }), () => engine.run(noOp, { input }), () => vm.run(MAP, input)],
    {
      minMs: 3000,
    },
  );
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
