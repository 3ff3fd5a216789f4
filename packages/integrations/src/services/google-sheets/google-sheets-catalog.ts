// Google Sheets in the integrations catalog: stand-ins that load the service, its trigger and its credential types on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyPollingTrigger, lazyService } from '../catalog-parts.js';
import { googleSheetsInfo } from './google-sheets-info.js';

const credentials = () => import('../google/google-credentials.js');
export const googleSheetsOAuth2 = lazyCredential(
  'googleSheetsOAuth2Api',
  'Google Sheets OAuth2',
  async () => (await credentials()).googleSheetsOAuth2,
);
export const googleSheetsServiceAccount = lazyCredential(
  'googleSheetsServiceAccount',
  'Google Sheets service account',
  async () => (await credentials()).googleSheetsServiceAccount,
);
export const googleSheets = lazyService(
  googleSheetsInfo,
  [googleSheetsOAuth2, googleSheetsServiceAccount],
  async () => (await import('./google-sheets.js')).googleSheets.node,
);
export const googleSheetsNewRow = lazyPollingTrigger(
  {
    type: 'integrations.googleSheetsNewRow',
    displayName: 'Google Sheets New Row',
    description: 'Starts the workflow with each row added to a sheet, or changed in it, asking Google Sheets at the chosen interval.',
    icon: googleSheetsInfo.icon,
  },
  [googleSheetsOAuth2, googleSheetsServiceAccount],
  async () => (await import('./google-sheets-new-row.js')).googleSheetsNewRow,
);

/** Google Sheets' node types, for `allIntegrations`. */
export const googleSheetsNodeTypes: readonly NodeType[] = [googleSheets, googleSheetsNewRow];
/** Google Sheets' credential types, as stand-ins, for `allIntegrationCredentials`. */
export const googleSheetsCredentialTypes: readonly LazyCredentialType[] = [googleSheetsOAuth2, googleSheetsServiceAccount];
