// What the palette needs of ActiveCampaign, without loading its trigger (its credential type is in activecampaign-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** ActiveCampaign as the palette lists it. */
export const activecampaignInfo = {
  id: 'activecampaign',
  displayName: 'ActiveCampaign',
  description: 'Start workflows on ActiveCampaign webhooks: contacts, campaigns, deals, accounts, notes, tags and SMS.',
  icon: monogram('AC', '356AE6'),
  docsUrl: 'https://developers.activecampaign.com/page/webhooks',
};
