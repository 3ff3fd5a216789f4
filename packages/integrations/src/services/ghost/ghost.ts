import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param, type ValueSpec } from '../../kit/request-spec.js';
import type { OperationContext, ResourceDefinition, VendorResponse } from '../../kit/service-types.js';
import { ghostAdminApi, SITE_HOST } from './ghost-credentials.js';
import { ghostInfo } from './ghost-info.js';

export { ghostAdminApi };

/** A list given as a list, or as text separated by commas. */
const list = (label: string, description: string) => z.union([z.string(), z.array(z.string())]).meta({ label, description });
const listOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value.map(String) : String(value).split(',')).map((s) => s.trim()).filter((s) => s !== '');

/** The post fields sent as written: Ghost's name -> the node's parameter. */
export const POST_FIELDS = {
  slug: 'slug',
  status: 'status',
  featured: 'featured',
  canonical_url: 'canonicalUrl',
  custom_excerpt: 'customExcerpt',
  codeinjection_head: 'codeinjectionHead',
  codeinjection_foot: 'codeinjectionFoot',
  meta_title: 'metaTitle',
  meta_description: 'metaDescription',
  og_title: 'ogTitle',
  og_description: 'ogDescription',
  og_image: 'ogImage',
  twitter_title: 'twitterTitle',
  twitter_description: 'twitterDescription',
  twitter_image: 'twitterImage',
} as const;

const text = (label: string) => z.string().meta({ label });
const postFields = {
  title: z.string().trim().min(1).meta({ label: 'Title' }),
  contentFormat: z
    .enum(['html', 'lexical', 'mobiledoc'])
    .default('html')
    .meta({
      label: 'Content format',
      description: 'HTML, which Ghost converts; or a Lexical or Mobiledoc document as JSON text, stored as given.',
      options: [
        { value: 'html', label: 'HTML' },
        { value: 'lexical', label: 'Lexical (JSON)' },
        { value: 'mobiledoc', label: 'Mobiledoc (JSON)' },
      ],
    }),
  content: z.string().meta({ label: 'Content', editor: 'multiline' }),
  status: z
    .enum(['draft', 'published', 'scheduled'])
    .meta({ label: 'Status', description: 'A scheduled post needs the time it is published at.' }),
  publishedAt: z.iso
    .datetime({ offset: true })
    .meta({ label: 'Published at', description: 'A date and time with its zone, such as 2024-05-31T09:00:00Z.' }),
  authors: list('Author IDs', 'The IDs of the staff users who wrote it, separated by commas.'),
  tags: list('Tag IDs', 'The IDs of its tags, separated by commas.'),
  slug: text('Slug'),
  featured: z.boolean().meta({ label: 'Featured' }),
  canonicalUrl: text('Canonical URL'),
  customExcerpt: text('Excerpt'),
  codeinjectionHead: text('Code injection (head)'),
  codeinjectionFoot: text('Code injection (foot)'),
  metaTitle: text('Meta title'),
  metaDescription: text('Meta description'),
  ogTitle: text('Open Graph title'),
  ogDescription: text('Open Graph description'),
  ogImage: text('Open Graph image URL'),
  twitterTitle: text('X (Twitter) title'),
  twitterDescription: text('X (Twitter) description'),
  twitterImage: text('X (Twitter) image URL'),
};
type PostParams = Partial<Record<keyof typeof postFields, unknown>>;

/** The post Ghost is sent: the content in its format, the fields given, authors and tags by ID. */
function postOf(p: PostParams): Record<string, ValueSpec> {
  const post: Record<string, ValueSpec> = {};
  if (p.title !== undefined) post.title = p.title as string;
  if (p.content !== undefined) post[String(p.contentFormat ?? 'html')] = p.content as string;
  for (const [field, name] of Object.entries(POST_FIELDS)) if (p[name] !== undefined) post[field] = p[name] as ValueSpec;
  if (p.publishedAt !== undefined) post.published_at = new Date(String(p.publishedAt)).toISOString();
  if (p.authors !== undefined) post.authors = listOf(p.authors).map((id) => ({ id }));
  if (p.tags !== undefined) post.tags = listOf(p.tags).map((id) => ({ id }));
  return post;
}

/** Ghost converts HTML to its own format only when told the post's source is HTML. */
const sourceOf = (p: PostParams): Record<string, ValueSpec> =>
  p.content !== undefined && (p.contentFormat ?? 'html') === 'html' ? { source: 'html' } : {};

const optional = <T extends Record<string, z.ZodType>>(shape: T) =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, v.optional()])) as { [K in keyof T]: z.ZodOptional<T[K]> };

const { title, contentFormat, ...rest } = postFields;
/** Whether a Lexical or Mobiledoc document is JSON text, as Ghost stores it. */
function isJsonDocument(p: { contentFormat?: string; content?: string | undefined }): boolean {
  if (p.content === undefined || (p.contentFormat ?? 'html') === 'html') return true;
  try {
    JSON.parse(p.content);
    return true;
  } catch {
    return false;
  }
}
const jsonContent = { message: 'must be the document as JSON text when the content format is lexical or mobiledoc', path: ['content'] };

const createParams = z
  .object({ title, contentFormat, ...optional(rest) })
  .refine((p) => p.status !== 'scheduled' || p.publishedAt !== undefined, {
    message: 'needs the time it is published at (publishedAt) when the status is scheduled',
    path: ['status'],
  })
  .refine(isJsonDocument, jsonContent);
const updateParams = z
  .object({
    postId: z.string().trim().min(1).meta({ label: 'Post ID' }),
    contentFormat,
    ...optional({ title, ...rest }),
  })
  .refine(isJsonDocument, jsonContent);

/** Reads the post's `updated_at`, which Ghost requires with every edit (it refuses an edit of a post changed since). */
async function updatePost(op: OperationContext<z.output<typeof updateParams>>) {
  const path = `/posts/${encodeURIComponent(op.params.postId)}/`;
  const current = await op.request({ method: 'GET', path, query: { fields: 'id,updated_at' } });
  const updatedAt = (current.body as { posts?: { updated_at?: string }[] }).posts?.[0]?.updated_at;
  const answer = await op.request({
    method: 'PUT',
    path,
    query: sourceOf(op.params),
    body: { posts: [{ ...postOf(op.params), updated_at: updatedAt ?? null }] },
  });
  return ((answer.body as { posts?: Record<string, unknown>[] }).posts ?? []).map((json) => ({ json }));
}

const readOptions = {
  fields: z
    .string()
    .trim()
    .min(1)
    .optional()
    .meta({ label: 'Fields', description: 'Only these fields, separated by commas: id,title,url.' }),
  formats: list('Formats', 'The content formats to include: html, lexical, mobiledoc, plaintext.').optional(),
  include: list('Include', 'Related records to include: authors, tags.').optional(),
};
const joined = (value: unknown) => listOf(value).join(',');
const readQuery = { fields: param('fields'), formats: param('formats', joined), include: param('include', joined) };

const resources: Record<string, ResourceDefinition> = {
  post: {
    displayName: 'Post',
    operations: {
      create: {
        displayName: 'Create',
        description: 'Write a post (a draft unless a status says otherwise); the item is the post.',
        params: createParams,
        request: (p) => ({ method: 'POST', path: '/posts/', query: sourceOf(p), body: { posts: [postOf(p)] } }),
        response: { items: 'posts' },
      },
      get: {
        displayName: 'Get',
        description: 'One post, by its ID or its slug.',
        params: z.object({
          by: z
            .enum(['id', 'slug'])
            .default('id')
            .meta({
              label: 'By',
              options: [
                { value: 'id', label: 'ID' },
                { value: 'slug', label: 'Slug' },
              ],
            }),
          identifier: z.string().trim().min(1).meta({ label: 'ID or slug' }),
          ...readOptions,
        }),
        request: (p) => ({
          method: 'GET',
          path: p.by === 'slug' ? '/posts/slug/{identifier}/' : '/posts/{identifier}/',
          query: readQuery,
        }),
        response: { items: 'posts' },
      },
      getAll: {
        displayName: 'Get many',
        description: 'The site\u2019s posts, newest first, drafts and scheduled ones included.',
        params: z.object({
          filter: z
            .string()
            .trim()
            .min(1)
            .optional()
            .meta({ label: 'Filter', description: 'Ghost\u2019s filter syntax, such as status:published+tag:news.' }),
          ...readOptions,
        }),
        request: { method: 'GET', path: '/posts/', query: { filter: param('filter'), ...readQuery } },
        response: { items: 'posts' },
        paginate: { type: 'page', page: { in: 'query', name: 'page', start: 1 }, pageSize: { in: 'query', name: 'limit', value: 100 } },
      },
      update: {
        displayName: 'Update',
        description: 'Change a post\u2019s fields, content or status; the item is the post.',
        params: updateParams,
        execute: (op) => updatePost(op as OperationContext<z.output<typeof updateParams>>),
      },
      delete: {
        displayName: 'Delete',
        description: 'Remove a post for good.',
        params: z.object({ postId: z.string().trim().min(1).meta({ label: 'Post ID' }) }),
        request: { method: 'DELETE', path: '/posts/{postId}/' },
        response: { empty: true },
      },
    },
  },
};

/** Ghost's errors: `{ errors: [{ message, context, type, property }] }`. */
function ghostError(response: VendorResponse) {
  if (response.status < 400) return undefined;
  const errors = (response.body as { errors?: { message?: string; context?: string | null; type?: string; property?: string | null }[] })
    ?.errors;
  const first = Array.isArray(errors) ? errors[0] : undefined;
  if (!first)
    return { message: typeof response.body === 'string' && response.body !== '' ? response.body.slice(0, 300) : `HTTP ${response.status}` };
  const message = [first.message, first.context].filter((s) => typeof s === 'string' && s !== '').join(': ') || `HTTP ${response.status}`;
  return { message, ...(first.type ? { code: first.type } : {}) };
}

/** The Ghost node: a site's posts through the Admin API. */
export const ghost = defineService({
  ...ghostInfo,
  baseUrl: `https://${SITE_HOST}/ghost/api/admin`,
  credentials: [ghostAdminApi],
  resources,
  error: ghostError,
});
