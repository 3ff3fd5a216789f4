// JotForm in the catalog: stand-ins for its trigger and its credential types, which load on first use.
import { defineLazyNode, type LazyCredentialType, type NodeType } from '@flowloom/engine';
import { lazyCredential } from '../catalog-parts.js';
import { jotformInfo } from './jotform-info.js';

const credentials = () => import('./jotform-credentials.js');

/** Stand-in of the JotForm webhook secret credential type, which checks the trigger's calls. */
export const jotFormWebhookSecret = lazyCredential(
  'jotFormWebhookSecret',
  'JotForm webhook secret',
  async () => (await credentials()).jotFormWebhookSecret,
);
/** Stand-in of the JotForm API key credential type, with which the trigger names answers by their questions. */
export const jotFormApiKey = lazyCredential('jotFormApi', 'JotForm API key', async () => (await credentials()).jotFormApiKey);

/** Stand-in of the JotForm Trigger: calls checked with the webhook secret, questions asked with the API key. */
export const jotformTrigger = defineLazyNode({
  type: `integrations.${jotformInfo.id}Trigger`,
  version: 1,
  displayName: `${jotformInfo.displayName} Trigger`,
  description: `Starts the workflow when ${jotformInfo.displayName} sends one of the chosen events.`,
  group: 'trigger',
  icon: jotformInfo.icon,
  inputs: [],
  outputs: ['main'],
  credentials: [jotFormWebhookSecret, jotFormApiKey].map((type) => ({ name: type.name, type: type.name, required: false })),
  load: async () => (await import('./jotform-trigger.js')).jotformTrigger,
});

/** JotForm's node types, for the catalog's `allIntegrations`. */
export const jotformNodeTypes: readonly NodeType[] = [jotformTrigger];
/** JotForm's credential types, for the catalog's `allIntegrationCredentials`. */
export const jotformCredentialTypes: readonly LazyCredentialType[] = [jotFormWebhookSecret, jotFormApiKey];
