import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { keapWebhookSecret } from './keap-credentials.js';
import { keapInfo } from './keap-info.js';

export { keapWebhookSecret };

/** The objects Keap's REST hooks report on, and what happens to them. */
const OBJECTS: Record<string, { label: string; actions: string[] }> = {
  contact: { label: 'Contact', actions: ['add', 'edit', 'delete', 'redact'] },
  contactGroup: { label: 'Tag', actions: ['add', 'edit', 'delete', 'applied', 'removed'] },
  company: { label: 'Company', actions: ['add', 'edit', 'delete'] },
  appointment: { label: 'Appointment', actions: ['add', 'edit', 'delete'] },
  invoice: { label: 'Invoice', actions: ['add', 'edit', 'delete'] },
  'invoice.payment': { label: 'Invoice payment', actions: ['add', 'edit', 'delete'] },
  leadsource: { label: 'Lead source', actions: ['add', 'edit', 'delete'] },
  note: { label: 'Note', actions: ['add', 'edit', 'delete'] },
  opportunity: { label: 'Opportunity', actions: ['add', 'edit', 'delete', 'stage_move'] },
  order: { label: 'Order', actions: ['add', 'edit', 'delete'] },
  product: { label: 'Product', actions: ['add', 'edit', 'delete'] },
  subscription: { label: 'Subscription', actions: ['add', 'edit', 'delete'] },
  task: { label: 'Task', actions: ['add', 'edit', 'delete'] },
  affiliate: { label: 'Affiliate', actions: ['add', 'edit', 'delete'] },
};

interface KeapCall extends CallJson {
  body?: { event_key?: unknown; object_type?: unknown; object_keys?: unknown };
}

/**
 * Starts a workflow on Keap REST hook events of the chosen keys
 * (`event_key` of the JSON body, such as `contact.add`). Keap batches an
 * event's objects in one call: each object becomes an item (`eventKey`,
 * `objectType`, `id`, `timestamp`, `apiUrl`), whose record the Keap API
 * gives at `apiUrl`. The verification request Keap sends when the
 * subscription is made (an `X-Hook-Secret` header) is answered by echoing the
 * header, without a run. The hook URL carries the credential's secret.
 */
export const keapTrigger = defineTrigger({
  id: 'keap',
  displayName: 'Keap',
  icon: keapInfo.icon,
  docsUrl: keapInfo.docsUrl,
  credentials: [keapWebhookSecret],
  events: Object.fromEntries(
    Object.entries(OBJECTS).flatMap(([object, { label, actions }]) =>
      actions.map((action) => [`${object}.${action}`, { displayName: `${label} ${action.replace('_', ' ')}` }]),
    ),
  ),
  handshake: (call: KeapCall) => {
    const secret = call.headers?.['x-hook-secret'];
    return secret === undefined ? undefined : { status: 200, headers: { 'x-hook-secret': secret }, body: { ok: true } };
  },
  eventOf: (call: KeapCall) => (typeof call.body?.event_key === 'string' ? call.body.event_key : undefined),
  items: (call: KeapCall) => {
    const { event_key: eventKey, object_type: objectType, object_keys: keys } = call.body ?? {};
    return (Array.isArray(keys) ? (keys as Record<string, unknown>[]) : []).map((key) => ({
      eventKey,
      objectType,
      id: key.id,
      timestamp: key.timestamp,
      apiUrl: key.apiUrl,
    }));
  },
});
