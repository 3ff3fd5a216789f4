// Customer.io's credential type: the signing key of its reporting webhooks.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** How far a call's timestamp may be from the engine's clock, against replays of a recorded call. */
const REPLAY_WINDOW_MS = 5 * 60 * 1000;

/**
 * The signing key of Customer.io's reporting webhooks, which checks that
 * calls come from Customer.io: `X-CIO-Signature` is the hex HMAC-SHA256 of
 * `v0:<X-CIO-Timestamp>:<raw body>`. A call whose timestamp is more than five
 * minutes from the engine's clock is refused too.
 */
export const customerIoWebhookSigningKey = defineCredentialType({
  name: 'customerIoWebhookSigningKey',
  displayName: 'Customer.io webhook signing key',
  documentationUrl: 'https://docs.customer.io/api/webhooks/',
  properties: z.object({
    signingKey: z.string().min(1).meta({
      label: 'Signing key',
      secret: true,
      description: 'The webhook signing key on the Reporting Webhooks page of the Customer.io workspace.',
    }),
  }),
  // The key only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call, now) {
    const timestamp = call.headers.get('x-cio-timestamp');
    const signature = call.headers.get('x-cio-signature');
    if (!timestamp || !signature) return 'it has no Customer.io signature';
    const seconds = Number(timestamp);
    if (!Number.isFinite(seconds) || Math.abs(now - seconds * 1000) > REPLAY_WINDOW_MS) {
      return 'its timestamp is outside the 5 minute window';
    }
    // The HMAC code loads with the first call to check, not with the catalog.
    const { concatBytes, constantTimeEqual, hmac, toHex } = await import('../../kit/signature.js');
    const expected = toHex(await hmac('SHA-256', data.signingKey, concatBytes(`v0:${timestamp}:`, call.body)));
    return constantTimeEqual(expected, signature.toLowerCase()) ? undefined : 'its Customer.io signature does not match';
  },
});
