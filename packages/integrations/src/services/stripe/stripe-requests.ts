// How Stripe operations are written: form fields from parameters, list and search pages, errors, and shared fields.
import type { Item } from '@flowloom/engine';
import { z } from 'zod';
import type { RequestSpec } from '../../kit/request-spec.js';
import type { OperationDefinition, VendorResponse } from '../../kit/service-types.js';
import { parameterOf, snakeCase, stripeFields } from './stripe-form.js';

type Params = Record<string, unknown>;
/** A parameter sent under its own name in snake case, or as `[parameter, field]`. */
type Field = string | readonly [string, string];

/** Stripe's form fields for the parameters named, then the additional fields and `expand`. */
export function fields(p: Params, names: readonly Field[]): Record<string, string> {
  const out: Params = {};
  for (const name of names) {
    const [param, field] = typeof name === 'string' ? [name, snakeCase(name)] : name;
    out[field] = p[param];
  }
  return stripeFields({ ...out, ...(p['additionalFields'] as Params | undefined), expand: p['expand'] });
}

export const post =
  (path: string, names: readonly Field[] = []) =>
  (p: Params): RequestSpec => ({ method: 'POST', path, bodyType: 'form', body: fields(p, names) });
export const get =
  (path: string, names: readonly Field[] = []) =>
  (p: Params): RequestSpec => ({ method: 'GET', path, query: fields(p, names) });
export const del =
  (path: string, names: readonly Field[] = []) =>
  (p: Params): RequestSpec => ({ method: 'DELETE', path, query: fields(p, names) });

export const id = z.string().trim().min(1).meta({ label: 'ID', description: 'The object\u2019s ID, such as cus_..., pi_... or in_...' });
export const metadata = z
  .record(z.string(), z.string().nullable())
  .meta({ label: 'Metadata', editor: 'json', description: 'Key-value pairs kept on the object; a null value removes a key.' });
export const additionalFields = z.record(z.string(), z.unknown()).meta({
  label: 'Additional fields',
  editor: 'json',
  description: 'Other fields of the Stripe API, nested as its reference shows them: {"shipping": {"name": "Ada"}}.',
});
export const expand = z
  .array(z.string().min(1))
  .meta({ label: 'Expand', description: 'Fields to return whole instead of as IDs, such as customer or latest_charge.' });
export const customer = z.string().min(1).meta({ label: 'Customer ID', placeholder: 'cus_...' });
export const amount = z
  .number()
  .int()
  .min(0)
  .meta({ label: 'Amount', description: 'In the currency\u2019s smallest unit (cents for USD).' });
export const currency = z
  .string()
  .regex(/^[a-z]{3}$/, 'must be a three-letter ISO currency code in lower case, such as usd')
  .meta({ label: 'Currency', placeholder: 'usd' });
export const description = z.string().meta({ label: 'Description' });
export const paymentIntent = z.string().min(1).meta({ label: 'Payment intent ID', placeholder: 'pi_...' });
export const charge = z.string().min(1).meta({ label: 'Charge ID', placeholder: 'ch_...' });
export const active = z.boolean().meta({ label: 'Active' });
export const searchQuery = z
  .string()
  .min(1)
  .meta({ label: 'Search query', placeholder: "email:'ada@example.com'", description: 'Stripe\u2019s search query language.' });
export const items = z
  .array(z.object({ id: z.string().min(1).optional(), price: z.string().min(1).optional(), quantity: z.number().int().min(1).optional() }))
  .min(1)
  .meta({ label: 'Items', editor: 'json', placeholder: '[{"price": "price_...", "quantity": 1}]' });

/** Returns all, or up to the limit: Stripe lists pages with `limit`, `starting_after` the last ID and `has_more`. */
const listParams = {
  returnAll: z.boolean().default(false).meta({ label: 'Return all', description: 'Follow every page; otherwise stop at the limit.' }),
  limit: z.number().int().min(1).default(50).meta({ label: 'Limit', description: 'The most items to return.' }),
};

/** A list operation: filters, then pages followed by the last object's ID until `has_more` is false. */
export function list(path: string, filters: z.ZodRawShape, names: readonly Field[]): OperationDefinition {
  return {
    displayName: 'List',
    params: z.object({ ...filters, ...listParams }),
    async execute({ params, request }) {
      const limit = params['returnAll'] === true ? Infinity : Number(params['limit']);
      const pageSize = String(Math.min(100, limit));
      const out: Item[] = [];
      for (let after: string | undefined; ;) {
        const page = await request({
          method: 'GET',
          path,
          query: { ...fields(params, names), limit: pageSize, ...(after ? { starting_after: after } : {}) },
        });
        const { data = [], has_more } = page.body as { data?: Record<string, unknown>[]; has_more?: boolean };
        for (const json of data) if (out.length < limit) out.push({ json });
        after = data.at(-1)?.['id'] as string | undefined;
        if (!has_more || !after || out.length >= limit) return out;
      }
    },
  };
}

/** A search operation: Stripe's search query language, pages by the `next_page` token. */
export function search(path: string): OperationDefinition {
  return {
    displayName: 'Search',
    params: z.object({ searchQuery, expand: expand.optional() }),
    request: get(path, [['searchQuery', 'query']]),
    paginate: {
      type: 'cursor',
      next: 'next_page',
      send: { in: 'query', name: 'page' },
      pageSize: { in: 'query', name: 'limit', value: 100 },
    },
    response: { items: 'data' },
  };
}

export const getById = (path: string): OperationDefinition => ({
  displayName: 'Get',
  params: z.object({ id, expand: expand.optional() }),
  request: get(`${path}/{id}`),
});

/** Stripe answers errors as `{ error: { type, code, message, param } }`; `param` names the field, `id` the object in the path. */
export function stripeError({ status, body }: VendorResponse) {
  if (status < 400) return undefined;
  const e = (body as { error?: { type?: string; code?: string; decline_code?: string; message?: string; param?: string } } | undefined)
    ?.error;
  if (!e) return { message: `HTTP ${status}` };
  const code = e.code ?? e.type;
  return {
    ...(code ? { code: e.decline_code ? `${code}/${e.decline_code}` : code } : {}),
    message: e.message ?? `HTTP ${status}`,
    ...(e.param ? { parameter: parameterOf(e.param) } : {}),
  };
}

/** Fields several operations share. */
export const customerFields = ['email', 'name', 'description', 'phone', 'metadata'] as const;
export const customerShape = {
  email: z.string().min(1).optional().meta({ label: 'Email' }),
  name: z.string().optional().meta({ label: 'Name' }),
  description: description.optional(),
  phone: z.string().optional().meta({ label: 'Phone' }),
  metadata: metadata.optional(),
  additionalFields: additionalFields.optional(),
  expand: expand.optional(),
};
export const paymentIntentShape = {
  description: description.optional(),
  receiptEmail: z.string().min(1).optional().meta({ label: 'Receipt email' }),
  metadata: metadata.optional(),
  additionalFields: additionalFields.optional(),
  expand: expand.optional(),
};
export const productShape = {
  description: description.optional(),
  active: active.optional(),
  metadata: metadata.optional(),
  additionalFields: additionalFields.optional(),
  expand: expand.optional(),
};
