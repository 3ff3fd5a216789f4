// What the palette needs of Twilio, without loading its operations (its credential types are in twilio-credentials.ts).
import { monogram } from '../../kit/icons.js';

/**
 * The path segment that stands for the credential's own account
 * (`/Accounts/me/Messages.json`). The signer writes the Account SID there, so
 * operations, and the items they read, never hold credential data.
 */
export const OWN_ACCOUNT = 'me';
const ACCOUNT = `/Accounts/${OWN_ACCOUNT}`;

/** Twilio as the palette lists it. */
export const twilioInfo = {
  id: 'twilio',
  displayName: 'Twilio',
  description: `Send SMS and WhatsApp messages, make calls and verify phone numbers with Twilio. In a custom API call, ${ACCOUNT} stands for the credential\u2019s account.`,
  icon: monogram('Tw', 'F22F46'),
  docsUrl: 'https://www.twilio.com/docs/usage/api',
};
