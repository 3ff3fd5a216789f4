// PayPal's credential type: a REST app's client ID and secret (OAuth2 client credentials), in the sandbox or live.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** The host operations name; the credential moves each request to its environment's host. */
export const LIVE_HOST = 'api-m.paypal.com';
export const SANDBOX_HOST = 'api-m.sandbox.paypal.com';

const hostOf = (environment: 'sandbox' | 'live') => (environment === 'live' ? LIVE_HOST : SANDBOX_HOST);

/** The transmission headers PayPal sends with each webhook call, and the fields the verify call names them by. */
const TRANSMISSION = {
  auth_algo: 'paypal-auth-algo',
  cert_url: 'paypal-cert-url',
  transmission_id: 'paypal-transmission-id',
  transmission_sig: 'paypal-transmission-sig',
  transmission_time: 'paypal-transmission-time',
} as const;

/**
 * A PayPal REST app's client ID and secret. The engine obtains and renews its
 * access tokens (client credentials) at the chosen environment's host. With a
 * webhook ID, it also checks webhook calls for the PayPal Trigger, by PayPal's
 * verify-webhook-signature call.
 */
export const paypalOAuth2 = defineCredentialType({
  name: 'paypalOAuth2Api',
  displayName: 'PayPal app (client credentials)',
  documentationUrl: 'https://developer.paypal.com/api/rest/authentication/',
  properties: z.object({
    clientId: z.string().trim().min(1).meta({ label: 'Client ID' }),
    clientSecret: z.string().trim().min(1).meta({ label: 'Secret', secret: true }),
    environment: z
      .enum(['sandbox', 'live'])
      .default('sandbox')
      .meta({ label: 'Environment', description: 'Sandbox (api-m.sandbox.paypal.com) or live (api-m.paypal.com).' }),
    webhookId: z.string().trim().min(1).optional().meta({
      label: 'Webhook ID',
      description: 'For the PayPal Trigger: the ID PayPal gave the webhook, which its calls are checked against.',
    }),
  }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: 'clientCredentials',
      tokenUrl: `https://${hostOf(d.environment)}/v1/oauth2/token`,
      clientId: d.clientId,
      clientSecret: d.clientSecret,
      clientAuthentication: 'header',
    },
    sign(request) {
      // Operations name the live host; a sandbox credential's requests go to the sandbox.
      if (request.url.hostname === LIVE_HOST || request.url.hostname === SANDBOX_HOST) request.url.hostname = hostOf(d.environment);
    },
  }),
  allowedHosts: [LIVE_HOST, SANDBOX_HOST],
  // Any app's token may list its webhooks.
  test: (d) => ({ url: `https://${hostOf(d.environment)}/v1/notifications/webhooks` }),
  /**
   * PayPal signs calls with a certificate; it checks them itself: the call's
   * transmission headers, the webhook ID and the event, exactly as received,
   * go to verify-webhook-signature, which answers SUCCESS or FAILURE.
   */
  async verifyWebhook(d, call, _now, fetch) {
    if (!d.webhookId) return 'the PayPal credential has no webhook ID to check calls against';
    const fields: Record<string, string> = {};
    for (const [field, header] of Object.entries(TRANSMISSION)) {
      const value = call.headers.get(header);
      if (!value) return `it has no ${header} header`;
      fields[field] = value;
    }
    const event = new TextDecoder().decode(call.body);
    // The event is sent as it arrived: parsing and writing it again could change what PayPal signed.
    const body = `${JSON.stringify({ ...fields, webhook_id: d.webhookId }).slice(0, -1)},"webhook_event":${event}}`;
    const response = await fetch(`https://${hostOf(d.environment)}/v1/notifications/verify-webhook-signature`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    if (!response.ok) return `PayPal could not check it (HTTP ${response.status})`;
    const answer = (await response.json()) as { verification_status?: string };
    return answer.verification_status === 'SUCCESS' ? undefined : 'PayPal says its signature does not verify';
  },
});
