// Box's credential type for its webhooks: the app's two signature keys.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** How old a call may be: Box's docs treat an older delivery as a replay. */
const MAX_AGE_MS = 10 * 60_000;

/**
 * A Box app's webhook signature keys. Box signs each call twice, once with
 * each key (`Box-Signature-Primary`, `Box-Signature-Secondary`): the base64
 * HMAC-SHA256 of the raw body followed by `Box-Delivery-Timestamp`. A call
 * passes when either signature matches its key (so keys can be rotated one at
 * a time) and was sent less than ten minutes ago.
 */
export const boxWebhookKeys = defineCredentialType({
  name: 'boxWebhookKeys',
  displayName: 'Box webhook signature keys',
  documentationUrl: 'https://developer.box.com/guides/webhooks/v2/signatures-v2/',
  properties: z.object({
    primaryKey: z.string().min(1).meta({
      label: 'Primary key',
      secret: true,
      description: 'From the app\u2019s Webhooks tab \u203a Manage signature keys in Box\u2019s developer console.',
    }),
    secondaryKey: z.string().optional().meta({ label: 'Secondary key', secret: true }),
  }),
  // The keys only check incoming calls; they are never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(d, call, now) {
    const timestamp = call.headers.get('box-delivery-timestamp');
    const primary = call.headers.get('box-signature-primary');
    const secondary = call.headers.get('box-signature-secondary');
    if (!timestamp || (!primary && !secondary)) return 'it has no Box signature';
    const algorithm = call.headers.get('box-signature-algorithm');
    const version = call.headers.get('box-signature-version');
    if ((algorithm && algorithm !== 'HmacSHA256') || (version && version !== '1')) {
      return `it is signed with ${algorithm ?? 'HmacSHA256'} version ${version ?? '1'}, not HmacSHA256 version 1`;
    }
    const sent = Date.parse(timestamp);
    if (Number.isNaN(sent) || now - sent > MAX_AGE_MS) return 'its Box delivery timestamp is more than ten minutes old';
    const { constantTimeEqual, hmac, toBase64 } = await import('../../kit/signature.js');
    // The body's bytes, then the timestamp's.
    const stamp = new TextEncoder().encode(timestamp);
    const signed = new Uint8Array(call.body.length + stamp.length);
    signed.set(call.body);
    signed.set(stamp, call.body.length);
    const matches = async (key: string | undefined, signature: string | null) =>
      !!key && !!signature && constantTimeEqual(toBase64(await hmac('SHA-256', key, signed)), signature);
    return (await matches(d.primaryKey, primary)) || (await matches(d.secondaryKey, secondary))
      ? undefined
      : 'its Box signature does not match';
  },
});
