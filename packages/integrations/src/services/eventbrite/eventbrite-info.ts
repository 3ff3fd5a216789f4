// What the palette needs of Eventbrite, without loading its trigger (its credential types are in eventbrite-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Eventbrite as the palette lists it. */
export const eventbriteInfo = {
  id: 'eventbrite',
  displayName: 'Eventbrite',
  description: 'Start workflows on Eventbrite orders, attendees, events, ticket classes, organizers and venues.',
  icon: monogram('E', 'F05537'),
  docsUrl: 'https://www.eventbrite.com/platform/docs/webhooks',
};
