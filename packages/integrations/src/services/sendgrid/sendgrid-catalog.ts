// SendGrid in the catalog: stand-ins for its node and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService } from '../catalog-parts.js';
import { sendgridInfo } from './sendgrid-info.js';

/** Stand-in of the SendGrid API key credential type. */
export const sendGridApiKey = lazyCredential(
  'sendGridApi',
  'SendGrid API key',
  async () => (await import('./sendgrid-credentials.js')).sendGridApiKey,
);

/** Stand-in of the SendGrid node. */
export const sendgrid = lazyService(sendgridInfo, [sendGridApiKey], async () => (await import('./sendgrid.js')).sendgrid.node);

/** SendGrid's node types, for the catalog's `allIntegrations`. */
export const sendgridNodeTypes: readonly NodeType[] = [sendgrid];
/** SendGrid's credential types, for the catalog's `allIntegrationCredentials`. */
export const sendgridCredentialTypes: readonly LazyCredentialType[] = [sendGridApiKey];
