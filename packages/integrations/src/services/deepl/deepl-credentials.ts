// DeepL's credential type: loaded when a credential of its type is used (the catalog lists a stand-in).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/** The host every request names; a DeepL API Free key moves it to the free API's host. */
export const PRO_HOST = 'api.deepl.com';
export const FREE_HOST = 'api-free.deepl.com';

/** Whether a key is one of DeepL API Free's: they end with `:fx`. */
export const isFreeKey = (key: string): boolean => key.endsWith(':fx');

/** A DeepL API authentication key, sent in the `Authorization: DeepL-Auth-Key` header. */
export const deepLApiKey = defineCredentialType({
  name: 'deepLApi',
  displayName: 'DeepL API key',
  description:
    'The authentication key from your DeepL account (Account \u203a API Keys). A key of DeepL API Free ends with :fx, and its requests go to the free API\u2019s host.',
  documentationUrl: 'https://developers.deepl.com/docs/getting-started/auth',
  properties: z.object({
    apiKey: z.string().trim().min(1).meta({ label: 'Authentication key', placeholder: '0123abcd-...:fx', secret: true }),
  }),
  authenticate: ({ apiKey }) => ({
    type: 'custom',
    sign(request) {
      if (isFreeKey(apiKey) && request.url.hostname === PRO_HOST) request.url.hostname = FREE_HOST;
      request.headers.set('authorization', `DeepL-Auth-Key ${apiKey}`);
    },
  }),
  allowedHosts: [PRO_HOST, FREE_HOST],
  test: () => ({ url: `https://${PRO_HOST}/v2/usage` }),
});
