import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { slackIcon } from './slack-icon.js';
import { slackSigningSecret } from './slack-credentials.js';

export { slackSigningSecret };

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
