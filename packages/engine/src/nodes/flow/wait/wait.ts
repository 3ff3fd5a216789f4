import { z } from 'zod';
import { NodeExecutionError } from '../../../errors/node-execution.error.js';
import { defineNode } from '../../define-node.js';

const UNIT_MS = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
const unitSchema = z.enum(['seconds', 'minutes', 'hours', 'days']);

/**
 * Pauses the execution: for an interval, until a date and time, or until a
 * call to the execution's resume webhook. Short waits (about a minute) are
 * slept in place; longer ones store the execution as `waiting` and resume it
 * later, also in another engine instance over the same persistent storage.
 * The resume call is answered at once, or, with `responseMode:
 * 'responseNode'`, by the first Respond to Webhook node the resumed run
 * reaches, as a Webhook trigger's call is.
 */
export const wait = defineNode({
  type: 'core.wait',
  version: 1,
  displayName: 'Wait',
  description: 'Pauses the workflow for a time, until a date, or until a webhook call resumes it.',
  group: 'flow',
  icon: 'hourglass',
  inputs: ['main'],
  outputs: ['main'],
  properties: z
    .object({
      resume: z
        .enum(['timeInterval', 'specificTime', 'webhook'])
        .default('timeInterval')
        .meta({
          label: 'Resume',
          options: [
            { value: 'timeInterval', label: 'After a time interval' },
            { value: 'specificTime', label: 'At a date and time' },
            { value: 'webhook', label: 'On a webhook call' },
          ],
        }),
      amount: z
        .number()
        .min(0)
        .default(1)
        .meta({ label: 'Wait amount', displayOptions: { show: { resume: ['timeInterval'] } } }),
      unit: unitSchema.default('seconds').meta({ label: 'Unit', displayOptions: { show: { resume: ['timeInterval'] } } }),
      dateTime: z
        .string()
        .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date and time such as "2026-03-01T09:00:00Z"')
        .optional()
        .meta({ label: 'Date and time', placeholder: '2026-03-01T09:00:00Z', displayOptions: { show: { resume: ['specificTime'] } } }),
      httpMethod: z
        .enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE'])
        .default('POST')
        .meta({
          label: 'HTTP method',
          description: 'The resume call goes to <waiting path>/<execution id>.',
          displayOptions: { show: { resume: ['webhook'] } },
        }),
      responseMode: z
        .enum(['onReceived', 'responseNode'])
        .default('onReceived')
        .meta({
          label: 'Respond',
          noExpression: true,
          options: [
            { value: 'onReceived', label: 'Immediately', description: 'Answer the resume call at once.' },
            {
              value: 'responseNode',
              label: "Using 'Respond to Webhook' node",
              description: 'A Respond to Webhook node after this one answers the resume call.',
            },
          ],
          displayOptions: { show: { resume: ['webhook'] } },
        }),
      limitWaitTime: z
        .boolean()
        .default(false)
        .meta({ label: 'Limit wait time', displayOptions: { show: { resume: ['webhook'] } } }),
      limitAmount: z
        .number()
        .positive()
        .default(1)
        .meta({ label: 'Resume anyway after', displayOptions: { show: { resume: ['webhook'], limitWaitTime: [true] } } }),
      limitUnit: unitSchema
        .default('hours')
        .meta({ label: 'Unit', displayOptions: { show: { resume: ['webhook'], limitWaitTime: [true] } } }),
    })
    .superRefine((p, ctx) => {
      if (p.resume === 'specificTime' && p.dateTime === undefined) {
        ctx.addIssue({ code: 'custom', path: ['dateTime'], message: 'is required when resuming at a date and time' });
      }
    }),
  execute(ctx) {
    const items = ctx.input();
    const resumed = ctx.resumed;
    if (resumed) return resumed.reason === 'webhook' && resumed.item ? [resumed.item] : items;
    const p = ctx.params(0);
    const now = ctx.now();
    if (p.resume === 'timeInterval') {
      const ms = p.amount * UNIT_MS[p.unit];
      if (!Number.isFinite(ms)) {
        throw new NodeExecutionError(`Node '${ctx.node.name}': parameter 'amount' is too large.`, {
          code: 'PARAMETER_INVALID',
          retryable: false,
        });
      }
      ctx.suspend({ resumeAt: now + ms });
    } else if (p.resume === 'specificTime') {
      ctx.suspend({ resumeAt: Math.max(now, Date.parse(p.dateTime!)) });
    } else {
      ctx.suspend({
        webhook: { method: p.httpMethod },
        ...(p.limitWaitTime ? { resumeAt: now + p.limitAmount * UNIT_MS[p.limitUnit] } : {}),
      });
    }
    return items;
  },
});
