// What the palette needs of Box, without loading its trigger (its credential type is in box-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Box as the palette lists it. */
export const boxInfo = {
  id: 'box',
  displayName: 'Box',
  description: 'Start workflows on Box file, folder, comment, collaboration, shared link, metadata and sign request events.',
  icon: monogram('box', '0061D5'),
  docsUrl: 'https://developer.box.com/guides/webhooks/',
};
