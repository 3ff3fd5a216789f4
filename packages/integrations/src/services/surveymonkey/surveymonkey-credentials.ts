// SurveyMonkey's credential type for its webhooks: the app's API key and secret, which sign each call.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

/**
 * A SurveyMonkey app's API key (client ID) and secret, which check that
 * webhook calls come from SurveyMonkey: `Sm-Signature` is the base64
 * HMAC-SHA1 of the raw body, keyed with `<API key>&<secret>`. The unsigned
 * HEAD request SurveyMonkey sends to check the URL when a webhook is created
 * passes: it never starts a run.
 */
export const surveyMonkeyWebhookApp = defineCredentialType({
  name: 'surveyMonkeyWebhookApp',
  displayName: 'SurveyMonkey app (webhook signing)',
  documentationUrl: 'https://developer.surveymonkey.com/api/v3/#api-endpoints-webhooks',
  properties: z.object({
    clientId: z
      .string()
      .trim()
      .min(1)
      .meta({ label: 'API key (client ID)', description: 'From the app\u2019s Settings in SurveyMonkey\u2019s developer portal.' }),
    clientSecret: z.string().trim().min(1).meta({ label: 'Secret', secret: true }),
  }),
  // The key and secret only check incoming calls; they are never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(d, call) {
    const signature = call.headers.get('sm-signature');
    if (!signature && call.method === 'HEAD') return undefined;
    if (!signature) return 'it has no SurveyMonkey signature';
    const { constantTimeEqual, hmac, toBase64 } = await import('../../kit/signature.js');
    return constantTimeEqual(toBase64(await hmac('SHA-1', `${d.clientId}&${d.clientSecret}`, call.body)), signature)
      ? undefined
      : 'its SurveyMonkey signature does not match';
  },
});
