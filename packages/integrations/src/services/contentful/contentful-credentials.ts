// Contentful's credential type: loaded when a credential of its type is used (the catalog lists a stand-in).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** The hosts operations name (`.invalid` never resolves): the credential moves each to its API, in its space. */
export const DELIVERY_HOST = 'delivery.contentful.invalid';
export const PREVIEW_HOST = 'preview.contentful.invalid';
const API_HOSTS = { [DELIVERY_HOST]: 'cdn.contentful.com', [PREVIEW_HOST]: 'preview.contentful.com' } as const;

/**
 * A space's Content Delivery API token (published content), and optionally
 * its Content Preview API token (drafts too), sent as a bearer token.
 */
export const contentfulApi = defineCredentialType({
  name: 'contentfulApi',
  displayName: 'Contentful API keys',
  description: 'The space ID and access tokens of an API key of the space (Settings \u203a API keys).',
  documentationUrl: 'https://www.contentful.com/developers/docs/references/authentication/',
  properties: z.object({
    spaceId: z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9]+$/, 'must be a space ID such as cfexampleapi')
      .meta({ label: 'Space ID' }),
    deliveryToken: z.string().trim().min(1).meta({ label: 'Content Delivery API access token', secret: true }),
    previewToken: z
      .string()
      .trim()
      .min(1)
      .optional()
      .meta({ label: 'Content Preview API access token', secret: true, description: 'Needed only to read drafts.' }),
  }),
  authenticate: (d) => ({
    type: 'custom',
    sign(request) {
      const host = API_HOSTS[request.url.hostname as keyof typeof API_HOSTS];
      if (!host) return;
      const preview = request.url.hostname === PREVIEW_HOST;
      const token = preview ? d.previewToken : d.deliveryToken;
      if (!token) throw new Error('The Contentful credential has no Content Preview API access token: add one to read drafts.');
      request.url.hostname = host;
      request.url.pathname = `/spaces/${encodeURIComponent(d.spaceId)}${request.url.pathname}`;
      request.headers.set('authorization', `Bearer ${token}`);
    },
  }),
  allowedHosts: [DELIVERY_HOST, PREVIEW_HOST, ...Object.values(API_HOSTS)],
  test: () => ({ url: `https://${DELIVERY_HOST}/environments/master/content_types?limit=1` }),
});
