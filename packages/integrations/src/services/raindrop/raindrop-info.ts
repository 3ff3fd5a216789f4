// What the palette needs of Raindrop.io, without loading its operations or its credential types.
import { monogram } from '../../kit/icons.js';

/** Raindrop.io as the palette lists it. */
export const raindropInfo = {
  id: 'raindrop',
  displayName: 'Raindrop',
  description: 'Save, read, update and remove Raindrop.io bookmarks, manage their collections, and read the account.',
  icon: monogram('R', '0B7ED0'),
  docsUrl: 'https://developer.raindrop.io/',
};
