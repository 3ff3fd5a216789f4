// HubSpot in the catalog: stand-ins for its node, its trigger and its credential types, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService, lazyTrigger } from '../catalog-parts.js';
import { hubspotInfo } from './hubspot-info.js';

const credentials = () => import('./hubspot-credentials.js');

/** Stand-in of the HubSpot private app token credential type. */
export const hubspotPrivateApp = lazyCredential(
  'hubspotAppToken',
  'HubSpot private app token',
  async () => (await credentials()).hubspotPrivateApp,
);
/** Stand-in of the HubSpot OAuth2 credential type. */
export const hubspotOAuth2 = lazyCredential('hubspotOAuth2Api', 'HubSpot OAuth2', async () => (await credentials()).hubspotOAuth2);
/** Stand-in of the HubSpot app secret credential type, which checks the trigger's requests. */
export const hubspotAppSecret = lazyCredential(
  'hubspotAppSecret',
  'HubSpot app secret',
  async () => (await credentials()).hubspotAppSecret,
);

/** Stand-in of the HubSpot node. */
export const hubspot = lazyService(
  hubspotInfo,
  [hubspotPrivateApp, hubspotOAuth2],
  async () => (await import('./hubspot.js')).hubspot.node,
);
/** Stand-in of the HubSpot Trigger: webhook calls checked with the app secret. */
export const hubspotTrigger = lazyTrigger(hubspotInfo, hubspotAppSecret, async () => (await import('./hubspot-trigger.js')).hubspotTrigger);

/** HubSpot's node types, for the catalog's `allIntegrations`. */
export const hubspotNodeTypes: readonly NodeType[] = [hubspot, hubspotTrigger];
/** HubSpot's credential types, for the catalog's `allIntegrationCredentials`. */
export const hubspotCredentialTypes: readonly LazyCredentialType[] = [hubspotPrivateApp, hubspotOAuth2, hubspotAppSecret];
