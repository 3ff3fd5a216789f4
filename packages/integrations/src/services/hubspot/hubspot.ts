import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param, type RequestSpec } from '../../kit/request-spec.js';
import type { OperationDefinition, ResourceDefinition, VendorError, VendorResponse } from '../../kit/service-types.js';
import { hubspotInfo } from './hubspot-info.js';
import { BASE_URL, hubspotOAuth2, hubspotPrivateApp } from './hubspot-credentials.js';

export { hubspotOAuth2, hubspotPrivateApp };

/** HubSpot's error answer: a category (the code), a message, and per-problem details that may name properties. */
function hubspotError(response: VendorResponse): VendorError | undefined {
  if (response.status < 400) return undefined;
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as {
    message?: string;
    category?: string;
    errors?: { message?: string; code?: string; context?: Record<string, unknown> }[];
  };
  const named = (body.errors ?? []).some((e) => e.context && 'propertyName' in e.context);
  const parameter = named ? 'properties' : body.category === 'OBJECT_NOT_FOUND' ? 'objectId' : undefined;
  return {
    ...(body.category ? { code: body.category } : {}),
    message: body.message ?? (typeof response.body === 'string' ? response.body.slice(0, 300) : `HTTP ${response.status}`),
    ...(parameter ? { parameter } : {}),
  };
}

const OBJECT_TYPES = ['contacts', 'companies', 'deals', 'tickets'] as const;

/** A record ID: HubSpot's webhook events and answers give them as numbers or text. */
const id = () => z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().trim().min(1));
const objectId = id().meta({ label: 'ID', placeholder: '51' });
const properties = z.record(z.string(), z.unknown()).meta({
  label: 'Properties',
  editor: 'json',
  description: 'By internal name: { "email": "ada@example.com", "firstname": "Ada" }.',
});
const returnProperties = z.array(z.string().min(1)).optional().meta({ label: 'Properties to return', description: 'Internal names.' });
const idProperty = z.string().optional().meta({
  label: 'ID property',
  description: 'A unique property the ID is a value of (such as email); the record ID when empty.',
  loadOptions: 'uniqueProperties',
});

/** The object type of a node's resource: `contact` works on `contacts`. */
const TYPE_OF: Record<string, string> = { contact: 'contacts', company: 'companies', deal: 'deals', ticket: 'tickets' };
const operator = z.enum([
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
]);
const filterGroups = z
  .array(
    z.object({
      filters: z.array(
        z.object({
          propertyName: z.string().min(1),
          operator,
          value: z.string().optional(),
          highValue: z.string().optional(),
          values: z.array(z.string()).optional(),
        }),
      ),
    }),
  )
  .default([])
  .meta({
    label: 'Filter groups',
    editor: 'json',
    description:
      'Groups are ORed, filters in a group ANDed: [{ "filters": [{ "propertyName": "email", "operator": "EQ", "value": "ada@example.com" }] }].',
  });
const sorts = z
  .array(z.object({ propertyName: z.string().min(1), direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING') }))
  .optional()
  .meta({ label: 'Sort', editor: 'json' });
const associateTo = z.enum(OBJECT_TYPES).meta({ label: 'Associate with' });

/** Create, update, get, search and associate for one CRM object type. */
function crmObject(type: (typeof OBJECT_TYPES)[number], displayName: string): ResourceDefinition {
  const base = `/crm/v3/objects/${type}`;
  const operations: Record<string, OperationDefinition> = {
    create: {
      displayName: 'Create',
      params: z.object({
        properties,
        associations: z
          .array(
            z.object({
              to: z.object({ id: id() }),
              types: z.array(
                z.object({
                  associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
                  associationTypeId: z.number().int(),
                }),
              ),
            }),
          )
          .optional()
          .meta({ label: 'Associations', editor: 'json', description: 'Records to associate the new one with, by type ID.' }),
      }),
      request: { method: 'POST', path: base, body: { properties: param('properties'), associations: param('associations') } },
    },
    update: {
      displayName: 'Update',
      params: z.object({ objectId, properties, idProperty }),
      request: {
        method: 'PATCH',
        path: `${base}/{objectId}`,
        query: { idProperty: param('idProperty') },
        body: { properties: param('properties') },
      },
    },
    get: {
      displayName: 'Get',
      params: z.object({
        objectId,
        idProperty,
        returnProperties,
        withAssociations: z
          .array(z.string().min(1))
          .optional()
          .meta({ label: 'Associated types', description: 'Such as companies, deals.' }),
      }),
      request: {
        method: 'GET',
        path: `${base}/{objectId}`,
        query: { properties: param('returnProperties'), associations: param('withAssociations'), idProperty: param('idProperty') },
      },
    },
    search: {
      displayName: 'Search',
      params: z.object({
        filterGroups,
        searchText: z.string().optional().meta({ label: 'Text', description: 'Searches the default searchable properties.' }),
        sorts,
        returnProperties,
      }),
      request: {
        method: 'POST',
        path: `${base}/search`,
        body: {
          filterGroups: param('filterGroups'),
          query: param('searchText'),
          sorts: param('sorts'),
          properties: param('returnProperties'),
        },
      },
      paginate: {
        type: 'cursor',
        next: 'paging.next.after',
        send: { in: 'body', name: 'after' },
        pageSize: { in: 'body', name: 'limit', value: 100 },
      },
      response: { items: 'results' },
    },
    associate: {
      displayName: 'Associate',
      description: 'Associate with another record, with the default association or a labelled one.',
      params: z.object({
        objectId,
        toObjectType: associateTo,
        toObjectId: id().meta({ label: 'Associated record ID' }),
        associationTypeId: z
          .number()
          .int()
          .optional()
          .meta({ label: 'Association type ID', description: 'A label; the default association when empty.' }),
        associationCategory: z
          .enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED'])
          .default('HUBSPOT_DEFINED')
          .meta({ label: 'Association category' }),
      }),
      request: (p): RequestSpec =>
        p.associationTypeId === undefined
          ? { method: 'PUT', path: `/crm/v4/objects/${type}/{objectId}/associations/default/{toObjectType}/{toObjectId}` }
          : {
              method: 'PUT',
              path: `/crm/v4/objects/${type}/{objectId}/associations/{toObjectType}/{toObjectId}`,
              body: [{ associationCategory: param('associationCategory'), associationTypeId: param('associationTypeId') }],
            },
    },
  };
  return { displayName, operations };
}

/** HubSpot: CRM records, their associations and properties, and single-send emails. */
export const hubspot = defineService({
  ...hubspotInfo,
  baseUrl: BASE_URL,
  credentials: [hubspotPrivateApp, hubspotOAuth2],
  error: hubspotError,
  loadOptions: {
    uniqueProperties: {
      request: (p) => ({ method: 'GET', path: `/crm/v3/properties/${TYPE_OF[String(p['resource'])] ?? 'contacts'}` }),
      items: 'results',
      value: 'name',
      label: 'label',
      description: 'name',
      // HubSpot finds records by these: the properties it keeps unique, and email for contacts.
      filter: (property) => property['hasUniqueValue'] === true || property['name'] === 'email',
    },
  },
  resources: {
    contact: crmObject('contacts', 'Contact'),
    company: crmObject('companies', 'Company'),
    deal: crmObject('deals', 'Deal'),
    ticket: crmObject('tickets', 'Ticket'),
    email: {
      displayName: 'Email',
      operations: {
        send: {
          displayName: 'Send',
          description: 'Send a marketing email made in HubSpot (set up for single send) to one recipient.',
          params: z.object({
            emailId: z.number().int().meta({ label: 'Email ID', description: 'The content ID of the email in HubSpot.' }),
            to: z.string().trim().min(1).meta({ label: 'To', placeholder: 'ada@example.com' }),
            from: z.string().optional().meta({ label: 'From', placeholder: 'Acme <news@acme.test>' }),
            replyTo: z.array(z.string()).optional().meta({ label: 'Reply-to' }),
            cc: z.array(z.string()).optional().meta({ label: 'CC' }),
            bcc: z.array(z.string()).optional().meta({ label: 'BCC' }),
            sendId: z.string().optional().meta({ label: 'Send ID', description: 'Sends at most once per ID.' }),
            contactProperties: z.record(z.string(), z.string()).optional().meta({ label: 'Contact properties', editor: 'json' }),
            customProperties: z.record(z.string(), z.unknown()).optional().meta({ label: 'Custom properties', editor: 'json' }),
          }),
          request: {
            method: 'POST',
            path: '/marketing/v3/transactional/single-email/send',
            body: {
              emailId: param('emailId'),
              message: {
                to: param('to'),
                from: param('from'),
                replyTo: param('replyTo'),
                cc: param('cc'),
                bcc: param('bcc'),
                sendId: param('sendId'),
              },
              contactProperties: param('contactProperties'),
              customProperties: param('customProperties'),
            },
          },
        },
      },
    },
    property: {
      displayName: 'Property',
      operations: {
        list: {
          displayName: 'List',
          description: 'The properties (fields) of an object type: name, label, type and options.',
          params: z.object({ objectType: z.enum(OBJECT_TYPES).default('contacts').meta({ label: 'Object type' }) }),
          request: { method: 'GET', path: '/crm/v3/properties/{objectType}' },
          response: { items: 'results' },
        },
      },
    },
  },
});
