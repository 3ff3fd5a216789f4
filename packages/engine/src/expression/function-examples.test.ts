import { describe, expect, test } from 'vitest';
import { getExpressionCompletions } from './completions.js';
import { createExpressionResolver } from './expression-resolver.js';
import { makeExpressionScope } from '../testing/expression-scope.js';

const resolver = createExpressionResolver({ allowEval: true });
const scope = makeExpressionScope({ now: Date.UTC(2024, 2, 31, 12, 0, 0) });
const functions = getExpressionCompletions().filter((c) => c.kind === 'function' && c.name !== '$node');

describe('every documented function runs its own example', () => {
  test.each(functions.filter((f) => f.result !== undefined).map((f) => [f.name, f.example, f.result!] as const))(
    '%s: %s gives %s',
    async (_name, example, result) => {
      expect(await resolver.evaluateTemplate(`{{ ${example} }}`, scope)).toEqual(JSON.parse(result));
    },
  );

  const varying = functions.filter((f) => f.result === undefined && !['$error', '$eval'].includes(f.name));
  test.each(varying.map((f) => [f.name, f.example] as const))('%s: %s runs', async (_name, example) => {
    await expect(Promise.resolve(resolver.evaluateTemplate(`{{ ${example} }}`, scope))).resolves.toBeDefined();
  });
});

describe('function metadata', () => {
  test('every function has a signature, a description, an example and a category', () => {
    for (const f of functions) {
      expect(f.signature.startsWith(f.name), f.name).toBe(true);
      expect(f.description.length, f.name).toBeGreaterThan(10);
      expect(f.example, f.name).toContain(f.name);
      expect(f.category, f.name).toBeTruthy();
    }
  });

  test('function names are unique', () => {
    const names = functions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
  });

  test('workflow nodes and variable keys become entries', () => {
    const entries = getExpressionCompletions({
      workflow: { nodes: [{ name: 'Fetch orders' }] as never },
      variables: ['apiBase', 'two words'],
    });
    expect(entries.map((e) => e.name)).toEqual(expect.arrayContaining(['$node("Fetch orders")', '$vars.apiBase', '$vars.`two words`']));
  });
});
