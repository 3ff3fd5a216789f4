import { defineTrigger, type CallJson } from '../../kit/define-trigger.js';
import { twilioAuthToken } from './twilio-credentials.js';
import { twilioInfo } from './twilio-info.js';

type TwilioCall = CallJson & { body?: Record<string, string> };

/**
 * Starts a workflow when a message (SMS, MMS, WhatsApp) or a call reaches a
 * Twilio number whose webhook is this trigger's URL. Twilio signs each call
 * with the account's auth token; the URL the engine receives must be the one
 * set in Twilio's console, since it is part of what is signed.
 */
export const twilioTrigger = defineTrigger({
  id: 'twilio',
  displayName: 'Twilio',
  icon: twilioInfo.icon,
  docsUrl: 'https://www.twilio.com/docs/usage/webhooks/webhooks-security',
  credentials: [twilioAuthToken],
  events: {
    message: { displayName: 'Message received', description: 'An SMS, MMS or WhatsApp message to the number.' },
    call: { displayName: 'Call received' },
  },
  eventOf: (call: TwilioCall) => (call.body?.['MessageSid'] ? 'message' : call.body?.['CallSid'] ? 'call' : undefined),
  items: (call: TwilioCall) => [{ ...call.body }],
  // Twilio reads the answer as TwiML: an empty response sends no reply and keeps the call's default.
  accepted: { status: 200, headers: { 'content-type': 'text/xml' }, body: '<?xml version="1.0" encoding="UTF-8"?><Response></Response>' },
});
