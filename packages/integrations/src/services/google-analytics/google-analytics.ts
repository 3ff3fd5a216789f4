import { defineService } from '../../kit/define-service.js';
import type { RequestSpec } from '../../kit/request-spec.js';
import type { Service } from '../../kit/service-types.js';
import { googleAnalyticsOAuth2, googleAnalyticsServiceAccount } from '../google/google-credentials.js';
import { googleError } from '../google/google-error.js';
import { googleAnalyticsInfo } from './google-analytics-info.js';
import { propertyPath, realtimeParams, reportParams, runRealtimeReport, runReport } from './google-analytics-report.js';

export { googleAnalyticsOAuth2, googleAnalyticsServiceAccount };

/** The property's dimensions or metrics (custom ones included), from its metadata. */
const fromMetadata = (items: 'dimensions' | 'metrics') => ({
  request: (p: Record<string, unknown>): RequestSpec => ({ method: 'GET', path: `/${propertyPath(String(p['propertyId']))}/metadata` }),
  items,
  value: 'apiName',
  label: 'uiName',
  description: 'description',
  dependsOn: ['propertyId'],
});

/** Google Analytics: GA4 reports and realtime reports through the Data API v1beta. */
export const googleAnalytics: Service = defineService({
  ...googleAnalyticsInfo,
  baseUrl: 'https://analyticsdata.googleapis.com/v1beta',
  credentials: [googleAnalyticsOAuth2, googleAnalyticsServiceAccount],
  error: (response) => googleError(response),
  loadOptions: { dimensions: fromMetadata('dimensions'), metrics: fromMetadata('metrics') },
  resources: {
    report: {
      displayName: 'Report',
      operations: {
        run: {
          displayName: 'Run',
          description: 'Dimensions and metrics over date ranges, each row as an item.',
          params: reportParams,
          execute: runReport,
        },
        runRealtime: {
          displayName: 'Run realtime',
          description: 'Dimensions and metrics of the last minutes, each row as an item.',
          params: realtimeParams,
          execute: runRealtimeReport,
        },
      },
    },
  },
});
