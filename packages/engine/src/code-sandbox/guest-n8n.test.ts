import { afterAll, describe, expect, it } from 'vitest';
import { createNodeEngine } from '../node/create-node-engine.js';
import { silentLogger } from '../ports/logger.js';
import { buildWorkflow } from '../testing/build-workflow.js';

const engine = createNodeEngine({ logger: silentLogger });
afterAll(() => engine.close());

/** Start (one item, pinned) -> Split Out of its list -> Edit Fields reading `$('Start').item` for each element. */
function pairing(expression: string) {
  return buildWorkflow({
    nodes: [
      { id: 'start', name: 'Start', type: 'core.manualTrigger' },
      { id: 'split', name: 'Split', type: 'core.splitOut', parameters: { fieldToSplitOut: 'photos', destinationField: 'photo' } },
      {
        id: 'set',
        name: 'Post',
        type: 'core.set',
        parameters: { fields: [{ name: 'token', type: 'string', value: expression }], include: 'all' },
      },
    ],
    connections: [
      ['start', 'split'],
      ['split', 'set'],
    ],
    pinData: { start: [{ json: { token: 'session-1', photos: ['a.png', 'b.png', 'c.png'] } }] },
  });
}

describe("n8n's paired item in JavaScript expressions", () => {
  it("pairs every item with a node's only item, as each descends from it in n8n", async () => {
    const execution = await engine.run(pairing("{{js: $('Start').item.json.token }}"));
    expect(execution.status, JSON.stringify(execution.error)).toBe('success');
    expect(execution.nodes.set?.[0]?.output.main?.map((i) => i.json)).toEqual(
      ['a.png', 'b.png', 'c.png'].map((photo) => ({ photo, token: 'session-1' })),
    );
  });
});
