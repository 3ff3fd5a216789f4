// Storyblok's credential type: loaded when a credential of its type is used (the catalog lists a stand-in).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** The Management API's host in the EU region, which operations name; the credential moves requests to its region's. */
export const EU_HOST = 'mapi.storyblok.com';
/** Each region's Management API host. */
const REGION_HOSTS = { eu: EU_HOST, us: 'api-us.storyblok.com', ca: 'api-ca.storyblok.com', ap: 'api-ap.storyblok.com' } as const;

/** A personal access token (My account › Personal access token), sent as the `Authorization` header as it is. */
export const storyblokManagementApi = defineCredentialType({
  name: 'storyblokManagementApi',
  displayName: 'Storyblok personal access token',
  description: 'A personal access token of your Storyblok account (My account \u203a Personal access token), for the Management API.',
  documentationUrl: 'https://www.storyblok.com/docs/api/management/getting-started/authentication',
  properties: z.object({
    accessToken: z.string().trim().min(1).meta({ label: 'Personal access token', secret: true }),
    region: z
      .enum(['eu', 'us', 'ca', 'ap'])
      .default('eu')
      .meta({
        label: 'Region',
        description: 'Where the space\u2019s data is kept (the space\u2019s settings name it).',
        options: [
          { value: 'eu', label: 'Europe' },
          { value: 'us', label: 'United States' },
          { value: 'ca', label: 'Canada' },
          { value: 'ap', label: 'Australia' },
        ],
      }),
  }),
  authenticate: (d) => ({
    type: 'custom',
    sign(request) {
      if (request.url.hostname === EU_HOST) request.url.hostname = REGION_HOSTS[d.region];
      request.headers.set('authorization', d.accessToken);
    },
  }),
  allowedHosts: Object.values(REGION_HOSTS),
  test: () => ({ url: `https://${EU_HOST}/v1/spaces/` }),
});
