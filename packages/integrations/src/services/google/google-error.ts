// How Google's APIs answer errors: `{ "error": { "code", "message", "status", "errors": [{ "reason", "location", ... }] } }`
// (https://cloud.google.com/apis/design/errors; Drive and Gmail add the older `errors` list).
import type { VendorError, VendorResponse } from '../../kit/service-types.js';

interface GoogleErrorBody {
  error?:
    | string
    | {
        code?: number;
        message?: string;
        status?: string;
        errors?: { reason?: string; message?: string; location?: string; locationType?: string }[];
      };
  error_description?: string;
}

/**
 * Reads a Google error from an answer: the most precise code Google gives
 * (`notFound`, `INVALID_ARGUMENT`), its message, and the parameter when
 * Google names one, through `parameters` (Google's name to the node's).
 */
export function googleError(response: VendorResponse, parameters: Readonly<Record<string, string>> = {}): VendorError | undefined {
  if (response.status < 400) return undefined;
  const body = (typeof response.body === 'object' && response.body !== null ? response.body : {}) as GoogleErrorBody;
  const error = body.error;
  if (typeof error === 'string') return { code: error, message: body.error_description ?? error };
  if (!error)
    return { message: typeof response.body === 'string' && response.body !== '' ? response.body.slice(0, 300) : `HTTP ${response.status}` };
  const first = error.errors?.[0];
  const location = first?.locationType === 'parameter' ? first.location : undefined;
  const parameter = location ? (parameters[location] ?? location) : undefined;
  const code = first?.reason ?? error.status;
  return {
    ...(code ? { code } : {}),
    message: error.message ?? first?.message ?? `HTTP ${response.status}`,
    ...(parameter ? { parameter } : {}),
  };
}
