import type { WebhookReply } from '@flowloom/engine';
import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { awsSnsTopic } from './aws-sns-credentials.js';
import { awsSnsInfo } from './aws-sns-info.js';

export { awsSnsTopic };

/** An SNS call's message: SNS posts JSON as text/plain, so the body arrives as text. */
function messageOf(call: CallJson): Record<string, unknown> {
  let body = call.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body) as unknown;
    } catch {
      return {};
    }
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

const CONFIRMED: WebhookReply = { status: 200, headers: { 'content-type': 'application/json' }, body: { ok: true } };

/**
 * Starts a workflow with each message published to an SNS topic, delivered
 * to the trigger's URL subscribed to it over HTTPS. Each call's signature is
 * checked with SNS's certificate, and its topic with the credential's. The
 * item is the SNS message (`Type`, `MessageId`, `TopicArn`, `Subject`,
 * `Message`, `Timestamp`...). The subscription's confirmation (which the
 * credential confirms) and unsubscription are answered without a run.
 */
export const awsSnsTrigger = defineTrigger({
  id: 'awsSns',
  displayName: 'AWS SNS',
  icon: awsSnsInfo.icon,
  docsUrl: awsSnsInfo.docsUrl,
  credentials: [awsSnsTopic],
  events: { Notification: { displayName: 'Message published to the topic' } },
  handshake: (call: CallJson) => {
    const type = messageOf(call)['Type'];
    return type === 'SubscriptionConfirmation' || type === 'UnsubscribeConfirmation' ? CONFIRMED : undefined;
  },
  eventOf: (call: CallJson) => {
    const type = messageOf(call)['Type'];
    return typeof type === 'string' ? type : undefined;
  },
  items: (call: CallJson) => [messageOf(call)],
});
