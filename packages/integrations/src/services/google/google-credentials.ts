// Google's credential types, one family for every Google service: a Google account connected with OAuth2 (refreshed by
// the engine), and a service account whose JWTs the credentials layer signs. Each service has its own pair, with its own
// scopes and hosts, so a credential made for Sheets is never sent to Gmail.
import { defineCredentialType, type CredentialTestRequest, type CredentialType } from '@flowloom/engine';
import { z } from 'zod';
import { isPkcs8Pem, selfSignedJwt } from './google-jwt.js';

/** Google's OAuth2 endpoints (https://developers.google.com/identity/protocols/oauth2/web-server). */
export const GOOGLE_AUTHORIZE_URL = 'https://accounts.google.com/o/oauth2/v2/auth';
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

/** One Google service, as its credentials see it. */
interface GoogleService {
  /** The credential types' name prefix: `googleDrive` gives `googleDriveOAuth2Api` and `googleDriveServiceAccount`. */
  key: string;
  displayName: string;
  /** The scopes asked for by default. */
  scopes: readonly string[];
  /** The API hosts the credential may be sent to. */
  hosts: readonly string[];
  /** A request any working credential of the service gets a 2xx answer to. */
  test: CredentialTestRequest;
}

/**
 * A Google account connected with OAuth2 (authorization code with PKCE),
 * asking for a refresh token (`access_type=offline`, `prompt=consent`) so
 * the engine keeps the access token fresh.
 */
function googleOAuth2(service: GoogleService): CredentialType {
  return defineCredentialType({
    name: `${service.key}OAuth2Api`,
    displayName: `${service.displayName} OAuth2`,
    documentationUrl: 'https://developers.google.com/identity/protocols/oauth2/web-server',
    properties: z.object({
      clientId: z.string().trim().min(1).meta({
        label: 'Client ID',
        placeholder: '1234-abc.apps.googleusercontent.com',
        description: 'An OAuth client of type "Web application".',
      }),
      clientSecret: z.string().min(1).meta({ label: 'Client secret', secret: true }),
      scope: z
        .string()
        .trim()
        .min(1)
        .default(service.scopes.join(' '))
        .meta({ label: 'Scopes', description: `Space-separated. The default is what every ${service.displayName} operation needs.` }),
    }),
    authenticate: (d) => ({
      type: 'oauth2',
      config: {
        grantType: 'authorizationCode',
        authorizationUrl: GOOGLE_AUTHORIZE_URL,
        tokenUrl: GOOGLE_TOKEN_URL,
        clientId: d.clientId,
        clientSecret: d.clientSecret,
        scope: d.scope,
        clientAuthentication: 'body',
        // Google gives a refresh token only for offline access, and again on a new consent.
        authorizationParams: { access_type: 'offline', prompt: 'consent' },
      },
    }),
    allowedHosts: service.hosts,
    test: () => service.test,
  });
}

/**
 * A service account, from its JSON key file. Each request carries a JWT the
 * credentials layer signs with the account's key (RS256), with the service's
 * scopes as its `scope` claim: Google's "authorization without OAuth" for its
 * APIs, so no token endpoint is involved and the key never reaches a node.
 * The account reaches what was shared with it (a file, a spreadsheet, an
 * Analytics property); acting as a Workspace user (domain-wide delegation)
 * needs a token exchange and is not offered.
 */
function googleServiceAccount(service: GoogleService): CredentialType {
  return defineCredentialType({
    name: `${service.key}ServiceAccount`,
    displayName: `${service.displayName} service account`,
    documentationUrl: 'https://developers.google.com/identity/protocols/oauth2/service-account#jwt-auth',
    properties: z.object({
      clientEmail: z
        .string()
        .trim()
        .regex(/^[^@\s]+@[^@\s]+$/, 'must be an email address, such as name@project.iam.gserviceaccount.com')
        .meta({
          label: 'Service account email',
          placeholder: 'name@project.iam.gserviceaccount.com',
          description: '`client_email` in the JSON key file.',
        }),
      privateKey: z
        .string()
        .refine(isPkcs8Pem, 'must be the PEM key of the JSON key file, from -----BEGIN PRIVATE KEY----- to -----END PRIVATE KEY-----')
        .meta({ label: 'Private key', secret: true, editor: 'multiline', description: '`private_key` in the JSON key file.' }),
      privateKeyId: z.string().trim().optional().meta({ label: 'Private key ID', description: '`private_key_id` in the JSON key file.' }),
      scope: z.string().trim().min(1).default(service.scopes.join(' ')).meta({ label: 'Scopes', description: 'Space-separated.' }),
    }),
    authenticate: (d) => ({
      type: 'custom',
      async sign(request) {
        request.headers.set('authorization', `Bearer ${await selfSignedJwt(d, d.scope, Date.now())}`);
      },
    }),
    allowedHosts: service.hosts,
    test: () => service.test,
  });
}

const DRIVE_ABOUT: CredentialTestRequest = { url: 'https://www.googleapis.com/drive/v3/about?fields=user' };

const drive: GoogleService = {
  key: 'googleDrive',
  displayName: 'Google Drive',
  scopes: ['https://www.googleapis.com/auth/drive'],
  hosts: ['www.googleapis.com'],
  test: DRIVE_ABOUT,
};
// Sheets has no "who am I": a credential is tested on Drive, which its `drive.file` scope reaches.
const sheets: GoogleService = {
  key: 'googleSheets',
  displayName: 'Google Sheets',
  scopes: ['https://www.googleapis.com/auth/spreadsheets', 'https://www.googleapis.com/auth/drive.file'],
  hosts: ['sheets.googleapis.com', 'www.googleapis.com'],
  test: DRIVE_ABOUT,
};
const gmail: GoogleService = {
  key: 'gmail',
  displayName: 'Gmail',
  // Read, send, label and trash; not permanent deletion.
  scopes: ['https://www.googleapis.com/auth/gmail.modify'],
  hosts: ['gmail.googleapis.com'],
  test: { url: 'https://gmail.googleapis.com/gmail/v1/users/me/profile' },
};
// Property 0 is the metadata every property shares: readable with any Analytics credential.
const analytics: GoogleService = {
  key: 'googleAnalytics',
  displayName: 'Google Analytics',
  scopes: ['https://www.googleapis.com/auth/analytics.readonly'],
  hosts: ['analyticsdata.googleapis.com'],
  test: { url: 'https://analyticsdata.googleapis.com/v1beta/properties/0/metadata' },
};

/** A Google account connected for Drive (scope `drive`). */
export const googleDriveOAuth2 = googleOAuth2(drive);
/** A service account for Drive: the files and folders shared with it. */
export const googleDriveServiceAccount = googleServiceAccount(drive);
/** A Google account connected for Sheets (scopes `spreadsheets`, `drive.file`). */
export const googleSheetsOAuth2 = googleOAuth2(sheets);
/** A service account for Sheets: the spreadsheets shared with it. */
export const googleSheetsServiceAccount = googleServiceAccount(sheets);
/**
 * A Google account connected for Gmail (scope `gmail.modify`). Gmail has no
 * service account of its own: a service account reads a mailbox only by
 * acting as its user, which needs the token exchange.
 */
export const gmailOAuth2 = googleOAuth2(gmail);
/** A Google account connected for Analytics reports (scope `analytics.readonly`). */
export const googleAnalyticsOAuth2 = googleOAuth2(analytics);
/** A service account for Analytics: the properties it was added to (Viewer or more). */
export const googleAnalyticsServiceAccount = googleServiceAccount(analytics);
