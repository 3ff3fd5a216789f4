import { describe, expect, it } from 'vitest';
import { describeNodeType } from '../node-registry.js';
import { callNode, tryNode } from '../../testing/node-test-harness.js';
import { switchNode } from './switch.js';

const tickets = [
  { id: 1, priority: 'high', tag: 'bug' },
  { id: 2, priority: 'low', tag: 'bug' },
  { id: 3, priority: 'medium', tag: 'question' },
];
const rules = [
  { output: 'urgent', conditions: [{ field: 'priority', operator: 'string:equals', rightValue: 'high' }] },
  { output: 'bugs', conditions: [{ field: 'tag', operator: 'string:equals', rightValue: 'bug' }] },
];

describe('Switch', () => {
  it('computes its outputs from the rules, with the fallback last', () => {
    expect(switchNode.outputs).toBeTypeOf('function');
    const outputs = (switchNode.outputs as (p: Record<string, unknown>) => string[])({ rules: [...rules, {}], fallbackOutput: 'extra' });
    expect(outputs).toEqual(['urgent', 'bugs', 'output2', 'fallback']);
    expect((switchNode.outputs as (p: Record<string, unknown>) => string[])({ mode: 'expression', numberOutputs: 3 })).toEqual([
      'output0',
      'output1',
      'output2',
    ]);
  });

  it('sends each item to the first rule it passes and drops the rest', async () => {
    const { output } = await tryNode('core.switch', { rules }, tickets);
    expect(output.urgent?.map((i) => i.json.id)).toEqual([1]);
    expect(output.bugs?.map((i) => i.json.id)).toEqual([2]);
    expect(output.fallback).toBeUndefined();
  });

  it('sends items that pass no rule to the fallback output', async () => {
    const { output } = await tryNode('core.switch', { rules, fallbackOutput: 'extra' }, tickets);
    expect(output.fallback?.map((i) => i.json.id)).toEqual([3]);
  });

  it('sends an item to every matching output when asked', async () => {
    const { output } = await tryNode('core.switch', { rules, allMatchingOutputs: true }, tickets);
    expect(output.urgent?.map((i) => i.json.id)).toEqual([1]);
    expect(output.bugs?.map((i) => i.json.id)).toEqual([1, 2]);
  });

  it('routes by an output index in expression mode, and names the parameter when it is out of range', async () => {
    const out = await callNode(switchNode, { mode: 'expression', numberOutputs: 2, outputIndex: 1 }, { main: [{ json: {} }] });
    expect(out.output1).toHaveLength(1);
    await expect(callNode(switchNode, { mode: 'expression', numberOutputs: 2, outputIndex: 5 }, { main: [{ json: {} }] })).rejects.toThrow(
      /parameter 'outputIndex' is 5, but the node has only 2 outputs/,
    );
  });

  it('refuses two rules with the same output name, naming the rule', async () => {
    await expect(
      tryNode(
        'core.switch',
        {
          rules: [
            { output: 'a', conditions: [] },
            { output: 'a', conditions: [] },
          ],
        },
        tickets,
      ),
    ).rejects.toThrow(/parameter 'rules\.1\.output' output name 'a' is used twice/);
  });

  it('refuses a rule output that is not a port name', async () => {
    await expect(tryNode('core.switch', { rules: [{ output: '1st place', conditions: [] }] }, tickets)).rejects.toThrow(/rules\.0\.output/);
  });

  it('describes a form for the editor', () => {
    const d = describeNodeType(switchNode);
    expect(JSON.stringify(d.properties)).toContain('Send to All Matching Outputs');
  });

  it('outputs empty lists for empty input', async () => {
    expect(await callNode(switchNode, { rules }, { main: [] })).toEqual({ urgent: [], bugs: [] });
  });
});
