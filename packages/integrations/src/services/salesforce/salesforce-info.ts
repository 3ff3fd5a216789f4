// What the palette needs of Salesforce, without loading its operations or its credential type.
import { monogram } from '../../kit/icons.js';

/** Salesforce as the palette lists it. */
export const salesforceInfo = {
  id: 'salesforce',
  displayName: 'Salesforce',
  description:
    'Create, get, update, upsert and delete leads, contacts, accounts, opportunities and custom objects; run SOQL; describe objects.',
  icon: monogram('SF', '00A1E0'),
  docsUrl: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/',
};
