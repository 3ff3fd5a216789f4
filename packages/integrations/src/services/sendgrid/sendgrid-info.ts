// What the palette needs of SendGrid, without loading its operations or its credential types.
import { monogram } from '../../kit/icons.js';

/** SendGrid as the palette lists it. */
export const sendgridInfo = {
  id: 'sendgrid',
  displayName: 'SendGrid',
  description: 'Send email with SendGrid, manage marketing contacts and lists, and read templates and statistics.',
  icon: monogram('SG', '1A82E2'),
  docsUrl: 'https://www.twilio.com/docs/sendgrid/api-reference',
};
