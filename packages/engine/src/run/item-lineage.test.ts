import { afterAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../node/create-node-engine.js';
import { silentLogger } from '../ports/logger.js';
import { trialWorkflow } from '../testing/node-test-harness.js';

// JavaScript expressions run in the code sandbox, which Node's engine brings.
const engine = createNodeEngine({ logger: silentLogger });
afterAll(() => engine.close());

const people = [
  { json: { name: 'Ada', keep: false, tags: ['a'] } },
  { json: { name: 'Bob', keep: true, tags: ['b1', 'b2'] } },
  { json: { name: 'Cy', keep: true, tags: ['c'] } },
];

/**
 * Edit Fields makes new items, a Filter drops Ada, a Split Out makes one item
 * per tag: the items reaching `read` are at other indexes than those of
 * `source` they come from. n8n's paired items follow each back: Bob's two tags
 * read Bob, Cy's reads Cy (by position they would read Ada, Bob, Cy).
 */
function chain(read: Record<string, unknown>) {
  return trialWorkflow(
    [
      ['start', 'core.manualTrigger'],
      ['source', 'core.set', { fields: [{ name: 'seen', type: 'boolean', value: true }] }],
      ['kept', 'core.filter', { conditions: [{ field: 'keep', operator: 'boolean:true' }] }],
      ['split', 'core.splitOut', { fieldToSplitOut: 'tags' }],
      ['read', 'core.set', read],
    ],
    [
      ['start', 'source'],
      ['source', 'kept'],
      ['kept', 'split'],
      ['split', 'read'],
    ],
  );
}

async function namesRead(read: Record<string, unknown>): Promise<unknown[]> {
  const execution = await engine.run(chain(read), { input: people });
  expect(execution.status, execution.error?.message).toBe('success');
  return execution.nodes.read![0]!.output.main!.map((i) => i.json.from);
}

describe('item lineage: the item of an earlier node that the current item comes from', () => {
  it("$('X').item in a JavaScript expression follows each item back through a Filter and a Split Out", async () => {
    expect(await namesRead({ fields: [{ name: 'from', type: 'string', value: "{{js: $('source').item.json.name }}" }] })).toEqual([
      'Bob',
      'Bob',
      'Cy',
    ]);
  });

  it("$('X').itemMatching(i) gives the ancestor of input item i", async () => {
    // Input item 0 is Bob's first tag (Ada was filtered out): by position it would be Ada.
    const value = "{{js: $('source').itemMatching(0).json.name }}";
    expect(await namesRead({ fields: [{ name: 'from', type: 'string', value }] })).toEqual(['Bob', 'Bob', 'Bob']);
  });

  it('$node("X").json in a Flowloom expression follows the same lineage', async () => {
    expect(await namesRead({ fields: [{ name: 'from', type: 'string', value: '{{ $node("source").json.name }}' }] })).toEqual([
      'Bob',
      'Bob',
      'Cy',
    ]);
  });

  it("$('X').item and .itemMatching(i) in a Code node follow the same lineage", async () => {
    const each = { mode: 'eachItem', code: "return { json: { from: $('source').item.json.name } };" };
    const all = {
      mode: 'allItems',
      code: "return $input.all().map((_, i) => ({ json: { from: $('source').itemMatching(i).json.name } }));",
    };
    for (const parameters of [each, all]) {
      const withCode = chain({});
      const read = withCode.nodes.find((n) => n.id === 'read')!;
      Object.assign(read, { type: 'core.code', parameters });
      const run = await engine.run(withCode, { input: people });
      expect(run.status, run.error?.message).toBe('success');
      expect(run.nodes.read![0]!.output.main!.map((i) => i.json.from)).toEqual(['Bob', 'Bob', 'Cy']);
    }
  });

  it('reads the loop output of a Loop Over Items, which is not its first output', async () => {
    const workflow = trialWorkflow(
      [
        ['start', 'core.manualTrigger'],
        ['loop', 'core.splitInBatches', { batchSize: 1 }],
        ['made', 'core.set', { mode: 'json', json: { made: true } }],
        ['read', 'core.set', { fields: [{ name: 'from', type: 'string', value: "{{js: $('loop').item.json.name }}" }] }],
      ],
      [
        ['start', 'loop'],
        ['loop:loop', 'made'],
        ['made', 'read'],
        ['read', 'loop'],
      ],
    );
    const execution = await engine.run(workflow, { input: people });
    expect(execution.status, execution.error?.message).toBe('success');
    expect(execution.nodes.read!.map((run) => run.output.main![0]!.json.from)).toEqual(['Ada', 'Bob', 'Cy']);
  });
});
