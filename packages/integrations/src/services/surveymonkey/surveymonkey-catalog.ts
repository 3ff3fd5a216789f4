// SurveyMonkey in the catalog: stand-ins for its trigger and its credential type, which load on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyTrigger } from '../catalog-parts.js';
import { surveymonkeyInfo } from './surveymonkey-info.js';

/** Stand-in of the SurveyMonkey app credential type, which checks the trigger's calls. */
export const surveyMonkeyWebhookApp = lazyCredential(
  'surveyMonkeyWebhookApp',
  'SurveyMonkey app (webhook signing)',
  async () => (await import('./surveymonkey-credentials.js')).surveyMonkeyWebhookApp,
);

/** Stand-in of the SurveyMonkey Trigger: events checked with the app's signature. */
export const surveymonkeyTrigger = lazyTrigger(
  surveymonkeyInfo,
  surveyMonkeyWebhookApp,
  async () => (await import('./surveymonkey-trigger.js')).surveymonkeyTrigger,
);

/** SurveyMonkey's node types, for the catalog's `allIntegrations`. */
export const surveymonkeyNodeTypes: readonly NodeType[] = [surveymonkeyTrigger];
/** SurveyMonkey's credential types, for the catalog's `allIntegrationCredentials`. */
export const surveymonkeyCredentialTypes: readonly LazyCredentialType[] = [surveyMonkeyWebhookApp];
