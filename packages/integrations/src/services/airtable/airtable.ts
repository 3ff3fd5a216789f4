import type { Item } from '@flowloom/engine';
import { z } from 'zod';
import { nodeError } from '../../kit/call.js';
import { defineService } from '../../kit/define-service.js';
import { param, type RequestSpec, type ValueSpec } from '../../kit/request-spec.js';
import type { OperationContext, VendorError, VendorResponse } from '../../kit/service-types.js';
import { batched, type Member } from './airtable-batch.js';
import { airtableInfo } from './airtable-info.js';
import { airtableOAuth2, airtableToken } from './airtable-credentials.js';

export { airtableOAuth2, airtableToken };

/** Airtable's error types, by the parameter at fault. */
const PARAMETER_OF: Record<string, string> = {
  UNKNOWN_FIELD_NAME: 'fields',
  INVALID_VALUE_FOR_COLUMN: 'fields',
  INVALID_MULTIPLE_CHOICE_OPTIONS: 'fields',
  INVALID_FILTER_BY_FORMULA: 'filterByFormula',
  VIEW_NAME_NOT_FOUND: 'view',
  TABLE_NOT_FOUND: 'table',
  ROW_DOES_NOT_EXIST: 'recordId',
  MODEL_ID_NOT_FOUND: 'recordId',
  INVALID_ATTACHMENT_OBJECT: 'attachmentField',
};

/** Airtable answers errors as `{ "error": { "type", "message" } }`, or `{ "error": "NOT_FOUND" }`. */
function airtableError(response: VendorResponse): VendorError | undefined {
  if (response.status < 400) return undefined;
  const error = (response.body as { error?: string | { type?: string; message?: string } } | undefined)?.error;
  const type = typeof error === 'string' ? error : error?.type;
  const message = typeof error === 'object' && error?.message ? error.message : (type ?? `HTTP ${response.status}`);
  const parameter = type ? PARAMETER_OF[type] : undefined;
  return { ...(type ? { code: type } : {}), message, ...(parameter ? { parameter } : {}) };
}

const baseId = z.string().trim().min(1).meta({ label: 'Base ID', placeholder: 'appXXXXXXXXXXXXXX', loadOptions: 'bases' });
const table = z
  .string()
  .trim()
  .min(1)
  .meta({
    label: 'Table',
    placeholder: 'Tasks',
    description: 'The table\u2019s name or ID (tbl...).',
    loadOptions: 'tables',
    loadOptionsDependsOn: ['baseId'],
  });
const recordId = z.string().trim().min(1).meta({ label: 'Record ID', placeholder: 'recXXXXXXXXXXXXXX' });
const fields = z
  .record(z.string(), z.unknown())
  .meta({ label: 'Fields', editor: 'json', description: 'By field name: { "Name": "Ada", "Photos": [{ "url": "https://..." }] }.' });
const typecast = z
  .boolean()
  .optional()
  .meta({ label: 'Convert values', description: 'Let Airtable convert text to the field\u2019s type (new select options included).' });

const recordPath = '/{baseId}/{table}';
const recordsOf = (response: VendorResponse) => ((response.body as { records?: Item['json'][] }).records ?? []).map((r) => [r]);
/** Consecutive items go in one request when they write to the same table the same way. */
const sameTable = (p: { baseId: string; table: string; typecast?: boolean | undefined }) => JSON.stringify([p.baseId, p.table, p.typecast]);

/** A write of up to ten records: `records` made of each item's parameters, the rest from the first item. */
function write<S extends z.ZodObject<z.ZodRawShape>>(
  label: string,
  params: S,
  method: 'POST' | 'PATCH',
  record: (p: z.output<S>, op: OperationContext<z.output<S>>, itemIndex: number) => ValueSpec,
  extra: (p: z.output<S>) => Record<string, ValueSpec> = () => ({}),
  key: (p: z.output<S>) => string = (p) => sameTable(p as never),
) {
  return batched(
    label,
    params,
    key,
    (op: OperationContext<z.output<S>>, batch: Member<z.output<S>>[]) => {
      const first = op.params as z.output<S> & { typecast?: boolean };
      const body: Record<string, ValueSpec> = { records: batch.map((m) => record(m.params, op, m.itemIndex)), ...extra(first) };
      if (first.typecast !== undefined) body['typecast'] = first.typecast;
      return op.request({ method, path: recordPath, body });
    },
    recordsOf,
  );
}

const createParams = z.object({ baseId, table, fields, typecast });
const updateParams = z.object({ baseId, table, recordId, fields, typecast });
const upsertParams = z.object({
  baseId,
  table,
  fieldsToMergeOn: z.array(z.string().min(1)).min(1).meta({
    label: 'Fields to match on',
    description: 'A record whose values in these fields match is updated; otherwise one is created.',
  }),
  fields,
  typecast,
});
const deleteParams = z.object({ baseId, table, recordId });
const attachmentField = z.string().trim().min(1).meta({ label: 'Attachment field', description: 'Its name or ID (fld...).' });
const uploadParams = z.object({
  baseId,
  recordId,
  attachmentField,
  binaryProperty: z.string().default('data').meta({ label: 'Binary property' }),
});
const fromUrlParams = z.object({
  baseId,
  table,
  recordId,
  attachmentField,
  url: z.string().trim().url().meta({ label: 'File URL', description: 'Airtable downloads the file from here.' }),
  fileName: z.string().optional().meta({ label: 'File name' }),
});

/** Checks an upsert's record before anything is sent: Airtable matches on values the record must hold. */
function upsertRecord(op: OperationContext<z.output<typeof upsertParams>>, p: z.output<typeof upsertParams>, itemIndex: number) {
  const missing = p.fieldsToMergeOn.filter((name) => p.fields[name] === undefined || p.fields[name] === null || p.fields[name] === '');
  if (missing.length > 0) {
    throw nodeError(
      op.ctx,
      `Airtable record.upsert: parameter 'fields' has no value for ${missing.map((m) => `'${m}'`).join(', ')}, named in parameter 'fieldsToMergeOn'; a record is matched on those values${op.ctx.input().length > 1 ? ` (item ${itemIndex})` : ''}.`,
      'PARAMETER_INVALID',
    );
  }
  return { fields: p.fields as Record<string, ValueSpec> };
}

/** Airtable: records, bases and table schemas, through the Web API. */
export const airtable = defineService({
  ...airtableInfo,
  baseUrl: 'https://api.airtable.com/v0',
  loadOptions: {
    bases: {
      request: { method: 'GET', path: '/meta/bases' },
      paginate: { type: 'cursor', next: 'offset', send: { in: 'query', name: 'offset' } },
      items: 'bases',
      value: 'id',
      label: 'name',
    },
    tables: {
      request: { method: 'GET', path: '/meta/bases/{baseId}/tables' },
      items: 'tables',
      value: 'id',
      label: 'name',
      description: 'description',
      dependsOn: ['baseId'],
    },
  },
  credentials: [airtableToken, airtableOAuth2],
  error: airtableError,
  resources: {
    record: {
      displayName: 'Record',
      operations: {
        list: {
          displayName: 'List',
          description: 'Records of a table, optionally of a view, matching a formula, sorted.',
          params: z.object({
            baseId,
            table,
            view: z.string().optional().meta({ label: 'View', description: 'Only the records of this view (name or ID), in its order.' }),
            filterByFormula: z.string().optional().meta({
              label: 'Formula',
              placeholder: "AND({Status} = 'Open', {Due} < TODAY())",
              description: 'Only records for which it is true.',
            }),
            sort: z
              .array(z.object({ field: z.string().min(1), direction: z.enum(['asc', 'desc']).default('asc') }))
              .optional()
              .meta({ label: 'Sort', editor: 'json', description: '[{ "field": "Due", "direction": "desc" }]' }),
            returnFields: z.array(z.string()).optional().meta({ label: 'Fields to return', description: 'Default: every field.' }),
          }),
          request: (p): RequestSpec => {
            const query: Record<string, ValueSpec> = {
              view: param('view'),
              filterByFormula: param('filterByFormula'),
              'fields[]': param('returnFields'),
            };
            // Airtable reads a sort as `sort[0][field]=...&sort[0][direction]=...`.
            ((p['sort'] ?? []) as { field: string; direction: string }[]).forEach((s, i) => {
              query[`sort[${i}][field]`] = s.field;
              query[`sort[${i}][direction]`] = s.direction;
            });
            return { method: 'GET', path: recordPath, query };
          },
          paginate: {
            type: 'cursor',
            next: 'offset',
            send: { in: 'query', name: 'offset' },
            pageSize: { in: 'query', name: 'pageSize', value: 100 },
          },
          response: { items: 'records' },
        },
        get: {
          displayName: 'Get',
          params: z.object({ baseId, table, recordId }),
          request: { method: 'GET', path: `${recordPath}/{recordId}` },
        },
        create: {
          displayName: 'Create',
          description: 'One record per item, ten to a request.',
          params: createParams,
          execute: write('Airtable record.create', createParams, 'POST', (p) => ({ fields: p.fields as Record<string, ValueSpec> })),
        },
        update: {
          displayName: 'Update',
          description: 'Change the fields given (others stay), one record per item, ten to a request.',
          params: updateParams,
          execute: write('Airtable record.update', updateParams, 'PATCH', (p) => ({
            id: p.recordId,
            fields: p.fields as Record<string, ValueSpec>,
          })),
        },
        upsert: {
          displayName: 'Create or update',
          description: 'Update the record whose match fields hold the same values, or create one; ten to a request.',
          params: upsertParams,
          execute: write(
            'Airtable record.upsert',
            upsertParams,
            'PATCH',
            (p, op, itemIndex) => upsertRecord(op, p, itemIndex),
            (p) => ({ performUpsert: { fieldsToMergeOn: p.fieldsToMergeOn } }),
            (p) => JSON.stringify([p.baseId, p.table, p.typecast, p.fieldsToMergeOn]),
          ),
        },
        delete: {
          displayName: 'Delete',
          description: 'One record per item, ten to a request.',
          params: deleteParams,
          execute: batched(
            'Airtable record.delete',
            deleteParams,
            (p) => sameTable(p),
            (op, batch) => op.request({ method: 'DELETE', path: recordPath, query: { 'records[]': batch.map((m) => m.params.recordId) } }),
            recordsOf,
          ),
        },
      },
    },
    attachment: {
      displayName: 'Attachment',
      operations: {
        addFromUrl: {
          displayName: 'Add from URL',
          description: 'Add a file Airtable downloads from a URL to a record\u2019s attachment field, keeping the files already there.',
          params: fromUrlParams,
          async execute(op) {
            const p = op.params as z.output<typeof fromUrlParams>;
            // Writing an attachment field replaces its files: the ones already there are sent back by id.
            const current = await op.request({ method: 'GET', path: `${recordPath}/{recordId}` });
            const kept = ((current.body as { fields?: Record<string, { id: string }[]> }).fields?.[p.attachmentField] ?? []).map((a) => ({
              id: a.id,
            }));
            const added = { url: p.url, ...(p.fileName ? { filename: p.fileName } : {}) };
            const response = await op.request({
              method: 'PATCH',
              path: `${recordPath}/{recordId}`,
              body: { fields: { [p.attachmentField]: [...kept, added] } },
            });
            return [{ json: response.body as Item['json'] }];
          },
        },
        upload: {
          displayName: 'Upload',
          description: 'Add the item\u2019s file to a record\u2019s attachment field (up to 5 MB).',
          params: uploadParams,
          async execute(op) {
            const p = op.params as z.output<typeof uploadParams>;
            const file = op.item.binary?.[p.binaryProperty];
            if (!file?.data) {
              throw nodeError(
                op.ctx,
                `Airtable attachment.upload: parameter 'binaryProperty': the item has no binary '${p.binaryProperty}' with data.`,
                'PARAMETER_INVALID',
              );
            }
            const at = [p.baseId, p.recordId, p.attachmentField].map(encodeURIComponent).join('/');
            const response = await op.request(
              {
                method: 'POST',
                path: '/',
                body: { contentType: file.mimeType, file: file.data, filename: file.fileName ?? p.binaryProperty },
              },
              `https://content.airtable.com/v0/${at}/uploadAttachment`,
            );
            return [{ json: response.body as Item['json'] }];
          },
        },
      },
    },
    base: {
      displayName: 'Base',
      operations: {
        list: {
          displayName: 'List',
          description: 'The bases the credential may use.',
          params: z.object({}),
          request: { method: 'GET', path: '/meta/bases' },
          paginate: { type: 'cursor', next: 'offset', send: { in: 'query', name: 'offset' } },
          response: { items: 'bases' },
        },
      },
    },
    table: {
      displayName: 'Table',
      operations: {
        list: {
          displayName: 'List (schema)',
          description: 'A base\u2019s tables with their fields (name, type, options) and views.',
          params: z.object({ baseId }),
          request: { method: 'GET', path: '/meta/bases/{baseId}/tables' },
          response: { items: 'tables' },
        },
      },
    },
  },
});
