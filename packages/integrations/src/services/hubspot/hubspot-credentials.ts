// HubSpot's credential types: loaded when a credential of theirs is used (the catalog lists stand-ins).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

export const BASE_URL = 'https://api.hubapi.com';
const HOSTS = ['api.hubapi.com'];
/** Details of the account the token belongs to: any working token may read them. */
const accountDetails = () => ({ url: `${BASE_URL}/account-info/v3/details` });

/** A private app's access token (`pat-na1-...`), sent as a bearer token. */
export const hubspotPrivateApp = defineCredentialType({
  name: 'hubspotAppToken',
  displayName: 'HubSpot private app token',
  documentationUrl: 'https://developers.hubspot.com/docs/api/private-apps',
  properties: z.object({
    accessToken: z.string().trim().min(1).meta({ label: 'Access token', placeholder: 'pat-na1-...', secret: true }),
  }),
  authenticate: (d) => ({ type: 'bearer', token: d.accessToken }),
  allowedHosts: HOSTS,
  test: accountDetails,
});

/** The scopes the node's operations need. */
const SCOPES = [
  'oauth',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'tickets',
  'crm.schemas.contacts.read',
  'crm.schemas.companies.read',
  'crm.schemas.deals.read',
  'transactional-email',
].join(' ');

/** A HubSpot account connected with OAuth2 through a public app. */
export const hubspotOAuth2 = defineCredentialType({
  name: 'hubspotOAuth2Api',
  displayName: 'HubSpot OAuth2',
  documentationUrl: 'https://developers.hubspot.com/docs/api/oauth-quickstart-guide',
  properties: z.object({
    clientId: z.string().min(1).meta({ label: 'Client ID' }),
    clientSecret: z.string().min(1).meta({ label: 'Client secret', secret: true }),
    scope: z.string().default(SCOPES).meta({ label: 'Scopes', description: 'Space-separated; they must match the app\u2019s settings.' }),
  }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: 'authorizationCode',
      authorizationUrl: 'https://app.hubspot.com/oauth/authorize',
      tokenUrl: `${BASE_URL}/oauth/v1/token`,
      clientId: d.clientId,
      clientSecret: d.clientSecret,
      scope: d.scope,
      clientAuthentication: 'body',
    },
  }),
  allowedHosts: HOSTS,
  test: accountDetails,
});

/** How old a call's timestamp may be: HubSpot's own advice against replayed calls. */
const REPLAY_WINDOW_MS = 5 * 60 * 1000;

/** Characters HubSpot signs decoded in the request URI (its v3 signature guide lists them). */
const SIGNED_DECODED: Record<string, string> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

/**
 * A HubSpot app's client secret, which checks that webhook calls come from
 * HubSpot: `X-HubSpot-Signature-v3` is the base64 HMAC-SHA256 of method, URI,
 * raw body and `X-HubSpot-Request-Timestamp`, and the timestamp is within
 * five minutes.
 */
export const hubspotAppSecret = defineCredentialType({
  name: 'hubspotAppSecret',
  displayName: 'HubSpot app secret',
  documentationUrl: 'https://developers.hubspot.com/docs/api/webhooks/validating-requests',
  properties: z.object({
    clientSecret: z
      .string()
      .min(1)
      .meta({ label: 'Client secret', secret: true, description: 'The app\u2019s client secret (Auth tab of the app).' }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call, now) {
    const signature = call.headers.get('x-hubspot-signature-v3');
    const timestamp = call.headers.get('x-hubspot-request-timestamp');
    if (!signature || !timestamp) return 'it has no HubSpot v3 signature';
    const ms = Number(timestamp);
    if (!Number.isFinite(ms) || Math.abs(now - ms) > REPLAY_WINDOW_MS) return 'its timestamp is outside the 5 minute window';
    const { constantTimeEqual, hmac, toBase64 } = await import('../../kit/signature.js');
    // HubSpot signs JSON bodies, UTF-8 text: decoding and encoding again gives the same bytes.
    const body = new TextDecoder().decode(call.body);
    const decoded = call.url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => SIGNED_DECODED[m.toUpperCase()]!);
    for (const uri of new Set([call.url, decoded])) {
      const expected = toBase64(await hmac('SHA-256', data.clientSecret, `${call.method}${uri}${body}${timestamp}`));
      if (constantTimeEqual(expected, signature)) return undefined;
    }
    return 'its HubSpot signature does not match';
  },
});
