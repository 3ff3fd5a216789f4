// What the palette needs of Ghost, without loading its operations or its credential type.
import { monogram } from '../../kit/icons.js';

/** Ghost as the palette lists it. */
export const ghostInfo = {
  id: 'ghost',
  displayName: 'Ghost',
  description: 'Create, read, list, update and delete the posts of a Ghost site through its Admin API.',
  icon: monogram('G', '15212A'),
  docsUrl: 'https://docs.ghost.org/admin-api',
};
