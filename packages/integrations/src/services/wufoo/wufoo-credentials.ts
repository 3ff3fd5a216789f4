// Wufoo's credential type for its webhooks: the handshake key each call carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A Wufoo webhook's handshake key. Wufoo signs no call; it sends the key set
 * on the webhook back in each entry's `HandshakeKey` field, so calls without
 * the right key are refused.
 */
export const wufooHandshakeKey = defineCredentialType({
  name: 'wufooHandshakeKey',
  displayName: 'Wufoo handshake key',
  documentationUrl: 'https://wufoo.github.io/docs/#webhooks',
  properties: z.object({
    handshakeKey: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Handshake key',
      secret: true,
      description: 'Any long random text; set it as the Handshake Key of the form\u2019s WebHook integration in Wufoo.',
    }),
  }),
  // The key only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(d, call) {
    const given = new URLSearchParams(new TextDecoder().decode(call.body)).get('HandshakeKey');
    if (!given) return 'it has no Wufoo handshake key';
    const { constantTimeEqual } = await import('../../kit/signature.js');
    return constantTimeEqual(given, d.handshakeKey) ? undefined : 'its Wufoo handshake key does not match';
  },
});
