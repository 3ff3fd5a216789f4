import { afterAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { parseWorkflow } from '../../model/parse-workflow.js';
import { createNodeEngine } from '../../node/create-node-engine.js';
import { defineNode } from '../../nodes/define-node.js';
import { silentLogger } from '../../ports/logger.js';
import { buildWorkflow } from '../../testing/build-workflow.js';

// JavaScript expressions have no URL class, as n8n's have none (its recorded evaluator answers "URL is not a
// constructor" for `new URL(...)` in an expression; see the corpus goldens). Code nodes have URL and
// URLSearchParams (code-sandbox/guest-url.test.ts).

/** Outputs, for each input item, the parameters resolved for it. */
const echo = defineNode({
  type: 'test.echoUrl',
  version: 1,
  displayName: 'Echo parameters',
  description: 'Test helper: outputs its resolved parameters per item.',
  group: 'utility',
  inputs: ['main'],
  outputs: ['main'],
  properties: z.object({ value: z.unknown().optional() }),
  execute: (ctx) => ctx.input().map((_item, i) => ({ json: { ...ctx.params(i) } })),
});

const engine = createNodeEngine({ nodeTypes: [echo], logger: silentLogger });
afterAll(() => engine.close());

function workflow(value: string) {
  return parseWorkflow(
    buildWorkflow({
      nodes: [
        { id: 't', name: 'Start', type: 'core.manualTrigger' },
        { id: 'p', name: 'Echo', type: 'test.echoUrl', parameters: { value } },
      ],
      connections: [['t', 'p']],
      pinData: { t: [{ json: { url: 'https://shop.example.com/p?a=1' } }] },
    }),
    { nodeTypes: engine.nodeTypes },
  );
}

describe('URL in JavaScript expressions', () => {
  test('is not defined, as in n8n: the node fails, naming the node, the parameter and the expression', async () => {
    for (const expression of ['{{js: (new URL($json.url)).host }}', '{{js: new URLSearchParams("a=1").get("a") }}']) {
      const execution = await engine.run(workflow(expression));
      expect(execution.status).toBe('error');
      expect(execution.error?.message).toContain("Node 'Echo': parameter 'value'");
      expect(execution.error?.message).toMatch(/'URL(SearchParams)?' is not defined/);
      expect(execution.error?.message).toContain(expression);
    }
  });
});
