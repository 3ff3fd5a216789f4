// Dropbox's errors: `{ "error_summary": "path/not_found/..", "error": { ".tag": "path", ... } }` (409 for an
// endpoint's own errors, 401 for tokens), plain text for a malformed call (400). The summary's tags say what went
// wrong and, at its head, which argument it is about.
import type { VendorError, VendorResponse } from '../../kit/service-types.js';

/** The parameter each error's head tag is about. */
const PARAMETERS: Readonly<Record<string, string>> = {
  path: 'path',
  path_lookup: 'path',
  path_write: 'path',
  from_lookup: 'fromPath',
  from_write: 'fromPath',
  to: 'toPath',
};

/** What the commonest tags mean, for a message a person can act on. */
const MEANINGS: Readonly<Record<string, string>> = {
  not_found: 'nothing exists at this path',
  conflict: 'something already exists at this path',
  malformed_path: 'the path is not a valid Dropbox path',
  disallowed_name: 'Dropbox does not allow this name',
  no_write_permission: 'the app may not write there',
  insufficient_space: 'the account is out of space',
  too_many_write_operations: 'too many writes at once in this account; try again',
  shared_link_already_exists: 'a shared link with other settings already exists',
  expired_access_token: 'the access token has expired',
  invalid_access_token: 'the access token is not valid',
  missing_scope: 'the app lacks a scope this needs',
};

interface DropboxErrorBody {
  error_summary?: string;
  error?: { required_scope?: string };
  user_message?: { text?: string };
}

/** Dropbox's error in an answer, or undefined for a success. */
export function dropboxError({ status, body }: VendorResponse): VendorError | undefined {
  if (status < 400) return undefined;
  const parsed = (typeof body === 'object' && body !== null ? body : {}) as DropboxErrorBody;
  if (typeof parsed.error_summary !== 'string') {
    return { message: typeof body === 'string' && body.trim() !== '' ? body.trim().slice(0, 300) : `HTTP ${status}` };
  }
  // `path/not_found/..`: the dots only pad the summary.
  const code = parsed.error_summary.replace(/\/[./]*$/, '');
  const tags = code.split('/');
  const meaning = tags.map((tag) => MEANINGS[tag]).find((m) => m !== undefined);
  const scope = parsed.error?.required_scope ? ` (${parsed.error.required_scope})` : '';
  const message = parsed.user_message?.text ?? (meaning ? `${meaning}${scope}` : code);
  const parameter = PARAMETERS[tags[0]!];
  return { code, message, ...(parameter ? { parameter } : {}) };
}
