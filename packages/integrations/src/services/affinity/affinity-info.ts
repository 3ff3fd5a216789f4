// What the palette needs of Affinity, without loading its trigger (its credential type is in affinity-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Affinity as the palette lists it. */
export const affinityInfo = {
  id: 'affinity',
  displayName: 'Affinity',
  description: 'Start workflows from Affinity: lists, list entries, people, organizations, opportunities, notes, fields and files.',
  icon: monogram('Af', '1F3C88'),
  docsUrl: 'https://api-docs.affinity.co/#webhooks',
};
