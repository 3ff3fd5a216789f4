// Gmail in the integrations catalog: stand-ins that load the service, its trigger and its credential type on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyPollingTrigger, lazyService } from '../catalog-parts.js';
import { gmailInfo } from './gmail-info.js';

export const gmailOAuth2 = lazyCredential(
  'gmailOAuth2Api',
  'Gmail OAuth2',
  async () => (await import('../google/google-credentials.js')).gmailOAuth2,
);
export const gmail = lazyService(gmailInfo, [gmailOAuth2], async () => (await import('./gmail.js')).gmail.node);
export const gmailNewMessage = lazyPollingTrigger(
  {
    type: 'integrations.gmailNewMessage',
    displayName: 'Gmail New Message',
    description: 'Starts the workflow with each email that arrives matching a search, asking Gmail at the chosen interval.',
    icon: gmailInfo.icon,
  },
  [gmailOAuth2],
  async () => (await import('./gmail-new-message.js')).gmailNewMessage,
);

/** Gmail's node types, for `allIntegrations`. */
export const gmailNodeTypes: readonly NodeType[] = [gmail, gmailNewMessage];
/** Gmail's credential type, as a stand-in, for `allIntegrationCredentials`. */
export const gmailCredentialTypes: readonly LazyCredentialType[] = [gmailOAuth2];
