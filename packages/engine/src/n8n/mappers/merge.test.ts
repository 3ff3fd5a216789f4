import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import { importN8nWorkflow } from '../import-workflow.js';

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;

const engine = createEngine({ logger: silentLogger });

/** Imports a corpus workflow; it must validate. */
function imported(file: string) {
  const result = importN8nWorkflow(readFileSync(join(CORPUS, 'workflows', file), 'utf8'), { source: file });
  const validation = engine.validate(result.workflow);
  expect(validation.success, validation.success ? '' : validation.error.message).toBe(true);
  return result;
}

describe("n8n's Merge with more than two inputs (numberInputs)", () => {
  it('keeps its five inputs, each n8n connection on the port of its index', () => {
    const { workflow, report } = imported('Webhook/1897_Webhook_Filter_Sync_Webhook.json');
    const merge = workflow!.nodes.find((n) => n.name === 'Merge summary')!;
    expect(report.placeholders.map((p) => p.node)).not.toContain('Merge summary');
    expect(merge).toMatchObject({ type: 'core.merge', parameters: { numberInputs: 5, mode: 'append' } });
    const names = new Map(workflow!.nodes.map((n) => [n.id, n.name]));
    const into = workflow!.connections.filter((c) => c.to.node === merge.id).map((c) => [names.get(c.from.node), c.to.port]);
    // n8n's connections into 'Merge summary', by input index (the corpus file).
    expect(into.sort((a, b) => String(a[1]).localeCompare(String(b[1])))).toEqual([
      ['Merge', 'input1'],
      ['Get mapped item2', 'input2'],
      ['Prepare summary data', 'input3'],
      ['Prepare summary data1', 'input4'],
      ['Prepare summary data2', 'input5'],
    ]);
  });

  it('maps Choose Branch and Combine by Position over several inputs', () => {
    const monday = imported('Mondaycom/1974_Mondaycom_Schedule_Send_Scheduled.json').workflow!;
    expect(monday.nodes.find((n) => n.name === 'Merge')?.parameters).toMatchObject({ numberInputs: 4, mode: 'chooseBranch' });
    const linkedin = imported('Linkedin/1342_Linkedin_Telegram_Automate_Webhook.json').workflow!;
    expect(linkedin.nodes.find((n) => n.name === 'Merge')?.parameters).toMatchObject({
      numberInputs: 3,
      mode: 'combineByPosition',
      includeUnpaired: true,
    });
  });
});
