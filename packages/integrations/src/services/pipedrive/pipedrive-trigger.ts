import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { pipedriveInfo } from './pipedrive-info.js';
import { pipedriveWebhookAuth } from './pipedrive-credentials.js';

export { pipedriveWebhookAuth };

/** A webhook call's body: v2 (`meta.action`, `meta.entity`, `data`) or v1 (`meta.action`, `meta.object`, `current`). */
interface PipedriveCall extends CallJson {
  body?: {
    meta?: { action?: string; entity?: string; object?: string };
    data?: unknown;
    current?: unknown;
    previous?: unknown;
  };
}

/** Webhooks v1 named actions in the past tense. */
const V1_ACTIONS: Record<string, string> = { added: 'create', updated: 'change', deleted: 'delete', merged: 'change' };

const ENTITIES = { deal: 'Deal', person: 'Person', organization: 'Organization', activity: 'Activity', note: 'Note', product: 'Product' };
const events: Record<string, { displayName: string }> = {};
for (const [entity, label] of Object.entries(ENTITIES)) {
  events[`create.${entity}`] = { displayName: `${label} created` };
  events[`change.${entity}`] = { displayName: `${label} changed` };
  events[`delete.${entity}`] = { displayName: `${label} deleted` };
}

/** Starts a workflow on Pipedrive webhook events, refusing calls without the webhook's HTTP Basic credentials. */
export const pipedriveTrigger = defineTrigger({
  id: 'pipedrive',
  displayName: 'Pipedrive',
  icon: pipedriveInfo.icon,
  docsUrl: 'https://pipedrive.readme.io/docs/guide-for-webhooks-v2',
  credentials: [pipedriveWebhookAuth],
  events,
  eventOf: (call: PipedriveCall) => {
    const meta = call.body?.meta;
    if (!meta?.action) return undefined;
    const action = V1_ACTIONS[meta.action] ?? meta.action;
    return `${action}.${meta.entity ?? meta.object ?? ''}`;
  },
  items: (call: PipedriveCall) => {
    const body = call.body ?? {};
    const meta = body.meta ?? {};
    return [
      {
        event: `${V1_ACTIONS[meta.action ?? ''] ?? meta.action}.${meta.entity ?? meta.object}`,
        data: body.data ?? body.current ?? null,
        previous: body.previous ?? null,
        meta,
      },
    ];
  },
});
