import { z } from 'zod';
import { definePollingTrigger } from '../../kit/define-poll.js';
import { param, type RequestSpec } from '../../kit/request-spec.js';
import { mailchimp } from './mailchimp.js';
import { mailchimpInfo } from './mailchimp-info.js';

/** Pages of members, as the list operations read them. */
const PAGE_SIZE = 200;

/** Mailchimp: a run for each member who joins an audience (opts in), found by asking Mailchimp at an interval. */
export const mailchimpNewMember = definePollingTrigger({
  id: 'mailchimpNewMember',
  displayName: 'Mailchimp New Member',
  description: 'Starts the workflow with each member who opts in to an audience, asking Mailchimp at the chosen interval.',
  icon: mailchimpInfo.icon,
  docsUrl: 'https://mailchimp.com/developer/marketing/api/list-members/list-members-info/',
  service: mailchimp.definition,
  params: z.object({
    listId: z.string().min(1).meta({ label: 'Audience ID', placeholder: 'a1b2c3d4e5', description: 'The list (audience) ID.' }),
    status: z
      .enum(['subscribed', 'pending', 'unsubscribed', 'cleaned', 'transactional', 'archived'])
      .optional()
      .meta({ label: 'Status', description: 'Only members with this status (default: any).' }),
  }),
  request: (_params, since): RequestSpec =>
    since === undefined
      ? {
          method: 'GET',
          path: '/lists/{listId}/members',
          query: { status: param('status'), sort_field: 'timestamp_opt', sort_dir: 'DESC', count: 10 },
        }
      : {
          method: 'GET',
          path: '/lists/{listId}/members',
          query: { status: param('status'), since_timestamp_opt: String(since), sort_field: 'timestamp_opt', sort_dir: 'ASC' },
        },
  paginate: { type: 'offset', offset: { in: 'query', name: 'offset' }, pageSize: { in: 'query', name: 'count', value: PAGE_SIZE } },
  items: 'members',
  cursorField: 'timestamp_opt',
  idField: 'id',
});
