import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { netlifyWebhookSecret } from './netlify-credentials.js';
import { netlifyInfo } from './netlify-info.js';

export { netlifyWebhookSecret };

/** Netlify's notification events, by the names its API gives them. */
const events: Record<string, string> = {
  deploy_building: 'Deploy started',
  deploy_created: 'Deploy succeeded',
  deploy_failed: 'Deploy failed',
  deploy_locked: 'Deploy locked',
  deploy_unlocked: 'Deploy unlocked',
  submission_created: 'Form submitted',
};

/** The deploy states that tell a deploy event when a call names none. */
const BY_STATE: Record<string, string> = { building: 'deploy_building', ready: 'deploy_created', error: 'deploy_failed' };

/**
 * The event a call is for: the `X-Netlify-Event` header Netlify sends, else
 * what the payload is (a form submission, or a deploy in the state the event
 * leaves it in).
 */
function eventOf(call: CallJson): string | undefined {
  const named = call.headers?.['x-netlify-event'];
  if (named) return named;
  const body = (typeof call.body === 'object' && call.body !== null ? call.body : {}) as Record<string, unknown>;
  if (typeof body['form_id'] === 'string') return 'submission_created';
  return typeof body['state'] === 'string' ? BY_STATE[body['state']] : undefined;
}

/**
 * Starts a workflow with each call of a Netlify outgoing webhook for the
 * chosen events, signed with the webhook's JWS secret token. The item is the
 * deploy or the form submission the call carries.
 */
export const netlifyTrigger = defineTrigger({
  id: 'netlify',
  displayName: 'Netlify',
  icon: netlifyInfo.icon,
  docsUrl: netlifyInfo.docsUrl,
  credentials: [netlifyWebhookSecret],
  events: Object.fromEntries(Object.entries(events).map(([name, displayName]) => [name, { displayName }])),
  eventOf,
});
