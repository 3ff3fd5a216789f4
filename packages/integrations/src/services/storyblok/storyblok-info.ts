// What the palette needs of Storyblok, without loading its operations or its credential type.
import { monogram } from '../../kit/icons.js';

/** Storyblok as the palette lists it. */
export const storyblokInfo = {
  id: 'storyblok',
  displayName: 'Storyblok',
  description: 'List, read, publish, unpublish and delete the stories of a Storyblok space through its Management API.',
  icon: monogram('SB', '09B3AF'),
  docsUrl: 'https://www.storyblok.com/docs/api/management',
};
