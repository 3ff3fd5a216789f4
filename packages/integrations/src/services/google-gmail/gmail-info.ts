// What the palette needs of Gmail, without loading its operations (its credential type is in ../google/).
import { monogram } from '../../kit/icons.js';

/** Gmail as the palette lists it. */
export const gmailInfo = {
  id: 'gmail',
  displayName: 'Gmail',
  description:
    'Send and reply to emails with attachments, list and search messages, get them with their attachments, and manage labels in Gmail.',
  icon: monogram('Gm', 'EA4335'),
  docsUrl: 'https://developers.google.com/workspace/gmail/api/reference/rest',
};
