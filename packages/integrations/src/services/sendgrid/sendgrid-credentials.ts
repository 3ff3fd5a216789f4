// SendGrid's credential types: loaded when a credential of theirs is used (the catalog lists stand-ins).
import { defineCredentialType } from '@flowloom/engine';
import { z } from 'zod';

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
