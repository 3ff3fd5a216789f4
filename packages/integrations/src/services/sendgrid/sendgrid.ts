import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param } from '../../kit/request-spec.js';
import type { ResourceDefinition } from '../../kit/service-types.js';
import { findContactsByEmail } from './sendgrid-contacts.js';
import { sendGridError } from './sendgrid-error.js';
import { listOf, sendMail } from './sendgrid-mail.js';
import { sendgridInfo } from './sendgrid-info.js';
import { sendGridApiKey } from './sendgrid-credentials.js';

export { sendGridApiKey };

/** A list given as a list, or as text separated by commas. */
const list = (label: string, description: string) =>
  z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).meta({ label, description });
const recipients = (label: string) =>
  list(label, 'Addresses separated by commas, each `ada@example.com` or `Ada Lovelace <ada@example.com>`.');
const listIds = list('List IDs', 'Marketing list IDs, separated by commas.');
const date = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date such as 2024-05-31')
    .meta({ label, placeholder: 'YYYY-MM-DD' });
const day = (value: unknown) => String(value).slice(0, 10);
const text = (label: string) => z.string().optional().meta({ label });

const resources: Record<string, ResourceDefinition> = {
  mail: {
    displayName: 'Mail',
    operations: {
      send: {
        displayName: 'Send',
        description: 'Send an email, written here or from a dynamic template, with the item\u2019s files attached.',
        params: z
          .object({
            from: z.string().min(1).meta({
              label: 'From',
              placeholder: 'Acme <hello@acme.com>',
              description: 'A verified sender: `hello@acme.com` or `Acme <hello@acme.com>`.',
            }),
            to: recipients('To'),
            cc: recipients('CC').optional(),
            bcc: recipients('BCC').optional(),
            replyTo: z.string().min(1).optional().meta({ label: 'Reply to' }),
            subject: z.string().optional().meta({ label: 'Subject', description: 'A dynamic template may set its own.' }),
            text: z.string().optional().meta({ label: 'Text', editor: 'multiline' }),
            html: z.string().optional().meta({ label: 'HTML', editor: 'multiline' }),
            templateId: z.string().min(1).optional().meta({ label: 'Dynamic template ID', placeholder: 'd-...' }),
            dynamicTemplateData: z.record(z.string(), z.unknown()).optional().meta({
              label: 'Template data',
              editor: 'json',
              description: 'The values the dynamic template\u2019s Handlebars fields show.',
            }),
            attachments: list(
              'Attachments',
              'The item\u2019s binary properties to attach, separated by commas (such as `data`).',
            ).optional(),
            categories: list('Categories', 'Up to 10 categories for statistics, separated by commas.').optional(),
          })
          .refine((p) => p.text !== undefined || p.html !== undefined || p.templateId !== undefined, {
            path: ['text'],
            message: "or 'html' or 'templateId' is required",
          }),
        execute: sendMail,
      },
    },
  },
  template: {
    displayName: 'Template',
    operations: {
      list: {
        displayName: 'List',
        description: 'Transactional templates, with their versions.',
        params: z.object({
          generations: z
            .enum(['dynamic', 'legacy', 'legacy,dynamic'])
            .default('dynamic')
            .meta({
              label: 'Generations',
              options: [
                { value: 'dynamic', label: 'Dynamic' },
                { value: 'legacy', label: 'Legacy' },
                { value: 'legacy,dynamic', label: 'Both' },
              ],
            }),
        }),
        request: { method: 'GET', path: '/v3/templates', query: { generations: param('generations') } },
        paginate: { type: 'nextUrl', next: '_metadata.next', pageSize: { in: 'query', name: 'page_size', value: 200 } },
        response: { items: 'result' },
      },
      get: {
        displayName: 'Get',
        params: z.object({ templateId: z.string().min(1).meta({ label: 'Template ID', placeholder: 'd-...' }) }),
        request: { method: 'GET', path: '/v3/templates/{templateId}' },
      },
    },
  },
  contact: {
    displayName: 'Contact',
    operations: {
      upsert: {
        displayName: 'Add or update',
        description: 'Create a marketing contact, or update the one with this email; SendGrid applies it within minutes.',
        params: z.object({
          email: z.string().min(1).meta({ label: 'Email' }),
          listIds: listIds.optional(),
          firstName: text('First name'),
          lastName: text('Last name'),
          phoneNumber: text('Phone number'),
          addressLine1: text('Address line 1'),
          addressLine2: text('Address line 2'),
          city: text('City'),
          stateProvinceRegion: text('State, province or region'),
          postalCode: text('Postal code'),
          country: text('Country'),
          alternateEmails: list('Alternate emails', 'Up to 5 more addresses of this contact, separated by commas.').optional(),
          customFields: z
            .record(z.string(), z.unknown())
            .optional()
            .meta({ label: 'Custom fields', editor: 'json', description: 'Values by custom field ID (`e1_T`, `w2_N`...).' }),
        }),
        request: {
          method: 'PUT',
          path: '/v3/marketing/contacts',
          body: {
            list_ids: param('listIds', listOf),
            contacts: [
              {
                email: param('email'),
                first_name: param('firstName'),
                last_name: param('lastName'),
                phone_number: param('phoneNumber'),
                address_line_1: param('addressLine1'),
                address_line_2: param('addressLine2'),
                city: param('city'),
                state_province_region: param('stateProvinceRegion'),
                postal_code: param('postalCode'),
                country: param('country'),
                alternate_emails: param('alternateEmails', listOf),
                custom_fields: param('customFields'),
              },
            ],
          },
        },
      },
      getByEmail: {
        displayName: 'Get by email',
        description: 'Contacts whose email (or alternate email) is one of these; none found is no items.',
        params: z.object({ emails: list('Emails', 'Addresses separated by commas, up to 100.') }),
        execute: findContactsByEmail,
      },
      search: {
        displayName: 'Search',
        description: 'Up to 50 contacts matching a Segmentation Query Language condition.',
        params: z.object({
          sgql: z.string().min(1).meta({ label: 'Query (SGQL)', placeholder: "email LIKE '%@acme.com' AND CONTAINS(list_ids, 'id')" }),
        }),
        request: { method: 'POST', path: '/v3/marketing/contacts/search', body: { query: param('sgql') } },
        response: { items: 'result' },
      },
    },
  },
  list: {
    displayName: 'List',
    operations: {
      list: {
        displayName: 'List',
        description: 'Marketing contact lists.',
        params: z.object({}),
        request: { method: 'GET', path: '/v3/marketing/lists' },
        paginate: { type: 'nextUrl', next: '_metadata.next', pageSize: { in: 'query', name: 'page_size', value: 1000 } },
        response: { items: 'result' },
      },
      create: {
        displayName: 'Create',
        params: z.object({ name: z.string().min(1).max(100).meta({ label: 'Name' }) }),
        request: { method: 'POST', path: '/v3/marketing/lists', body: { name: param('name') } },
      },
    },
  },
  stats: {
    displayName: 'Statistics',
    operations: {
      get: {
        displayName: 'Get',
        description: 'Email statistics (requests, deliveries, opens, clicks...) per day, week or month.',
        params: z.object({
          startDate: date('Start date'),
          endDate: date('End date').optional(),
          aggregatedBy: z
            .enum(['day', 'week', 'month'])
            .default('day')
            .meta({
              label: 'Group by',
              options: [
                { value: 'day', label: 'Day' },
                { value: 'week', label: 'Week' },
                { value: 'month', label: 'Month' },
              ],
            }),
        }),
        request: {
          method: 'GET',
          path: '/v3/stats',
          query: { start_date: param('startDate', day), end_date: param('endDate', day), aggregated_by: param('aggregatedBy') },
        },
      },
    },
  },
};

const parameterNames = new Set(
  Object.values(resources).flatMap((r) => Object.values(r.operations).flatMap((op) => Object.keys(op.params.shape))),
);

/** SendGrid: transactional email, dynamic templates, marketing contacts and lists, and statistics through the v3 API. */
export const sendgrid = defineService({
  ...sendgridInfo,
  baseUrl: 'https://api.sendgrid.com',
  credentials: [sendGridApiKey],
  error: sendGridError(parameterNames),
  rateLimit: { resetHeaders: ['x-ratelimit-reset'] },
  resources,
});
