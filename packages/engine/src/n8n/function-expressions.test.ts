import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CODE_LIMITS } from '../code-sandbox/code-limits.js';
import { createExpressionResolver } from '../expression/expression-resolver.js';
import { createNodeCodeSandbox } from '../node/node-code-sandbox.js';
import { makeExpressionScope } from '../testing/expression-scope.js';

/** n8n's values of expressions calling its extension functions and globals on one item (tools/n8n-goldens/functions.cjs). */
const file = JSON.parse(readFileSync(new URL('./goldens/function-expressions.json', import.meta.url), 'utf8')) as {
  now: string;
  item: Record<string, unknown>;
  goldens: { expression: string; n8n: { value: unknown } | { undefined: true } | { error: string } | { swallowed: string } }[];
};

const sandbox = createNodeCodeSandbox({ maxWorkers: 1 });
afterAll(() => sandbox.close());
const resolver = createExpressionResolver();

/** n8n picks a random element with a source of its own: only the kind of value is compared. */
const RANDOM = new Set(['$json.list.randomItem()']);

describe("n8n's extension functions and globals in Flowloom's JavaScript expressions, against n8n's values", () => {
  const item = { ...file.item, mixed: [1, null, '', 0, 'x', null, null] };
  const scope = {
    ...makeExpressionScope({ items: [{ json: item }], now: Date.parse(file.now), timezone: 'UTC' }),
    random: () => 0.5,
    sandbox: { port: sandbox, limits: DEFAULT_CODE_LIMITS },
  };

  it.each(file.goldens.map((g) => [g.expression, g] as const))('%s', async (expression, golden) => {
    let value: unknown;
    let failed: string | undefined;
    try {
      value = await resolver.evaluateTemplate(`{{js: ${expression} }}`, scope);
    } catch (error) {
      failed = (error as Error).message;
    }
    if ('error' in golden.n8n || 'swallowed' in golden.n8n) {
      expect(failed, `n8n fails: ${JSON.stringify(golden.n8n)}`).toBeDefined();
      return;
    }
    expect(failed).toBeUndefined();
    const expected = 'value' in golden.n8n ? golden.n8n.value : undefined;
    if (RANDOM.has(expression)) expect(typeof value).toBe(typeof expected);
    else expect(value === undefined ? undefined : JSON.parse(JSON.stringify(value))).toEqual(expected);
  });
});
