// Amazon SNS's credential type for its HTTPS subscriptions: the topic whose messages a trigger takes.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';
import type { SnsMessage } from './sns-signature.js';

/**
 * The SNS topic a trigger's subscription is to. Each call's signature is
 * checked with the certificate SNS names in it (fetched from
 * `sns.<region>.amazonaws.com` over HTTPS), and the call must be of this
 * topic: SNS signs the messages of every topic alike. A subscription
 * confirmation of this topic that verifies is confirmed at once, by
 * visiting its SubscribeURL.
 */
export const awsSnsTopic = defineCredentialType({
  name: 'awsSnsTopic',
  displayName: 'AWS SNS topic',
  documentationUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-verify-signature-of-message.html',
  properties: z.object({
    topicArn: z
      .string()
      .trim()
      .regex(/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+(\.fifo)?$/, 'must be a topic ARN such as arn:aws:sns:us-east-1:123456789012:orders')
      .meta({ label: 'Topic ARN', placeholder: 'arn:aws:sns:us-east-1:123456789012:orders' }),
  }),
  // Nothing is signed with it: it names what incoming calls must be.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: ['*.amazonaws.com', '*.amazonaws.com.cn'],
  async verifyWebhook(data, call, _now, fetch) {
    const { SNS_HOST, verifySnsSignature } = await import('./sns-signature.js');
    let message: SnsMessage;
    try {
      message = JSON.parse(new TextDecoder().decode(call.body)) as SnsMessage;
    } catch {
      return 'its body is not an SNS message';
    }
    if (typeof message !== 'object' || message === null) return 'its body is not an SNS message';
    if (message.TopicArn !== data.topicArn) return `it is not of the topic ${data.topicArn}`;
    const refused = await verifySnsSignature(message, fetch);
    if (refused || message.Type !== 'SubscriptionConfirmation') return refused;
    // Visiting the signed SubscribeURL confirms the subscription, as SNS's guide says.
    const subscribe =
      typeof message.SubscribeURL === 'string' && URL.canParse(message.SubscribeURL) ? new URL(message.SubscribeURL) : undefined;
    if (!subscribe || subscribe.protocol !== 'https:' || !SNS_HOST.test(subscribe.hostname))
      return 'its SubscribeURL is not Amazon SNS\u2019s';
    const confirmed = await fetch(subscribe.href);
    return confirmed.ok ? undefined : `Amazon SNS did not confirm the subscription (HTTP ${confirmed.status})`;
  },
});
