import { describe, expect, it } from 'vitest';
import { FlowloomError } from './flowloom.error.js';
import { NodeExecutionError, serializeError } from './node-execution.error.js';
import { WorkflowValidationError } from './workflow-validation.error.js';

describe('error classes', () => {
  it('keeps instanceof working for each class in the tree', () => {
    const error = new NodeExecutionError('boom', { retryable: false });
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect(error).toBeInstanceOf(FlowloomError);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(WorkflowValidationError);
    expect(new FlowloomError('X', 'x')).not.toBeInstanceOf(NodeExecutionError);
  });

  it('recognises errors made by another copy of the library', async () => {
    // The built bundle is a second, separate copy of these classes.
    const other = (await import('../../dist/index.js')) as unknown as typeof import('../index.js');
    const foreign = new other.NodeExecutionError('from the other copy');
    expect(other.NodeExecutionError).not.toBe(NodeExecutionError);
    expect(foreign).toBeInstanceOf(NodeExecutionError);
    expect(foreign).toBeInstanceOf(FlowloomError);
    expect(new WorkflowValidationError([])).toBeInstanceOf(other.FlowloomError);
    expect(new WorkflowValidationError([])).not.toBeInstanceOf(other.NodeExecutionError);
  });

  it('keeps instanceof for host subclasses that declare no kind of their own', () => {
    class QuotaError extends NodeExecutionError {}
    expect(new QuotaError('over quota')).toBeInstanceOf(NodeExecutionError);
  });

  it('serializes anything thrown into a readable record', () => {
    expect(serializeError(new TypeError('bad'), { id: 'n', name: 'N' })).toEqual({
      name: 'TypeError',
      code: 'NODE_FAILED',
      message: 'bad',
      node: { id: 'n', name: 'N' },
    });
    expect(serializeError({ reason: 'x' })).toMatchObject({ message: 'Non-error value thrown: {"reason":"x"}' });
    expect(serializeError(new NodeExecutionError('e', { code: 'HTTP_401', details: { status: 401 } }))).toEqual({
      name: 'NodeExecutionError',
      code: 'HTTP_401',
      message: 'e',
      details: { status: 401 },
    });
  });
});
