import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../model/item.js';
import { runBuiltCli, runCliIn } from '../../testing/run-cli-in-process.node.js';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import type { Execution } from '../../model/execution.js';

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const workflowFile = `${fixtures}ticket-triage.workflow.json`;
const inputFile = `${fixtures}tickets.input.json`;

/** What every way of running the triage workflow must produce. */
function expectTriage(execution: Execution): void {
  expect(execution.status).toBe('success');
  const out = (id: string, port = 'main') => (execution.nodes[id]?.[0]?.output[port] ?? []).map((i: Item) => i.json.id);
  expect(out('spam')).toEqual([3]);
  expect(out('flagUrgent')).toEqual([2, 5]);
  expect(out('billingQueue')).toEqual([1, 7]);
  expect(out('techQueue')).toEqual([4]);
  expect(out('unrouted')).toEqual([6]);
  expect(execution.nodes.notify?.map((run) => run.output.main?.map((i) => i.json.id))).toEqual([
    [2, 5],
    [1, 7],
  ]);
  expect(execution.nodes.report?.[0]?.output.main?.[0]?.json).toEqual({
    notifiedIds: [2, 5, 1, 7],
    queues: ['urgent', 'urgent', 'billing', 'billing'],
  });
}

describe('flow nodes end to end: ticket triage', () => {
  it('runs through engine.run', async () => {
    const engine = createEngine({ logger: silentLogger });
    const workflow = engine.parseWorkflow(JSON.parse(await readFile(workflowFile, 'utf8')));
    const input = JSON.parse(await readFile(inputFile, 'utf8')) as Item[];
    expectTriage(await engine.run(workflow, { input }));
  });

  it('runs through the flowloom run command in-process', async () => {
    const { code, stdout, stderr } = await runCliIn(fixtures, ['run', workflowFile, '--input', inputFile]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectTriage(JSON.parse(stdout) as Execution);
  });

  it('runs through the built flowloom bin', () => {
    const { code, stdout, stderr } = runBuiltCli(fixtures, ['run', 'ticket-triage.workflow.json', '--input', 'tickets.input.json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expectTriage(JSON.parse(stdout) as Execution);
  });

  it('exits 1 with the node and parameter named when a ticket holds the wrong type', async () => {
    const badInput = `${fixtures}tickets-bad.input.json`;
    const { code, stdout, stderr } = await runCliIn(fixtures, ['run', workflowFile, '--input', badInput]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/Node 'Route': parameter 'rules\[1\]\.conditions\[0\]\.field' holds the text "bug", which is not an array/);
    expect((JSON.parse(stdout) as Execution).status).toBe('error');
  });
});
