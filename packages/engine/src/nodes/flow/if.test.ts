import { describe, expect, it } from 'vitest';
import { WorkflowValidationError } from '../../errors/workflow-validation.error.js';
import { callNode, tryNode } from '../../testing/node-test-harness.js';
import { ifNode } from './if.js';

const orders = [{ total: 120 }, { total: 30 }, { total: 75 }];

describe('If', () => {
  it('routes items that pass to true and the rest to false', async () => {
    const { output } = await tryNode('core.if', { conditions: [{ field: 'total', operator: 'number:gt', rightValue: 50 }] }, orders);
    expect(output.true?.map((i) => i.json.total)).toEqual([120, 75]);
    expect(output.false?.map((i) => i.json.total)).toEqual([30]);
  });

  it('passes the input items on unchanged', async () => {
    const input = [{ json: { total: 1 } }];
    const out = await callNode(ifNode, { conditions: [{ field: 'total', operator: 'number:equals', rightValue: 1 }] }, { main: input });
    expect(out.true?.[0]).toBe(input[0]);
  });

  it('combines conditions with OR and ignores case when asked', async () => {
    const { output } = await tryNode(
      'core.if',
      {
        combinator: 'or',
        ignoreCase: true,
        conditions: [
          { field: 'name', operator: 'string:equals', rightValue: 'ADA' },
          { field: 'total', operator: 'number:lt', rightValue: 10 },
        ],
      },
      [
        { name: 'ada', total: 50 },
        { name: 'bob', total: 5 },
        { name: 'cy', total: 50 },
      ],
    );
    expect(output.true?.map((i) => i.json.name)).toEqual(['ada', 'bob']);
  });

  it('fails the run with an error naming the parameter when a field holds the wrong type', async () => {
    const { execution, error } = await tryNode('core.if', { conditions: [{ field: 'total', operator: 'number:gt', rightValue: 50 }] }, [
      { total: 'many' },
    ]);
    expect(execution.status).toBe('error');
    expect(error?.message).toMatch(/Node 'Node': parameter 'conditions\[0\]\.field' holds the text "many", which is not a number/);
    expect(error?.code).toBe('PARAMETER_INVALID');
  });

  it('refuses an unknown operator before running, naming the parameter', async () => {
    await expect(tryNode('core.if', { conditions: [{ field: 'x', operator: 'number:bigger' }] }, [{}])).rejects.toThrow(
      WorkflowValidationError,
    );
    await expect(tryNode('core.if', { conditions: [{ field: 'x', operator: 'number:bigger' }] }, [{}])).rejects.toThrow(
      /parameter 'conditions\.0\.operator'/,
    );
  });

  it('outputs nothing on either port for empty input', async () => {
    expect(await callNode(ifNode, {}, { main: [] })).toEqual({ true: [], false: [] });
  });
});
