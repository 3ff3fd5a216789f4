// The Measurement Protocol's credential: a data stream's API secret, which the engine adds to each event's URL with the
// stream's ID. (Reports use the Google account family in ../google/.)
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

export const MEASUREMENT_HOSTS = ['www.google-analytics.com', 'region1.google-analytics.com'];

/** A GA4 data stream's Measurement Protocol API secret, with the stream's measurement ID (web) or Firebase app ID (app). */
export const googleAnalyticsMeasurement = defineCredentialType({
  name: 'googleAnalyticsMeasurementApi',
  displayName: 'Google Analytics Measurement Protocol API secret',
  documentationUrl: 'https://developers.google.com/analytics/devguides/collection/protocol/ga4/sending-events',
  properties: z
    .object({
      apiSecret: z.string().trim().min(1).meta({
        label: 'API secret',
        secret: true,
        description: 'Admin \u2192 Data streams \u2192 the stream \u2192 Measurement Protocol API secrets.',
      }),
      measurementId: z
        .string()
        .trim()
        .regex(/^G-[A-Z0-9]+$/, 'must be a measurement ID such as G-XXXXXXXXXX')
        .optional()
        .meta({ label: 'Measurement ID', placeholder: 'G-XXXXXXXXXX', description: 'For a web stream.' }),
      firebaseAppId: z.string().trim().min(1).optional().meta({ label: 'Firebase app ID', description: 'For an app stream, instead.' }),
      region: z
        .enum(['global', 'eu'])
        .default('global')
        .meta({ label: 'Collection endpoint', description: 'eu collects in the European Union (region1.google-analytics.com).' }),
    })
    .superRefine((d, ctx) => {
      if (!d.measurementId === !d.firebaseAppId) {
        ctx.addIssue({
          code: 'custom',
          path: ['measurementId'],
          message: 'give either a measurement ID (web stream) or a Firebase app ID (app stream)',
        });
      }
    }),
  authenticate: (d) => ({
    type: 'custom',
    sign(request) {
      if (d.region === 'eu') request.url.hostname = 'region1.google-analytics.com';
      if (d.measurementId) request.url.searchParams.set('measurement_id', d.measurementId);
      else request.url.searchParams.set('firebase_app_id', d.firebaseAppId!);
      request.url.searchParams.set('api_secret', d.apiSecret);
    },
  }),
  allowedHosts: MEASUREMENT_HOSTS,
  // The validation server answers any event; a stream it does not know is reported in its messages.
  test: (d) => ({
    url: 'https://www.google-analytics.com/debug/mp/collect',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...(d.measurementId ? { client_id: 'flowloom.credential-test' } : { app_instance_id: '0'.repeat(32) }),
      events: [{ name: 'flowloom_credential_test' }],
    }),
    verify: ({ body }) => {
      const messages = (body as { validationMessages?: { description?: string }[] }).validationMessages ?? [];
      return messages.length === 0 ? undefined : `Google Analytics says: ${messages.map((m) => m.description).join('; ')}`;
    },
  }),
});
