// What the palette needs of Shopify, without loading its operations or its credential types.
import { monogram } from '../../kit/icons.js';

/** Shopify as the palette lists it. */
export const shopifyInfo = {
  id: 'shopify',
  displayName: 'Shopify',
  description: 'Products, orders, customers and inventory levels of a Shopify store, through the Admin GraphQL API.',
  icon: monogram('S', '5E8E3E'),
  docsUrl: 'https://shopify.dev/docs/api/admin-graphql',
};
