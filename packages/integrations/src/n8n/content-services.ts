// n8n's nodes of content, bookmark, monitoring and CI services as Flowloom's service nodes: Raindrop, Ghost, Storyblok,
// Contentful and Cockpit.
import type { NodeType } from '@flowloom/engine';
import { compact, type MapContext, type MappedNode, type NodeMapping } from '@flowloom/engine/n8n';
import { cockpit } from '../services/cockpit/cockpit-catalog.js';
import { contentful } from '../services/contentful/contentful-catalog.js';
import { ghost } from '../services/ghost/ghost-catalog.js';
import { raindrop } from '../services/raindrop/raindrop-catalog.js';
import { storyblok } from '../services/storyblok/storyblok-catalog.js';
import { jsonTemplate, noOperation, slotFor } from './n8n-parameters.js';

/**
 * The fields of an n8n collection parameter (`additionalFields`, `updateFields`) as Flowloom parameters, renamed as
 * `names` says; a field left empty is not sent, and a field not named stays unread, so the node is not mapped.
 */
function fields(
  ctx: MapContext,
  base: string,
  names: Readonly<Record<string, string>>,
  text: readonly string[] = [],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [n8nName, name] of Object.entries(names)) {
    const path = `${base}.${n8nName}`;
    const raw = ctx.raw(path);
    if (raw === undefined || raw === '' || raw === null) {
      ctx.ignore(path);
      continue;
    }
    out[name] = ctx.value(path, undefined, { asText: text.includes(n8nName) });
  }
  return out;
}

/** A required value; n8n's empty default is left out, so the Flowloom node names it as missing. */
function required(ctx: MapContext, path: string, asText = false): unknown {
  const raw = ctx.raw(path);
  if (raw === '') {
    ctx.ignore(path);
    return undefined;
  }
  return ctx.value(path, undefined, { asText });
}

/** n8n's view names as Raindrop's (n8n writes Masonry with a capital). */
const RAINDROP_VIEWS: Readonly<Record<string, string>> = {
  list: 'list',
  simple: 'simple',
  grid: 'grid',
  Masonry: 'masonry',
  masonry: 'masonry',
};

function raindropParameters(ctx: MapContext, resource: string, operation: string): Record<string, unknown> {
  const limit = () =>
    ctx.literal<boolean>('returnAll', 'boolean', false) ? { returnAll: true } : { limit: ctx.literal<number>('limit', 'number', 5) };
  const view = (path: string) => {
    const raw = ctx.raw(path);
    if (typeof raw === 'string' && !raw.startsWith('=')) {
      if (!RAINDROP_VIEWS[raw]) ctx.fail(path, `Raindrop has no view '${raw}'`);
      ctx.ignore(path);
      return { view: RAINDROP_VIEWS[raw] };
    }
    return raw === undefined ? {} : { view: ctx.value(path) };
  };
  const key = `${resource}.${operation}`;
  switch (key) {
    case 'collection.create': {
      const a = 'additionalFields';
      return {
        title: required(ctx, 'title', true),
        ...view(`${a}.view`),
        ...fields(ctx, a, { cover: 'cover', public: 'public', parentId: 'parentId', sort: 'sort' }, ['cover']),
      };
    }
    case 'collection.update': {
      const u = 'updateFields';
      if (ctx.raw(`${u}.cover`) !== undefined) {
        ctx.fail(`${u}.cover`, "uploading a collection's cover from the item's file has no equivalent in Flowloom's Raindrop node");
      }
      return {
        collectionId: required(ctx, 'collectionId'),
        ...view(`${u}.view`),
        ...fields(ctx, u, { title: 'title', public: 'public', parentId: 'parentId', sort: 'sort' }, ['title']),
      };
    }
    case 'collection.get':
    case 'collection.delete':
      return { collectionId: required(ctx, 'collectionId') };
    case 'collection.getAll':
      return { type: ctx.choice('type', ['parent', 'children'], 'parent'), ...limit() };
    case 'bookmark.create': {
      const a = 'additionalFields';
      return {
        link: required(ctx, 'link', true),
        collectionId: required(ctx, 'collectionId'),
        ...fields(ctx, a, { title: 'title', tags: 'tags', important: 'important', order: 'order', pleaseParse: 'pleaseParse' }, [
          'title',
          'tags',
        ]),
      };
    }
    case 'bookmark.update': {
      const u = 'updateFields';
      return {
        bookmarkId: required(ctx, 'bookmarkId'),
        ...fields(
          ctx,
          u,
          {
            collectionId: 'collectionId',
            title: 'title',
            tags: 'tags',
            important: 'important',
            order: 'order',
            pleaseParse: 'pleaseParse',
          },
          ['title', 'tags'],
        ),
      };
    }
    case 'bookmark.get':
    case 'bookmark.delete':
      return { bookmarkId: required(ctx, 'bookmarkId') };
    case 'bookmark.getAll':
      return { collectionId: required(ctx, 'collectionId'), ...limit() };
    case 'user.get':
      if (!ctx.literal<boolean>('self', 'boolean', true)) {
        ctx.fail('self', "reading another user's profile has no equivalent in Flowloom's Raindrop node");
      }
      return {};
  }
  return noOperation(ctx, 'Raindrop', resource, operation);
}

/**
 * n8n's Raindrop node (version 1): bookmarks and collections created, read, listed, updated and deleted, and the
 * account read. n8n lists one page of a collection's bookmarks; Flowloom's node follows every page up to the limit.
 */
export const raindropMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const resource = ctx.literal<string>('resource', 'string', 'collection');
    const operation = ctx.literal<string>('operation', 'string', resource === 'tag' ? 'getAll' : 'get');
    const parameters = compact({ resource, operation, ...raindropParameters(ctx, resource, operation) });
    return { type: 'integrations.raindrop', parameters, credential: slotFor('raindropOAuth2Api') };
  },
};

/** n8n's Ghost post fields (Ghost's own names) and the Flowloom node's parameters. */
const GHOST_FIELDS: Readonly<Record<string, string>> = {
  authors: 'authors',
  tags: 'tags',
  slug: 'slug',
  status: 'status',
  featured: 'featured',
  published_at: 'publishedAt',
  canonical_url: 'canonicalUrl',
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
};
const GHOST_TEXT = Object.keys(GHOST_FIELDS).filter((f) => f !== 'featured' && f !== 'authors' && f !== 'tags');

/** n8n's content formats as the Flowloom node's. */
function ghostFormat(ctx: MapContext): 'html' | 'mobiledoc' {
  return ctx.choice('contentFormat', ['html', 'mobileDoc'], 'html') === 'mobileDoc' ? 'mobiledoc' : 'html';
}

/** The read options of a post read or list: fields, formats and included records. */
function ghostReadOptions(ctx: MapContext): Record<string, unknown> {
  return fields(ctx, 'options', { fields: 'fields', formats: 'formats', include: 'include' }, ['fields']);
}

function ghostParameters(ctx: MapContext, operation: string): Record<string, unknown> {
  switch (operation) {
    case 'create': {
      const contentFormat = ghostFormat(ctx);
      return {
        title: required(ctx, 'title', true),
        contentFormat,
        content: contentFormat === 'html' ? required(ctx, 'content', true) : ctx.value('content', undefined, { asText: true }),
        ...fields(ctx, 'additionalFields', GHOST_FIELDS, GHOST_TEXT),
      };
    }
    case 'update': {
      const contentFormat = ghostFormat(ctx);
      const u = 'updateFields';
      const content = contentFormat === 'html' ? `${u}.content` : `${u}.contentJson`;
      ctx.ignore(contentFormat === 'html' ? `${u}.contentJson` : `${u}.content`);
      if (contentFormat === 'html' && ctx.raw(content) === undefined) {
        ctx.warn(
          content,
          'content-kept',
          "n8n's update sends an empty HTML content when none is given, which empties the post; Flowloom's leaves the post's content as it is",
        );
      }
      return {
        postId: required(ctx, 'postId', true),
        contentFormat,
        ...fields(ctx, u, { ...GHOST_FIELDS, title: 'title' }, [...GHOST_TEXT, 'title']),
        ...fields(ctx, u, { [content.slice(u.length + 1)]: 'content' }, ['content', 'contentJson']),
      };
    }
    case 'get':
      return { by: ctx.choice('by', ['id', 'slug'], 'id'), identifier: required(ctx, 'identifier', true), ...ghostReadOptions(ctx) };
    case 'getAll':
      return {
        ...(ctx.literal<boolean>('returnAll', 'boolean', false)
          ? { returnAll: true }
          : { limit: ctx.literal<number>('limit', 'number', 50) }),
        ...ghostReadOptions(ctx),
      };
    case 'delete':
      return { postId: required(ctx, 'postId', true) };
  }
  return noOperation(ctx, 'Ghost', 'post', operation);
}

/**
 * n8n's Ghost node (version 1) on the Admin API: posts created, read, listed, updated and deleted. n8n reads a
 * published time in the workflow's time zone; Flowloom's node takes a time with its zone. The Content API (a site's
 * public content, with its own key) has no equivalent yet.
 */
export const ghostMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const source = ctx.choice('source', ['adminApi', 'contentApi'], 'contentApi');
    if (source === 'contentApi') {
      ctx.fail('source', "reading through Ghost's Content API has no equivalent in Flowloom's Ghost node, which uses the Admin API");
    }
    const resource = ctx.literal<string>('resource', 'string', 'post');
    const operation = ctx.literal<string>('operation', 'string', 'get');
    if (resource !== 'post') noOperation(ctx, 'Ghost', resource, operation);
    if (ctx.has('additionalFields.published_at') || ctx.has('updateFields.published_at')) {
      ctx.warn(
        undefined,
        'time-zone',
        "n8n reads the published time in the workflow's time zone; Flowloom's Ghost node needs a time with its zone, such as 2024-05-31T09:00:00Z",
      );
    }
    const parameters = compact({ resource, operation, ...ghostParameters(ctx, operation) });
    return { type: 'integrations.ghost', parameters, credential: slotFor('ghostAdminApi') };
  },
};

/**
 * n8n's Storyblok node (version 1) on the Management API: a space's stories listed, read, published, unpublished and
 * deleted. The Content Delivery API (with a space's public token) has no equivalent yet.
 */
export const storyblokMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const source = ctx.choice('source', ['contentApi', 'managementApi'], 'contentApi');
    if (source === 'contentApi') {
      ctx.fail(
        'source',
        "reading through Storyblok's Content Delivery API has no equivalent in Flowloom's Storyblok node, which uses the Management API",
      );
    }
    const resource = ctx.literal<string>('resource', 'string', 'story');
    const operation = ctx.literal<string>('operation', 'string', 'get');
    if (resource !== 'story' || !['getAll', 'get', 'publish', 'unpublish', 'delete'].includes(operation)) {
      noOperation(ctx, 'Storyblok', resource, operation);
    }
    const base = { space: required(ctx, 'space') };
    let parameters: Record<string, unknown>;
    if (operation === 'getAll') {
      parameters = {
        ...base,
        ...(ctx.literal<boolean>('returnAll', 'boolean', false)
          ? { returnAll: true }
          : { limit: ctx.literal<number>('limit', 'number', 50) }),
        ...fields(ctx, 'filters', { starts_with: 'startsWith' }, ['starts_with']),
      };
    } else {
      parameters = {
        ...base,
        storyId: required(ctx, 'storyId'),
        ...(operation === 'publish' ? fields(ctx, 'options', { releaseId: 'releaseId', language: 'language' }, ['language']) : {}),
      };
    }
    return {
      type: 'integrations.storyblok',
      parameters: compact({ resource, operation, ...parameters }),
      credential: slotFor('storyblokManagementApi'),
    };
  },
};

/** n8n's Contentful search fields written `attribute=value`: each a search parameter of the Flowloom node. */
function contentfulFilters(ctx: MapContext): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ['equal', 'notEqual', 'include', 'exclude', 'exist']) {
    const path = `additionalFields.${name}`;
    const raw = ctx.raw(path);
    if (raw === undefined || raw === '') {
      ctx.ignore(path);
      continue;
    }
    if (typeof raw !== 'string' || raw.startsWith('='))
      ctx.fail(path, 'the search condition must be written as attribute=value, not computed');
    const at = raw.indexOf('=');
    if (at <= 0) ctx.fail(path, `expected attribute=value, got '${raw.slice(0, 60)}'`);
    out[raw.slice(0, at).trim()] = raw.slice(at + 1);
  }
  return Object.keys(out).length > 0 ? { filters: out } : {};
}

/**
 * n8n's Contentful node (version 1): entries read and listed through the Content Delivery or Preview API, as their
 * fields or whole. Assets, content types, locales and the space have no equivalent yet.
 */
export const contentfulMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const source = ctx.choice('source', ['deliveryApi', 'previewApi'], 'deliveryApi') === 'previewApi' ? 'preview' : 'delivery';
    const resource = ctx.literal<string>('resource', 'string', 'entry');
    const operation = ctx.literal<string>('operation', 'string', 'get');
    if (resource !== 'entry' || (operation !== 'get' && operation !== 'getAll')) noOperation(ctx, 'Contentful', resource, operation);
    const common = {
      resource,
      operation,
      source,
      environmentId: ctx.value('environmentId', undefined, { asText: true }),
      rawData: ctx.literal<boolean>('additionalFields.rawData', 'boolean', false),
    };
    const parameters =
      operation === 'get'
        ? { ...common, entryId: required(ctx, 'entryId', true) }
        : {
            ...common,
            ...(ctx.literal<boolean>('returnAll', 'boolean', false)
              ? { returnAll: true }
              : { limit: ctx.literal<number>('limit', 'number', 100) }),
            ...fields(ctx, 'additionalFields', { content_type: 'contentType', query: 'search', select: 'select', order: 'order' }, [
              'content_type',
              'query',
              'select',
              'order',
            ]),
            ...contentfulFilters(ctx),
          };
    return { type: 'integrations.contentful', parameters: compact(parameters), credential: slotFor('contentfulApi') };
  },
};

/** A Cockpit query written as JSON text in n8n: the object, or the template Flowloom fills in. */
function cockpitQuery(ctx: MapContext, path: string): Record<string, unknown> {
  const raw = ctx.raw(path);
  if (raw === undefined || raw === '') {
    ctx.ignore(path);
    return {};
  }
  return { [path.slice(path.indexOf('.') + 1)]: jsonTemplate(ctx, path) };
}

/**
 * n8n's Cockpit node (version 1): a collection's entries listed, created and updated. Forms and singletons have no
 * equivalent yet.
 */
export const cockpitMapping: NodeMapping = {
  versions: [1],
  map(ctx): MappedNode {
    const resource = ctx.literal<string>('resource', 'string', 'collection');
    const operation = ctx.literal<string>('operation', 'string', 'getAll');
    if (resource !== 'collection' || !['getAll', 'create', 'update'].includes(operation)) noOperation(ctx, 'Cockpit', resource, operation);
    const base = { resource, operation, collection: required(ctx, 'collection', true) };
    let parameters: Record<string, unknown>;
    if (operation === 'getAll') {
      const o = 'options';
      parameters = {
        ...base,
        ...(ctx.literal<boolean>('returnAll', 'boolean', false)
          ? { returnAll: true }
          : { limit: ctx.literal<number>('limit', 'number', 100) }),
        ...cockpitQuery(ctx, `${o}.filter`),
        ...cockpitQuery(ctx, `${o}.sort`),
        ...fields(ctx, o, { fields: 'fields', skip: 'skip', populate: 'populate', language: 'language', rawData: 'rawData' }, [
          'fields',
          'language',
        ]),
      };
    } else {
      let data: unknown;
      if (ctx.literal<boolean>('jsonDataFields', 'boolean', false)) {
        data = jsonTemplate(ctx, 'dataFieldsJson');
        ctx.ignore('dataFieldsUi');
      } else {
        ctx.ignore('dataFieldsJson');
        const rows = ctx.rows('dataFieldsUi.field', ['name', 'value']);
        data = Object.fromEntries(
          rows.map((i) => [
            ctx.literal<string>(`dataFieldsUi.field[${i}].name`, 'string', ''),
            ctx.value(`dataFieldsUi.field[${i}].value`, ''),
          ]),
        );
      }
      parameters = { ...base, ...(operation === 'update' ? { id: required(ctx, 'id', true) } : {}), data };
    }
    return { type: 'integrations.cockpit', parameters: compact(parameters), credential: slotFor('cockpitApi') };
  },
};

/** n8n node type -> its mapping, merged into `n8nMappings`. */
export const contentMappings: Readonly<Record<string, NodeMapping>> = {
  'n8n-nodes-base.raindrop': raindropMapping,
  'n8n-nodes-base.ghost': ghostMapping,
  'n8n-nodes-base.storyblok': storyblokMapping,
  'n8n-nodes-base.contentful': contentfulMapping,
  'n8n-nodes-base.cockpit': cockpitMapping,
};
/** The node types these mappings make, merged into `n8nNodeTypes`. */
export const contentN8nNodeTypes: readonly NodeType[] = [raindrop, ghost, storyblok, contentful, cockpit];
