import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param } from '../../kit/request-spec.js';
import type { OperationContext, ResourceDefinition, VendorResponse } from '../../kit/service-types.js';
import { BASE_URL, raindropOAuth2, raindropTestToken } from './raindrop-credentials.js';
import { raindropInfo } from './raindrop-info.js';

export { raindropOAuth2, raindropTestToken };

/** A Raindrop.io ID: a whole number, written as a number or as its digits (taken as text). */
const id = (label: string, description?: string) =>
  z
    .preprocess(
      (v) => (typeof v === 'number' ? String(v) : v),
      z
        .string()
        .trim()
        .regex(/^-?\d+$/, 'must be a number such as 8492393'),
    )
    .meta({ label, ...(description ? { description } : {}) });
/** An ID as Raindrop's object references hold it (`{ "$id": 8492393 }`). */
const ref = (value: unknown) => ({ $id: Number(value) });

/** Tags given as a list, or as text separated by commas. */
const tags = z
  .union([z.string(), z.array(z.string())])
  .meta({ label: 'Tags', description: 'Tags separated by commas, or a list of them.' });
const tagList = (value: unknown) =>
  (Array.isArray(value) ? value.map(String) : String(value).split(',')).map((t) => t.trim()).filter((t) => t !== '');

const view = z
  .enum(['list', 'simple', 'grid', 'masonry'])
  .meta({ label: 'View', description: 'How the collection\u2019s bookmarks are shown in Raindrop.io.' });
const collectionFields = {
  public: z.boolean().meta({ label: 'Public', description: 'Anyone with the link may see the collection, without signing in.' }),
  parentId: id('Parent collection ID', 'Makes this a nested collection of that one.'),
  sort: z
    .number()
    .int()
    .meta({ label: 'Sort order', description: 'The collection\u2019s place among those of the same parent (descending).' }),
  view,
};
const collectionBody = {
  title: param('title'),
  public: param('public'),
  parent: param('parentId', ref),
  sort: param('sort'),
  view: param('view'),
};

const bookmarkFields = {
  title: z.string().meta({ label: 'Title' }),
  tags,
  important: z.boolean().meta({ label: 'Important', description: 'Marks the bookmark as a favourite.' }),
  order: z.number().int().min(0).meta({ label: 'Order', description: 'Its place in the collection, ascending: 0 moves it first.' }),
  pleaseParse: z
    .boolean()
    .meta({ label: 'Parse page', description: 'Raindrop.io reads the page\u2019s title, excerpt and cover in the background.' }),
};
const bookmarkBody = {
  title: param('title'),
  tags: param('tags', tagList),
  important: param('important'),
  order: param('order'),
  pleaseParse: param('pleaseParse', (v) => (v === true ? {} : undefined)),
};

const returnAll = z.boolean().default(false).meta({ label: 'Return all', description: 'All of them; otherwise stop at the limit.' });
const limit = z.number().int().min(1).default(50).meta({ label: 'Limit', description: 'The most items to return.' });

/** The collections Raindrop.io lists in one answer (it does not page them), cut at the limit unless all are asked for. */
async function listCollections(op: OperationContext<{ type: 'parent' | 'children'; returnAll: boolean; limit: number }>) {
  const { body } = await op.request({ method: 'GET', path: op.params.type === 'children' ? '/collections/childrens' : '/collections' });
  const items = (body as { items?: Record<string, unknown>[] } | undefined)?.items ?? [];
  return (op.params.returnAll ? items : items.slice(0, op.params.limit)).map((json) => ({ json }));
}

const resources: Record<string, ResourceDefinition> = {
  bookmark: {
    displayName: 'Bookmark',
    operations: {
      create: {
        displayName: 'Create',
        description: 'Save a link in a collection (Unsorted when none is given); the item is the bookmark.',
        params: z
          .object({
            link: z.string().trim().min(1).meta({ label: 'Link', placeholder: 'https://example.com/article' }),
            collectionId: id('Collection ID', 'Left empty: Unsorted.').optional(),
            ...bookmarkFields,
          })
          .partial({ title: true, tags: true, important: true, order: true, pleaseParse: true }),
        request: {
          method: 'POST',
          path: '/raindrop',
          body: { link: param('link'), collection: param('collectionId', ref), ...bookmarkBody },
        },
        response: { items: 'item' },
      },
      get: {
        displayName: 'Get',
        description: 'One bookmark by its ID.',
        params: z.object({ bookmarkId: id('Bookmark ID') }),
        request: { method: 'GET', path: '/raindrop/{bookmarkId}' },
        response: { items: 'item' },
      },
      getAll: {
        displayName: 'Get many',
        description: 'The bookmarks of a collection, newest first: 0 is every collection, -1 Unsorted, -99 Trash.',
        params: z.object({
          collectionId: id('Collection ID', '0 for every collection but Trash, -1 for Unsorted, -99 for Trash.'),
          search: z
            .string()
            .min(1)
            .optional()
            .meta({ label: 'Search', description: 'Raindrop.io\u2019s search text, such as #tag or site:example.com.' }),
        }),
        request: { method: 'GET', path: '/raindrops/{collectionId}', query: { search: param('search') } },
        response: { items: 'items' },
        paginate: { type: 'page', page: { in: 'query', name: 'page', start: 0 }, pageSize: { in: 'query', name: 'perpage', value: 50 } },
      },
      update: {
        displayName: 'Update',
        description: 'Change a bookmark\u2019s fields, or move it to another collection; the item is the bookmark.',
        params: z
          .object({
            bookmarkId: id('Bookmark ID'),
            link: z.string().trim().min(1).meta({ label: 'Link' }),
            collectionId: id('Collection ID', 'Moves the bookmark to this collection.'),
            ...bookmarkFields,
          })
          .partial({ link: true, collectionId: true, title: true, tags: true, important: true, order: true, pleaseParse: true }),
        request: {
          method: 'PUT',
          path: '/raindrop/{bookmarkId}',
          body: { link: param('link'), collection: param('collectionId', ref), ...bookmarkBody },
        },
        response: { items: 'item' },
      },
      delete: {
        displayName: 'Delete',
        description: 'Move a bookmark to Trash (a bookmark already in Trash is removed for good).',
        params: z.object({ bookmarkId: id('Bookmark ID') }),
        request: { method: 'DELETE', path: '/raindrop/{bookmarkId}' },
      },
    },
  },
  collection: {
    displayName: 'Collection',
    operations: {
      create: {
        displayName: 'Create',
        description: 'Create a collection; the item is the collection.',
        params: z
          .object({
            title: z.string().trim().min(1).meta({ label: 'Title' }),
            cover: z.string().trim().min(1).meta({ label: 'Cover URL', description: 'An image to show for the collection.' }),
            ...collectionFields,
          })
          .partial({ cover: true, public: true, parentId: true, sort: true, view: true }),
        request: { method: 'POST', path: '/collection', body: { ...collectionBody, cover: param('cover', (v) => [v]) } },
        response: { items: 'item' },
      },
      get: {
        displayName: 'Get',
        description: 'One collection by its ID.',
        params: z.object({ collectionId: id('Collection ID') }),
        request: { method: 'GET', path: '/collection/{collectionId}' },
        response: { items: 'item' },
      },
      getAll: {
        displayName: 'Get many',
        description: 'The root collections, or the nested ones.',
        params: z.object({
          type: z
            .enum(['parent', 'children'])
            .default('parent')
            .meta({
              label: 'Collections',
              options: [
                { value: 'parent', label: 'Root collections' },
                { value: 'children', label: 'Nested collections' },
              ],
            }),
          returnAll,
          limit,
        }),
        execute: (op) => listCollections(op as OperationContext<{ type: 'parent' | 'children'; returnAll: boolean; limit: number }>),
      },
      update: {
        displayName: 'Update',
        description: 'Change a collection\u2019s title, visibility, parent, order or view; the item is the collection.',
        params: z
          .object({ collectionId: id('Collection ID'), title: z.string().trim().min(1).meta({ label: 'Title' }), ...collectionFields })
          .partial({ title: true, public: true, parentId: true, sort: true, view: true }),
        request: { method: 'PUT', path: '/collection/{collectionId}', body: collectionBody },
        response: { items: 'item' },
      },
      delete: {
        displayName: 'Delete',
        description: 'Remove a collection; its bookmarks move to Trash.',
        params: z.object({ collectionId: id('Collection ID') }),
        request: { method: 'DELETE', path: '/collection/{collectionId}' },
      },
    },
  },
  user: {
    displayName: 'User',
    operations: {
      get: {
        displayName: 'Get',
        description: 'The account the credential acts as.',
        params: z.object({}),
        request: { method: 'GET', path: '/user' },
        response: { items: 'user' },
      },
    },
  },
};

/** Raindrop.io's errors: `{ result: false, error, errorMessage }`. */
function raindropError(response: VendorResponse) {
  const body = response.body as { result?: unknown; error?: unknown; errorMessage?: unknown } | string | undefined;
  const failed = response.status >= 400 || (typeof body === 'object' && body !== null && body.result === false);
  if (!failed) return undefined;
  if (typeof body !== 'object' || body === null)
    return { message: (typeof body === 'string' && body.slice(0, 300)) || `HTTP ${response.status}` };
  const code = body.error === undefined || body.error === null ? undefined : String(body.error);
  const message =
    typeof body.errorMessage === 'string' && body.errorMessage !== '' ? body.errorMessage : (code ?? `HTTP ${response.status}`);
  return { message, ...(code ? { code } : {}) };
}

/** The Raindrop.io node: bookmarks, collections and the account. */
export const raindrop = defineService({
  ...raindropInfo,
  baseUrl: BASE_URL,
  credentials: [raindropTestToken, raindropOAuth2],
  resources,
  error: raindropError,
});
