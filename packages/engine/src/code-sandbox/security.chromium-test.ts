// The security table in real Chromium: the Code node's QuickJS sandbox in a
// module Web Worker, driven by the built engine as a page would use it.
// Run with @web/test-runner (see web-test-runner.config.mjs).
import { createEngine, createWebWorkerSandbox, defineNode, silentLogger } from '@flowloom/engine';
import { expressionCases, securityCases } from '../testing/security-cases.js';
import * as harness from '../testing/security-harness.js';

// Mocha's globals, as @web/test-runner provides them.
declare function describe(name: string, body: () => void): void;
declare function it(name: string, body: () => Promise<void> | void): void;
declare function after(body: () => Promise<unknown> | unknown): void;

const sandbox = createWebWorkerSandbox();
const engine = createEngine({ codeSandbox: sandbox, logger: silentLogger, nodeTypes: [defineNode(harness.echoNodeDefinition)] });

function check(condition: unknown, message: string): void {
  if (!condition) throw new Error(message);
}

function noProblems(problems: string[]): void {
  check(problems.length === 0, problems.join('; '));
}

describe('Code node security table (Chromium)', () => {
  after(() => sandbox.close());

  it('has at least 30 cases', () => {
    check(securityCases.length >= 30, `only ${securityCases.length} cases`);
  });

  for (const c of securityCases) {
    it(c.name, async () => {
      noProblems(harness.codeCaseProblems(c, await harness.runCodeCase(engine, c)));
    });
  }

  it('keeps the page responsive while a Code node spins', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    await engine.run(engine.parseWorkflow(harness.codeCaseWorkflow('for (;;) {}', { limits: { timeoutMs: 300 } })), {
      input: [{ json: {} }],
    });
    clearInterval(timer);
    check(ticks > 5, `the page's timers ran ${ticks} times during the run`);
  });
});

describe('expression security table (Chromium)', () => {
  for (const c of expressionCases) {
    it(c.name, async () => {
      noProblems(harness.expressionCaseProblems(c, await harness.runExpressionCase(engine, c)));
    });
  }
});
