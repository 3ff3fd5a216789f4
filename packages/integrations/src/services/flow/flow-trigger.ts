import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { flowWebhookSecret } from './flow-credentials.js';
import { flowInfo } from './flow-info.js';

export { flowWebhookSecret };

/**
 * Starts a workflow with each call of a Flow integration webhook (one set on
 * a project or a task), sent to a URL that carries the credential's secret.
 * Flow names no event type in its calls: every call with a JSON object body
 * is a change, and the item is that body as sent.
 */
export const flowTrigger = defineTrigger({
  id: 'flow',
  displayName: 'Flow',
  icon: flowInfo.icon,
  docsUrl: 'https://www.getflow.com/',
  credentials: [flowWebhookSecret],
  events: { change: { displayName: 'Project or task changed', description: 'Any change of what the webhook watches.' } },
  eventOf: (call: CallJson) => {
    const body = call.body;
    return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length > 0 ? 'change' : undefined;
  },
});
