// Twilio's errors: `{ code, message, more_info, status }` with a 4xx or 5xx status, read into the parameter at fault where the code says.
import type { VendorError, VendorResponse } from '../../kit/service-types.js';

/** Twilio error codes (https://www.twilio.com/docs/api/errors) that name one parameter of an operation. */
const PARAMETER_OF: Readonly<Record<number, string>> = {
  21201: 'to',
  21205: 'url',
  21210: 'from',
  21211: 'to',
  21212: 'from',
  21213: 'from',
  21214: 'to',
  21217: 'to',
  21401: 'to',
  21408: 'to',
  21602: 'text',
  21603: 'from',
  21604: 'to',
  21606: 'from',
  21608: 'to',
  21610: 'to',
  21612: 'to',
  21614: 'to',
  21617: 'text',
  21619: 'text',
  21620: 'mediaUrl',
  21623: 'mediaUrl',
  21655: 'contentSid',
  21656: 'contentVariables',
  63007: 'from',
  63016: 'contentSid',
  60202: 'code',
  60203: 'to',
  60205: 'to',
};

/** Verify's "Invalid parameter: To" names the form field; the node's parameter is its camelCase name. */
const INVALID_PARAMETER = /^Invalid parameter:?\s*`?([A-Z]\w*)/;

export function twilioError(response: VendorResponse): VendorError | undefined {
  if (response.status < 400) return undefined;
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as {
    code?: number;
    message?: string;
  };
  const message = body.message ?? (typeof response.body === 'string' && response.body !== '' ? response.body : `HTTP ${response.status}`);
  const field = INVALID_PARAMETER.exec(message)?.[1];
  const parameter =
    (body.code !== undefined ? PARAMETER_OF[body.code] : undefined) ?? (field ? field[0]!.toLowerCase() + field.slice(1) : undefined);
  return {
    message,
    ...(body.code !== undefined ? { code: String(body.code) } : {}),
    ...(parameter ? { parameter } : {}),
  };
}
