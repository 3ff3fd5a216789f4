// What the palette needs of Trello, without loading its trigger (its credential type is in trello-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Trello as the palette lists it. */
export const trelloInfo = {
  id: 'trello',
  displayName: 'Trello',
  description: 'Start workflows on the actions taken on a Trello board, list, card or member: cards created, moved, commented...',
  icon: monogram('Tr', '0052CC'),
  docsUrl: 'https://developer.atlassian.com/cloud/trello/guides/rest-api/webhooks/',
};
