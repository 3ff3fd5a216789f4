// How GitHub operations are written: the fields they share, GitHub's errors, and JSON bodies in snake case.
import { z } from 'zod';
import { param, type ValueSpec } from '../../kit/request-spec.js';
import type { VendorError, VendorResponse } from '../../kit/service-types.js';

export const owner = z.string().trim().min(1).meta({ label: 'Owner', placeholder: 'octocat', description: 'The account or organization.' });
export const repo = z.string().trim().min(1).meta({ label: 'Repository', placeholder: 'hello-world' });
export const issueNumber = z.number().int().min(1).meta({ label: 'Issue number' });
export const pullNumber = z.number().int().min(1).meta({ label: 'Pull request number' });
export const title = z.string().min(1).meta({ label: 'Title' });
/** The body of an issue, a pull request, a comment or a release (`body` is the Custom API call's). */
export const text = z.string().meta({ label: 'Body', editor: 'multiline', description: 'Markdown.' });
export const labels = z.array(z.string().min(1)).meta({ label: 'Labels' });
export const assignees = z.array(z.string().min(1)).meta({ label: 'Assignees', description: 'Logins.' });
export const direction = z.enum(['asc', 'desc']).meta({ label: 'Direction' });
export const since = z
  .string()
  .meta({ label: 'Since', placeholder: '2026-01-31T00:00:00Z', description: 'Only those updated at or after this time.' });

/** A JSON body whose fields are the parameters named, each under its snake-case name; `text` is sent as `body`. */
export function snakeBody(names: readonly string[]): Record<string, ValueSpec> {
  return Object.fromEntries(names.map((name) => [name === 'text' ? 'body' : snakeCase(name), param(name)]));
}

export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Fields GitHub may name in its errors that are the node's parameters under another name. */
const PARAMETER_OF: Record<string, string> = { tag_name: 'tagName', target_commitish: 'targetCommitish', head: 'head', base: 'base' };

/**
 * GitHub answers errors as `{ message, documentation_url, errors: [{ resource, field, code, message }] }`;
 * the first of `errors` names the field at fault and why (`missing_field`, `invalid`, `already_exists`).
 */
export function githubError({ status, body }: VendorResponse): VendorError | undefined {
  if (status < 400) return undefined;
  const answer = (typeof body === 'object' && body !== null ? body : {}) as {
    message?: string;
    errors?: { field?: string; code?: string; message?: string }[];
  };
  const first = answer.errors?.[0];
  const detail = first?.message ?? (first?.field && first.code ? `${first.field} ${first.code.replaceAll('_', ' ')}` : undefined);
  const message = answer.message ?? (typeof body === 'string' && body !== '' ? body.slice(0, 300) : `HTTP ${status}`);
  return {
    ...(first?.code ? { code: first.code } : {}),
    message: detail ? `${message}: ${detail}` : message,
    ...(first?.field ? { parameter: PARAMETER_OF[first.field] ?? camelCase(first.field) } : {}),
  };
}
