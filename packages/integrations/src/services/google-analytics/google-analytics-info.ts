// What the palette needs of Google Analytics, without loading its operations or its credential types.
import { monogram } from '../../kit/icons.js';

/** Google Analytics reports (the GA4 Data API) as the palette lists them. */
export const googleAnalyticsInfo = {
  id: 'googleanalytics',
  displayName: 'Google Analytics',
  description: 'Run GA4 reports and realtime reports: dimensions, metrics, date ranges and filters, each row as an item.',
  icon: monogram('GA', 'E37400'),
  docsUrl: 'https://developers.google.com/analytics/devguides/reporting/data/v1/rest',
};

/** Sending events to GA4 (the Measurement Protocol) as the palette lists it. */
export const googleAnalyticsEventsInfo = {
  id: 'googleanalyticsevents',
  displayName: 'Google Analytics Measurement Protocol',
  description: 'Send GA4 events from servers (purchases and other key events included), and validate them first.',
  icon: monogram('GA', 'F9AB00'),
  docsUrl: 'https://developers.google.com/analytics/devguides/collection/protocol/ga4/reference',
};
