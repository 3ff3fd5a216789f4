// What the palette needs of Mailchimp, without loading its operations or its credential types.
import { monogram } from '../../kit/icons.js';

/** Mailchimp as the palette lists it. */
export const mailchimpInfo = {
  id: 'mailchimp',
  displayName: 'Mailchimp',
  description: 'Create and send campaigns, add, update, tag and unsubscribe audience members, and list audiences and templates.',
  icon: monogram('M', '241C15'),
  docsUrl: 'https://mailchimp.com/developer/marketing/api/',
};
