// What the palette needs of Twilio, without loading its operations (its credential types are in twilio-credentials.ts).
import { monogram } from '../../kit/icons.js';
import { OWN_ACCOUNT } from './twilio-credentials.js';

const ACCOUNT = `/Accounts/${OWN_ACCOUNT}`;

/** Twilio as the palette lists it. */
export const twilioInfo = {
  id: 'twilio',
  displayName: 'Twilio',
  description: `Send SMS and WhatsApp messages, make calls and verify phone numbers with Twilio. In a custom API call, ${ACCOUNT} stands for the credential\u2019s account.`,
  icon: monogram('Tw', 'F22F46'),
  docsUrl: 'https://www.twilio.com/docs/usage/api',
};
