// What the palette needs of JotForm, without loading its trigger (its credential types are in jotform-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** JotForm as the palette lists it. */
export const jotformInfo = {
  id: 'jotform',
  displayName: 'JotForm',
  description: 'Start workflows with the submissions of a JotForm form.',
  icon: monogram('J', 'FA8900'),
  docsUrl: 'https://api.jotform.com/docs/',
};
