import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { affinityWebhookSecret } from './affinity-credentials.js';
import { affinityInfo } from './affinity-info.js';

export { affinityWebhookSecret };

/** What Affinity posts to check a webhook URL when the subscription is created. */
const SAMPLE = 'sample.webhook';

const events: Record<string, string> = {
  'list.created': 'List created',
  'list.updated': 'List updated',
  'list.deleted': 'List deleted',
  'list_entry.created': 'List entry created',
  'list_entry.deleted': 'List entry deleted',
  'person.created': 'Person created',
  'person.updated': 'Person updated',
  'person.deleted': 'Person deleted',
  'organization.created': 'Organization created',
  'organization.updated': 'Organization updated',
  'organization.deleted': 'Organization deleted',
  'organization.merged': 'Organizations merged',
  'opportunity.created': 'Opportunity created',
  'opportunity.updated': 'Opportunity updated',
  'opportunity.deleted': 'Opportunity deleted',
  'note.created': 'Note created',
  'note.updated': 'Note updated',
  'note.deleted': 'Note deleted',
  'field.created': 'Field created',
  'field.updated': 'Field updated',
  'field.deleted': 'Field deleted',
  'field_value.created': 'Field value created',
  'field_value.updated': 'Field value updated',
  'field_value.deleted': 'Field value deleted',
  'file.created': 'File created',
  'file.deleted': 'File deleted',
};

/** An Affinity webhook call's body: `{ type, body, sent_at }`. */
const payload = (call: CallJson): Record<string, unknown> =>
  typeof call.body === 'object' && call.body !== null && !Array.isArray(call.body) ? (call.body as Record<string, unknown>) : {};

const typeOf = (call: CallJson): string | undefined => {
  const type = payload(call)['type'];
  return typeof type === 'string' ? type : undefined;
};

/**
 * Starts a workflow with each Affinity webhook call of the chosen events
 * (the body's `type`) whose URL carries the credential's secret. The item is
 * the list, person, organization, note... the call carries, with the event's
 * `type`. The sample call Affinity sends when the subscription is created is
 * answered without a run.
 */
export const affinityTrigger = defineTrigger({
  id: 'affinity',
  displayName: 'Affinity',
  icon: affinityInfo.icon,
  docsUrl: 'https://api-docs.affinity.co/#webhooks',
  credentials: [affinityWebhookSecret],
  events: Object.fromEntries(Object.entries(events).map(([name, displayName]) => [name, { displayName }])),
  handshake: (call: CallJson) => (typeOf(call) === SAMPLE ? { status: 200, headers: {}, body: { ok: true } } : undefined),
  eventOf: typeOf,
  items: (call: CallJson) => {
    const { type, body } = payload(call);
    const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    return [{ ...record, type }];
  },
});
