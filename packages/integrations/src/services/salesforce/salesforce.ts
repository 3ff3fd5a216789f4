import { FlowloomError, NodeExecutionError, type Item } from '@flowloom/engine';
import { z } from 'zod';
import { nodeError } from '../../kit/call.js';
import { defineService } from '../../kit/define-service.js';
import { param, type RequestSpec, type ValueSpec } from '../../kit/request-spec.js';
import type { OperationContext, OperationDefinition, ResourceDefinition } from '../../kit/service-types.js';
import { salesforceError } from './salesforce-error.js';
import { salesforceInfo } from './salesforce-info.js';
import { BASE_URL, PLACEHOLDER_ORIGIN, salesforceOAuth2 } from './salesforce-credentials.js';

export { salesforceOAuth2 };

/** An API name: `Account`, `Invoice__c`, `ns__Field__c`. */
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

const sobject = z.string().trim().regex(API_NAME, 'must be an object API name such as Invoice__c').meta({
  label: 'Object',
  placeholder: 'Invoice__c',
  description: 'The API name of a standard or custom object.',
  loadOptions: 'objects',
});
const recordId = z.string().trim().min(1).meta({ label: 'Record ID', placeholder: '00Q5e00000AbCdEFGH' });
const record = z.record(z.string(), z.unknown()).meta({
  label: 'Fields',
  editor: 'json',
  description: 'Field values by API name: { "LastName": "Lovelace", "Company": "Analytical Engines" }.',
});
const returnFields = z
  .array(z.string().regex(/^[A-Za-z][\w.]*$/, 'must be a field API name'))
  .optional()
  .meta({ label: 'Fields to return', description: 'API names; all fields when empty.' });
const externalIdField = z
  .string()
  .trim()
  .regex(API_NAME, 'must be a field API name such as External_Id__c')
  .meta({
    label: 'External ID field',
    placeholder: 'External_Id__c',
    description: 'A field marked as External ID (or Id).',
    loadOptions: 'externalIdFields',
    loadOptionsDependsOn: ['sobject'],
  });

/** The object a node works on: the resource's own, or the one named by `sobject`. */
const OBJECT_OF: Record<string, string> = { lead: 'Lead', contact: 'Contact', account: 'Account', opportunity: 'Opportunity' };
function objectOf(params: Record<string, unknown>): string {
  const object = OBJECT_OF[String(params['resource'])] ?? params['sobject'];
  if (typeof object !== 'string' || !API_NAME.test(object)) {
    throw new FlowloomError('PARAMETER_INVALID', "Salesforce: fill in parameter 'sobject' first, to list its fields.");
  }
  return object;
}
const externalId = z.string().trim().min(1).meta({ label: 'External ID', description: 'The value that finds the record to update.' });

const fieldList = (v: unknown) => (v as string[]).join(',');

/** The record operations of one object: fixed (`Lead`) or named by the `sobject` parameter. */
function recordOperations(object: string | undefined): Record<string, OperationDefinition> {
  const base = object ? `/sobjects/${object}` : '/sobjects/{sobject}';
  const own: Record<string, z.ZodType> = object ? {} : { sobject };
  const operations: Record<string, OperationDefinition> = {
    create: {
      displayName: 'Create',
      params: z.object({ ...own, record }),
      request: { method: 'POST', path: base, body: param('record') },
    },
    get: {
      displayName: 'Get',
      params: z.object({ ...own, recordId, returnFields }),
      request: { method: 'GET', path: `${base}/{recordId}`, query: { fields: param('returnFields', fieldList) } },
    },
    update: {
      displayName: 'Update',
      params: z.object({ ...own, recordId, record }),
      request: { method: 'PATCH', path: `${base}/{recordId}`, body: param('record') },
    },
    upsert: {
      displayName: 'Upsert',
      description: 'Update the record whose external ID field holds the value, or create it.',
      params: z.object({ ...own, externalIdField, externalId, record }),
      request: (p): RequestSpec => {
        // The external ID is in the path; Salesforce refuses it in the body too.
        const fields = { ...(p['record'] as Record<string, unknown>) };
        delete fields[String(p['externalIdField'])];
        return { method: 'PATCH', path: `${base}/{externalIdField}/{externalId}`, body: fields as ValueSpec };
      },
    },
    delete: {
      displayName: 'Delete',
      params: z.object({ ...own, recordId }),
      request: { method: 'DELETE', path: `${base}/{recordId}` },
    },
  };
  return object
    ? operations
    : Object.fromEntries(Object.entries(operations).map(([name, op]) => [name, objectChecked(`customObject.${name}`, op)]));
}

/**
 * Salesforce answers NOT_FOUND both for a record and for an object that does
 * not exist. For an object named by the user, a NOT_FOUND is followed by a
 * describe of the object (unless the request was that describe), so the
 * error names the parameter at fault.
 */
function objectChecked(label: string, op: OperationDefinition, describes = false): OperationDefinition {
  const { request, ...rest } = op;
  const specOf = (params: Record<string, unknown>): RequestSpec => (typeof request === 'function' ? request(params) : request!);
  return {
    ...rest,
    async execute(call: OperationContext<Record<string, unknown>>): Promise<Item[]> {
      try {
        const answer = await call.request(specOf(call.params));
        const body = answer.body;
        return [{ json: typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : { success: true } }];
      } catch (error) {
        if (!isNotFound(error)) throw error;
        const exists =
          !describes &&
          (await call.request({ method: 'GET', path: '/sobjects/{sobject}/describe' }).then(
            () => true,
            (e: unknown) => !isNotFound(e),
          ));
        if (exists) throw error;
        throw nodeError(
          call.ctx,
          `Salesforce ${label}: Salesforce has no object '${String(call.params['sobject'])}' (parameter 'sobject'); give the API name of an object of the org, such as Invoice__c.`,
          'PARAMETER_INVALID',
          error,
        );
      }
    },
  };
}

function isNotFound(error: unknown): boolean {
  const details = error instanceof NodeExecutionError ? (error.details as { status?: number; vendorCode?: string } | undefined) : undefined;
  return details?.status === 404 && details.vendorCode === 'NOT_FOUND';
}

const objectResource = (displayName: string, object: string | undefined): ResourceDefinition => ({
  displayName,
  operations: recordOperations(object),
});

/** Salesforce: records of standard and custom objects, SOQL and object descriptions, through the REST API. */
export const salesforce = defineService({
  ...salesforceInfo,
  baseUrl: BASE_URL,
  credentials: [salesforceOAuth2],
  error: salesforceError,
  loadOptions: {
    objects: { request: { method: 'GET', path: '/sobjects' }, items: 'sobjects', value: 'name', label: 'label', description: 'name' },
    externalIdFields: {
      request: (p) => ({ method: 'GET', path: `/sobjects/${objectOf(p)}/describe` }),
      items: 'fields',
      value: 'name',
      label: 'label',
      description: 'name',
      filter: (field) => field['externalId'] === true || field['name'] === 'Id',
    },
  },
  resources: {
    lead: objectResource('Lead', 'Lead'),
    contact: objectResource('Contact', 'Contact'),
    account: objectResource('Account', 'Account'),
    opportunity: objectResource('Opportunity', 'Opportunity'),
    customObject: objectResource('Custom object', undefined),
    soql: {
      displayName: 'SOQL',
      operations: {
        query: {
          displayName: 'Query',
          description: 'Run a SOQL query and return its records, following every batch.',
          params: z.object({
            soql: z.string().trim().min(1).meta({ label: 'SOQL', editor: 'code', placeholder: 'SELECT Id, Name FROM Account' }),
            includeDeleted: z
              .boolean()
              .default(false)
              .meta({ label: 'Include deleted and archived', description: 'Uses queryAll: records in the recycle bin too.' }),
          }),
          request: (p): RequestSpec => ({ method: 'GET', path: p.includeDeleted ? '/queryAll' : '/query', query: { q: param('soql') } }),
          paginate: { type: 'nextUrl', next: 'nextRecordsUrl', origin: PLACEHOLDER_ORIGIN },
          response: { items: 'records' },
        },
      },
    },
    object: {
      displayName: 'Object',
      operations: {
        describe: {
          ...objectChecked(
            'object.describe',
            { displayName: 'Describe', params: z.object({ sobject }), request: { method: 'GET', path: '/sobjects/{sobject}/describe' } },
            true,
          ),
          description: 'The object\u2019s fields (name, label, type, picklist values) and properties.',
        },
        list: {
          displayName: 'List',
          description: 'Every object of the org, standard and custom.',
          params: z.object({}),
          request: { method: 'GET', path: '/sobjects' },
          response: { items: 'sobjects' },
        },
      },
    },
  },
});
