import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEngine, defineNode, type Workflow } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';

const double = defineNode({
  type: 'acme.double',
  version: 1,
  displayName: 'Double',
  group: 'transform',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({}),
  execute: (ctx) => ctx.input().map((i) => ({ json: { n: Number(i.json.n) * 2 } })),
});

const boom = defineNode({
  type: 'acme.boom',
  version: 1,
  displayName: 'Boom',
  group: 'transform',
  inputs: ['main'],
  outputs: ['main'],
  execute() {
    throw new Error('the warehouse is closed');
  },
});

function child(id = 'child', step = 'acme.double', trigger: Record<string, unknown> = {}): Workflow {
  return buildWorkflow({
    id,
    name: 'Double numbers',
    nodes: [
      { id: 'in', type: 'core.executeWorkflowTrigger', parameters: trigger },
      { id: 'step', type: step },
    ],
    connections: [['in', 'step']],
  });
}

function parent(parameters: Record<string, unknown>, id = 'parent'): Workflow {
  return buildWorkflow({
    id,
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'call', name: 'Call child', type: 'core.executeWorkflow', parameters },
    ],
    connections: [['start', 'call']],
  });
}

const input = [{ json: { n: 1 } }, { json: { n: 2 } }];

describe('Execute Workflow', () => {
  it('runs a stored workflow with the items and returns its last node output', async () => {
    const engine = createEngine({ nodeTypes: [double] });
    await engine.storage.workflows.save('default', child());
    const e = await engine.run(parent({ workflowId: 'child' }), { input });
    expect(e.status).toBe('success');
    expect(e.nodes.call![0]!.output.main).toEqual([{ json: { n: 2 } }, { json: { n: 4 } }]);
    const runs = await engine.storage.executions.list('default', { mode: 'subworkflow' });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.workflowId).toBe('child');
  });

  it('runs a workflow given as JSON, text or object', async () => {
    const engine = createEngine({ nodeTypes: [double] });
    const asText = await engine.run(parent({ source: 'parameter', workflowJson: JSON.stringify(child()) }), { input });
    expect(asText.nodes.call![0]!.output.main).toHaveLength(2);
    const asObject = await engine.run(parent({ source: 'parameter', workflowJson: child() as unknown as Record<string, unknown> }), {
      input,
    });
    expect(asObject.nodes.call![0]!.output.main).toEqual([{ json: { n: 2 } }, { json: { n: 4 } }]);
  });

  it('runs once per item in each-item mode', async () => {
    const engine = createEngine({ nodeTypes: [double] });
    await engine.storage.workflows.save('default', child());
    const e = await engine.run(parent({ workflowId: 'child', mode: 'each' }), { input });
    expect(e.nodes.call![0]!.output.main).toEqual([
      { json: { n: 2 }, pairedItem: { item: 0 } },
      { json: { n: 4 }, pairedItem: { item: 1 } },
    ]);
    expect(await engine.storage.executions.count('default', { mode: 'subworkflow' })).toBe(2);
  });

  it('passes the items on at once when not waiting for the sub-workflow', async () => {
    const engine = createEngine({ nodeTypes: [double] });
    await engine.storage.workflows.save('default', child());
    const e = await engine.run(parent({ workflowId: 'child', waitForCompletion: false }), { input });
    expect(e.nodes.call![0]!.output.main).toEqual(input);
  });

  it('stops a workflow that calls itself at the depth limit, with a clear error', async () => {
    const engine = createEngine({ limits: { maxWorkflowDepth: 3 } });
    const selfCalling = buildWorkflow({
      id: 'loop',
      nodes: [
        { id: 'in', type: 'core.executeWorkflowTrigger' },
        { id: 'start', type: 'core.manualTrigger' },
        { id: 'call', name: 'Call myself', type: 'core.executeWorkflow', parameters: { workflowId: 'loop' } },
      ],
      connections: [
        ['in', 'call'],
        ['start', 'call'],
      ],
    });
    await engine.storage.workflows.save('default', selfCalling);
    const e = await engine.run(selfCalling, { startNode: 'start' });
    expect(e.status).toBe('error');
    expect(e.error?.message).toContain('Sub-workflows are nested more than 3 levels deep');
  });

  it("fails with the sub-workflow's error", async () => {
    const engine = createEngine({ nodeTypes: [boom] });
    await engine.storage.workflows.save('default', child('child', 'acme.boom'));
    const e = await engine.run(parent({ workflowId: 'child' }), { input });
    expect(e.error?.code).toBe('SUBWORKFLOW_FAILED');
    expect(e.error?.message).toContain("Sub-workflow 'Double numbers' failed: Node 'step' failed: the warehouse is closed");
  });

  it('fails clearly when the sub-workflow goes to wait', async () => {
    const engine = createEngine();
    const waits = buildWorkflow({
      id: 'waits',
      nodes: [
        { id: 'in', type: 'core.executeWorkflowTrigger' },
        { id: 'pause', type: 'core.wait', parameters: { resume: 'webhook' } },
      ],
      connections: [['in', 'pause']],
    });
    await engine.storage.workflows.save('default', waits);
    const e = await engine.run(parent({ workflowId: 'waits' }), { input });
    expect(e.error?.code).toBe('SUBWORKFLOW_WAITING');
    const started = await engine.run(parent({ workflowId: 'waits', waitForCompletion: false }), { input });
    expect(started.status).toBe('success');
  });

  it('names the parameter or the workflow when the target is wrong', async () => {
    const engine = createEngine({ nodeTypes: [double] });
    await engine.nodeTypes.loadFor(parent({}));
    const invalid = engine.validate(parent({}));
    expect(invalid.success ? '' : invalid.error.message).toContain(
      "node 'Call child' (Execute Workflow): parameter 'workflowId' is required",
    );
    const unknown = await engine.run(parent({ workflowId: 'nope' }));
    expect(unknown.error?.message).toContain("No workflow with id 'nope' is stored");
    const badJson = await engine.run(parent({ source: 'parameter', workflowJson: '{nope' }));
    expect(badJson.error?.message).toMatch(/^Node 'Call child': parameter 'workflowJson' is not valid JSON/);
    const badDoc = await engine.run(parent({ source: 'parameter', workflowJson: '{"nodes": 3}' }));
    expect(badDoc.error?.code).toBe('WORKFLOW_INVALID');
  });
});

describe("Execute Workflow filling the called workflow's inputs", () => {
  /** A called workflow declaring its inputs: its trigger keeps only those fields. */
  const declared = (fields: { name: string; type?: string }[]) => child('child', 'core.noOp', { inputSource: 'fields', fields });

  it('sets the mapped values over each item, read for that item, before the called trigger keeps its inputs', async () => {
    const engine = createEngine();
    await engine.storage.workflows.save('default', declared([{ name: 'sku' }, { name: 'quantity', type: 'number' }, { name: 'note' }]));
    const e = await engine.run(
      parent({ workflowId: 'child', workflowInputs: { sku: '{{ $json.code }}', quantity: '{{ $json.n * 10 }}' } }),
      { input: [{ json: { code: 'lamp', n: 1, note: 'fragile' } }, { json: { code: 'desk', n: 2 } }] },
    );
    expect(e.status).toBe('success');
    // The item's own fields stay beside the mapped ones (note), and a declared input no item holds is null.
    expect(e.nodes.call![0]!.output.main!.map((i) => i.json)).toEqual([
      { sku: 'lamp', quantity: 10, note: 'fragile' },
      { sku: 'desk', quantity: 20, note: null },
    ]);
  });

  it('takes the inputs left out of the mapping off the items sent', async () => {
    const engine = createEngine({ nodeTypes: [double] });
    await engine.storage.workflows.save('default', child());
    const e = await engine.run(parent({ workflowId: 'child', workflowInputs: { n: 5 }, removedInputs: ['secret'], mode: 'each' }), {
      input: [{ json: { n: 1, secret: 'x', keep: true } }],
    });
    expect(e.nodes.call![0]!.output.main).toEqual([{ json: { n: 10 }, pairedItem: { item: 0 } }]);
    const sub = await engine.storage.executions.list('default', { mode: 'subworkflow' });
    const received = await engine.storage.executions.get('default', sub[0]!.id);
    expect(received!.nodes.in![0]!.output.main).toEqual([{ json: { n: 5, keep: true } }]);
  });

  it('accepts a workflow not chosen yet, and fails naming the node and parameter when it runs', async () => {
    const engine = createEngine();
    await engine.nodeTypes.loadFor(parent({ workflowId: '' }));
    expect(engine.validate(parent({ workflowId: '' })).success).toBe(true);
    const e = await engine.run(parent({ workflowId: '' }), { input });
    expect(e.error?.message).toBe("Node 'Call child': parameter 'workflowId' is empty: choose the workflow to run.");
  });
});

describe('Execute Workflow Trigger', () => {
  it('fails naming the missing field when an item lacks a required field', async () => {
    const engine = createEngine({ nodeTypes: [double] });
    await engine.storage.workflows.save('default', child('child', 'acme.double', { requiredFields: ['n', 'sku'] }));
    const e = await engine.run(parent({ workflowId: 'child' }), { input });
    expect(e.error?.message).toContain("input item 0 has no field 'sku' (parameter 'requiredFields')");
  });

  it('emits one empty item when run by hand', async () => {
    const engine = createEngine({ nodeTypes: [double] });
    const e = await engine.run(child());
    expect(e.nodes.in![0]!.output.main).toEqual([{ json: {} }]);
  });
});
