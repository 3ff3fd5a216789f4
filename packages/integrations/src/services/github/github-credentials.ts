// GitHub's credential types: a token, a GitHub App installation, and a webhook's secret.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';
import { appJwt, isPrivateKeyPem } from './github-jwt.js';

const GITHUB_HOSTS = ['api.github.com'];

/**
 * Stands for the installation's ID in a path (`/app/installations/{installation_id}/...`): the signer of a
 * GitHub App credential puts the credential's own installation ID there, so node code never needs to know it.
 */
export const INSTALLATION_PLACEHOLDER = '{installation_id}';

/** A personal access token (classic or fine-grained), sent as `Authorization: token ...` as GitHub's own libraries send it. */
export const githubToken = defineCredentialType({
  name: 'githubApi',
  displayName: 'GitHub personal access token',
  documentationUrl: 'https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens',
  properties: z.object({
    token: z.string().trim().min(1).meta({ label: 'Token', placeholder: 'github_pat_... or ghp_...', secret: true }),
  }),
  authenticate: (d) => ({ type: 'header', name: 'authorization', value: `token ${d.token}` }),
  allowedHosts: GITHUB_HOSTS,
  test: () => ({ url: 'https://api.github.com/user', headers: { accept: 'application/vnd.github+json' } }),
});

/**
 * A GitHub App installed on an account: the engine signs a JWT (RS256, ten
 * minutes at most) with the app's private key for the `/app` endpoints, and
 * the GitHub node exchanges it for an installation token
 * (`POST /app/installations/{id}/access_tokens`) that it sends with the
 * operation's requests for one run of the node. The private key never leaves
 * the credentials layer.
 */
export const githubApp = defineCredentialType({
  name: 'githubAppApi',
  displayName: 'GitHub App',
  documentationUrl:
    'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation',
  properties: z.object({
    appId: z
      .string()
      .trim()
      .regex(/^(\d+|Iv[\w.]+)$/, 'must be the app\u2019s client ID (Iv23...) or its numeric app ID')
      .meta({ label: 'Client ID or app ID', placeholder: 'Iv23li...', description: 'On the app\u2019s settings page.' }),
    installationId: z
      .string()
      .trim()
      .regex(/^\d+$/, 'must be the installation\u2019s number, as in the URL of its settings page (.../installations/12345)')
      .meta({ label: 'Installation ID', placeholder: '12345678' }),
    privateKey: z
      .string()
      .refine(isPrivateKeyPem, 'must be the app\u2019s PEM private key, starting with -----BEGIN RSA PRIVATE KEY-----')
      .meta({ label: 'Private key', editor: 'multiline', secret: true }),
  }),
  authenticate: (d) => ({
    type: 'custom',
    async sign(request) {
      request.url.pathname = request.url.pathname.replace(encodeURI(INSTALLATION_PLACEHOLDER), encodeURIComponent(d.installationId));
      const asApp = request.url.pathname === '/app' || request.url.pathname.startsWith('/app/');
      // Elsewhere the node sends the installation token it obtained; a request without one goes as the app (and GitHub refuses it).
      if (asApp || !request.headers.has('authorization')) {
        request.headers.set('authorization', `Bearer ${await appJwt(d.appId, d.privateKey, Date.now())}`);
      }
    },
  }),
  allowedHosts: GITHUB_HOSTS,
  // Proves the key, the app and the installation at once.
  test: () => ({
    url: `https://api.github.com/app/installations/${INSTALLATION_PLACEHOLDER}`,
    headers: { accept: 'application/vnd.github+json' },
  }),
});

/**
 * A repository or organization webhook's secret: GitHub sends
 * `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`.
 */
export const githubWebhookSecret = defineCredentialType({
  name: 'githubWebhookSecret',
  displayName: 'GitHub webhook secret',
  documentationUrl: 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries',
  properties: z.object({
    secret: z.string().min(1).meta({ label: 'Secret', description: 'The "Secret" given when the webhook was created.', secret: true }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call) {
    const signature = call.headers.get('x-hub-signature-256');
    if (!signature) return 'it has no X-Hub-Signature-256 header';
    // The HMAC helpers load with the first call to check, not with the catalog.
    const { constantTimeEqual, hmac, toHex } = await import('../../kit/signature.js');
    const expected = `sha256=${toHex(await hmac('SHA-256', data.secret, call.body))}`;
    return constantTimeEqual(expected, signature) ? undefined : 'its GitHub signature does not match';
  },
});
