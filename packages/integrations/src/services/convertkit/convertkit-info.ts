// What the palette needs of ConvertKit (Kit), without loading its trigger (its credential type is in convertkit-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** ConvertKit as the palette lists it. */
export const convertkitInfo = {
  id: 'convertkit',
  displayName: 'ConvertKit',
  description: 'Start workflows on ConvertKit (Kit) webhooks: form and sequence subscriptions, tags, link clicks, purchases, unsubscribes.',
  icon: monogram('CK', 'FB6970'),
  docsUrl: 'https://developers.kit.com/api-reference/v3/webhooks',
};
