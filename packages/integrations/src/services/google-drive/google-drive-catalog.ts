// Google Drive in the integrations catalog: stand-ins that load the service and its credential types on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService } from '../catalog-parts.js';
import { googleDriveInfo } from './google-drive-info.js';

const credentials = () => import('../google/google-credentials.js');
export const googleDriveOAuth2 = lazyCredential(
  'googleDriveOAuth2Api',
  'Google Drive OAuth2',
  async () => (await credentials()).googleDriveOAuth2,
);
export const googleDriveServiceAccount = lazyCredential(
  'googleDriveServiceAccount',
  'Google Drive service account',
  async () => (await credentials()).googleDriveServiceAccount,
);
export const googleDrive = lazyService(
  googleDriveInfo,
  [googleDriveOAuth2, googleDriveServiceAccount],
  async () => (await import('./google-drive.js')).googleDrive.node,
);

/** Google Drive's node types, for `allIntegrations`. */
export const googleDriveNodeTypes: readonly NodeType[] = [googleDrive];
/** Google Drive's credential types, as stand-ins, for `allIntegrationCredentials`. */
export const googleDriveCredentialTypes: readonly LazyCredentialType[] = [googleDriveOAuth2, googleDriveServiceAccount];
