import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param, type RequestSpec, type ValueSpec } from '../../kit/request-spec.js';
import type { VendorError, VendorResponse } from '../../kit/service-types.js';
import { notionInfo } from './notion-info.js';
import { notionOAuth2, notionToken } from './notion-credentials.js';
import { notionProperties, typedProperty, type TypedProperty } from './notion-properties.js';

export { notionOAuth2, notionToken };

/** The parameter a validation message is about, by the part of the body it names (`body.properties.Due...`). */
const PARAMETER_OF: [RegExp, string][] = [
  [/\bbody\.properties\b|\bproperty\b/i, 'properties'],
  [/\bbody\.filter\b/, 'filter'],
  [/\bbody\.sorts\b/, 'sorts'],
  [/\bbody\.children\b/, 'blocks'],
  [/\bbody\.parent\b/, 'dataSourceId'],
];

/** Notion answers errors as `{ "object": "error", "status", "code", "message" }`. */
function notionError(response: VendorResponse): VendorError | undefined {
  if (response.status < 400) return undefined;
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as { code?: string; message?: string };
  const message = body.message ?? (typeof response.body === 'string' ? response.body.slice(0, 300) : `HTTP ${response.status}`);
  const parameter = body.code === 'validation_error' ? PARAMETER_OF.find(([pattern]) => pattern.test(message))?.[1] : undefined;
  return { ...(body.code ? { code: body.code } : {}), message, ...(parameter ? { parameter } : {}) };
}

const id = (label: string, description: string) => z.string().trim().min(1).meta({ label, description });
const dataSourceId = z.string().trim().min(1).meta({
  label: 'Data source ID',
  description:
    'A database\u2019s data source (Get database lists them; in Notion: \u2026 \u203a Manage data sources \u203a Copy data source ID).',
  loadOptions: 'dataSources',
});
const databaseId = id('Database ID', 'From the database\u2019s link: notion.so/<workspace>/<database ID>?v=...');
const pageId = id('Page ID', 'From the page\u2019s link: the 32 characters at its end.');
const blockId = id('Block ID', 'A block, or a page (a page is the block holding its content).');
const properties = z.array(typedProperty).optional().meta({
  label: 'Properties',
  editor: 'json',
  description: '[{ "name": "Name", "type": "title", "value": "Ada" }, { "name": "Due", "type": "date", "value": "2026-06-01" }]',
});
const propertiesJson = z.record(z.string(), z.unknown()).optional().meta({
  label: 'Properties (Notion JSON)',
  editor: 'json',
  description: 'Property values as Notion\u2019s API writes them; they win over Properties.',
});
const blocks = z
  .array(z.record(z.string(), z.unknown()))
  .optional()
  .meta({ label: 'Blocks', editor: 'json', description: 'Block objects as Notion\u2019s API writes them.' });
const text = z.string().optional().meta({ label: 'Text', editor: 'multiline', description: 'Each line becomes a paragraph.' });

/** Each line of the text as a paragraph block, then the blocks given. */
function children(p: { text?: string | undefined; blocks?: Record<string, unknown>[] | undefined }): ValueSpec[] {
  const paragraphs = (p.text ?? '')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => ({ object: 'block', type: 'paragraph', paragraph: { rich_text: [{ type: 'text', text: { content: line } }] } }));
  return [...paragraphs, ...((p.blocks ?? []) as ValueSpec[])];
}

const propertiesOf = (p: Record<string, unknown>) =>
  notionProperties(p['properties'] as TypedProperty[] | undefined, p['propertiesJson'] as Record<string, unknown> | undefined) as ValueSpec;

const bodyCursor = {
  type: 'cursor',
  next: 'next_cursor',
  send: { in: 'body', name: 'start_cursor' },
  pageSize: { in: 'body', name: 'page_size', value: 100 },
} as const;

/** Notion: pages, databases (their data sources), blocks and search, through the public API. */
export const notion = defineService({
  ...notionInfo,
  baseUrl: 'https://api.notion.com/v1',
  credentials: [notionToken, notionOAuth2],
  loadOptions: {
    // The data sources the integration was given, by title.
    dataSources: {
      request: { method: 'POST', path: '/search', body: { filter: { property: 'object', value: 'data_source' } } },
      paginate: { type: 'cursor', next: 'next_cursor', send: { in: 'body', name: 'start_cursor' } },
      items: 'results',
      value: 'id',
      label: 'title.0.plain_text',
    },
  },
  error: notionError,
  resources: {
    page: {
      displayName: 'Page',
      operations: {
        create: {
          displayName: 'Create in database',
          description: 'A page (a row) in a database\u2019s data source, with typed properties and optional content.',
          params: z.object({
            dataSourceId,
            properties,
            propertiesJson,
            text,
            blocks,
            icon: z.string().optional().meta({ label: 'Icon (emoji)' }),
          }),
          request: (p): RequestSpec => {
            const content = children(p as never);
            return {
              method: 'POST',
              path: '/pages',
              body: {
                parent: { type: 'data_source_id', data_source_id: param('dataSourceId') },
                properties: propertiesOf(p),
                ...(p['icon'] ? { icon: { type: 'emoji', emoji: param('icon') } } : {}),
                ...(content.length > 0 ? { children: content } : {}),
              },
            };
          },
        },
        update: {
          displayName: 'Update',
          description: 'Set the properties given; others stay.',
          params: z.object({ pageId, properties, propertiesJson }),
          request: (p): RequestSpec => ({ method: 'PATCH', path: '/pages/{pageId}', body: { properties: propertiesOf(p) } }),
        },
        get: {
          displayName: 'Get',
          params: z.object({ pageId }),
          request: { method: 'GET', path: '/pages/{pageId}' },
        },
        archive: {
          displayName: 'Archive',
          description: 'Move the page to the trash (it can be restored in Notion).',
          params: z.object({ pageId }),
          request: { method: 'PATCH', path: '/pages/{pageId}', body: { archived: true } },
        },
      },
    },
    database: {
      displayName: 'Database',
      operations: {
        query: {
          displayName: 'Query',
          description: 'The pages of a data source that match a filter, sorted.',
          params: z.object({
            dataSourceId,
            filter: z
              .record(z.string(), z.unknown())
              .optional()
              .meta({ label: 'Filter', editor: 'json', description: '{ "property": "Status", "status": { "equals": "Done" } }' }),
            sorts: z
              .array(z.record(z.string(), z.unknown()))
              .optional()
              .meta({ label: 'Sorts', editor: 'json', description: '[{ "property": "Due", "direction": "ascending" }]' }),
          }),
          request: { method: 'POST', path: '/data_sources/{dataSourceId}/query', body: { filter: param('filter'), sorts: param('sorts') } },
          paginate: bodyCursor,
          response: { items: 'results' },
        },
        get: {
          displayName: 'Get',
          description: 'A database, with the data sources it holds.',
          params: z.object({ databaseId }),
          request: { method: 'GET', path: '/databases/{databaseId}' },
        },
        getSchema: {
          displayName: 'Get schema',
          description: 'A data source\u2019s properties: each one\u2019s name, type and options.',
          params: z.object({ dataSourceId }),
          request: { method: 'GET', path: '/data_sources/{dataSourceId}' },
        },
      },
    },
    block: {
      displayName: 'Block',
      operations: {
        append: {
          displayName: 'Append children',
          description: 'Add paragraphs of text, or blocks, at the end of a page or block.',
          params: z.object({ blockId, text, blocks }).refine((p) => (p.text ?? '').trim() !== '' || (p.blocks ?? []).length > 0, {
            message: "or parameter 'blocks' must give something to append",
            path: ['text'],
          }),
          request: (p): RequestSpec => ({ method: 'PATCH', path: '/blocks/{blockId}/children', body: { children: children(p as never) } }),
          response: { items: 'results' },
        },
        list: {
          displayName: 'List children',
          params: z.object({ blockId }),
          request: { method: 'GET', path: '/blocks/{blockId}/children' },
          paginate: {
            type: 'cursor',
            next: 'next_cursor',
            send: { in: 'query', name: 'start_cursor' },
            pageSize: { in: 'query', name: 'page_size', value: 100 },
          },
          response: { items: 'results' },
        },
      },
    },
    search: {
      displayName: 'Search',
      operations: {
        search: {
          displayName: 'Search',
          description: 'Pages and data sources shared with the integration whose title matches.',
          params: z.object({
            searchText: z.string().optional().meta({ label: 'Text', description: 'Words in the title (default: everything).' }),
            objectType: z
              .enum(['page', 'data_source'])
              .optional()
              .meta({ label: 'Only', description: 'Only pages, or only data sources.' }),
            sortDirection: z.enum(['ascending', 'descending']).optional().meta({ label: 'Sort by last edit' }),
          }),
          request: (p): RequestSpec => ({
            method: 'POST',
            path: '/search',
            body: {
              query: param('searchText'),
              ...(p['objectType'] ? { filter: { property: 'object', value: param('objectType') } } : {}),
              ...(p['sortDirection'] ? { sort: { direction: param('sortDirection'), timestamp: 'last_edited_time' } } : {}),
            },
          }),
          paginate: bodyCursor,
          response: { items: 'results' },
        },
      },
    },
  },
});
