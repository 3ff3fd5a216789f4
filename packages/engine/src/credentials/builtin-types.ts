import { z } from 'zod';
import { CredentialError } from './credential.error.js';
import { defineCredentialType, type CredentialType } from './credential-type.js';
import { imapCredential, smtpCredential } from './mail-credentials.js';
import { totpCredential } from './totp-credential.js';
import { webhookAuthCredentialTypes } from './webhook-auth-credentials.js';

const allowedDomains = z
  .array(z.string().trim().min(1))
  .min(1, 'list at least one host this credential may be sent to (`api.example.com`, `*.example.com`, or `*` for any host)')
  .meta({
    label: 'Allowed domains',
    description: 'Hosts this credential may be sent to: `api.example.com`, `*.example.com` for its subdomains, `*` for any host.',
  });

const testUrl = z
  .url()
  .optional()
  .meta({ label: 'Test URL', description: 'A URL that answers with a 2xx status when the credential works; used by "Test".' });

const testRequest = (data: { testUrl?: string | undefined }) => {
  if (!data.testUrl) throw new CredentialError('CREDENTIAL_TEST_UNAVAILABLE', 'Set a Test URL on this credential to test it.');
  return { url: data.testUrl };
};

/** An API key sent in a header or a query parameter. */
export const apiKeyCredential = defineCredentialType({
  name: 'apiKey',
  displayName: 'API key',
  description: 'A key sent with each request, in a header or a query parameter.',
  properties: z.object({
    key: z.string().min(1).meta({ label: 'API key', secret: true }),
    in: z.enum(['header', 'query']).default('header').meta({ label: 'Send in' }),
    name: z.string().min(1).default('X-API-Key').meta({ label: 'Header or parameter name' }),
    allowedDomains,
    testUrl,
  }),
  authenticate: (d) => ({ type: d.in, name: d.name, value: d.key }),
  allowedHosts: (d) => d.allowedDomains,
  test: testRequest,
});

/** A bearer token (`Authorization: Bearer ...`). */
export const bearerTokenCredential = defineCredentialType({
  name: 'bearerToken',
  displayName: 'Bearer token',
  properties: z.object({
    token: z.string().min(1).meta({ label: 'Token', secret: true }),
    allowedDomains,
    testUrl,
  }),
  authenticate: (d) => ({ type: 'bearer', token: d.token }),
  allowedHosts: (d) => d.allowedDomains,
  test: testRequest,
});

/** HTTP Basic authentication. */
export const basicAuthCredential = defineCredentialType({
  name: 'basicAuth',
  displayName: 'Basic auth',
  properties: z.object({
    username: z.string().min(1).meta({ label: 'User name' }),
    password: z.string().meta({ label: 'Password', secret: true }),
    allowedDomains,
    testUrl,
  }),
  authenticate: (d) => ({ type: 'basic', username: d.username, password: d.password }),
  allowedHosts: (d) => d.allowedDomains,
  test: testRequest,
});

/** Any headers, all treated as secret. */
export const customHeadersCredential = defineCredentialType({
  name: 'customHeaders',
  displayName: 'Custom headers',
  properties: z.object({
    headers: z
      .record(z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'must be a valid header name'), z.string())
      .refine((h) => Object.keys(h).length > 0, 'add at least one header')
      .meta({ label: 'Headers', secret: true }),
    allowedDomains,
    testUrl,
  }),
  authenticate: (d) => ({ type: 'headers', headers: d.headers }),
  allowedHosts: (d) => d.allowedDomains,
  test: testRequest,
});

/** A generic OAuth2 client: authorization code with PKCE, or client credentials. */
export const oauth2Credential = defineCredentialType({
  name: 'oauth2',
  displayName: 'OAuth2',
  description: 'Any OAuth2 provider. Authorization code (with PKCE) needs the user to connect the account; client credentials does not.',
  properties: z
    .object({
      grantType: z.enum(['authorizationCode', 'clientCredentials']).default('authorizationCode').meta({ label: 'Grant type' }),
      authorizationUrl: z
        .url()
        .optional()
        .meta({ label: 'Authorization URL', displayOptions: { show: { grantType: ['authorizationCode'] } } }),
      tokenUrl: z.url().meta({ label: 'Token URL' }),
      clientId: z.string().min(1).meta({ label: 'Client ID' }),
      clientSecret: z.string().optional().meta({ label: 'Client secret', secret: true }),
      scope: z.string().optional().meta({ label: 'Scope', description: 'Space-separated scopes.' }),
      clientAuthentication: z.enum(['header', 'body']).default('header').meta({ label: 'Send client credentials in' }),
      allowedDomains,
      testUrl,
    })
    .superRefine((d, ctx) => {
      if (d.grantType === 'authorizationCode' && !d.authorizationUrl) {
        ctx.addIssue({ code: 'custom', path: ['authorizationUrl'], message: 'is required for the authorization code grant' });
      }
    }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: d.grantType,
      authorizationUrl: d.authorizationUrl,
      tokenUrl: d.tokenUrl,
      clientId: d.clientId,
      clientSecret: d.clientSecret,
      scope: d.scope,
      clientAuthentication: d.clientAuthentication,
    },
  }),
  allowedHosts: (d) => d.allowedDomains,
  test: testRequest,
});

/**
 * The credential types every engine knows: the generic ones for HTTP, the
 * mail servers of the core Send Email and Email Trigger nodes, the TOTP
 * node's secret, and those that check calls to a Webhook or Form Trigger.
 */
export const builtinCredentialTypes: readonly CredentialType[] = [
  apiKeyCredential,
  bearerTokenCredential,
  basicAuthCredential,
  customHeadersCredential,
  oauth2Credential,
  smtpCredential,
  imapCredential,
  totpCredential,
  ...webhookAuthCredentialTypes,
];
