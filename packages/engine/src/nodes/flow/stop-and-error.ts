import { z } from 'zod';
import { NodeExecutionError } from '../../errors/node-execution.error.js';
import { defineNode } from '../define-node.js';

/** Fails the run on purpose, with a message or an error object of the workflow's choosing. */
export const stopAndErrorNode = defineNode({
  type: 'core.stopAndError',
  version: 1,
  displayName: 'Stop and Error',
  description: 'Stops the workflow with an error when items reach it, so the execution is marked failed (and the error workflow runs).',
  group: 'flow',
  icon: 'octagon-alert',
  inputs: ['main'],
  outputs: [],
  properties: z.object({
    errorType: z
      .enum(['message', 'object'])
      .default('message')
      .meta({
        label: 'Error Type',
        options: [
          { value: 'message', label: 'Error Message' },
          {
            value: 'object',
            label: 'Error Object',
            description: 'A JSON object recorded as the error details; its "message" field becomes the message.',
          },
        ],
      }),
    message: z
      .string()
      .default('The workflow stopped with an error.')
      .meta({ label: 'Error Message', displayOptions: { show: { errorType: ['message'] } } }),
    errorObject: z
      .record(z.string(), z.unknown())
      .default({})
      .meta({ label: 'Error Object', editor: 'json', displayOptions: { show: { errorType: ['object'] } } }),
  }),
  execute(ctx) {
    const p = ctx.params(0);
    if (p.errorType === 'object') {
      const m = p.errorObject.message ?? p.errorObject.description;
      const message = typeof m === 'string' && m !== '' ? m : JSON.stringify(p.errorObject);
      throw new NodeExecutionError(message, { code: 'STOPPED_BY_WORKFLOW', retryable: false, details: p.errorObject });
    }
    throw new NodeExecutionError(p.message, { code: 'STOPPED_BY_WORKFLOW', retryable: false });
  },
});
