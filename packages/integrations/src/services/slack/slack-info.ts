// What the palette needs of Slack, without loading its operations or its credential types.
import { slackIcon } from './slack-icon.js';

/** Slack as the palette lists it. */
export const slackInfo = {
  id: 'slack',
  displayName: 'Slack',
  description: 'Send and manage messages, upload files, and read channels and users in a Slack workspace.',
  icon: slackIcon,
  docsUrl: 'https://api.slack.com/methods',
};
