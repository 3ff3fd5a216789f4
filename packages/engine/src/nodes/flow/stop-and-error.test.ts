import { describe, expect, it } from 'vitest';
import { tryNode } from '../../testing/node-test-harness.js';

describe('Stop and Error', () => {
  it('fails the execution with the message given', async () => {
    const { execution } = await tryNode('core.stopAndError', { message: 'Order total is negative' }, [{}], { name: 'Guard' });
    expect(execution.status).toBe('error');
    expect(execution.error?.message).toBe("Node 'Guard' failed: Order total is negative");
    expect(execution.error?.code).toBe('STOPPED_BY_WORKFLOW');
  });

  it('records an error object as details, using its message', async () => {
    const { execution } = await tryNode('core.stopAndError', { errorType: 'object', errorObject: { message: 'Bad', status: 422 } }, [{}]);
    expect(execution.error?.message).toMatch(/Bad/);
    expect(execution.error?.details).toEqual({ message: 'Bad', status: 422 });
  });

  it('refuses an error object that is not an object, naming the parameter', async () => {
    await expect(tryNode('core.stopAndError', { errorType: 'object', errorObject: 'oops' }, [{}])).rejects.toThrow(
      /parameter 'errorObject'/,
    );
  });
});
