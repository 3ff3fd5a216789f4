// Airtable in the catalog: stand-ins for its node, its polling trigger and its credential types, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyPollingTrigger, lazyService } from '../catalog-parts.js';
import { airtableInfo } from './airtable-info.js';

const credentials = () => import('./airtable-credentials.js');

/** Stand-in of the Airtable personal access token credential type. */
export const airtableToken = lazyCredential(
  'airtableTokenApi',
  'Airtable personal access token',
  async () => (await credentials()).airtableToken,
);
/** Stand-in of the Airtable OAuth2 credential type. */
export const airtableOAuth2 = lazyCredential('airtableOAuth2Api', 'Airtable OAuth2', async () => (await credentials()).airtableOAuth2);

/** Stand-in of the Airtable node. */
export const airtable = lazyService(
  airtableInfo,
  [airtableToken, airtableOAuth2],
  async () => (await import('./airtable.js')).airtable.node,
);
/** Stand-in of the Airtable New or Changed Record polling trigger. */
export const airtableChangedRecord = lazyPollingTrigger(
  {
    type: 'integrations.airtableChangedRecord',
    displayName: 'Airtable New or Changed Record',
    description:
      'Starts the workflow with each record created or changed in a table, by its last-modified field, asking Airtable at the chosen interval.',
    icon: airtableInfo.icon,
  },
  [airtableToken, airtableOAuth2],
  async () => (await import('./airtable-changed-record.js')).airtableChangedRecord,
);

/** Airtable's node types, for the catalog's `allIntegrations`. */
export const airtableNodeTypes: readonly NodeType[] = [airtable, airtableChangedRecord];
/** Airtable's credential types, for the catalog's `allIntegrationCredentials`. */
export const airtableCredentialTypes: readonly LazyCredentialType[] = [airtableToken, airtableOAuth2];
