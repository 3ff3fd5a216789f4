// Twilio in the catalog: stand-ins for its node, its trigger and its credential types, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService, lazyTrigger } from '../catalog-parts.js';
import { twilioInfo } from './twilio-info.js';

const credentials = () => import('./twilio-credentials.js');

/** Stand-in of the Twilio auth token credential type (account SID and auth token). */
export const twilioAuthToken = lazyCredential('twilioApi', 'Twilio auth token', async () => (await credentials()).twilioAuthToken);
/** Stand-in of the Twilio API key credential type. */
export const twilioApiKey = lazyCredential('twilioApiKey', 'Twilio API key', async () => (await credentials()).twilioApiKey);

/** Stand-in of the Twilio node. */
export const twilio = lazyService(twilioInfo, [twilioAuthToken, twilioApiKey], async () => (await import('./twilio.js')).twilio.node);
/** Stand-in of the Twilio Trigger: webhook requests checked with the auth token. */
export const twilioTrigger = lazyTrigger(twilioInfo, twilioAuthToken, async () => (await import('./twilio-trigger.js')).twilioTrigger);

/** Twilio's node types, for the catalog's `allIntegrations`. */
export const twilioNodeTypes: readonly NodeType[] = [twilio, twilioTrigger];
/** Twilio's credential types, for the catalog's `allIntegrationCredentials`. */
export const twilioCredentialTypes: readonly LazyCredentialType[] = [twilioAuthToken, twilioApiKey];
