// What the palette needs of Meta Ads, without loading its operations (its credential type is in meta-ads-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Meta Ads as the palette lists it. */
export const metaAdsInfo = {
  id: 'metaads',
  displayName: 'Meta Ads',
  description: 'Create, pause and list Meta (Facebook and Instagram) campaigns, ad sets and ads, and read their insights.',
  icon: monogram('M', '0866FF'),
  docsUrl: 'https://developers.facebook.com/docs/marketing-api/reference',
};
