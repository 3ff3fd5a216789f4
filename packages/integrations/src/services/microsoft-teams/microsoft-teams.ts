import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param } from '../../kit/request-spec.js';
import type { VendorError, VendorResponse } from '../../kit/service-types.js';
import { teamsInfo } from './microsoft-teams-info.js';
import { teamsOAuth2 } from './microsoft-teams-credentials.js';

export { teamsOAuth2 };

/** Graph's names for the fields an error may point at, where the node's parameter has another name. */
const PARAMETER_OF: Record<string, string> = { startDateTime: 'start', endDateTime: 'end', body: 'content' };

type GraphErrorBody = { error?: { code?: string; message?: string; target?: string; details?: { target?: string }[] } };

/** Graph's errors: `{ error: { code, message, innerError, details? } }` with a 4xx or 5xx status; OData's `target` names the field at fault. */
function graphError(response: VendorResponse): VendorError | undefined {
  if (response.status < 400) return undefined;
  const error = (response.body as GraphErrorBody | undefined)?.error;
  const field = error?.target ?? error?.details?.find((detail) => detail.target)?.target;
  const target = field ? (PARAMETER_OF[field] ?? field) : undefined;
  return {
    ...(error?.code ? { code: error.code } : {}),
    message: error?.message || `HTTP ${response.status}`,
    ...(target ? { parameter: target } : {}),
  };
}

/** A time in Graph's `dateTimeTimeZone`: one with an offset is sent in UTC; one without is read in `timeZone`. */
function graphDateTime(value: string, timeZone: string): { dateTime: string; timeZone: string } {
  if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(value)) return { dateTime: new Date(value).toISOString().slice(0, -1), timeZone: 'UTC' };
  return { dateTime: value, timeZone };
}

const teamId = z.string().min(1).meta({ label: 'Team ID', description: 'The team\u2019s ID (a GUID), as Team \u2192 List gives it.' });
const channelId = z.string().min(1).meta({ label: 'Channel ID', placeholder: '19:...@thread.tacv2' });
const dateTime = (label: string) =>
  z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO 8601 date and time')
    .meta({ label, placeholder: '2025-05-01T10:00:00+02:00' });
const MESSAGES = '/teams/{teamId}/channels/{channelId}/messages';
/** Graph names the next page's absolute URL in `@odata.nextLink`. */
const graphPages = { type: 'nextUrl', next: '@odata.nextLink' } as const;

/** Microsoft Teams through Microsoft Graph: channel messages, channels, teams and meetings. */
export const microsoftTeams = defineService({
  ...teamsInfo,
  baseUrl: 'https://graph.microsoft.com/v1.0',
  credentials: [teamsOAuth2],
  error: graphError,
  resources: {
    channelMessage: {
      displayName: 'Channel message',
      operations: {
        send: {
          displayName: 'Send',
          description: 'Post a message to a channel, or reply to one of its messages.',
          params: z.object({
            teamId,
            channelId,
            content: z.string().min(1).meta({ label: 'Message', editor: 'multiline' }),
            contentType: z.enum(['text', 'html']).default('text').meta({ label: 'Format' }),
            subject: z.string().optional().meta({ label: 'Subject' }),
            replyTo: z.string().optional().meta({ label: 'Reply to message ID', description: 'Post as a reply to this message.' }),
          }),
          request: (p) => ({
            method: 'POST',
            path: p['replyTo'] ? `${MESSAGES}/{replyTo}/replies` : MESSAGES,
            body: { subject: param('subject'), body: { contentType: param('contentType'), content: param('content') } },
          }),
        },
        list: {
          displayName: 'List',
          description: 'The channel\u2019s messages, without their replies. Needs the ChannelMessage.Read.All permission.',
          params: z.object({ teamId, channelId }),
          // 50 is the most messages Graph puts on one page; the next page's link keeps it.
          request: { method: 'GET', path: MESSAGES, query: { $top: 50 } },
          paginate: graphPages,
          response: { items: 'value' },
        },
      },
    },
    channel: {
      displayName: 'Channel',
      operations: {
        create: {
          displayName: 'Create',
          params: z.object({
            teamId,
            displayName: z.string().min(1).max(50).meta({ label: 'Name' }),
            description: z.string().optional().meta({ label: 'Description' }),
            membershipType: z.enum(['standard', 'private', 'shared']).default('standard').meta({ label: 'Membership' }),
          }),
          request: {
            method: 'POST',
            path: '/teams/{teamId}/channels',
            body: { displayName: param('displayName'), description: param('description'), membershipType: param('membershipType') },
          },
        },
        list: {
          displayName: 'List',
          params: z.object({ teamId }),
          request: { method: 'GET', path: '/teams/{teamId}/channels' },
          paginate: graphPages,
          response: { items: 'value' },
        },
      },
    },
    team: {
      displayName: 'Team',
      operations: {
        list: {
          displayName: 'List joined',
          description: 'The teams the signed-in user is a member of.',
          params: z.object({}),
          request: { method: 'GET', path: '/me/joinedTeams' },
          paginate: graphPages,
          response: { items: 'value' },
        },
      },
    },
    meeting: {
      displayName: 'Meeting',
      operations: {
        // An event rather than a bare online meeting: only an event lands in calendars and invites its attendees.
        schedule: {
          displayName: 'Schedule',
          description: 'A calendar event with a Teams link, sent to its attendees as an invitation.',
          params: z.object({
            subject: z.string().min(1).meta({ label: 'Subject' }),
            start: dateTime('Start'),
            end: dateTime('End'),
            timeZone: z
              .string()
              .default('UTC')
              .meta({ label: 'Time zone', description: 'For times without an offset: an IANA or Windows name.' }),
            attendees: z.array(z.email()).optional().meta({ label: 'Attendees', description: 'Email addresses to invite.' }),
            agenda: z.string().optional().meta({ label: 'Agenda', editor: 'multiline' }),
          }),
          request: (p) => ({
            method: 'POST',
            path: '/me/events',
            body: {
              subject: param('subject'),
              body: param('agenda', (content) => ({ contentType: 'text', content })),
              start: graphDateTime(String(p['start']), String(p['timeZone'])),
              end: graphDateTime(String(p['end']), String(p['timeZone'])),
              attendees: param('attendees', (emails) =>
                (emails as string[]).map((address) => ({ emailAddress: { address }, type: 'required' })),
              ),
              isOnlineMeeting: true,
              onlineMeetingProvider: 'teamsForBusiness',
            },
          }),
        },
        createLink: {
          displayName: 'Create join link',
          description: 'A standalone Teams meeting: a join link, with no calendar event and no invitations.',
          params: z.object({ subject: z.string().optional().meta({ label: 'Subject' }), start: dateTime('Start'), end: dateTime('End') }),
          request: {
            method: 'POST',
            path: '/me/onlineMeetings',
            body: { subject: param('subject'), startDateTime: param('start'), endDateTime: param('end') },
          },
        },
      },
    },
  },
});
