// SendGrid's errors: `{ errors: [{ message, field, help, error_id }] }` with a 4xx or 5xx status, read into the parameter at fault.
import type { VendorError, VendorResponse } from '../../kit/service-types.js';

type SendGridErrors = { errors?: { message?: string; field?: string | null; error_id?: string }[] };

/** SendGrid fields whose node parameter is not simply their camelCase name. */
const RENAMED: Readonly<Record<string, string>> = { personalizations: 'to', query: 'sgql' };

/**
 * The node parameter behind a SendGrid field (`personalizations.0.to.0.email`
 * is `to`, `reply_to.email` is `replyTo`, `contacts.0.first_name` is
 * `firstName`), or undefined when no parameter matches.
 */
function parameterOf(field: string, parameters: ReadonlySet<string>): string | undefined {
  const head = field.replace(/^(personalizations|contacts)(\.\d+|\[\d+\])\.?(?=\w)/, '').split(/[.[]/)[0]!;
  const name = RENAMED[head] ?? head.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return parameters.has(name) ? name : undefined;
}

/** Reads SendGrid's error answers; `parameters` are the node's parameter names a field may stand for. */
export function sendGridError(parameters: ReadonlySet<string>): (response: VendorResponse) => VendorError | undefined {
  return (response) => {
    if (response.status < 400) return undefined;
    const errors =
      (typeof response.body === 'object' && response.body !== null ? (response.body as SendGridErrors).errors : undefined) ?? [];
    if (errors.length === 0) {
      return {
        message: typeof response.body === 'string' && response.body !== '' ? response.body.slice(0, 300) : `HTTP ${response.status}`,
      };
    }
    // Some answers spell a missing field as the text "null".
    const field = errors.map((e) => e.field).find((f): f is string => typeof f === 'string' && f !== '' && f !== 'null');
    const parameter = field ? parameterOf(field, parameters) : undefined;
    const message = errors.map((e) => e.message ?? 'error').join('; ');
    const code = errors.find((e) => e.error_id)?.error_id;
    return {
      message: field && !parameter ? `${message} (field '${field}')` : message,
      ...(code ? { code } : {}),
      ...(parameter ? { parameter } : {}),
    };
  };
}
