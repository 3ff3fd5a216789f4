import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param, type PaginationSpec, type RequestSpec, type ValueSpec } from '../../kit/request-spec.js';
import type { OperationDefinition, ResourceDefinition, VendorError, VendorResponse } from '../../kit/service-types.js';
import { pipedriveInfo } from './pipedrive-info.js';
import { BASE_URL, pipedriveApiToken, pipedriveOAuth2 } from './pipedrive-credentials.js';

export { pipedriveApiToken, pipedriveOAuth2 };

/** Pipedrive answers errors as `{ success: false, error, error_info, code }`; a validation error names the field first. */
function pipedriveError(response: VendorResponse): VendorError | undefined {
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as {
    success?: boolean;
    error?: string;
    error_info?: string;
    code?: string;
  };
  if (response.status < 400 && body.success !== false) return undefined;
  const message = body.error ?? (typeof response.body === 'string' ? response.body.slice(0, 300) : `HTTP ${response.status}`);
  const field = /^Validation failed: (\w+)/.exec(message)?.[1];
  return {
    ...(body.code ? { code: body.code } : {}),
    message: body.error_info && body.error_info !== message ? `${message} (${body.error_info})` : message,
    ...(field ? { parameter: FIELD_PARAMETERS.has(field) ? field : 'fields' } : {}),
  };
}

/** Fields that are parameters of their own; any other field goes in `fields`. */
const FIELD_PARAMETERS = new Set(['title', 'name', 'subject', 'id']);

/** Pipedrive's v2 lists: `limit` per page, the next page's cursor in `additional_data.next_cursor`. */
const cursorPages: PaginationSpec = {
  type: 'cursor',
  next: 'additional_data.next_cursor',
  send: { in: 'query', name: 'cursor' },
  pageSize: { in: 'query', name: 'limit', value: 100 },
};

const id = z
  .preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v), z.number().int().positive())
  .meta({ label: 'ID', placeholder: '42' });
const fields = z.record(z.string(), z.unknown()).meta({
  label: 'Fields',
  editor: 'json',
  description: 'Other fields by key, custom fields included: { "value": 5000, "currency": "EUR", "custom_fields": { ... } }.',
});
const optionalId = (label: string, choices?: { loadOptions: string; loadOptionsDependsOn?: string[] }) =>
  z
    .preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v), z.number().int().positive().optional())
    .meta({ label, ...choices });
const sortDirection = z.enum(['asc', 'desc']).optional().meta({ label: 'Sort direction' });

/** What one entity's operations are made of. */
interface Entity {
  /** The path below /api/v2: `deals`. */
  path: string;
  displayName: string;
  /** The main field a record is created with, its own parameter: deal `title`, person `name`. */
  main: { key: string; schema: z.ZodType };
  /** More filters of its list operation, by query name. */
  filters?: Record<string, z.ZodType>;
  /** Whether Pipedrive searches it (`/<path>/search`). */
  searchable?: boolean;
}

/** Create, get, update, delete and list (and search) for one entity of Pipedrive's v2 API. */
function entity(e: Entity): ResourceDefinition {
  const base = `/api/v2/${e.path}`;
  const mainKey = e.main.key;
  const body = (p: Record<string, unknown>): ValueSpec =>
    ({
      ...(p['fields'] as Record<string, unknown> | undefined),
      ...(p[mainKey] !== undefined ? { [mainKey]: p[mainKey] } : {}),
    }) as ValueSpec;
  const filters = e.filters ?? {};
  const operations: Record<string, OperationDefinition> = {
    create: {
      displayName: 'Create',
      params: z.object({ [mainKey]: e.main.schema, fields: fields.optional() }),
      request: (p): RequestSpec => ({ method: 'POST', path: base, body: body(p) }),
      response: { items: 'data' },
    },
    get: {
      displayName: 'Get',
      params: z.object({ id }),
      request: { method: 'GET', path: `${base}/{id}` },
      response: { items: 'data' },
    },
    update: {
      displayName: 'Update',
      params: z.object({ id, [mainKey]: (e.main.schema as z.ZodType).optional(), fields: fields.optional() }),
      request: (p): RequestSpec => ({ method: 'PATCH', path: `${base}/{id}`, body: body(p) }),
      response: { items: 'data' },
    },
    delete: {
      displayName: 'Delete',
      params: z.object({ id }),
      request: { method: 'DELETE', path: `${base}/{id}` },
      response: { items: 'data' },
    },
    list: {
      displayName: 'List',
      params: z.object({
        ...filters,
        sortBy: z.enum(['id', 'update_time', 'add_time']).optional().meta({ label: 'Sort by' }),
        sortDirection,
      }),
      request: {
        method: 'GET',
        path: base,
        query: {
          ...Object.fromEntries(Object.keys(filters).map((key) => [key, param(key)])),
          sort_by: param('sortBy'),
          sort_direction: param('sortDirection'),
        },
      },
      paginate: cursorPages,
      response: { items: 'data' },
    },
  };
  if (e.searchable) {
    operations['search'] = {
      displayName: 'Search',
      params: z.object({
        term: z.string().trim().min(2).meta({ label: 'Term', description: 'At least 2 characters (1 with exact match).' }),
        searchFields: z
          .array(z.string())
          .optional()
          .meta({ label: 'Search in fields', description: 'Such as title, notes, custom_fields.' }),
        exactMatch: z.boolean().optional().meta({ label: 'Exact match' }),
      }),
      request: {
        method: 'GET',
        path: `${base}/search`,
        query: { term: param('term'), fields: param('searchFields', (v) => (v as string[]).join(',')), exact_match: param('exactMatch') },
      },
      paginate: cursorPages,
      response: { items: 'data.items' },
    };
  }
  return { displayName: e.displayName, operations };
}

const name = (label: string) => z.string().trim().min(1).meta({ label });
const status = z.enum(['open', 'won', 'lost', 'deleted']).optional().meta({ label: 'Status' });

/** Pipedrive: deals, persons, organizations, activities, pipelines and stages, through its v2 API. */
export const pipedrive = defineService({
  ...pipedriveInfo,
  baseUrl: BASE_URL,
  loadOptions: {
    pipelines: {
      request: { method: 'GET', path: '/api/v2/pipelines' },
      paginate: { type: 'cursor', next: 'additional_data.next_cursor', send: { in: 'query', name: 'cursor' } },
      items: 'data',
      value: 'id',
      label: 'name',
    },
    // A pipeline's stages when the node names one, else every stage.
    stages: {
      request: { method: 'GET', path: '/api/v2/stages', query: { pipeline_id: param('pipeline_id') } },
      paginate: { type: 'cursor', next: 'additional_data.next_cursor', send: { in: 'query', name: 'cursor' } },
      items: 'data',
      value: 'id',
      label: 'name',
    },
  },
  credentials: [pipedriveApiToken, pipedriveOAuth2],
  error: pipedriveError,
  rateLimit: { retryAfterHeaders: ['x-ratelimit-reset'] },
  resources: {
    deal: entity({
      path: 'deals',
      displayName: 'Deal',
      main: { key: 'title', schema: name('Title') },
      filters: {
        status,
        pipeline_id: optionalId('Pipeline ID', { loadOptions: 'pipelines' }),
        stage_id: optionalId('Stage ID', { loadOptions: 'stages', loadOptionsDependsOn: ['pipeline_id'] }),
        person_id: optionalId('Person ID'),
        org_id: optionalId('Organization ID'),
        owner_id: optionalId('Owner ID'),
        updated_since: z.string().optional().meta({ label: 'Updated since', placeholder: '2026-06-01T00:00:00Z' }),
      },
      searchable: true,
    }),
    person: entity({
      path: 'persons',
      displayName: 'Person',
      main: { key: 'name', schema: name('Name') },
      filters: { org_id: optionalId('Organization ID'), owner_id: optionalId('Owner ID') },
      searchable: true,
    }),
    organization: entity({
      path: 'organizations',
      displayName: 'Organization',
      main: { key: 'name', schema: name('Name') },
      filters: { owner_id: optionalId('Owner ID') },
      searchable: true,
    }),
    activity: entity({
      path: 'activities',
      displayName: 'Activity',
      main: { key: 'subject', schema: name('Subject') },
      filters: {
        deal_id: optionalId('Deal ID'),
        person_id: optionalId('Person ID'),
        org_id: optionalId('Organization ID'),
        owner_id: optionalId('Owner ID'),
        done: z.boolean().optional().meta({ label: 'Done' }),
      },
    }),
    pipeline: entity({ path: 'pipelines', displayName: 'Pipeline', main: { key: 'name', schema: name('Name') } }),
    stage: entity({
      path: 'stages',
      displayName: 'Stage',
      main: { key: 'name', schema: name('Name') },
      filters: { pipeline_id: optionalId('Pipeline ID', { loadOptions: 'pipelines' }) },
    }),
    field: {
      displayName: 'Field',
      operations: {
        list: {
          displayName: 'List',
          description: 'The fields of deals, persons, organizations, activities or products, custom fields included.',
          params: z.object({
            objectType: z.enum(['deal', 'person', 'organization', 'activity', 'product']).default('deal').meta({ label: 'Of' }),
          }),
          request: (p): RequestSpec => ({ method: 'GET', path: `/api/v2/${String(p['objectType'])}Fields` }),
          paginate: cursorPages,
          response: { items: 'data' },
        },
      },
    },
  },
});
