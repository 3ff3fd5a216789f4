// What the palette needs of Autopilot, without loading its trigger (its credential type is in autopilot-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Autopilot as the palette lists it. */
export const autopilotInfo = {
  id: 'autopilot',
  displayName: 'Autopilot',
  description: 'Start workflows on Autopilot contact events: added, updated, unsubscribed, list and segment changes.',
  icon: monogram('Ap', '18BDB5'),
  docsUrl: 'https://autopilot.docs.apiary.io/#reference/rest-hooks',
};
