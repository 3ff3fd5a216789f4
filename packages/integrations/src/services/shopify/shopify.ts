import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import type { OperationDefinition, VendorError, VendorResponse } from '../../kit/service-types.js';
import { gid, graphql, pageParams, type GraphqlOperation } from './shopify-graphql.js';
import { BASE_URL, shopifyAccessToken, shopifyOAuth2 } from './shopify-credentials.js';
import { shopifyInfo } from './shopify-info.js';

export { shopifyAccessToken, shopifyOAuth2 };

/** Shopify answers HTTP errors as `{ "errors": "..." }` or `{ "errors": [{ "message" }] }`; GraphQL errors come with 200 and are read per operation. */
function shopifyError(response: VendorResponse): VendorError | undefined {
  if (response.status < 400) return undefined;
  const errors = (response.body as { errors?: unknown } | undefined)?.errors;
  const message =
    typeof errors === 'string'
      ? errors
      : Array.isArray(errors)
        ? errors.map((e: { message?: string }) => e.message).join('; ')
        : typeof response.body === 'string'
          ? response.body.slice(0, 300)
          : `HTTP ${response.status}`;
  return { message };
}

const PRODUCT = `id title handle status vendor productType tags descriptionHtml totalInventory createdAt updatedAt
  variants(first: 20) { nodes { id title sku price inventoryQuantity inventoryItem { id } } }`;
const ORDER = `id name email createdAt updatedAt displayFinancialStatus displayFulfillmentStatus
  totalPriceSet { shopMoney { amount currencyCode } } customer { id email firstName lastName }
  lineItems(first: 50) { nodes { id title quantity sku variant { id } } }`;
const CUSTOMER = 'id firstName lastName email phone tags note numberOfOrders createdAt updatedAt';
const USER_ERRORS = 'userErrors { field message }';

/** A list of a connection: `query` is Shopify's search syntax. */
const listQuery = (field: string, type: string, fields: string, extra = '') =>
  `query List($first: Int!, $after: String, $query: String${extra ? `, ${extra}` : ''}) {
  ${field}(first: $first, after: $after, query: $query${extra ? ', sortKey: $sortKey, reverse: $reverse' : ''}) { nodes { ${fields} } pageInfo { hasNextPage endCursor } }
}`.replace('List', `${type}List`);

const search = z
  .string()
  .optional()
  .meta({ label: 'Search', placeholder: 'status:active vendor:Acme', description: 'Shopify\u2019s search syntax; default: everything.' });
const id = (label: string) => z.string().trim().min(1).meta({ label, description: 'Its GID (gid://shopify/...) or its number.' });
const productId = id('Product ID');
const orderId = id('Order ID');
const customerId = id('Customer ID');
const inventoryItemId = id('Inventory item ID');
const tags = z.array(z.string()).optional().meta({ label: 'Tags' });

/** A Shopify operation: its parameters and its GraphQL description. */
function op(displayName: string, params: z.ZodObject<z.ZodRawShape>, def: GraphqlOperation, description?: string): OperationDefinition {
  return { displayName, ...(description ? { description } : {}), params, execute: graphql(def) as OperationDefinition['execute'] };
}
/** The fields given, without the unset ones. */
const given = (fields: Record<string, unknown>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

const productFields = {
  title: z.string().min(1).meta({ label: 'Title' }),
  descriptionHtml: z.string().optional().meta({ label: 'Description (HTML)', editor: 'html' }),
  vendor: z.string().optional().meta({ label: 'Vendor' }),
  productType: z.string().optional().meta({ label: 'Product type' }),
  tags,
  status: z.enum(['ACTIVE', 'DRAFT', 'ARCHIVED']).optional().meta({ label: 'Status' }),
};
const productInput = (p: Record<string, unknown>) =>
  given({
    title: p['title'],
    descriptionHtml: p['descriptionHtml'],
    vendor: p['vendor'],
    productType: p['productType'],
    tags: p['tags'],
    status: p['status'],
  });
const customerFields = {
  email: z.string().trim().optional().meta({ label: 'Email' }),
  firstName: z.string().optional().meta({ label: 'First name' }),
  lastName: z.string().optional().meta({ label: 'Last name' }),
  phone: z.string().optional().meta({ label: 'Phone', placeholder: '+16135551111' }),
  tags,
  note: z.string().optional().meta({ label: 'Note' }),
};
const customerInput = (p: Record<string, unknown>) =>
  given({ email: p['email'], firstName: p['firstName'], lastName: p['lastName'], phone: p['phone'], tags: p['tags'], note: p['note'] });

/** Shopify: products, orders, customers and inventory levels of a store, through the Admin GraphQL API. */
export const shopify = defineService({
  ...shopifyInfo,
  baseUrl: BASE_URL,
  credentials: [shopifyAccessToken, shopifyOAuth2],
  error: shopifyError,
  resources: {
    product: {
      displayName: 'Product',
      operations: {
        list: op('List', z.object({ search, ...pageParams }), {
          name: 'product.list',
          query: listQuery('products', 'Product', PRODUCT),
          variables: (p) => given({ query: p['search'] }),
          result: 'products',
          connection: true,
        }),
        get: op('Get', z.object({ productId }), {
          name: 'product.get',
          query: `query ProductGet($id: ID!) { product(id: $id) { ${PRODUCT} } }`,
          variables: (p) => ({ id: gid('Product', p['productId']) }),
          result: 'product',
          lookup: 'productId',
        }),
        create: op('Create', z.object(productFields), {
          name: 'product.create',
          query: `mutation ProductCreate($product: ProductCreateInput!) { productCreate(product: $product) { product { ${PRODUCT} } ${USER_ERRORS} } }`,
          variables: (p) => ({ product: productInput(p) }),
          result: 'productCreate',
          payload: 'product',
        }),
        update: op(
          'Update',
          z.object({ productId, ...productFields, title: productFields.title.optional() }),
          {
            name: 'product.update',
            query: `mutation ProductUpdate($product: ProductUpdateInput!) { productUpdate(product: $product) { product { ${PRODUCT} } ${USER_ERRORS} } }`,
            variables: (p) => ({ product: { id: gid('Product', p['productId']), ...productInput(p) } }),
            result: 'productUpdate',
            payload: 'product',
            fields: { 'product.id': 'productId', id: 'productId' },
          },
          'Change the fields given; others stay.',
        ),
        delete: op('Delete', z.object({ productId }), {
          name: 'product.delete',
          query: `mutation ProductDelete($input: ProductDeleteInput!) { productDelete(input: $input) { deletedProductId ${USER_ERRORS} } }`,
          variables: (p) => ({ input: { id: gid('Product', p['productId']) } }),
          result: 'productDelete',
          payload: '',
          fields: { id: 'productId', 'input.id': 'productId' },
        }),
      },
    },
    order: {
      displayName: 'Order',
      operations: {
        list: op(
          'List',
          z.object({ search, newestFirst: z.boolean().default(true).meta({ label: 'Newest first' }), ...pageParams }),
          {
            name: 'order.list',
            query: listQuery('orders', 'Order', ORDER, '$sortKey: OrderSortKeys, $reverse: Boolean'),
            variables: (p) => given({ query: p['search'], sortKey: 'CREATED_AT', reverse: p['newestFirst'] }),
            result: 'orders',
            connection: true,
          },
          'Orders of the last 60 days, unless the app may read all orders.',
        ),
        get: op('Get', z.object({ orderId }), {
          name: 'order.get',
          query: `query OrderGet($id: ID!) { order(id: $id) { ${ORDER} } }`,
          variables: (p) => ({ id: gid('Order', p['orderId']) }),
          result: 'order',
          lookup: 'orderId',
        }),
      },
    },
    customer: {
      displayName: 'Customer',
      operations: {
        list: op('List', z.object({ search, ...pageParams }), {
          name: 'customer.list',
          query: listQuery('customers', 'Customer', CUSTOMER),
          variables: (p) => given({ query: p['search'] }),
          result: 'customers',
          connection: true,
        }),
        get: op('Get', z.object({ customerId }), {
          name: 'customer.get',
          query: `query CustomerGet($id: ID!) { customer(id: $id) { ${CUSTOMER} } }`,
          variables: (p) => ({ id: gid('Customer', p['customerId']) }),
          result: 'customer',
          lookup: 'customerId',
        }),
        create: op('Create', z.object(customerFields), {
          name: 'customer.create',
          query: `mutation CustomerCreate($input: CustomerInput!) { customerCreate(input: $input) { customer { ${CUSTOMER} } ${USER_ERRORS} } }`,
          variables: (p) => ({ input: customerInput(p) }),
          result: 'customerCreate',
          payload: 'customer',
        }),
        update: op(
          'Update',
          z.object({ customerId, ...customerFields }),
          {
            name: 'customer.update',
            query: `mutation CustomerUpdate($input: CustomerInput!) { customerUpdate(input: $input) { customer { ${CUSTOMER} } ${USER_ERRORS} } }`,
            variables: (p) => ({ input: { id: gid('Customer', p['customerId']), ...customerInput(p) } }),
            result: 'customerUpdate',
            payload: 'customer',
            fields: { id: 'customerId' },
          },
          'Change the fields given; others stay.',
        ),
      },
    },
    inventoryLevel: {
      displayName: 'Inventory level',
      operations: {
        list: op(
          'List',
          z.object({ inventoryItemId, ...pageParams }),
          {
            name: 'inventoryLevel.list',
            query: `query InventoryLevels($id: ID!, $first: Int!, $after: String) { inventoryItem(id: $id) { inventoryLevels(first: $first, after: $after) {
  nodes { id location { id name } quantities(names: ["available", "committed", "on_hand"]) { name quantity } } pageInfo { hasNextPage endCursor } } } }`,
            variables: (p) => ({ id: gid('InventoryItem', p['inventoryItemId']) }),
            result: 'inventoryItem.inventoryLevels',
            connection: true,
            lookup: 'inventoryItemId',
          },
          'An item\u2019s quantities at each location (a variant\u2019s inventory item).',
        ),
        adjust: op(
          'Adjust',
          z.object({
            inventoryItemId,
            locationId: id('Location ID'),
            delta: z
              .number()
              .int()
              .meta({ label: 'Change', description: 'Units to add (or, negative, to remove) from the available quantity.' }),
            reason: z
              .enum(['correction', 'cycle_count_available', 'damaged', 'movement_created', 'received', 'restock', 'shrinkage', 'other'])
              .default('correction')
              .meta({ label: 'Reason' }),
          }),
          {
            name: 'inventoryLevel.adjust',
            query: `mutation InventoryAdjust($input: InventoryAdjustQuantitiesInput!) { inventoryAdjustQuantities(input: $input) {
  inventoryAdjustmentGroup { createdAt reason changes { name delta quantityAfterChange item { id } location { id name } } } ${USER_ERRORS} } }`,
            variables: (p) => ({
              input: {
                reason: p['reason'],
                name: 'available',
                changes: [
                  {
                    delta: p['delta'],
                    inventoryItemId: gid('InventoryItem', p['inventoryItemId']),
                    locationId: gid('Location', p['locationId']),
                  },
                ],
              },
            }),
            result: 'inventoryAdjustQuantities',
            payload: 'inventoryAdjustmentGroup',
            fields: {
              'input.changes.0.delta': 'delta',
              'input.changes.0.locationId': 'locationId',
              'input.changes.0.inventoryItemId': 'inventoryItemId',
            },
          },
          'Add or remove available units at a location.',
        ),
      },
    },
  },
});
