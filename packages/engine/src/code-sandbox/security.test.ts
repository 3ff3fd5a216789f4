import { afterAll, describe, expect, it } from 'vitest';
import { createEngine, defineNode, silentLogger } from '@flowloom/engine';
import { createNodeCodeSandbox } from '@flowloom/engine/node';
import { expressionCases, securityCases } from '../testing/security-cases.js';
import * as harness from '../testing/security-harness.js';

const sandbox = createNodeCodeSandbox();
afterAll(() => sandbox.close());
const engine = createEngine({
  codeSandbox: sandbox,
  logger: silentLogger,
  nodeTypes: [defineNode(harness.echoNodeDefinition)],
  limits: { code: { memoryMb: 64, outputMb: 16 } },
});

describe('Code node security table (Node)', () => {
  it('has at least 30 cases', () => {
    expect(securityCases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(securityCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expect(harness.codeCaseProblems(c, await harness.runCodeCase(engine, c))).toEqual([]);
  });
});

describe('expression security table (Node)', () => {
  it.each(expressionCases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    expect(harness.expressionCaseProblems(c, await harness.runExpressionCase(engine, c))).toEqual([]);
  });

  it("never evaluates the Code node's code as a template", async () => {
    const code = "const text = '{{ $json.secret }}'; return [{ text }];";
    const execution = await engine.run(engine.parseWorkflow(harness.codeCaseWorkflow(code)), { input: [{ json: { secret: 'leaked' } }] });
    expect(execution.nodes.c![0]!.output.main?.[0]?.json).toEqual({ text: '{{ $json.secret }}' });
  });
});
