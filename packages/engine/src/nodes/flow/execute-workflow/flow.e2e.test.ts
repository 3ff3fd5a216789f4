import { describe, expect, it } from 'vitest';
import { createEngine, type Execution } from '@flowloom/engine';
import { buildWorkflow, createTestClock } from '@flowloom/engine/testing';
import { runCliWithFiles } from '../../../testing/run-cli-in-process.node.js';

/** Manual Trigger -> Wait -> Execute Workflow (a sub-workflow given as JSON). */
function approval(waitParameters: Record<string, unknown>) {
  return buildWorkflow({
    id: 'approval',
    name: 'Approve then total',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'wait', type: 'core.wait', parameters: waitParameters },
      { id: 'total', type: 'core.executeWorkflow', parameters: { source: 'parameter', workflowJson: JSON.stringify(totals) } },
    ],
    connections: [
      ['start', 'wait'],
      ['wait', 'total'],
    ],
  });
}

const totals = buildWorkflow({
  id: 'totals',
  nodes: [
    { id: 'in', type: 'core.executeWorkflowTrigger' },
    { id: 'sum', type: 'core.noOp' },
  ],
  connections: [['in', 'sum']],
});

const lines = [{ json: { sku: 'a', qty: 2 } }, { json: { sku: 'b', qty: 1 } }];

describe('Wait and Execute Workflow end to end', () => {
  it('waits for an approval call, then runs the sub-workflow on the items', async () => {
    const engine = createEngine({ clock: createTestClock() });
    const waiting = await engine.run(approval({ resume: 'webhook' }), { input: lines });
    expect(waiting.status).toBe('waiting');
    const done = new Promise<Execution>((resolve) =>
      engine.on('executionFinish', (e) => e.execution.id === waiting.id && resolve(e.execution)),
    );
    const answer = await engine.handleWebhook(
      new Request(`https://x.example/webhook-waiting/${waiting.id}`, {
        method: 'POST',
        body: '{"approved":true}',
        headers: { 'content-type': 'application/json' },
      }),
    );
    expect(answer.status).toBe(200);
    const e = await done;
    expect(e.status).toBe('success');
    // The resume call replaces the items, as the Wait node documents.
    expect(e.nodes.total![0]!.output.main).toMatchObject([{ json: { method: 'POST', body: { approved: true } } }]);
  });

  it('sleeps a short wait and totals the items through engine.run', async () => {
    const engine = createEngine({ clock: createTestClock({ autoAdvance: true }) });
    const e = await engine.run(approval({ amount: 5, unit: 'seconds' }), { input: lines });
    expect(e.status).toBe('success');
    expect(e.nodes.total![0]!.output.main).toEqual(lines);
  });

  it('runs the same workflow through the flowloom run CLI', async () => {
    const r = await runCliWithFiles({ 'wf.json': approval({ amount: 0.01, unit: 'seconds' }), 'in.json': lines }, [
      'run',
      'wf.json',
      '--input',
      'in.json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.execution.nodes.total![0]!.output.main).toEqual(lines);
  });

  it('reports a waiting execution from the CLI when nothing can resume it there', async () => {
    const r = await runCliWithFiles({ 'wf.json': approval({ resume: 'webhook' }) }, ['run', 'wf.json']);
    expect(r.execution.status).toBe('waiting');
    expect(r.code).toBe(1);
  });
});
