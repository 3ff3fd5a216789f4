// What the palette needs of Contentful, without loading its operations or its credential type.
import { monogram } from '../../kit/icons.js';

/** Contentful as the palette lists it. */
export const contentfulInfo = {
  id: 'contentful',
  displayName: 'Contentful',
  description: 'Read a Contentful space\u2019s published or draft entries through its Content Delivery and Preview APIs.',
  icon: monogram('C', '2478CC'),
  docsUrl: 'https://www.contentful.com/developers/docs/references/content-delivery-api/',
};
