// Eventbrite's credential types: a private token (for the objects its webhook calls point to), and the secret a
// webhook's URL carries.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** Where Eventbrite's API is: the only host the objects a webhook names are fetched from. */
export const API_BASE = 'https://www.eventbriteapi.com/v3/';

/** An Eventbrite private token, sent as a bearer token to Eventbrite's API. */
export const eventbritePrivateToken = defineCredentialType({
  name: 'eventbriteApi',
  displayName: 'Eventbrite private token',
  documentationUrl: 'https://www.eventbrite.com/platform/docs/authentication',
  properties: z.object({
    apiKey: z
      .string()
      .trim()
      .min(1)
      .meta({ label: 'Private token', secret: true, description: 'From Account settings \u203a Developer links \u203a API keys.' }),
  }),
  authenticate: (d) => ({ type: 'bearer', token: d.apiKey }),
  allowedHosts: ['www.eventbriteapi.com'],
  test: () => ({ url: `${API_BASE}users/me/` }),
});

/**
 * The secret an Eventbrite webhook's URL carries (`?secret=...`). Eventbrite
 * signs no webhook call, so calls without the right secret in their URL are
 * refused.
 */
export const eventbriteWebhookSecret = defineCredentialType({
  name: 'eventbriteWebhookSecret',
  displayName: 'Eventbrite webhook secret',
  documentationUrl: 'https://www.eventbrite.com/platform/docs/webhooks',
  properties: z.object({
    secret: z.string().min(16, 'must be at least 16 characters').meta({
      label: 'Secret',
      secret: true,
      description: 'Any long random text; add it to the webhook URL in Eventbrite as ?secret=<this value>.',
    }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(d, call) {
    const given = new URL(call.url).searchParams.get('secret');
    if (!given) return 'its URL has no secret';
    const { constantTimeEqual } = await import('../../kit/signature.js');
    return constantTimeEqual(given, d.secret) ? undefined : 'its secret does not match';
  },
});
