// Meta's credential type for the Marketing API: an access token, and optionally the app's secret for appsecret_proof.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A user or system-user access token with `ads_management` (or
 * `ads_read`), sent as the `access_token` query parameter, as Meta's own
 * SDK sends it. With the app's secret, every request also carries
 * `appsecret_proof` (the hex HMAC-SHA256 of the token, keyed with the app
 * secret), which apps set to "Require App Secret" insist on.
 */
export const metaAdsAccessToken = defineCredentialType({
  name: 'metaAdsApi',
  displayName: 'Meta Ads access token',
  documentationUrl: 'https://developers.facebook.com/docs/marketing-api/get-started/authorization',
  properties: z.object({
    accessToken: z.string().trim().min(1).meta({ label: 'Access token', placeholder: 'EAAB...', secret: true }),
    appSecret: z.string().trim().min(1).optional().meta({
      label: 'App secret',
      description: 'Only for apps that require appsecret_proof (App settings \u2192 Advanced).',
      secret: true,
    }),
  }),
  authenticate: (d) =>
    d.appSecret === undefined
      ? { type: 'query', name: 'access_token', value: d.accessToken }
      : {
          type: 'custom',
          async sign(request) {
            const { hmac, toHex } = await import('../../kit/signature.js');
            request.url.searchParams.set('access_token', d.accessToken);
            request.url.searchParams.set('appsecret_proof', toHex(await hmac('SHA-256', d.appSecret!, d.accessToken)));
          },
        },
  allowedHosts: ['graph.facebook.com'],
  test: () => ({ url: 'https://graph.facebook.com/v24.0/me?fields=id,name' }),
});
