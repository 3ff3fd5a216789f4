// What the palette needs of TheHive, without loading its trigger (its credential type is in thehive-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** TheHive as the palette lists it. */
export const thehiveInfo = {
  id: 'thehive',
  displayName: 'TheHive',
  description: 'Start workflows when alerts, cases, tasks, task logs or observables of TheHive are created, updated or deleted.',
  icon: monogram('TH', 'F5A623'),
  docsUrl: 'https://docs.strangebee.com/thehive/administration/webhooks/',
};
