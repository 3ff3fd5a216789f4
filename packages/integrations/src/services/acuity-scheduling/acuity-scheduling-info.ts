// What the palette needs of Acuity Scheduling, without loading its trigger (its credential type is in
// acuity-scheduling-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Acuity Scheduling as the palette lists it. */
export const acuitySchedulingInfo = {
  id: 'acuityscheduling',
  displayName: 'Acuity Scheduling',
  description: 'Start workflows when appointments are booked, rescheduled, changed or canceled, and when orders complete.',
  icon: monogram('A', '1C2A3A'),
  docsUrl: 'https://developers.acuityscheduling.com/docs/webhooks',
};
