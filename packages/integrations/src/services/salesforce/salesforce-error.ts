import type { VendorError, VendorResponse } from '../../kit/service-types.js';

/** One entry of Salesforce's error answer, a list of `{ message, errorCode, fields }`. */
interface SalesforceProblem {
  message?: string;
  errorCode?: string;
  fields?: string[];
}

/** Error codes that are about the SOQL text. */
const QUERY_CODES = new Set(['MALFORMED_QUERY', 'INVALID_TYPE', 'INVALID_QUERY_FILTER_OPERATOR', 'INVALID_QUERY_LOCATOR']);

/**
 * Salesforce answers errors as a list of problems. The parameter named is the
 * one the problem is about: record fields (`record`), the SOQL text (`soql`), the
 * record ID, or the external ID field of an upsert.
 */
export function salesforceError(response: VendorResponse): VendorError | undefined {
  if (response.status < 400) return undefined;
  const body = response.body;
  const problems: SalesforceProblem[] = Array.isArray(body)
    ? (body as SalesforceProblem[])
    : typeof body === 'object' && body !== null
      ? [body as SalesforceProblem]
      : [];
  const first = problems[0];
  if (!first) return { message: typeof body === 'string' && body !== '' ? body.slice(0, 300) : `HTTP ${response.status}` };
  const message = problems
    .map((p) => `${p.message ?? 'failed'}${p.fields && p.fields.length > 0 ? ` (fields: ${p.fields.join(', ')})` : ''}`)
    .join('; ');
  const code = first.errorCode;
  const parameter =
    first.fields && first.fields.length > 0
      ? 'record'
      : code && QUERY_CODES.has(code)
        ? 'soql'
        : code === 'MALFORMED_ID'
          ? 'recordId'
          : code === 'NOT_FOUND' && /external id field/i.test(first.message ?? '')
            ? 'externalIdField'
            : undefined;
  return { ...(code ? { code } : {}), message, ...(parameter ? { parameter } : {}) };
}
