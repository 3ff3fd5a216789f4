// What the palette needs of Microsoft Teams, without loading its operations or its credential types.
import { monogram } from '../../kit/icons.js';

/** Microsoft Teams as the palette lists it. */
export const teamsInfo = {
  id: 'teams',
  displayName: 'Microsoft Teams',
  description: 'Post to channels, create and list channels and teams, and schedule Teams meetings, through Microsoft Graph.',
  icon: monogram('T', '5059C9'),
  docsUrl: 'https://learn.microsoft.com/en-us/graph/api/resources/teams-api-overview',
};
