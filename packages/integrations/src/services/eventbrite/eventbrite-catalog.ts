// Eventbrite in the catalog: stand-ins for its trigger and its credential types, which load on first use.
import { defineLazyNode, type LazyCredentialType, type NodeType } from '@flowloom/engine';
import { lazyCredential } from '../catalog-parts.js';
import { eventbriteInfo } from './eventbrite-info.js';

const credentials = () => import('./eventbrite-credentials.js');

/** Stand-in of the Eventbrite webhook secret credential type, which checks the trigger's calls. */
export const eventbriteWebhookSecret = lazyCredential(
  'eventbriteWebhookSecret',
  'Eventbrite webhook secret',
  async () => (await credentials()).eventbriteWebhookSecret,
);
/** Stand-in of the Eventbrite private token credential type, with which the trigger fetches what a call points to. */
export const eventbritePrivateToken = lazyCredential(
  'eventbriteApi',
  'Eventbrite private token',
  async () => (await credentials()).eventbritePrivateToken,
);

/** Stand-in of the Eventbrite Trigger: calls checked with the webhook secret, objects fetched with the private token. */
export const eventbriteTrigger = defineLazyNode({
  type: `integrations.${eventbriteInfo.id}Trigger`,
  version: 1,
  displayName: `${eventbriteInfo.displayName} Trigger`,
  description: `Starts the workflow when ${eventbriteInfo.displayName} sends one of the chosen events.`,
  group: 'trigger',
  icon: eventbriteInfo.icon,
  inputs: [],
  outputs: ['main'],
  credentials: [eventbriteWebhookSecret, eventbritePrivateToken].map((type) => ({ name: type.name, type: type.name, required: false })),
  load: async () => (await import('./eventbrite-trigger.js')).eventbriteTrigger,
});

/** Eventbrite's node types, for the catalog's `allIntegrations`. */
export const eventbriteNodeTypes: readonly NodeType[] = [eventbriteTrigger];
/** Eventbrite's credential types, for the catalog's `allIntegrationCredentials`. */
export const eventbriteCredentialTypes: readonly LazyCredentialType[] = [eventbriteWebhookSecret, eventbritePrivateToken];
