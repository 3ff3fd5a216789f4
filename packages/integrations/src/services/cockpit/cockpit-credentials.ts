// Cockpit's credential type: loaded when a credential of its type is used (the catalog lists a stand-in).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * The host operations name (`.invalid` never resolves); the credential moves
 * each request to its site's address, path prefix included.
 */
export const SITE_HOST = 'site.cockpit.invalid';

const siteUrl = z
  .string()
  .trim()
  .regex(/^https?:\/\/[^/?#]+(\/[^?#]*)?$/i, 'must be the address Cockpit runs at, such as https://cms.example.com')
  .meta({ label: 'Cockpit URL', placeholder: 'https://cms.example.com', description: 'Where Cockpit runs, with its path if it has one.' });

/** An API token of a Cockpit site (Settings › API Access), sent in the `Cockpit-Token` header. */
export const cockpitApi = defineCredentialType({
  name: 'cockpitApi',
  displayName: 'Cockpit API token',
  description: 'An API token of the Cockpit site (Settings \u203a API Access), and the address it runs at.',
  documentationUrl: 'https://v1.getcockpit.com/documentation/api/token',
  properties: z.object({
    url: siteUrl,
    accessToken: z.string().trim().min(1).meta({ label: 'API token', secret: true }),
  }),
  authenticate: (d) => ({
    type: 'custom',
    sign(request) {
      if (request.url.hostname === SITE_HOST) {
        const site = new URL(d.url);
        request.url.protocol = site.protocol;
        request.url.host = site.host;
        request.url.pathname = `${site.pathname.replace(/\/+$/, '')}${request.url.pathname}`;
      }
      request.headers.set('cockpit-token', d.accessToken);
    },
  }),
  allowedHosts: (d) => [SITE_HOST, new URL(d.url).hostname],
  test: () => ({ url: `https://${SITE_HOST}/api/collections/listCollections` }),
});
