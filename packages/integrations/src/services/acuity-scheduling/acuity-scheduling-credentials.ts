// Acuity Scheduling's credential type: an account's user ID and API key, which read its API and sign its webhooks.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** Where Acuity's API is. */
export const API_BASE = 'https://acuityscheduling.com/api/v1';

/**
 * An Acuity Scheduling account's user ID and API key: HTTP Basic for its
 * API, and the key that signs its webhook calls (`X-Acuity-Signature`, the
 * base64 HMAC-SHA256 of the raw body).
 */
export const acuitySchedulingApiKey = defineCredentialType({
  name: 'acuitySchedulingApi',
  displayName: 'Acuity Scheduling API key',
  documentationUrl: 'https://developers.acuityscheduling.com/reference/quick-start',
  properties: z.object({
    userId: z.string().trim().min(1).meta({ label: 'User ID', description: 'From Integrations \u203a API in Acuity Scheduling.' }),
    apiKey: z.string().trim().min(1).meta({ label: 'API key', secret: true }),
  }),
  authenticate: (d) => ({ type: 'basic', username: d.userId, password: d.apiKey }),
  allowedHosts: ['acuityscheduling.com'],
  test: () => ({ url: `${API_BASE}/me` }),
  async verifyWebhook(d, call) {
    const signature = call.headers.get('x-acuity-signature');
    if (!signature) return 'it has no Acuity signature';
    const { constantTimeEqual, hmac, toBase64 } = await import('../../kit/signature.js');
    return constantTimeEqual(toBase64(await hmac('SHA-256', d.apiKey, call.body)), signature)
      ? undefined
      : 'its Acuity signature does not match';
  },
});
