// What the palette and the credentials panel need of SendGrid, without loading its operations.
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';
import { monogram } from '../../kit/icons.js';

/** SendGrid as the palette lists it. */
export const sendgridInfo = {
  id: 'sendgrid',
  displayName: 'SendGrid',
  description: 'Send email with SendGrid, manage marketing contacts and lists, and read templates and statistics.',
  icon: monogram('SG', '1A82E2'),
  docsUrl: 'https://www.twilio.com/docs/sendgrid/api-reference',
};

/** A SendGrid API key, `SG.xxx`, sent as a bearer token. */
export const sendGridApiKey = defineCredentialType({
  name: 'sendGridApi',
  displayName: 'SendGrid API key',
  documentationUrl: 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys',
  properties: z.object({
    apiKey: z.string().min(1).meta({ label: 'API key', placeholder: 'SG.xxxxxxxx', secret: true }),
  }),
  authenticate: (d) => ({ type: 'bearer', token: d.apiKey }),
  allowedHosts: ['api.sendgrid.com'],
  test: () => ({ url: 'https://api.sendgrid.com/v3/scopes' }),
});
