import { z } from 'zod';
import { defineService } from '../../kit/define-service.js';
import { param } from '../../kit/request-spec.js';
import { twilioApiKey, twilioAuthToken } from './twilio-credentials.js';
import { twilioError } from './twilio-error.js';
import { verifyRequest } from './twilio-verify.js';
import { OWN_ACCOUNT, twilioInfo } from './twilio-info.js';

export { twilioApiKey, twilioAuthToken } from './twilio-credentials.js';

const ACCOUNT = `/Accounts/${OWN_ACCOUNT}`;

const to = z.string().min(1).meta({ label: 'To', placeholder: '+15551234567', description: 'A phone number in E.164 format.' });
const from = z.string().min(1).meta({
  label: 'From',
  placeholder: '+15557654321',
  description: 'A Twilio phone number (E.164), short code or alphanumeric sender ID.',
});
const messagingServiceSid = z
  .string()
  .min(1)
  .meta({ label: 'Messaging service SID', placeholder: 'MG...', description: 'Send from a messaging service\u2019s sender pool instead.' });
const text = z.string().meta({ label: 'Text', editor: 'multiline', description: 'Up to 1,600 characters.' });
const mediaUrl = z
  .array(z.string().min(1))
  .max(10)
  .meta({ label: 'Media URLs', description: 'Public URLs of images or files to attach, up to 10.' });
const statusCallback = z.string().min(1).meta({ label: 'Status callback URL', description: 'Twilio posts status changes here.' });
const serviceSid = z
  .string()
  .regex(/^VA[0-9a-fA-F]{32}$/, 'must be a Verify service SID: VA and 32 hexadecimal digits')
  .meta({ label: 'Verify service SID', placeholder: 'VA...' });

/** A message goes from a number or a messaging service, and says something. */
function message<S extends z.ZodRawShape>(shape: S, content: string) {
  return z
    .object({ to, from: from.optional(), messagingServiceSid: messagingServiceSid.optional(), ...shape })
    .refine((p: Record<string, unknown>) => p['from'] !== undefined || p['messagingServiceSid'] !== undefined, {
      path: ['from'],
      message: "or 'messagingServiceSid' is required",
    })
    .refine((p: Record<string, unknown>) => p['text'] || (p['mediaUrl'] as unknown[] | undefined)?.length || p['contentSid'], {
      path: ['text'],
      message: `or ${content} is required`,
    });
}

const whatsapp = (value: unknown) => (String(value).startsWith('whatsapp:') ? value : `whatsapp:${String(value)}`);

/** Twilio: SMS, MMS and WhatsApp messages, voice calls, and Verify one-time codes through the REST API. */
export const twilio = defineService({
  ...twilioInfo,
  baseUrl: 'https://api.twilio.com/2010-04-01',
  credentials: [twilioAuthToken, twilioApiKey],
  error: twilioError,
  resources: {
    sms: {
      displayName: 'SMS/MMS',
      operations: {
        send: {
          displayName: 'Send',
          description: 'Send a text message, with media for MMS.',
          params: message(
            { text: text.optional(), mediaUrl: mediaUrl.optional(), statusCallback: statusCallback.optional() },
            "'mediaUrl'",
          ),
          request: {
            method: 'POST',
            path: `${ACCOUNT}/Messages.json`,
            bodyType: 'form',
            body: {
              To: param('to'),
              From: param('from'),
              MessagingServiceSid: param('messagingServiceSid'),
              Body: param('text'),
              MediaUrl: param('mediaUrl'),
              StatusCallback: param('statusCallback'),
            },
          },
        },
      },
    },
    whatsapp: {
      displayName: 'WhatsApp',
      operations: {
        send: {
          displayName: 'Send',
          description: 'Send a WhatsApp message: free text inside the 24-hour window, a content template outside it.',
          params: message(
            {
              text: text.optional(),
              mediaUrl: mediaUrl.optional(),
              contentSid: z
                .string()
                .min(1)
                .optional()
                .meta({ label: 'Content template SID', placeholder: 'HX...', description: 'An approved template.' }),
              contentVariables: z
                .record(z.string(), z.string())
                .optional()
                .meta({ label: 'Template variables', editor: 'json', placeholder: '{"1": "Ada"}' }),
              statusCallback: statusCallback.optional(),
            },
            "'contentSid'",
          ),
          request: {
            method: 'POST',
            path: `${ACCOUNT}/Messages.json`,
            bodyType: 'form',
            body: {
              To: param('to', whatsapp),
              From: param('from', whatsapp),
              MessagingServiceSid: param('messagingServiceSid'),
              Body: param('text'),
              MediaUrl: param('mediaUrl'),
              ContentSid: param('contentSid'),
              ContentVariables: param('contentVariables'),
              StatusCallback: param('statusCallback'),
            },
          },
        },
      },
    },
    call: {
      displayName: 'Call',
      operations: {
        make: {
          displayName: 'Make',
          description: 'Place a call that runs TwiML, given inline or fetched from a URL.',
          params: z
            .object({
              to: to.meta({ ...to.meta(), description: 'A phone number (E.164), SIP address or client:name.' }),
              from,
              twiml: z
                .string()
                .min(1)
                .optional()
                .meta({ label: 'TwiML', editor: 'multiline', placeholder: '<Response><Say>Hello</Say></Response>' }),
              url: z.string().min(1).optional().meta({ label: 'TwiML URL', description: 'Twilio fetches the call\u2019s TwiML here.' }),
              statusCallback: statusCallback.optional(),
              statusCallbackEvent: z
                .array(z.enum(['initiated', 'ringing', 'answered', 'completed']))
                .optional()
                .meta({ label: 'Status callback events', description: 'Default: completed.' }),
              record: z.boolean().optional().meta({ label: 'Record the call' }),
              timeout: z.number().int().min(5).max(600).optional().meta({ label: 'Ring for (seconds)', description: 'Default 60.' }),
            })
            .refine((p) => p.twiml !== undefined || p.url !== undefined, { path: ['twiml'], message: "or 'url' is required" }),
          request: {
            method: 'POST',
            path: `${ACCOUNT}/Calls.json`,
            bodyType: 'form',
            body: {
              To: param('to'),
              From: param('from'),
              Twiml: param('twiml'),
              Url: param('url'),
              StatusCallback: param('statusCallback'),
              StatusCallbackEvent: param('statusCallbackEvent'),
              Record: param('record'),
              Timeout: param('timeout'),
            },
          },
        },
      },
    },
    message: {
      displayName: 'Message',
      operations: {
        list: {
          displayName: 'List',
          description: 'Messages of the account, newest first.',
          params: z.object({
            to: to.optional(),
            from: from.optional(),
            dateSentAfter: z.string().optional().meta({ label: 'Sent on or after', placeholder: '2025-01-31T00:00:00Z' }),
            dateSentBefore: z.string().optional().meta({ label: 'Sent before', placeholder: '2025-02-01T00:00:00Z' }),
          }),
          request: {
            method: 'GET',
            path: `${ACCOUNT}/Messages.json`,
            query: { To: param('to'), From: param('from'), 'DateSent>': param('dateSentAfter'), 'DateSent<': param('dateSentBefore') },
          },
          paginate: {
            type: 'nextUrl',
            next: 'next_page_uri',
            origin: 'https://api.twilio.com',
            pageSize: { in: 'query', name: 'PageSize', value: 100 },
          },
          response: { items: 'messages' },
        },
        get: {
          displayName: 'Get',
          description: 'A message and its delivery status.',
          params: z.object({ messageSid: z.string().min(1).meta({ label: 'Message SID', placeholder: 'SM...' }) }),
          request: { method: 'GET', path: `${ACCOUNT}/Messages/{messageSid}.json` },
        },
      },
    },
    verify: {
      displayName: 'Verification',
      operations: {
        start: {
          displayName: 'Start',
          description: 'Send a one-time code with a Verify service.',
          params: z.object({
            serviceSid,
            to: to.meta({ ...to.meta(), description: 'A phone number (E.164), or an email address for the email channel.' }),
            channel: z.enum(['sms', 'call', 'whatsapp', 'email']).default('sms').meta({ label: 'Channel' }),
            locale: z.string().optional().meta({ label: 'Locale', placeholder: 'en', description: 'Default: from the number.' }),
          }),
          execute: verifyRequest('Verifications', { To: param('to'), Channel: param('channel'), Locale: param('locale') }),
        },
        check: {
          displayName: 'Check',
          description: 'Check a code the user entered; `valid` and `status: approved` say it is right.',
          params: z
            .object({
              serviceSid,
              code: z.string().min(1).meta({ label: 'Code' }),
              to: to.optional(),
              verificationSid: z.string().min(1).optional().meta({ label: 'Verification SID', placeholder: 'VE...' }),
            })
            .refine((p) => p.to !== undefined || p.verificationSid !== undefined, {
              path: ['to'],
              message: "or 'verificationSid' is required",
            }),
          execute: verifyRequest('VerificationCheck', { Code: param('code'), To: param('to'), VerificationSid: param('verificationSid') }),
        },
      },
    },
  },
});
