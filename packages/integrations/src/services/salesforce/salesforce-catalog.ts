// Salesforce in the catalog: stand-ins for its node, its polling trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyPollingTrigger, lazyService } from '../catalog-parts.js';
import { salesforceInfo } from './salesforce-info.js';

/** Stand-in of the Salesforce OAuth2 credential type. */
export const salesforceOAuth2 = lazyCredential(
  'salesforceOAuth2Api',
  'Salesforce OAuth2',
  async () => (await import('./salesforce-credentials.js')).salesforceOAuth2,
);

/** Stand-in of the Salesforce node. */
export const salesforce = lazyService(salesforceInfo, [salesforceOAuth2], async () => (await import('./salesforce.js')).salesforce.node);
/** Stand-in of the Salesforce Record Changed polling trigger. */
export const salesforceRecordChanged = lazyPollingTrigger(
  {
    type: 'integrations.salesforceRecordChanged',
    displayName: 'Salesforce Record Changed',
    description: 'Starts the workflow with each record of an object that is created or changed, asking Salesforce at the chosen interval.',
    icon: salesforceInfo.icon,
  },
  [salesforceOAuth2],
  async () => (await import('./salesforce-trigger.js')).salesforceRecordChanged,
);

/** Salesforce's node types, for the catalog's `allIntegrations`. */
export const salesforceNodeTypes: readonly NodeType[] = [salesforce, salesforceRecordChanged];
/** Salesforce's credential types, for the catalog's `allIntegrationCredentials`. */
export const salesforceCredentialTypes: readonly LazyCredentialType[] = [salesforceOAuth2];
