// Twilio's credentials: HTTP Basic with the account's SID and auth token, or with an API key of the account.
import { defineCredentialType, type CredentialAuthentication, type CredentialTestRequest, type WebhookCall } from '@flowloom/engine';
import { z } from 'zod';
import { OWN_ACCOUNT } from './twilio-info.js';

const TWILIO_HOSTS = ['api.twilio.com', 'verify.twilio.com'];

const OWN_ACCOUNT_PATH = new RegExp(`^(/2010-04-01/Accounts/)${OWN_ACCOUNT}(?=[/.]|$)`);

const accountSid = z
  .string()
  .regex(/^AC[0-9a-fA-F]{32}$/, 'must be an Account SID: AC and 32 hexadecimal digits')
  .meta({ label: 'Account SID', placeholder: 'AC...', description: 'On the Twilio Console dashboard.' });

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Signs with HTTP Basic and puts the Account SID where a path names the credential's own account. */
function twilioSigner(account: string, username: string, password: string): CredentialAuthentication {
  const authorization = `Basic ${base64(`${username}:${password}`)}`;
  return {
    type: 'custom',
    sign(request) {
      if (request.url.host === 'api.twilio.com') {
        request.url.pathname = request.url.pathname.replace(OWN_ACCOUNT_PATH, (_, prefix: string) => `${prefix}${account}`);
      }
      request.headers.set('authorization', authorization);
    },
  };
}

/** Fetches the account itself: any working key of it may. */
const fetchAccount = (data: { accountSid: string }): CredentialTestRequest => ({
  url: `https://api.twilio.com/2010-04-01/Accounts/${data.accountSid}.json`,
});

/**
 * The string Twilio signs for a webhook call: the URL it called, then each
 * form parameter's name and value, sorted by name (a repeated name's values
 * sorted too, duplicates once).
 */
function signedText(url: string, call: WebhookCall): string {
  let text = url;
  if (!(call.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded')) return text;
  const form = new URLSearchParams(new TextDecoder().decode(call.body));
  for (const name of [...new Set(form.keys())].sort()) {
    for (const value of [...new Set(form.getAll(name))].sort()) text += name + value;
  }
  return text;
}

/** The URL as called, and with its default port written or left out: Twilio may have signed either. */
function urlForms(url: string): string[] {
  const parsed = new URL(url);
  const port = parsed.protocol === 'https:' ? '443' : '80';
  const withPort = parsed.port ? url : url.replace(parsed.host, `${parsed.hostname}:${port}`);
  const withoutPort = parsed.port === port ? url.replace(parsed.host, parsed.hostname) : url;
  return [...new Set([url, withPort, withoutPort])];
}

/** A Twilio account's SID and auth token. */
export const twilioAuthToken = defineCredentialType({
  name: 'twilioApi',
  displayName: 'Twilio auth token',
  documentationUrl: 'https://www.twilio.com/docs/iam/api/authtoken',
  properties: z.object({
    accountSid,
    authToken: z.string().min(1).meta({ label: 'Auth token', secret: true }),
  }),
  authenticate: (d) => twilioSigner(d.accountSid, d.accountSid, d.authToken),
  allowedHosts: TWILIO_HOSTS,
  test: fetchAccount,
  /** `X-Twilio-Signature`: base64 HMAC-SHA1, with the auth token, of the URL and the sorted form parameters. */
  async verifyWebhook(d, call) {
    const signature = call.headers.get('x-twilio-signature');
    if (!signature) return 'it has no Twilio signature';
    const { constantTimeEqual, hmac, toBase64 } = await import('../../kit/signature.js');
    for (const url of urlForms(call.url)) {
      if (constantTimeEqual(toBase64(await hmac('SHA-1', d.authToken, signedText(url, call))), signature)) return undefined;
    }
    return 'its Twilio signature does not match';
  },
});

/** A Twilio API key (its SID and secret), with the SID of the account it belongs to. */
export const twilioApiKey = defineCredentialType({
  name: 'twilioApiKey',
  displayName: 'Twilio API key',
  documentationUrl: 'https://www.twilio.com/docs/iam/api-keys',
  properties: z.object({
    accountSid,
    apiKeySid: z
      .string()
      .regex(/^SK[0-9a-fA-F]{32}$/, 'must be an API key SID: SK and 32 hexadecimal digits')
      .meta({ label: 'API key SID', placeholder: 'SK...' }),
    apiKeySecret: z.string().min(1).meta({ label: 'API key secret', secret: true }),
  }),
  authenticate: (d) => twilioSigner(d.accountSid, d.apiKeySid, d.apiKeySecret),
  allowedHosts: TWILIO_HOSTS,
  test: fetchAccount,
});
