import { defineNode, type NodeContext } from '@flowloom/engine';
import { z } from 'zod';
import { nodeError } from '../../kit/call.js';
import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { acuitySchedulingApiKey, API_BASE } from './acuity-scheduling-credentials.js';
import { acuitySchedulingInfo } from './acuity-scheduling-info.js';

export { acuitySchedulingApiKey };

/** A call as Acuity sends it: a form of `action`, the object's `id`, and for appointments its calendar and type. */
type AcuityCall = CallJson & { body?: Record<string, string | string[]> };

const base = defineTrigger({
  id: acuitySchedulingInfo.id,
  displayName: acuitySchedulingInfo.displayName,
  icon: acuitySchedulingInfo.icon,
  docsUrl: 'https://developers.acuityscheduling.com/docs/webhooks',
  credentials: [acuitySchedulingApiKey],
  events: {
    'appointment.scheduled': { displayName: 'Appointment scheduled', description: 'Once, when an appointment is booked.' },
    'appointment.rescheduled': { displayName: 'Appointment rescheduled', description: 'When an appointment moves to a new time.' },
    'appointment.canceled': { displayName: 'Appointment canceled' },
    'appointment.changed': { displayName: 'Appointment changed', description: 'When an appointment changes in any way.' },
    'order.completed': { displayName: 'Order completed' },
  },
  eventOf: (call: AcuityCall) => {
    const action = call.body?.['action'];
    return typeof action === 'string' ? action : undefined;
  },
});

const properties = (base.properties as z.ZodObject<z.ZodRawShape>).extend({
  resolveData: z.boolean().default(true).meta({
    label: 'Resolve data',
    description: 'Put out the whole appointment or order, asked of Acuity with the credential, instead of the call\u2019s IDs.',
  }),
});

/** The appointment or order a call names, from Acuity's API (`GET /appointments/{id}`, `GET /orders/{id}`). */
async function fetchObject(ctx: NodeContext, action: string, id: string): Promise<Record<string, unknown>> {
  const kind = action.split('.')[0];
  const url = `${API_BASE}/${kind}s/${encodeURIComponent(id)}`;
  const response = await ctx.authenticatedFetch(acuitySchedulingApiKey.name, url);
  const answer = (await response.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!response.ok || !answer) {
    const message = typeof answer?.['message'] === 'string' ? answer['message'] : response.statusText;
    throw nodeError(
      ctx,
      `Acuity answered ${response.status} to GET /${kind}s/${id}: ${message}`,
      'VENDOR_ERROR',
      undefined,
      response.status >= 500 || response.status === 429,
    );
  }
  return answer;
}

/**
 * Starts a workflow with each Acuity Scheduling webhook call of the chosen
 * events (`action`), signed with the account's API key. The item is the
 * appointment or order the call names, asked of Acuity's API with the same
 * credential; with Resolve data off, the call's fields as sent (`action`,
 * `id`, `calendarID`, `appointmentTypeID`).
 */
export const acuitySchedulingTrigger = defineNode({
  ...base,
  properties,
  async execute(ctx) {
    const out = [];
    for (const [i, item] of ctx.input().entries()) {
      const { resolveData } = ctx.params(i) as { resolveData: boolean };
      const body = (item.json as AcuityCall).body ?? {};
      const { action, id } = body;
      // Only a call names an object: a run without one puts out what it was given.
      const resolvable = resolveData && typeof action === 'string' && typeof id === 'string' && id !== '';
      out.push({ json: resolvable ? await fetchObject(ctx, action, id) : { ...body } });
    }
    return out;
  },
});
