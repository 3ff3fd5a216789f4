// Google Analytics in the integrations catalog: stand-ins that load its two services (reports, and the Measurement
// Protocol) and their credential types on first use.
import type { LazyCredentialType, NodeType } from '@flowloom/engine';
import { lazyCredential, lazyService } from '../catalog-parts.js';
import { googleAnalyticsEventsInfo, googleAnalyticsInfo } from './google-analytics-info.js';

const credentials = () => import('../google/google-credentials.js');
export const googleAnalyticsOAuth2 = lazyCredential(
  'googleAnalyticsOAuth2Api',
  'Google Analytics OAuth2',
  async () => (await credentials()).googleAnalyticsOAuth2,
);
export const googleAnalyticsServiceAccount = lazyCredential(
  'googleAnalyticsServiceAccount',
  'Google Analytics service account',
  async () => (await credentials()).googleAnalyticsServiceAccount,
);
export const googleAnalyticsMeasurement = lazyCredential(
  'googleAnalyticsMeasurementApi',
  'Google Analytics Measurement Protocol API secret',
  async () => (await import('./google-analytics-credentials.js')).googleAnalyticsMeasurement,
);
export const googleAnalytics = lazyService(
  googleAnalyticsInfo,
  [googleAnalyticsOAuth2, googleAnalyticsServiceAccount],
  async () => (await import('./google-analytics.js')).googleAnalytics.node,
);
export const googleAnalyticsEvents = lazyService(
  googleAnalyticsEventsInfo,
  [googleAnalyticsMeasurement],
  async () => (await import('./google-analytics-events.js')).googleAnalyticsEvents.node,
);

/** Google Analytics' node types, for `allIntegrations`. */
export const googleAnalyticsNodeTypes: readonly NodeType[] = [googleAnalytics, googleAnalyticsEvents];
/** Google Analytics' credential types, as stand-ins, for `allIntegrationCredentials`. */
export const googleAnalyticsCredentialTypes: readonly LazyCredentialType[] = [
  googleAnalyticsOAuth2,
  googleAnalyticsServiceAccount,
  googleAnalyticsMeasurement,
];
