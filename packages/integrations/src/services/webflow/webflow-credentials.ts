// Webflow's credential type for its webhooks: the secret that signs each call.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** How far a call's timestamp may be from now: Webflow's docs treat an older call as a replay. */
const TOLERANCE_MS = 5 * 60_000;

/**
 * The secret Webflow signs webhook calls with: the client secret of the
 * OAuth app the webhook was created with (or the webhook's own signing
 * secret). `X-Webflow-Signature` is the hex HMAC-SHA256 of
 * `<X-Webflow-Timestamp>:<raw body>`; a call more than five minutes away
 * from now is refused as a replay.
 */
export const webflowWebhookSecret = defineCredentialType({
  name: 'webflowWebhookSecret',
  displayName: 'Webflow webhook secret',
  documentationUrl: 'https://developers.webflow.com/data/docs/working-with-webhooks',
  properties: z.object({
    secret: z.string().min(1).meta({
      label: 'Secret',
      secret: true,
      description: 'The client secret of the Webflow app that created the webhook, or the webhook\u2019s signing secret.',
    }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(d, call, now) {
    const signature = call.headers.get('x-webflow-signature');
    const timestamp = call.headers.get('x-webflow-timestamp');
    if (!signature || !timestamp) return 'it has no Webflow signature and timestamp';
    if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > TOLERANCE_MS) {
      return 'its Webflow timestamp is more than five minutes from now';
    }
    const { concatBytes, constantTimeEqual, hmac, toHex } = await import('../../kit/signature.js');
    return constantTimeEqual(toHex(await hmac('SHA-256', d.secret, concatBytes(`${timestamp}:`, call.body))), signature)
      ? undefined
      : 'its Webflow signature does not match';
  },
});
