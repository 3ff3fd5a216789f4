import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../../node/create-node-engine.js';
import { silentLogger } from '../../ports/logger.js';
import { createEngine } from '../../run/engine.js';
import { importN8nWorkflow } from '../import-workflow.js';

// Split In Batches v1 and v2: each run sends the next batch on output 0 (n8n's documentation: "the node saves the
// original incoming data, and with each iteration, returns a predefined amount of data"), and nothing there once
// none is left; so a loop closed by hand ends when the batches do. v2 then sends what came back on output 1, done.

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

  // n8n's v2 outputs are named loop and done, in that order (v3 turned them round).
  it('maps the corpus loop of v2, output 0 the loop port and output 1 done', () => {
    const { workflow, report } = importN8nWorkflow(corpusText('Wait/1600_Wait_Code_Automation_Scheduled.json'));
    expect(report.placeholders.filter((p) => p.n8nType === 'n8n-nodes-base.splitInBatches')).toEqual([]);
    const split = workflow!.nodes.find((n) => n.name === 'Split In Batches')!;
    expect(split).toMatchObject({ type: 'core.splitInBatches', parameters: { batchSize: 1 } });
    const name = (id: string) => workflow!.nodes.find((n) => n.id === id)?.name;
    const from = workflow!.connections.filter((c) => c.from.node === split.id).map((c) => [c.from.port, name(c.to.node)]);
    expect(from).toEqual([
      ['loop', 'Find indicators of compromise'],
      ['done', 'Not empty?'],
    ]);
  });

  it('v2 sends everything the loop returned on done (output 1) once no batch is left', async () => {
    const { workflow, report } = importN8nWorkflow({
      name: 'batches with done',
      nodes: [
        node('Start', 'manualTrigger'),
        node('Split In Batches', 'splitInBatches', { batchSize: 2, options: {} }, 2),
        node('Body', 'noOp'),
        node('After', 'noOp'),
      ],
      connections: {
        Start: to('Split In Batches'),
        'Split In Batches': { main: [[{ node: 'Body', type: 'main', index: 0 }], [{ node: 'After', type: 'main', index: 0 }]] },
        Body: to('Split In Batches'),
      },
      pinData: { Start: [1, 2, 3].map((n) => ({ json: { n } })) },
    });
    expect(report.placeholders).toEqual([]);
    const execution = await createEngine({ logger: silentLogger }).run(workflow!);
    const after = workflow!.nodes.find((n) => n.name === 'After')!;
    expect(execution.nodes[after.id]?.map((run) => run.output.main?.map((i) => i.json.n))).toEqual([[1, 2, 3]]);
  });

  it.each([
    [1, 10],
    [2, 10],
    [3, 1],
  ])('v%s without a batch size sends %s items a batch, as n8n', (version, size) => {
    const { workflow } = importN8nWorkflow({
      name: 'default size',
      nodes: [node('Start', 'manualTrigger'), node('Split In Batches', 'splitInBatches', { options: {} }, version)],
      connections: { Start: to('Split In Batches') },
    });
    expect(workflow!.nodes.find((n) => n.name === 'Split In Batches')?.parameters).toEqual({ batchSize: size });
  });
});

describe('Split In Batches context read by other nodes', () => {
  const engine = createNodeEngine({ logger: silentLogger });
  afterAll(() => engine.close());

  const runsOf = (execution: Awaited<ReturnType<typeof engine.run>>, workflow: { nodes: { id: string; name: string }[] }, name: string) =>
    execution.nodes[workflow.nodes.find((n) => n.name === name)!.id] ?? [];

  // The Function node makes 10 items; batches of 1 go round SplitInBatches -> IF (false) -> SplitInBatches until IF
  // reads noItemsLeft true: n8n sets it on the run that sends the 10th item, so the loop runs 10 times and Set once.
  it('imports and runs the corpus loop that ends on noItemsLeft (v1)', async () => {
    const { workflow, report } = importN8nWorkflow(corpusText('Manual/1231_Manual_Splitinbatches_Automate_Triggered.json'));
    expect(report.placeholders).toEqual([]);
    expect(report.status).toBe('imported');
    const execution = await engine.run(workflow!);
    expect(execution.status).toBe('success');
    expect(runsOf(execution, workflow!, 'SplitInBatches').map((r) => r.output.loop?.map((i) => i.json.i))).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [i]),
    );
    expect(runsOf(execution, workflow!, 'IF')).toHaveLength(10);
    expect(runsOf(execution, workflow!, 'Set').map((r) => r.output.main?.map((i) => i.json))).toEqual([[{ Message: 'No Items Left' }]]);
  });

  // IF compares currentRunIndex with 5: the runs are numbered from 0, so the sixth batch (item 5) leaves the loop.
  it('imports and runs the corpus loop that ends on currentRunIndex 5 (v1)', async () => {
    const { workflow, report } = importN8nWorkflow(corpusText('Manual/1232_Manual_Splitinbatches_Automate_Triggered.json'));
    expect(report.placeholders).toEqual([]);
    expect(report.status).toBe('imported');
    const execution = await engine.run(workflow!);
    expect(execution.status).toBe('success');
    expect(runsOf(execution, workflow!, 'SplitInBatches').map((r) => r.output.loop?.map((i) => i.json.i))).toEqual(
      [0, 1, 2, 3, 4, 5].map((i) => [i]),
    );
    expect(runsOf(execution, workflow!, 'Set').map((r) => r.output.main?.map((i) => i.json))).toEqual([[{ Message: 'Loop Ended' }]]);
  });

  // As n8n's own v2 test of the node: two items in batches of one, leaving when noItemsLeft; the item that leaves
  // reads maxRunIndex 2 (two batches) and currentRunIndex 1 (the second batch).
  it.each([
    ['$node["Loop"].context["X"]', (key: string) => `={{ $node["Loop"].context["${key}"] }}`],
    ["$('Loop').context.X", (key: string) => `={{ $('Loop').context.${key} }}`],
  ])('reads maxRunIndex and currentRunIndex as %s (v2)', async (_form, read) => {
    const { workflow, report } = importN8nWorkflow({
      name: 'context',
      nodes: [
        node('Start', 'manualTrigger'),
        node('Loop', 'splitInBatches', { batchSize: 1, options: {} }, 2),
        node('IF', 'if', { conditions: { boolean: [{ value1: read('noItemsLeft'), value2: true }] } }),
        node('Output', 'set', {
          values: {
            number: [
              { name: 'maxRunIndex', value: read('maxRunIndex') },
              { name: 'currentRunIndex', value: read('currentRunIndex') },
            ],
          },
          options: {},
        }),
      ],
      connections: {
        Start: to('Loop'),
        Loop: to('IF'),
        IF: { main: [[{ node: 'Output', type: 'main', index: 0 }], [{ node: 'Loop', type: 'main', index: 0 }]] },
      },
      pinData: { Start: [{ json: { data: 'n8n' } }, { json: { data: 'test' } }] },
    });
    expect(report.placeholders).toEqual([]);
    const execution = await engine.run(workflow!);
    expect(execution.status).toBe('success');
    expect(runsOf(execution, workflow!, 'Output').map((r) => r.output.main?.map((i) => i.json))).toEqual([
      [{ data: 'test', maxRunIndex: 2, currentRunIndex: 1 }],
    ]);
  });
});
