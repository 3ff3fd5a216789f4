// What the palette needs of Wufoo, without loading its trigger (its credential type is in wufoo-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Wufoo as the palette lists it. */
export const wufooInfo = {
  id: 'wufoo',
  displayName: 'Wufoo',
  description: 'Start workflows with the entries of a Wufoo form.',
  icon: monogram('Wu', 'D8413B'),
  docsUrl: 'https://wufoo.github.io/docs/#webhooks',
};
