import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';
import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { concatBytes, constantTimeEqual, hmac, toHex } from '../../kit/signature.js';
import { slackIcon } from './slack-icon.js';

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
    const expected = `v0=${toHex(await hmac('SHA-256', data.signingSecret, concatBytes(`v0:${timestamp}:`, call.body)))}`;
    return constantTimeEqual(expected, signature) ? undefined : 'its Slack signature does not match';
  },
});

type SlackCall = CallJson & {
  body?: { type?: string; challenge?: string; event?: Record<string, unknown>; team_id?: string; event_id?: string; event_time?: number };
};

/** Starts a workflow on Slack Events API events (messages, mentions, reactions...), checked with the app's signing secret. */
export const slackTrigger = defineTrigger({
  id: 'slack',
  displayName: 'Slack',
  icon: slackIcon,
  docsUrl: 'https://api.slack.com/apis/events-api',
  credentials: [slackSigningSecret],
  events: {
    message: { displayName: 'Message posted', description: 'A message in a channel the app is in.' },
    app_mention: { displayName: 'App mentioned' },
    reaction_added: { displayName: 'Reaction added' },
    reaction_removed: { displayName: 'Reaction removed' },
    member_joined_channel: { displayName: 'Member joined a channel' },
    channel_created: { displayName: 'Channel created' },
    file_shared: { displayName: 'File shared' },
  },
  handshake: (call: SlackCall) =>
    call.body?.type === 'url_verification'
      ? { status: 200, headers: { 'content-type': 'application/json' }, body: { challenge: call.body.challenge } }
      : undefined,
  eventOf: (call: SlackCall) => (call.body?.type === 'event_callback' ? (call.body.event?.['type'] as string | undefined) : undefined),
  items: (call: SlackCall) => [
    { ...call.body?.event, team_id: call.body?.team_id, event_id: call.body?.event_id, event_time: call.body?.event_time },
  ],
});
