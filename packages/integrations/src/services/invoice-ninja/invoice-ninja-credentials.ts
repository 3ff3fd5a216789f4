// Invoice Ninja's credential type: the secret its webhook's URL carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A secret the URL of an Invoice Ninja webhook carries (`?secret=`): Invoice
 * Ninja signs nothing, so a call whose URL does not hold it is refused.
 */
export const invoiceNinjaWebhookSecret = defineCredentialType({
  name: 'invoiceNinjaWebhookSecret',
  displayName: 'Invoice Ninja webhook secret',
  documentationUrl: 'https://api-docs.invoicing.co/',
  properties: z.object({
    secret: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Secret',
      secret: true,
      description: 'Any long random text; add it to the webhook\u2019s Target URL in Invoice Ninja as ?secret=<this value>.',
    }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const given = new URL(call.url).searchParams.get('secret');
    if (!given) return 'its URL has no secret';
    const { constantTimeEqual } = await import('../../kit/signature.js');
    return constantTimeEqual(given, data.secret) ? undefined : 'its secret does not match';
  },
});
