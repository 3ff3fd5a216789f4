// Slack's credential types: loaded when a credential of theirs is used (the catalog lists stand-ins).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

const SLACK_HOSTS = ['slack.com', '*.slack.com'];

/** What every Slack method answers: `ok`, and `error` when it is false. */
const authTest = () => ({
  url: 'https://slack.com/api/auth.test',
  method: 'POST',
  verify: ({ body }: { body: unknown }) => {
    const answer = body as { ok?: boolean; error?: string };
    return answer.ok === true ? undefined : `Slack says ${answer.error ?? 'the token does not work'}.`;
  },
});

/** A Slack app's bot (or user) token, `xoxb-...`. */
export const slackBotToken = defineCredentialType({
  name: 'slackApi',
  displayName: 'Slack bot token',
  documentationUrl: 'https://api.slack.com/authentication/token-types',
  properties: z.object({
    token: z.string().min(1).meta({ label: 'Bot token', placeholder: 'xoxb-...', secret: true }),
  }),
  authenticate: (d) => ({ type: 'bearer', token: d.token }),
  allowedHosts: SLACK_HOSTS,
  test: authTest,
});

/** A Slack workspace connected with OAuth2 (the "Add to Slack" flow). */
export const slackOAuth2 = defineCredentialType({
  name: 'slackOAuth2Api',
  displayName: 'Slack OAuth2',
  documentationUrl: 'https://api.slack.com/authentication/oauth-v2',
  properties: z.object({
    clientId: z.string().min(1).meta({ label: 'Client ID' }),
    clientSecret: z.string().min(1).meta({ label: 'Client secret', secret: true }),
    scope: z
      .string()
      .default('chat:write channels:read groups:read users:read reactions:write files:write')
      .meta({ label: 'Scopes', description: 'Space-separated bot scopes.' }),
  }),
  authenticate: (d) => ({
    type: 'oauth2',
    config: {
      grantType: 'authorizationCode',
      authorizationUrl: 'https://slack.com/oauth/v2/authorize',
      tokenUrl: 'https://slack.com/api/oauth.v2.access',
      clientId: d.clientId,
      clientSecret: d.clientSecret,
      scope: d.scope,
      clientAuthentication: 'body',
    },
  }),
  allowedHosts: SLACK_HOSTS,
  test: authTest,
});

/** How far a call's timestamp may be from now: Slack's own advice against replayed calls. */
const REPLAY_WINDOW_MS = 5 * 60 * 1000;

/**
 * A Slack app's signing secret, which checks that Events API calls come from
 * Slack: `X-Slack-Signature` is `v0=` and the hex HMAC-SHA256 of
 * `v0:<X-Slack-Request-Timestamp>:<raw body>`.
 */
export const slackSigningSecret = defineCredentialType({
  name: 'slackSigningSecret',
  displayName: 'Slack signing secret',
  documentationUrl: 'https://api.slack.com/authentication/verifying-requests-from-slack',
  properties: z.object({
    signingSecret: z
      .string()
      .min(1)
      .meta({ label: 'Signing secret', description: 'Basic Information \u2192 App Credentials.', secret: true }),
  }),
  // The secret only checks incoming calls; it is never sent anywhere.
  authenticate: { type: 'headers', headers: {} },
  allowedHosts: [],
  async verifyWebhook(data, call, now) {
    const timestamp = call.headers.get('x-slack-request-timestamp');
    const signature = call.headers.get('x-slack-signature');
    if (!timestamp || !signature) return 'it has no Slack signature';
    const seconds = Number(timestamp);
    if (!Number.isFinite(seconds) || Math.abs(now - seconds * 1000) > REPLAY_WINDOW_MS)
      return 'its timestamp is outside the 5 minute window';
    // The HMAC helpers load with the first call to check, not with the catalog.
    const { concatBytes, constantTimeEqual, hmac, toHex } = await import('../../kit/signature.js');
    const expected = `v0=${toHex(await hmac('SHA-256', data.signingSecret, concatBytes(`v0:${timestamp}:`, call.body)))}`;
    return constantTimeEqual(expected, signature) ? undefined : 'its Slack signature does not match';
  },
});
