// What the palette needs of Cockpit, without loading its operations or its credential type.
import { monogram } from '../../kit/icons.js';

/** Cockpit as the palette lists it. */
export const cockpitInfo = {
  id: 'cockpit',
  displayName: 'Cockpit',
  description: 'List, create and update the entries of a Cockpit CMS collection.',
  icon: monogram('CP', '3A3A3A'),
  docsUrl: 'https://v1.getcockpit.com/documentation/api/collections',
};
