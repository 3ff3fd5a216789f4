import type { Item } from '@flowloom/engine';
import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param, type ValueSpec } from '../../kit/request-spec.js';
import type { OperationContext, ResourceDefinition, VendorResponse } from '../../kit/service-types.js';
import { cockpitApi, SITE_HOST } from './cockpit-credentials.js';
import { cockpitInfo } from './cockpit-info.js';

export { cockpitApi };

const collection = z
  .string()
  .trim()
  .regex(/^[a-zA-Z0-9_-]+$/, 'must be a collection\u2019s name such as posts')
  .meta({ label: 'Collection', loadOptions: 'collections' });
const data = z
  .record(z.string(), z.unknown())
  .meta({ label: 'Entry data', editor: 'json', description: 'The entry\u2019s fields, by name.' });
function isJsonObject(text: string): boolean {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** A MongoDB-style query object, given as an object or as JSON text. */
const query = (label: string, placeholder: string) =>
  z
    .union([z.record(z.string(), z.unknown()), z.string().min(1).refine(isJsonObject, `must be a JSON object such as ${placeholder}`)])
    .meta({ label, placeholder, editor: 'json' });
const parsed = (value: unknown) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value);

const getAllParams = z.object({
  collection,
  filter: query('Filter', '{"published": true}').optional(),
  sort: query('Sort', '{"_created": -1}').optional(),
  fields: z
    .union([z.string().min(1), z.array(z.string().min(1))])
    .optional()
    .meta({ label: 'Fields', placeholder: '_id,title', description: 'Only these fields, separated by commas.' }),
  skip: z.number().int().min(0).optional().meta({ label: 'Skip', description: 'Entries to leave out first.' }),
  populate: z
    .boolean()
    .optional()
    .meta({ label: 'Populate', description: 'Replaces links to other collections\u2019 entries with the entries.' }),
  language: z.string().trim().min(1).optional().meta({ label: 'Language', description: 'Gives localized fields in this language.' }),
  rawData: z.boolean().default(false).meta({
    label: 'Whole answer',
    description: 'The answer as Cockpit gives it, with its field list and total; otherwise one item per entry.',
  }),
  returnAll: z.boolean().default(false).meta({ label: 'Return all', description: 'Every entry; otherwise stop at the limit.' }),
  limit: z.number().int().min(1).default(100).meta({ label: 'Limit', description: 'The most entries to return.' }),
});

/** Field names as Cockpit's projection (`{ "title": 1 }`). */
const projection = (value: unknown) => {
  const names = (Array.isArray(value) ? value.map(String) : String(value).split(',')).map((s) => s.trim()).filter((s) => s !== '');
  return Object.fromEntries(names.map((name) => [name, 1]));
};

type GetAllParams = z.output<typeof getAllParams>;

/** One request for the entries (all of them when no limit is sent); each entry an item, or the whole answer as one. */
async function getEntries(op: OperationContext<GetAllParams>): Promise<Item[]> {
  const p = op.params;
  const body: Record<string, ValueSpec> = {};
  if (p.filter !== undefined) body.filter = parsed(p.filter) as ValueSpec;
  if (p.sort !== undefined) body.sort = parsed(p.sort) as ValueSpec;
  if (p.fields !== undefined) body.fields = projection(p.fields);
  if (p.skip !== undefined) body.skip = p.skip;
  if (p.populate !== undefined) body.populate = p.populate ? 1 : 0;
  if (p.language !== undefined) body.lang = p.language;
  if (!p.returnAll) body.limit = p.limit;
  const answer = await op.request({ method: 'POST', path: `/api/collections/get/${encodeURIComponent(p.collection)}`, body });
  const result = answer.body as { entries?: Record<string, unknown>[] };
  return p.rawData ? [{ json: result as Record<string, unknown> }] : (result.entries ?? []).map((json) => ({ json }));
}

const resources: Record<string, ResourceDefinition> = {
  collection: {
    displayName: 'Collection',
    operations: {
      getAll: {
        displayName: 'Get many entries',
        description: 'The entries of a collection, filtered and sorted as asked.',
        params: getAllParams,
        execute: (op) => getEntries(op as OperationContext<GetAllParams>),
      },
      create: {
        displayName: 'Create an entry',
        description: 'Save a new entry in a collection; the item is the entry.',
        params: z.object({ collection, data }),
        request: { method: 'POST', path: '/api/collections/save/{collection}', body: { data: param('data') } },
      },
      update: {
        displayName: 'Update an entry',
        description: 'Save an existing entry with these fields; the item is the entry.',
        params: z.object({ collection, id: z.string().trim().min(1).meta({ label: 'Entry ID' }), data }),
        request: (p) => ({
          method: 'POST',
          path: '/api/collections/save/{collection}',
          body: { data: { ...(p['data'] as Record<string, ValueSpec>), _id: param('id') } },
        }),
      },
    },
  },
};

/** Cockpit's errors: `{ error }` with a 4xx status. */
function cockpitError(response: VendorResponse) {
  if (response.status < 400) return undefined;
  const body = response.body as { error?: unknown } | string | undefined;
  if (typeof body === 'object' && body !== null && typeof body.error === 'string') return { message: body.error };
  return { message: (typeof body === 'string' && body.slice(0, 300)) || `HTTP ${response.status}` };
}

/** The Cockpit node: a site's collection entries. */
export const cockpit = defineService({
  ...cockpitInfo,
  baseUrl: `https://${SITE_HOST}`,
  credentials: [cockpitApi],
  resources,
  error: cockpitError,
  loadOptions: {
    // Cockpit answers with the names alone: each becomes an item `{ value }`.
    collections: { request: { method: 'GET', path: '/api/collections/listCollections' }, value: 'value' },
  },
});
