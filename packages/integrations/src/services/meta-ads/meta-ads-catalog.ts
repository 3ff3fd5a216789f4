// Meta Ads in the catalog: stand-ins for its node and its credential type, which load on first use.
import { defineLazyCredentialType, defineLazyNode, type LazyCredentialType, type NodeType } from '@flowloom/engine';
import { metaAdsInfo } from './meta-ads-info.js';

/** Stand-in of the Meta Ads access token credential type (with the app secret for appsecret_proof). */
export const metaAdsAccessToken = defineLazyCredentialType({
  name: 'metaAdsApi',
  displayName: 'Meta Ads access token',
  load: async () => (await import('./meta-ads-credentials.js')).metaAdsAccessToken,
});

/** Stand-in of the Meta Ads node: campaigns, ad sets, ads and insights. */
export const metaAds = defineLazyNode({
  type: `integrations.${metaAdsInfo.id}`,
  version: 1,
  displayName: metaAdsInfo.displayName,
  description: metaAdsInfo.description,
  group: 'integration',
  icon: metaAdsInfo.icon,
  inputs: ['main'],
  outputs: ['main'],
  credentials: [{ name: metaAdsAccessToken.name, type: metaAdsAccessToken.name, required: false }],
  load: async () => (await import('./meta-ads.js')).metaAds.node,
});

/** Meta Ads' node types, for the catalog's `allIntegrations`. */
export const metaAdsNodeTypes: readonly NodeType[] = [metaAds];
/** Meta Ads' credential types, for the catalog's `allIntegrationCredentials`. */
export const metaAdsCredentialTypes: readonly LazyCredentialType[] = [metaAdsAccessToken];
