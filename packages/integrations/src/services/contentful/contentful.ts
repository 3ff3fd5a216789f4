import type { Item } from '@flowloom/engine';
import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import type { OperationContext, ResourceDefinition, VendorResponse } from '../../kit/service-types.js';
import { contentfulApi, DELIVERY_HOST, PREVIEW_HOST } from './contentful-credentials.js';
import { contentfulInfo } from './contentful-info.js';

export { contentfulApi };

/** The most entries the Content Delivery API answers with at once. */
const PAGE_SIZE = 1000;

const common = {
  source: z
    .enum(['delivery', 'preview'])
    .default('delivery')
    .meta({
      label: 'API',
      options: [
        { value: 'delivery', label: 'Content Delivery (published)' },
        { value: 'preview', label: 'Content Preview (drafts too)' },
      ],
    }),
  environmentId: z
    .string()
    .trim()
    .regex(/^[a-zA-Z0-9._-]+$/, 'must be an environment ID such as master')
    .default('master')
    .meta({ label: 'Environment ID' }),
  rawData: z
    .boolean()
    .default(false)
    .meta({ label: 'Whole entries', description: 'Each entry with its sys and metadata; otherwise only its fields.' }),
};

const getParams = z.object({ ...common, entryId: z.string().trim().min(1).meta({ label: 'Entry ID' }) });
const getAllParams = z.object({
  ...common,
  contentType: z.string().trim().min(1).optional().meta({ label: 'Content type ID', description: 'Only entries of this content type.' }),
  search: z.string().trim().min(2).optional().meta({ label: 'Full-text search' }),
  select: z
    .string()
    .trim()
    .min(1)
    .optional()
    .meta({ label: 'Fields', placeholder: 'sys.id,fields.title', description: 'Only these, separated by commas.' }),
  order: z.string().trim().min(1).optional().meta({ label: 'Order', placeholder: '-sys.createdAt' }),
  filters: z.record(z.string(), z.string()).optional().meta({
    label: 'Search parameters',
    description: 'More of the API\u2019s search parameters, such as fields.title[ne] = Draft or fields.tags[in] = a,b.',
  }),
  returnAll: z.boolean().default(false).meta({ label: 'Return all', description: 'Follow every page; otherwise stop at the limit.' }),
  limit: z.number().int().min(1).default(100).meta({ label: 'Limit', description: 'The most items to return.' }),
});

/** The URL of a path of the chosen API (the credential moves it to the real host and the space). */
const urlOf = (source: 'delivery' | 'preview', path: string, query: Record<string, string | number | undefined>) => {
  const url = new URL(`https://${source === 'preview' ? PREVIEW_HOST : DELIVERY_HOST}${path}`);
  for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, String(value));
  return url.href;
};

/** An entry as an item: its fields, as a workflow mostly reads them, or the whole entry. */
const entryItem = (entry: Record<string, unknown>, raw: boolean): Item => ({
  json: raw ? entry : ((entry.fields as Record<string, unknown> | undefined) ?? {}),
});

async function getEntry(op: OperationContext<z.output<typeof getParams>>): Promise<Item[]> {
  const p = op.params;
  const path = `/environments/${encodeURIComponent(p.environmentId)}/entries/${encodeURIComponent(p.entryId)}`;
  const { body } = await op.request({ method: 'GET', path }, urlOf(p.source, path, {}));
  return [entryItem(body as Record<string, unknown>, p.rawData)];
}

/** Pages through the entries with `skip` and `limit` until the limit, or the `total` Contentful counts. */
async function getEntries(op: OperationContext<z.output<typeof getAllParams>>): Promise<Item[]> {
  const p = op.params;
  const path = `/environments/${encodeURIComponent(p.environmentId)}/entries`;
  const wanted = p.returnAll ? Infinity : p.limit;
  const out: Item[] = [];
  for (let skip = 0; out.length < wanted;) {
    const query = {
      ...p.filters,
      content_type: p.contentType,
      query: p.search,
      select: p.select,
      order: p.order,
      skip: skip > 0 ? skip : undefined,
      limit: Math.min(PAGE_SIZE, wanted - out.length),
    };
    const { body } = await op.request({ method: 'GET', path }, urlOf(p.source, path, query));
    const page = body as { items?: Record<string, unknown>[]; total?: number };
    const entries = page.items ?? [];
    out.push(...entries.map((entry) => entryItem(entry, p.rawData)));
    skip += entries.length;
    if (entries.length === 0 || skip >= (page.total ?? 0)) break;
  }
  return out;
}

const resources: Record<string, ResourceDefinition> = {
  entry: {
    displayName: 'Entry',
    operations: {
      get: {
        displayName: 'Get',
        description: 'One entry by its ID.',
        params: getParams,
        execute: (op) => getEntry(op as OperationContext<z.output<typeof getParams>>),
      },
      getAll: {
        displayName: 'Get many',
        description: 'The entries of the space\u2019s environment, filtered and ordered as asked.',
        params: getAllParams,
        execute: (op) => getEntries(op as OperationContext<z.output<typeof getAllParams>>),
      },
    },
  },
};

/** Contentful's errors: `{ sys: { id: 'NotFound' }, message, details }`. */
function contentfulError(response: VendorResponse) {
  if (response.status < 400) return undefined;
  const body = response.body as { sys?: { id?: string }; message?: string } | string | undefined;
  if (typeof body !== 'object' || body === null)
    return { message: (typeof body === 'string' && body.slice(0, 300)) || `HTTP ${response.status}` };
  return { message: body.message ?? `HTTP ${response.status}`, ...(body.sys?.id ? { code: body.sys.id } : {}) };
}

/** The Contentful node: a space's entries through the Content Delivery and Preview APIs. */
export const contentful = defineService({
  ...contentfulInfo,
  baseUrl: `https://${DELIVERY_HOST}`,
  credentials: [contentfulApi],
  resources,
  error: contentfulError,
});
