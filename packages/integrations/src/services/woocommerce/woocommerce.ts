import type { Item } from '@flowloom/engine';
import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param, type RequestSpec, type ValueSpec } from '../../kit/request-spec.js';
import type { OperationDefinition, VendorResponse } from '../../kit/service-types.js';
import { STORE_HOST, wooCommerceApiKey } from './woocommerce-credentials.js';
import { woocommerceInfo } from './woocommerce-info.js';

export { wooCommerceApiKey } from './woocommerce-credentials.js';

type Params = Record<string, unknown>;

/** The field a parameter sets: its name in snake case, but `productStatus` and `orderStatus` are both `status`. */
const fieldOf = (name: string) => (name.endsWith('Status') ? 'status' : name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

/** The fields named (unset ones left out), then the additional fields. */
function fields(p: Params, names: readonly string[]): Record<string, unknown> {
  const out: Params = {};
  for (const name of names) if (p[name] !== undefined) out[fieldOf(name)] = p[name];
  return { ...out, ...(p['additionalFields'] as Params | undefined) };
}

const json =
  (method: 'POST' | 'PUT', path: string, names: readonly string[]) =>
  (p: Params): RequestSpec => ({ method, path, body: fields(p, names) as ValueSpec });

const id = (label: string) => z.number().int().min(1).meta({ label });
const additionalFields = z.record(z.string(), z.unknown()).meta({
  label: 'Additional fields',
  editor: 'json',
  description: 'Other fields, as the WooCommerce REST API names them: {"meta_data": [{"key": "gift", "value": "yes"}]}.',
});
const address = (label: string) =>
  z.record(z.string(), z.string()).meta({ label, editor: 'json', placeholder: '{"first_name": "Ada", "city": "London", "country": "GB"}' });
const force = z
  .boolean()
  .default(true)
  .meta({ label: 'Delete permanently', description: 'Otherwise products and orders go to the trash.' });

const listParams = {
  returnAll: z.boolean().default(false).meta({ label: 'Return all', description: 'Follow every page; otherwise stop at the limit.' }),
  limit: z.number().int().min(1).default(50).meta({ label: 'Limit', description: 'The most items to return.' }),
};

/** A list: filters, then `page` after `page` of up to 100, until `X-WP-TotalPages` (or a short page) says there are no more. */
function list(path: string, filters: z.ZodRawShape): OperationDefinition {
  return {
    displayName: 'List',
    params: z.object({ ...filters, ...listParams }),
    async execute({ params, request }) {
      const limit = params['returnAll'] === true ? Infinity : Number(params['limit']);
      const perPage = Math.min(100, limit);
      const query = fields(params, Object.keys(filters)) as Record<string, ValueSpec>;
      const out: Item[] = [];
      for (let page = 1; ; page++) {
        const answer = await request({ method: 'GET', path, query: { ...query, per_page: perPage, page } });
        const rows = Array.isArray(answer.body) ? (answer.body as Record<string, unknown>[]) : [];
        for (const json of rows) if (out.length < limit) out.push({ json });
        const totalPages = Number(answer.headers.get('x-wp-totalpages') ?? Number.NaN);
        const last = Number.isFinite(totalPages) ? page >= totalPages : rows.length < perPage;
        if (last || rows.length === 0 || out.length >= limit) return out;
      }
    },
  };
}

/** Get one record of a collection (`/products`), named by its ID parameter (`productId`). */
function getById(path: string, key: string, label: string): OperationDefinition {
  return { displayName: 'Get', params: z.object({ [key]: id(label) }), request: { method: 'GET', path: `${path}/{${key}}` } };
}

/** Delete one record of a collection, for good unless `force` is turned off. */
function deleteById(path: string, key: string, label: string): OperationDefinition {
  return {
    displayName: 'Delete',
    params: z.object({ [key]: id(label), force }),
    request: { method: 'DELETE', path: `${path}/{${key}}`, query: { force: param('force') } },
  };
}

/** WooCommerce answers errors as `{ code, message, data: { status, params?: { field: why } } }`. */
function wooError({ status, body }: VendorResponse) {
  if (status < 400) return undefined;
  const e = (body ?? {}) as { code?: string; message?: string; data?: { params?: Record<string, string> } };
  const field = Object.keys(e.data?.params ?? {})[0];
  return {
    ...(e.code ? { code: e.code } : {}),
    message: [e.message ?? `HTTP ${status}`, field ? e.data?.params?.[field] : undefined].filter(Boolean).join(' '),
    ...(field ? { parameter: field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) } : {}),
  };
}

const productFields = [
  'name',
  'type',
  'productStatus',
  'regularPrice',
  'salePrice',
  'sku',
  'description',
  'shortDescription',
  'manageStock',
  'stockQuantity',
];
const productShape = {
  type: z.enum(['simple', 'grouped', 'external', 'variable']).optional().meta({ label: 'Type' }),
  productStatus: z.enum(['draft', 'pending', 'private', 'publish']).optional().meta({ label: 'Status' }),
  regularPrice: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a price written with a dot, such as 19.99')
    .optional()
    .meta({ label: 'Regular price' }),
  salePrice: z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a price written with a dot, such as 14.99')
    .optional()
    .meta({ label: 'Sale price' }),
  sku: z.string().optional().meta({ label: 'SKU' }),
  description: z.string().optional().meta({ label: 'Description', editor: 'multiline' }),
  shortDescription: z.string().optional().meta({ label: 'Short description' }),
  manageStock: z.boolean().optional().meta({ label: 'Manage stock' }),
  stockQuantity: z.number().int().optional().meta({ label: 'Stock quantity' }),
  additionalFields: additionalFields.optional(),
};
const orderFields = [
  'orderStatus',
  'customerId',
  'paymentMethod',
  'paymentMethodTitle',
  'setPaid',
  'billing',
  'shipping',
  'lineItems',
  'customerNote',
];
const orderShape = {
  orderStatus: z
    .enum(['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed'])
    .optional()
    .meta({ label: 'Status' }),
  customerId: z.number().int().min(0).optional().meta({ label: 'Customer ID', description: '0 for a guest.' }),
  paymentMethod: z.string().optional().meta({ label: 'Payment method ID', placeholder: 'bacs' }),
  paymentMethodTitle: z.string().optional().meta({ label: 'Payment method title' }),
  setPaid: z.boolean().optional().meta({ label: 'Set paid' }),
  billing: address('Billing address').optional(),
  shipping: address('Shipping address').optional(),
  lineItems: z
    .array(z.record(z.string(), z.unknown()))
    .optional()
    .meta({ label: 'Line items', editor: 'json', placeholder: '[{"product_id": 93, "quantity": 2}]' }),
  customerNote: z.string().optional().meta({ label: 'Customer note' }),
  additionalFields: additionalFields.optional(),
};
const customerFields = ['email', 'firstName', 'lastName', 'username', 'billing', 'shipping'];
const customerShape = {
  firstName: z.string().optional().meta({ label: 'First name' }),
  lastName: z.string().optional().meta({ label: 'Last name' }),
  username: z.string().optional().meta({ label: 'Username' }),
  billing: address('Billing address').optional(),
  shipping: address('Shipping address').optional(),
  additionalFields: additionalFields.optional(),
};
const email = z
  .string()
  .regex(/^[^@\s]+@[^@\s]+$/, 'must be an email address')
  .meta({ label: 'Email' });

/** WooCommerce: products, orders and customers of one store, through its REST API (v3). */
export const woocommerce = defineService({
  ...woocommerceInfo,
  baseUrl: `https://${STORE_HOST}/wp-json/wc/v3`,
  credentials: [wooCommerceApiKey],
  error: wooError,
  resources: {
    product: {
      displayName: 'Product',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({ name: z.string().min(1).meta({ label: 'Name' }), ...productShape }),
          request: json('POST', '/products', productFields),
        },
        get: getById('/products', 'productId', 'Product ID'),
        update: {
          displayName: 'Update',
          params: z.object({ productId: id('Product ID'), name: z.string().min(1).optional().meta({ label: 'Name' }), ...productShape }),
          request: json('PUT', '/products/{productId}', productFields),
        },
        delete: deleteById('/products', 'productId', 'Product ID'),
        list: list('/products', {
          search: z.string().optional().meta({ label: 'Search' }),
          sku: z.string().optional().meta({ label: 'SKU' }),
          productStatus: productShape.productStatus,
          category: z.string().optional().meta({ label: 'Category ID' }),
        }),
      },
    },
    order: {
      displayName: 'Order',
      operations: {
        create: { displayName: 'Create', params: z.object(orderShape), request: json('POST', '/orders', orderFields) },
        get: getById('/orders', 'orderId', 'Order ID'),
        update: {
          displayName: 'Update',
          params: z.object({ orderId: id('Order ID'), ...orderShape }),
          request: json('PUT', '/orders/{orderId}', orderFields),
        },
        delete: deleteById('/orders', 'orderId', 'Order ID'),
        list: list('/orders', {
          orderStatus: orderShape.orderStatus,
          customer: z.number().int().min(1).optional().meta({ label: 'Customer ID' }),
          after: z.string().optional().meta({ label: 'Created after', placeholder: '2026-01-01T00:00:00' }),
          before: z.string().optional().meta({ label: 'Created before', placeholder: '2026-02-01T00:00:00' }),
        }),
      },
    },
    customer: {
      displayName: 'Customer',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({ email, ...customerShape }),
          request: json('POST', '/customers', customerFields),
        },
        get: getById('/customers', 'customerId', 'Customer ID'),
        update: {
          displayName: 'Update',
          params: z.object({ customerId: id('Customer ID'), email: email.optional(), ...customerShape }),
          request: json('PUT', '/customers/{customerId}', customerFields),
        },
        delete: deleteById('/customers', 'customerId', 'Customer ID'),
        list: list('/customers', {
          email: email.optional(),
          role: z.enum(['all', 'administrator', 'customer', 'shop_manager']).optional().meta({ label: 'Role' }),
          search: z.string().optional().meta({ label: 'Search' }),
        }),
      },
    },
  },
});
