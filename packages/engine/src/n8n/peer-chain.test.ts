import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../node/create-node-engine.js';
import { silentLogger } from '../ports/logger.js';
import { importN8nWorkflow } from './import-workflow.js';
// @ts-expect-error -- a plain JavaScript module shared with the benchmark
import { peerChainReference } from './fixtures/peer-chain/peer-chain-reference.mjs';

const n8n: unknown = JSON.parse(readFileSync(new URL('./fixtures/peer-chain/peer-chain.n8n.json', import.meta.url), 'utf8'));
const engine = createNodeEngine({ logger: silentLogger });
afterAll(() => engine.close());

describe('the peer benchmark chain, imported unchanged from n8n', () => {
  const { workflow, report } = importN8nWorkflow(n8n);

  it('imports with every node mapped', () => {
    expect(report.placeholders).toEqual([]);
    // The plain reference is translated; `price * qty` runs as JavaScript, where `*` also converts strings.
    expect(report.expressions).toMatchObject({ total: 2, translated: 1, javascript: 1, parseFailed: 0 });
    expect(workflow!.nodes.map((n) => n.type)).toEqual([
      'core.manualTrigger',
      'core.code',
      'core.set',
      'core.filter',
      'core.sort',
      'core.limit',
      'core.summarize',
    ]);
  });

  it.each([1_000, 10_000])('gives the documented result at %i items', async (count) => {
    const execution = await engine.run(engine.parseWorkflow(workflow!), { input: [{ json: { count } }] });
    expect(execution.status, execution.error?.message).toBe('success');
    const summarize = workflow!.nodes.find((n) => n.type === 'core.summarize')!.id;
    const got = execution.nodes[summarize]![0]!.output.main!.map((i) => i.json);
    expect(got).toEqual(peerChainReference(count));
  });
});
