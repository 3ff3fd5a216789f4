import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import { importN8nWorkflow } from '../import-workflow.js';

// Split In Batches v1 and v2: one output, each run sending the next batch (n8n's documentation: "the node
// saves the original incoming data, and with each iteration, returns a predefined amount of data"), and
// nothing once none is left; so a loop closed by hand ends when the batches do.

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;
const corpusText = (file: string) => readFileSync(join(CORPUS, 'workflows', file), 'utf8');

const node = (name: string, type: string, parameters: Record<string, unknown> = {}, typeVersion = 1) => ({
  name,
  type: `n8n-nodes-base.${type}`,
  typeVersion,
  position: [0, 0],
  parameters,
});
const to = (name: string) => ({ main: [[{ node: name, type: 'main', index: 0 }]] });

describe('Split In Batches v1 and v2', () => {
  it.each([1, 2])('v%s sends the items in batches, one per run, and ends the loop closed by hand when none is left', async (version) => {
    const { workflow, report } = importN8nWorkflow({
      name: 'batches',
      nodes: [
        node('Start', 'manualTrigger'),
        node('Split In Batches', 'splitInBatches', { batchSize: 2, options: {} }, version),
        node('Body', 'noOp'),
      ],
      connections: { Start: to('Split In Batches'), 'Split In Batches': to('Body'), Body: to('Split In Batches') },
      pinData: { Start: [1, 2, 3, 4, 5].map((n) => ({ json: { n } })) },
    });
    expect(report.placeholders).toEqual([]);
    const execution = await createEngine({ logger: silentLogger }).run(workflow!);
    expect(execution.status).toBe('success');
    const body = workflow!.nodes.find((n) => n.name === 'Body')!;
    expect(execution.nodes[body.id]?.map((run) => run.output.main?.map((i) => i.json.n))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('maps the corpus loop of v2, its one output the loop port', () => {
    const { workflow, report } = importN8nWorkflow(corpusText('Wait/1600_Wait_Code_Automation_Scheduled.json'));
    expect(report.placeholders.filter((p) => p.n8nType === 'n8n-nodes-base.splitInBatches')).toEqual([]);
    const split = workflow!.nodes.find((n) => n.name === 'Split In Batches')!;
    expect(split).toMatchObject({ type: 'core.splitInBatches', parameters: { batchSize: 1 } });
    expect(workflow!.connections.filter((c) => c.from.node === split.id).map((c) => c.from.port)).toEqual(['loop']);
  });

  it('keeps v1 a placeholder when another node reads its context (noItemsLeft), naming why', () => {
    const { report } = importN8nWorkflow(corpusText('Manual/1231_Manual_Splitinbatches_Automate_Triggered.json'));
    const placeholder = report.placeholders.find((p) => p.n8nType === 'n8n-nodes-base.splitInBatches');
    expect(placeholder).toMatchObject({ cause: 'parameters' });
    expect(placeholder?.reason).toMatch(/another node reads this node's context \(n8n's noItemsLeft or currentRunIndex\)/);
  });
});
