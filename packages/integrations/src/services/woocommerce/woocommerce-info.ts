// What the palette needs of WooCommerce, without loading its operations (its credential types are in woocommerce-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** WooCommerce as the palette lists it. */
export const woocommerceInfo = {
  id: 'woocommerce',
  displayName: 'WooCommerce',
  description: 'Create, update, get, list and delete products, orders and customers of a WooCommerce store.',
  icon: monogram('Wo', '7F54B3'),
  docsUrl: 'https://woocommerce.github.io/woocommerce-rest-api-docs/',
};
