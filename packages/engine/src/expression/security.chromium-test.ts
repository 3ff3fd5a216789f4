// The expression security table in real Chromium, through the built engine as a page uses it: every row
// runs on the compiled path and ends in its safe outcome, and the page's built-in prototypes stay as they were.
// Run with @web/test-runner (see web-test-runner.config.mjs).
import { createExpressionResolver } from '@flowloom/engine';
import {
  EXPRESSION_SECURITY_BUDGETS,
  builtinPrototypeNames,
  expressionSecurityProblems,
  expressionSecurityRows,
} from '../testing/expression-security-rows.js';

// Mocha's globals, as @web/test-runner provides them.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;

function check(condition: unknown, message: string): void {
  if (!condition) throw new Error(message);
}

const resolver = createExpressionResolver({ budgets: EXPRESSION_SECURITY_BUDGETS });
const prototypesBefore = builtinPrototypeNames();

describe('expression security table, compiled (Chromium)', () => {
  for (const row of expressionSecurityRows) {
    it(`${row[0]}: ${row[1]}`, async () => {
      const problems = await expressionSecurityProblems(resolver, row);
      check(problems.length === 0, problems.join('; '));
    });
  }

  it('ran every row compiled, none on the interpreter', () => {
    const stats = resolver.stats();
    check(stats.interpreted === 0, `${stats.interpreted} fell back: ${JSON.stringify(stats.fallbacks)}`);
    check(stats.compiled > expressionSecurityRows.length / 2, `only ${stats.compiled} compiled`);
  });

  it('left the built-in prototypes as they were', () => {
    check(({} as Record<string, unknown>).polluted === undefined, 'Object.prototype was polluted');
    check(builtinPrototypeNames() === prototypesBefore, 'a built-in prototype changed');
  });
});
