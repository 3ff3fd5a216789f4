import { FlowloomError } from '../errors/flowloom.error.js';
import { describeValue } from '../errors/describe-value.js';
import type { CredentialInput } from '../credentials/credentials-manager.js';
import { isCredentialType, isLazyCredentialType, type CredentialType, type LazyCredentialType } from '../credentials/credential-type.js';
import type { OAuth2Tokens } from '../credentials/oauth2/oauth2-config.js';

/** A credential of the file: what `engine.credentials.create` takes, and the tokens of an OAuth2 account connected elsewhere. */
export type CliCredential = CredentialInput & { oauth2?: OAuth2Tokens };

/**
 * Reads a `--credentials` file: a list of `{ id, type, name?, data, oauth2? }`
 * (`oauth2`: `{ accessToken, refreshToken?, expiresAt? }` of an account
 * connected elsewhere). A value of `data` or `oauth2` written
 * `{ "$env": "NAME" }` is taken from the environment variable NAME, so the file can be committed without its secrets. Every problem is
 * reported at once, with its path in the file.
 */
export function credentialsFromFile(
  doc: unknown,
  file: string,
  env: Readonly<Record<string, string | undefined>>,
): { credentials: CliCredential[]; problems: string[] } {
  const problems: string[] = [];
  const credentials: CliCredential[] = [];
  if (!Array.isArray(doc)) {
    return { credentials, problems: [`credentials file '${file}' must hold a list of credentials, got ${describeValue(doc)}`] };
  }
  doc.forEach((entry: unknown, index) => {
    const at = `[${index}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      problems.push(`${at}: expected { "id", "type", "data" }, got ${describeValue(entry)}`);
      return;
    }
    const { id, type, name, data, oauth2, ...rest } = entry as Record<string, unknown>;
    for (const key of Object.keys(rest)) problems.push(`${at}.${key}: unknown field (a credential has id, type, name, data and oauth2)`);
    if (typeof id !== 'string' || id === '') problems.push(`${at}.id: expected the id the workflow's nodes name, got ${describeValue(id)}`);
    if (typeof type !== 'string' || type === '') problems.push(`${at}.type: expected a credential type name, got ${describeValue(type)}`);
    if (name !== undefined && typeof name !== 'string') problems.push(`${at}.name: expected text, got ${describeValue(name)}`);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      problems.push(`${at}.data: expected an object of the credential's fields, got ${describeValue(data)}`);
      return;
    }
    const resolve = (fields: Record<string, unknown>, path: string) => {
      const resolved: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(fields)) {
        const variable = envReference(value);
        if (variable === undefined) resolved[key] = value;
        else if (env[variable] === undefined) problems.push(`${path}.${key}: the environment variable ${variable} is not set`);
        else resolved[key] = key === 'expiresAt' ? Number(env[variable]) : env[variable];
      }
      return resolved;
    };
    let tokens: OAuth2Tokens | undefined;
    if (oauth2 !== undefined) {
      if (typeof oauth2 !== 'object' || oauth2 === null || Array.isArray(oauth2)) {
        problems.push(`${at}.oauth2: expected { "accessToken", "refreshToken", "expiresAt" }, got ${describeValue(oauth2)}`);
      } else tokens = resolve(oauth2 as Record<string, unknown>, `${at}.oauth2`) as unknown as OAuth2Tokens;
    }
    const resolved = resolve(data as Record<string, unknown>, `${at}.data`);
    if (typeof id === 'string' && typeof type === 'string') {
      credentials.push({ id, type, name: typeof name === 'string' ? name : id, data: resolved, ...(tokens ? { oauth2: tokens } : {}) });
    }
  });
  return { credentials, problems };
}

function envReference(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  const name = (value as { $env?: unknown }).$env;
  return keys.length === 1 && typeof name === 'string' ? name : undefined;
}

/** The error a bad credentials file ends the command with (exit code 2). */
export function credentialsFileError(file: string, problems: readonly string[]): FlowloomError {
  return new FlowloomError(
    'CREDENTIALS_INVALID',
    `credentials file '${file}' is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
  );
}

/** The credential types among a module's exports (made by `defineCredentialType`, or stand-ins), and in arrays of them. */
export function credentialTypesIn(mod: Record<string, unknown>): (CredentialType | LazyCredentialType)[] {
  const found = new Set<CredentialType | LazyCredentialType>();
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isCredentialType(value) || isLazyCredentialType(value)) found.add(value);
  };
  Object.values(mod).forEach(visit);
  return [...found];
}
