// What the palette needs of HubSpot, without loading its operations or its credential types.
import { monogram } from '../../kit/icons.js';

/** HubSpot as the palette lists it. */
export const hubspotInfo = {
  id: 'hubspot',
  displayName: 'HubSpot',
  description: 'Create, update, get, search and associate contacts, companies, deals and tickets, and send emails, in HubSpot CRM.',
  icon: monogram('H', 'FF7A59'),
  docsUrl: 'https://developers.hubspot.com/docs/api/overview',
};
