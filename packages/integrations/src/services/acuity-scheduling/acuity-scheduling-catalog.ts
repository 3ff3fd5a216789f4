// Acuity Scheduling in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { acuitySchedulingInfo } from './acuity-scheduling-info.js';

/** Stand-in of the Acuity Scheduling API key credential type, which checks the trigger's calls and reads the API. */
export const acuitySchedulingApiKey = lazyCredential(
  'acuitySchedulingApi',
  'Acuity Scheduling API key',
  async () => (await import('./acuity-scheduling-credentials.js')).acuitySchedulingApiKey,
);

/** Stand-in of the Acuity Scheduling Trigger: calls checked with the API key, which also fetches what they name. */
export const acuitySchedulingTrigger = lazyTrigger(
  acuitySchedulingInfo,
  acuitySchedulingApiKey,
  async () => (await import('./acuity-scheduling-trigger.js')).acuitySchedulingTrigger,
);

/** Acuity Scheduling's node types, for the catalog's `allIntegrations`. */
export const acuitySchedulingNodeTypes: readonly NodeType[] = [acuitySchedulingTrigger];
/** Acuity Scheduling's credential types, for the catalog's `allIntegrationCredentials`. */
export const acuitySchedulingCredentialTypes: readonly LazyCredentialType[] = [acuitySchedulingApiKey];
