import { fromZodIssues } from '../model/zod-issues.js';
import type { CredentialType } from './credential-type.js';
import { CredentialValidationError, type CredentialFieldIssue } from './credential.error.js';
import { REDACTED } from './redactor.js';

/**
 * Validates a credential's data against its type. Secret values are never
 * quoted in the issues. Throws a CredentialValidationError listing every field problem.
 */
export function validateCredentialData(type: CredentialType, data: unknown, subject: string): Record<string, unknown> {
  const parsed = type.properties.safeParse(data, { reportInput: true });
  if (parsed.success) return parsed.data as Record<string, unknown>;
  const secret = new Set(type.secretFields);
  const issues = parsed.error.issues.map((issue) => {
    const top = issue.path[0];
    const hidden = typeof top === 'string' && secret.has(top) && (issue as { input?: unknown }).input !== undefined;
    return hidden ? ({ ...issue, input: REDACTED } as typeof issue) : issue;
  });
  throw new CredentialValidationError(
    subject,
    fromZodIssues(issues).map((i): CredentialFieldIssue => ({ path: i.path, message: i.message })),
  );
}

/** The data with every secret field replaced by the `__redacted__` marker. */
export function maskCredentialData(type: CredentialType, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...data };
  for (const field of type.secretFields) if (out[field] !== undefined && out[field] !== '') out[field] = REDACTED;
  return out;
}

/**
 * Applies an update to stored data: fields sent back as the `__redacted__`
 * marker keep their stored value, so an editor can save a masked form unchanged.
 */
export function mergeCredentialData(
  stored: Readonly<Record<string, unknown>>,
  patch: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...stored };
  for (const [key, value] of Object.entries(patch)) {
    if (value === REDACTED) continue;
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}
