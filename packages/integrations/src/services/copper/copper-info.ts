// What the palette needs of Copper, without loading its trigger (its credential type is in copper-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Copper as the palette lists it. */
export const copperInfo = {
  id: 'copper',
  displayName: 'Copper',
  description: 'Start workflows from Copper CRM: leads, people, companies, opportunities, projects and tasks.',
  icon: monogram('Co', 'F36E21'),
  docsUrl: 'https://developer.copper.com/webhooks/overview.html',
};
