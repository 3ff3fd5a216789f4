import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '@flowloom/engine';
import { createNodeEngine } from '@flowloom/engine/node';
import { buildWorkflow } from '@flowloom/engine/testing';
import { importN8nWorkflow } from '../import-workflow.js';

/** The 400 real n8n workflows (see its README and ATTRIBUTION.md); FLOWLOOM_N8N_CORPUS points elsewhere. */
const CORPUS = process.env.FLOWLOOM_N8N_CORPUS ?? new URL('../../../../../../shared/corpus/n8n-workflows', import.meta.url).pathname;

/** A corpus workflow imported, and the Flowloom node one of its nodes became, with the report's entries for it. */
function imported(file: string, name: string) {
  const { workflow, report } = importN8nWorkflow(readFileSync(join(CORPUS, 'workflows', file), 'utf8'));
  const node = workflow!.nodes.find((n) => n.name === name)!;
  const problems = [...report.problems, ...report.placeholders].filter((p) => p.node === name);
  return { workflow: workflow!, node, problems };
}

describe('Execute Workflow mapping', () => {
  it("keeps the mapping of the Airtable sub-workflow's declared inputs", () => {
    const { node, problems } = imported('Wait/0091_Wait_Splitout_Process_Webhook.json', 'Airtable Batch');
    expect(problems).toEqual([]);
    expect(node).toMatchObject({
      type: 'core.executeWorkflow',
      parameters: {
        source: 'database',
        workflowId: '121pu6oiTjzkJ8OT',
        workflowInputs: {
          mode: 'upsert',
          baseId: 'appXXXXXXXXXXXXX',
          records: '{{ $json.records }}',
          tableIdOrName: 'tblXXXXXXXXXXXXX',
          fieldsToMergeOn: '{{js:["field1", "field2"]}}',
        },
        mode: 'once',
      },
    });
  });

  it("runs it: the imported sub-workflow's trigger gets each declared input as n8n sends it", async () => {
    const { workflow } = imported('Wait/0091_Wait_Splitout_Process_Webhook.json', 'Airtable Batch');
    const call = workflow.nodes.find((n) => n.name === 'Airtable Batch')!;
    const trigger = workflow.nodes.find((n) => n.name === 'Airtable Subprocess')!;
    const engine = createNodeEngine({ logger: silentLogger });
    try {
      await engine.storage.workflows.save('default', buildWorkflow({ id: '121pu6oiTjzkJ8OT', nodes: [{ ...trigger, id: 'in' }] }));
      const parent = buildWorkflow({
        nodes: [
          { id: 'start', type: 'core.manualTrigger' },
          { ...call, id: 'call' },
        ],
        connections: [['start', 'call']],
      });
      const records = [{ fields: { name: 'Ada' } }, { fields: { name: 'Grace' } }];
      const e = await engine.run(parent, { input: [{ json: { records, other: 'kept out' } }] });
      expect(e.status).toBe('success');
      expect(e.nodes.call![0]!.output.main!.map((i) => i.json)).toEqual([
        { baseId: 'appXXXXXXXXXXXXX', tableIdOrName: 'tblXXXXXXXXXXXXX', mode: 'upsert', fieldsToMergeOn: ['field1', 'field2'], records },
      ]);
    } finally {
      await engine.close();
    }
  });

  it('imports a node whose workflow is not chosen, saying so; it fails only when it runs', async () => {
    const { node, problems } = imported(
      'Error/1777_Error_Postgres_Send_Triggered.json',
      'Call this Sample - Prepend to your error catcher',
    );
    expect(node).toMatchObject({ type: 'core.executeWorkflow', parameters: { source: 'database', workflowId: '' } });
    expect(problems).toEqual([expect.objectContaining({ code: 'workflow-not-chosen', parameter: 'workflowId', severity: 'warning' })]);
    const engine = createNodeEngine({ logger: silentLogger });
    try {
      // The workflow leaves the node disabled until its user chooses what it calls.
      const enabled = { ...node, disabled: false };
      const run = buildWorkflow({ nodes: [{ id: 'start', type: 'core.manualTrigger' }, enabled], connections: [['start', node.id]] });
      await engine.nodeTypes.loadFor(run);
      expect(engine.validate(run).success).toBe(true);
      const e = await engine.run(run);
      expect(e.error?.message).toBe(
        "Node 'Call this Sample - Prepend to your error catcher': parameter 'workflowId' is empty: choose the workflow to run.",
      );
    } finally {
      await engine.close();
    }
  });
});

describe('DebugHelper and Execution Data mappings', () => {
  it('makes random addresses as the DebugHelper of the Airtable workflow asks, ten by default', async () => {
    const { node, problems } = imported('Wait/0091_Wait_Splitout_Process_Webhook.json', 'random data');
    expect(problems).toEqual([]);
    expect(node).toMatchObject({ type: 'core.debugHelper', parameters: { category: 'randomData', dataType: 'address', count: 10 } });
    const engine = createNodeEngine({ logger: silentLogger });
    try {
      const e = await engine.run(
        buildWorkflow({
          nodes: [
            { id: 'start', type: 'core.manualTrigger' },
            { ...node, id: 'random' },
          ],
          connections: [['start', 'random']],
        }),
      );
      const items = e.nodes.random![0]!.output.main!;
      expect(items).toHaveLength(10);
      expect(Object.keys(items[0]!.json)).toEqual(['firstname', 'lastname', 'street', 'city', 'zip', 'state', 'country']);
    } finally {
      await engine.close();
    }
  });

  it('refuses what has no equivalent, naming the option', () => {
    const debug = (parameters: Record<string, unknown>) =>
      importN8nWorkflow({
        nodes: [{ name: 'Debug', type: 'n8n-nodes-base.debugHelper', typeVersion: 1, position: [0, 0], parameters }],
        connections: {},
      });
    expect(JSON.stringify(debug({ category: 'oom' }).report.placeholders)).toContain('using up memory on purpose');
    expect(JSON.stringify(debug({ category: 'randomData', randomDataType: 'uuid' }).report.placeholders)).toContain(
      'n8n makes each uuid an item that is a bare value',
    );
    expect(debug({ category: 'randomData', randomDataType: 'uuid', randomDataSingleArray: true }).workflow!.nodes[0]!.parameters).toEqual({
      category: 'randomData',
      dataType: 'uuid',
      count: 10,
      singleArray: true,
    });
    expect(debug({ throwErrorMessage: 'boom' }).workflow!.nodes[0]!.parameters).toEqual({ category: 'throwError', errorMessage: 'boom' });
  });

  it("keeps the values the Todoist sync saves as the execution's custom data", () => {
    const { node, problems } = imported('Webhook/1897_Webhook_Filter_Sync_Webhook.json', 'Execution Data');
    expect(problems.filter((p) => !('severity' in p) || p.severity === 'error')).toEqual([]);
    expect(node).toMatchObject({
      type: 'core.executionData',
      parameters: {
        values: [
          { key: 'database_id', value: '{{ $node("Globals1").first.json.database_id }}' },
          { key: 'project_id', value: '{{ $node("Globals1").first.json.project_id }}' },
          { key: 'todoist_id', value: '{{ $json.body.event_data.id }}' },
          { key: 'source', value: 'Todoist' },
        ],
      },
    });
  });
});
