import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param, type RequestSpec } from '../../kit/request-spec.js';
import type { VendorError, VendorResponse } from '../../kit/service-types.js';
import { md5Hex } from './md5.js';
import { mailchimpInfo } from './mailchimp-info.js';
import { BASE_URL, mailchimpApiKey, mailchimpOAuth2 } from './mailchimp-credentials.js';

export { mailchimpApiKey, mailchimpOAuth2 };

/** Mailchimp's error fields, by the parameter that fills them. */
const PARAMETER_OF: Record<string, string> = {
  email_address: 'email',
  status: 'status',
  status_if_new: 'statusIfNew',
  type: 'campaignType',
  'recipients.list_id': 'listId',
  'settings.subject_line': 'subjectLine',
  'settings.preview_text': 'previewText',
  'settings.title': 'title',
  'settings.from_name': 'fromName',
  'settings.reply_to': 'replyTo',
  'settings.template_id': 'templateId',
  tags: 'tags',
  language: 'language',
};

/** Mailchimp answers errors as RFC 7807 problems: the title is the code, `errors` names fields. */
function mailchimpError(response: VendorResponse): VendorError | undefined {
  if (response.status < 400) return undefined;
  const problem = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as {
    title?: string;
    detail?: string;
    errors?: { field?: string; message?: string }[];
  };
  const fields = (problem.errors ?? []).filter((e) => e.field);
  const detail = problem.detail ?? (typeof response.body === 'string' ? response.body.slice(0, 300) : `HTTP ${response.status}`);
  const listed = fields.map((e) => `${e.field}: ${e.message ?? 'invalid'}`).join('; ');
  const field = fields[0]?.field;
  // Merge fields are reported by their tag (FNAME) or under merge_fields.
  const parameter = field && (/^merge_fields\b|^[A-Z0-9_]+$/.test(field) ? 'mergeFields' : (PARAMETER_OF[field] ?? field));
  return {
    ...(problem.title ? { code: problem.title } : {}),
    message: listed ? `${detail} (${listed})` : detail,
    ...(parameter ? { parameter } : {}),
  };
}

/** A member's path: Mailchimp names a member by the MD5 of the lower-cased address. */
function memberPath(params: Record<string, unknown>, suffix = ''): string {
  return `/lists/{listId}/members/${md5Hex(String(params['email']).toLowerCase())}${suffix}`;
}

const offsetPages = {
  type: 'offset',
  offset: { in: 'query', name: 'offset' },
  pageSize: { in: 'query', name: 'count', value: 200 },
} as const;

const listId = z.string().min(1).meta({ label: 'Audience ID', placeholder: 'a1b2c3d4e5', description: 'The list (audience) ID.' });
const campaignId = z.string().min(1).meta({ label: 'Campaign ID', placeholder: '42694e9e57' });
const email = z.string().trim().min(1).meta({ label: 'Email', placeholder: 'ada@example.com' });
const memberStatus = z.enum(['subscribed', 'pending', 'unsubscribed', 'cleaned', 'transactional']);
const memberFields = {
  mergeFields: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ label: 'Merge fields', editor: 'json', description: 'By tag: { "FNAME": "Ada", "LNAME": "Lovelace" }.' }),
  language: z.string().optional().meta({ label: 'Language', placeholder: 'en' }),
  vip: z.boolean().optional().meta({ label: 'VIP' }),
  skipMergeValidation: z.boolean().optional().meta({ label: 'Accept missing required merge fields' }),
};
const memberBody = { merge_fields: param('mergeFields'), language: param('language'), vip: param('vip') };
const memberQuery = { skip_merge_validation: param('skipMergeValidation') };

/** Mailchimp: campaigns, audiences, members and templates through the Marketing API. */
export const mailchimp = defineService({
  ...mailchimpInfo,
  baseUrl: BASE_URL,
  credentials: [mailchimpApiKey, mailchimpOAuth2],
  error: mailchimpError,
  resources: {
    campaign: {
      displayName: 'Campaign',
      operations: {
        create: {
          displayName: 'Create',
          description: 'Create a campaign for an audience (send it with Send).',
          params: z.object({
            campaignType: z.enum(['regular', 'plaintext', 'absplit', 'rss', 'variate']).default('regular').meta({ label: 'Type' }),
            listId,
            subjectLine: z.string().min(1).meta({ label: 'Subject line' }),
            previewText: z.string().optional().meta({ label: 'Preview text' }),
            title: z.string().optional().meta({ label: 'Title', description: 'The name shown in Mailchimp, not to recipients.' }),
            fromName: z.string().min(1).meta({ label: 'From name' }),
            replyTo: z.string().min(1).meta({ label: 'Reply-to address' }),
            templateId: z.number().int().optional().meta({ label: 'Template ID' }),
          }),
          request: {
            method: 'POST',
            path: '/campaigns',
            body: {
              type: param('campaignType'),
              recipients: { list_id: param('listId') },
              settings: {
                subject_line: param('subjectLine'),
                preview_text: param('previewText'),
                title: param('title'),
                from_name: param('fromName'),
                reply_to: param('replyTo'),
                template_id: param('templateId'),
              },
            },
          },
        },
        send: {
          displayName: 'Send',
          description: 'Send a campaign now.',
          params: z.object({ campaignId }),
          request: { method: 'POST', path: '/campaigns/{campaignId}/actions/send' },
        },
        get: {
          displayName: 'Get',
          params: z.object({ campaignId }),
          request: { method: 'GET', path: '/campaigns/{campaignId}' },
        },
        list: {
          displayName: 'List',
          params: z.object({
            filterStatus: z.enum(['save', 'paused', 'schedule', 'sending', 'sent']).optional().meta({ label: 'Status' }),
            filterType: z.enum(['regular', 'plaintext', 'absplit', 'rss', 'variate']).optional().meta({ label: 'Type' }),
            listId: listId.optional(),
            sortField: z.enum(['create_time', 'send_time']).optional().meta({ label: 'Sort by' }),
            sortDir: z.enum(['ASC', 'DESC']).optional().meta({ label: 'Sort direction' }),
          }),
          request: {
            method: 'GET',
            path: '/campaigns',
            query: {
              status: param('filterStatus'),
              type: param('filterType'),
              list_id: param('listId'),
              sort_field: param('sortField'),
              sort_dir: param('sortDir'),
            },
          },
          paginate: offsetPages,
          response: { items: 'campaigns' },
        },
      },
    },
    member: {
      displayName: 'Member',
      operations: {
        add: {
          displayName: 'Add or update',
          description: 'Add an address to an audience; an existing member keeps its status and gets the fields given.',
          params: z.object({
            listId,
            email,
            statusIfNew: memberStatus.default('subscribed').meta({ label: 'Status', description: 'Pending sends a confirmation email.' }),
            ...memberFields,
          }),
          request: (p): RequestSpec => ({
            method: 'PUT',
            path: memberPath(p),
            query: memberQuery,
            body: { email_address: param('email'), status_if_new: param('statusIfNew'), ...memberBody },
          }),
        },
        update: {
          displayName: 'Update',
          description: 'Change an existing member (a missing one is an error, not added).',
          params: z.object({
            listId,
            email,
            newEmail: z.string().trim().min(1).optional().meta({ label: 'New email' }),
            status: memberStatus.optional().meta({ label: 'Status' }),
            ...memberFields,
          }),
          request: (p): RequestSpec => ({
            method: 'PATCH',
            path: memberPath(p),
            query: memberQuery,
            body: { email_address: param('newEmail'), status: param('status'), ...memberBody },
          }),
        },
        get: {
          displayName: 'Get',
          params: z.object({ listId, email }),
          request: (p): RequestSpec => ({ method: 'GET', path: memberPath(p) }),
        },
        updateTags: {
          displayName: 'Update tags',
          description: 'Add tags to a member (active) or remove them (inactive).',
          params: z.object({
            listId,
            email,
            tags: z
              .array(z.object({ name: z.string().min(1), status: z.enum(['active', 'inactive']).default('active') }))
              .min(1)
              .meta({ label: 'Tags', editor: 'json', description: '[{ "name": "VIP", "status": "active" }]' }),
            isSyncing: z.boolean().optional().meta({ label: 'Without automations', description: 'Tag changes start no automation.' }),
          }),
          request: (p): RequestSpec => ({
            method: 'POST',
            path: memberPath(p, '/tags'),
            body: { tags: param('tags'), is_syncing: param('isSyncing') },
          }),
        },
        unsubscribe: {
          displayName: 'Unsubscribe',
          params: z.object({ listId, email }),
          request: (p): RequestSpec => ({ method: 'PATCH', path: memberPath(p), body: { status: 'unsubscribed' } }),
        },
      },
    },
    list: {
      displayName: 'Audience',
      operations: {
        list: {
          displayName: 'List',
          params: z.object({}),
          request: { method: 'GET', path: '/lists' },
          paginate: offsetPages,
          response: { items: 'lists' },
        },
      },
    },
    template: {
      displayName: 'Template',
      operations: {
        list: {
          displayName: 'List',
          params: z.object({ templateType: z.enum(['user', 'base', 'gallery']).optional().meta({ label: 'Type' }) }),
          request: { method: 'GET', path: '/templates', query: { type: param('templateType') } },
          paginate: offsetPages,
          response: { items: 'templates' },
        },
      },
    },
  },
});
