// The peer benchmark chain in n8n's format (Manual Trigger -> Code -> Edit
// Fields -> Filter -> Sort -> Limit -> Summarize), imported unchanged and run
// by a Node engine at 1,000, 10,000 and 100,000 items. Each size is checked
// against the chain written in plain JavaScript, which is also the reference
// timed in the same run; n8n's published times are printed beside them.
import { readFileSync } from 'node:fs';
import { silentLogger } from '../packages/engine/dist/index.js';
import { createNodeEngine } from '../packages/engine/dist/node/index.js';
import { importN8nWorkflow } from '../packages/engine/dist/n8n/index.js';
import { peerChainReference } from '../packages/engine/src/n8n/fixtures/peer-chain/peer-chain-reference.mjs';
import { fmt, row, section, timeInterleaved } from './lib.mjs';

const file = new URL('../packages/engine/src/n8n/fixtures/peer-chain/peer-chain.n8n.json', import.meta.url);
const { workflow: document, report } = importN8nWorkflow(JSON.parse(readFileSync(file, 'utf8')));
if (!document || report.placeholders.length > 0) throw new Error(`the chain did not import: ${JSON.stringify(report.placeholders)}`);

/** n8n 2.x on a machine like this one, as published (seconds); none was published at 1,000 items. */
const N8N_SECONDS = { 10_000: 9.5, 100_000: 81 };

const engine = createNodeEngine({ logger: silentLogger });
const workflow = engine.parseWorkflow(document);
const summarize = document.nodes.find((n) => n.type === 'core.summarize').id;
const run = async (count) => {
  const execution = await engine.run(workflow, { input: [{ json: { count } }] });
  if (execution.status !== 'success') throw new Error(`run failed: ${execution.error?.message}`);
  return execution.nodes[summarize][0].output.main.map((i) => i.json);
};

section('Peer chain in n8n format, imported unchanged: Manual Trigger -> Code -> Edit Fields -> Filter -> Sort -> Limit -> Summarize');
try {
  for (const count of [1_000, 10_000, 100_000]) {
    const got = JSON.stringify(await run(count));
    const want = JSON.stringify(peerChainReference(count));
    if (got !== want) throw new Error(`at ${count} items the engine and the reference disagree:\n${got}\n${want}`);
    const opts = count === 100_000 ? { warmup: 1, minRuns: 3, minMs: 0 } : { warmup: 2, minRuns: 5, minMs: 300 };
    const [engineMs, refMs] = await timeInterleaved([() => run(count), () => peerChainReference(count)], opts);
    const n8n = N8N_SECONDS[count];
    row(
      `${fmt(count)} items, same result as the reference`,
      engineMs,
      refMs,
      `${fmt((count / engineMs) * 1000)} items/s${n8n ? `; n8n published ${n8n} s, ${((n8n * 1000) / engineMs).toFixed(0)}x Flowloom's time` : ''}`,
    );
  }
} finally {
  await engine.close();
}
