import { describe, expect, it } from 'vitest';
import { createEngine, silentLogger, type Item } from '@flowloom/engine';
import { buildWorkflow } from '@flowloom/engine/testing';

// The expected values follow n8n's sub-workflow inputs (its Execute Workflow Trigger with declared fields):
// only the declared fields, null for a missing one, strict types unless converted, files not passed on.

/** A sub-workflow whose trigger has these parameters, stored, and a parent that runs it with its items. */
async function callChild(trigger: Record<string, unknown>, items: Item[]) {
  const engine = createEngine({ logger: silentLogger });
  await engine.storage.workflows.save(
    'default',
    buildWorkflow({
      id: 'child',
      nodes: [
        { id: 'in', name: 'Inputs', type: 'core.executeWorkflowTrigger', parameters: trigger },
        { id: 'after', type: 'core.noOp' },
      ],
      connections: [['in', 'after']],
    }),
  );
  const parent = buildWorkflow({
    id: 'parent',
    nodes: [
      { id: 'start', type: 'core.manualTrigger' },
      { id: 'call', name: 'Call child', type: 'core.executeWorkflow', parameters: { workflowId: 'child' } },
    ],
    connections: [['start', 'call']],
  });
  return engine.run(parent, { input: items });
}

const order = (json: Record<string, unknown>, binary?: Item['binary']): Item => ({ json, ...(binary ? { binary } : {}) });

describe('Execute Workflow Trigger', () => {
  it('passes the items on as they come by default, files included', async () => {
    const file = { data: 'aGk=', mimeType: 'text/plain', fileName: 'hi.txt' };
    const e = await callChild({}, [order({ id: 7, extra: true }, { data: file })]);
    expect(e.status).toBe('success');
    expect(e.nodes.call![0]!.output.main).toEqual([order({ id: 7, extra: true }, { data: file })]);
  });

  it('keeps only the declared fields, null for a missing one, and leaves files out', async () => {
    const fields = [
      { name: 'id', type: 'number' },
      { name: 'note', type: 'any' },
      { name: 'customer', type: 'string' },
    ];
    const file = { data: 'aGk=', mimeType: 'text/plain' };
    const e = await callChild({ inputSource: 'fields', fields }, [
      order({ id: 7, note: { pinned: true }, customer: 'Ada', secret: 'x' }, { data: file }),
      order({ id: 8, customer: null }),
    ]);
    expect(e.status).toBe('success');
    expect(e.nodes.call![0]!.output.main).toEqual([
      { json: { id: 7, note: { pinned: true }, customer: 'Ada' } },
      { json: { id: 8, note: null, customer: null } },
    ]);
  });

  it('gives empty items when no field is declared', async () => {
    const e = await callChild({ inputSource: 'fields' }, [order({ a: 1 }), order({ b: 2 })]);
    expect(e.nodes.call![0]!.output.main).toEqual([{ json: {} }, { json: {} }]);
  });

  it('fails on a value of another type, naming the item, the field and its type', async () => {
    const e = await callChild({ inputSource: 'fields', fields: [{ name: 'wait', type: 'number' }] }, [
      order({ wait: 5 }),
      order({ wait: '10' }),
    ]);
    expect(e.status).toBe('error');
    expect(e.error?.message).toContain(
      `Node 'Inputs': input item 1 field 'wait' must be a number, got the text "10" (parameter 'fields[0]'); turn on 'convertTypes' to convert it.`,
    );
  });

  it('converts values of another type as n8n does, with convertTypes', async () => {
    const fields = [
      { name: 'n', type: 'number' },
      { name: 'empty', type: 'number' },
      { name: 'yes', type: 'boolean' },
      { name: 'one', type: 'boolean' },
      { name: 'text', type: 'string' },
      { name: 'obj', type: 'string' },
      { name: 'list', type: 'array' },
      { name: 'quoted', type: 'array' },
      { name: 'map', type: 'object' },
    ];
    const e = await callChild({ inputSource: 'fields', fields, convertTypes: true }, [
      order({ n: '42.5', empty: '', yes: 'TRUE', one: '1', text: 12, obj: { a: 1 }, list: '[1,2]', quoted: "['a','b']", map: '{"k":"v"}' }),
    ]);
    expect(e.status).toBe('success');
    expect(e.nodes.call![0]!.output.main![0]!.json).toEqual({
      n: 42.5,
      empty: 0,
      yes: true,
      one: true,
      text: '12',
      obj: '{"a":1}',
      list: [1, 2],
      quoted: ['a', 'b'],
      map: { k: 'v' },
    });
  });

  it('still fails on a value that cannot be converted', async () => {
    const e = await callChild({ inputSource: 'fields', fields: [{ name: 'flag', type: 'boolean' }], convertTypes: true }, [
      order({ flag: 'maybe' }),
    ]);
    expect(e.status).toBe('error');
    expect(e.error?.message).toContain(`input item 0 field 'flag' must be a boolean, got the text "maybe" (parameter 'fields[0]').`);
  });

  it('keeps a value of another type as it came, with ignoreTypeErrors', async () => {
    const fields = [
      { name: 'n', type: 'number' },
      { name: 'tags', type: 'array' },
    ];
    const e = await callChild({ inputSource: 'fields', fields, ignoreTypeErrors: true }, [order({ n: 'ten', tags: 'a,b' })]);
    expect(e.status).toBe('success');
    expect(e.nodes.call![0]!.output.main).toEqual([{ json: { n: 'ten', tags: 'a,b' } }]);
  });

  it('gives the declared fields as null in a run of its own', async () => {
    const engine = createEngine();
    const workflow = buildWorkflow({
      nodes: [{ id: 'in', type: 'core.executeWorkflowTrigger', parameters: { inputSource: 'fields', fields: [{ name: 'dag_id' }] } }],
    });
    const e = await engine.run(workflow);
    expect(e.nodes.in![0]!.output.main).toEqual([{ json: { dag_id: null } }]);
  });
});
