// Testing a credential: the type's test request signed with its data, for a saved credential or for a form's data
// before it is saved. Kept apart from the manager, which it reaches through its public methods only.
import { checkOptions } from '../options/check-options.js';
import { sendWithCredential } from './authenticated-fetch.js';
import type { CredentialUse } from './credential-audit.js';
import { validateCredentialData } from './credential-data.js';
import { authenticationOf, type CredentialType } from './credential-type.js';
import { CredentialError } from './credential.error.js';
import type { FetchFunction } from './fetch-function.js';
import { REDACTED } from './redactor.js';
import type { ResolvedCredential } from './resolved-credential.js';

/** The outcome of `engine.credentials.test` and `testDraft`. */
export interface CredentialTestResult {
  ok: boolean;
  /** HTTP status of the test request, when one was answered. */
  status?: number;
  message: string;
  /** A draft OAuth2 credential: it is tested once saved and connected. */
  connectFirst?: boolean;
  /** The OAuth2 grant is gone (expired or revoked): the account must be connected again. */
  reconnect?: boolean;
}

/** What testing a draft needs of the credentials manager. */
export interface DraftTestDeps {
  readonly types: { load(name: string): Promise<CredentialType> };
  resolve(reference: string, use: CredentialUse): Promise<ResolvedCredential>;
  send(
    credential: ResolvedCredential,
    input: string | URL,
    init: RequestInit | undefined,
    use: CredentialUse,
    options?: { action?: 'request' | 'test' },
  ): Promise<Response>;
}

/** What `engine.credentials.testDraft` takes: a credential form's fields, not saved. */
export interface CredentialDraft {
  /** Credential type name. */
  type: string;
  /** The name the form shows, for messages (default: the type's display name). */
  name?: string;
  data: Record<string, unknown>;
}

const DRAFT = { type: true, name: true, data: true } as const;
const DRAFT_OPTIONS = { tenantId: true, id: true } as const;

/** A test answer's body: its JSON, or its text when it is not JSON. */
function parsedBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Sends the test request of a resolved credential and reads the answer; never throws for a failing credential. */
export async function testResolved(
  credential: ResolvedCredential,
  send: (url: string, init: RequestInit) => Promise<Response>,
): Promise<CredentialTestResult> {
  if (!credential.type.test) return { ok: false, message: `Credential type '${credential.type.name}' has no test.` };
  try {
    const request = credential.type.test(credential.data as never);
    const response = await send(request.url, {
      method: request.method ?? 'GET',
      headers: request.headers ?? {},
      body: request.body ?? null,
    });
    const text = await response.text().catch(() => '');
    const problem = response.ok && request.verify ? request.verify({ status: response.status, body: parsedBody(text) }) : undefined;
    if (problem !== undefined) return { ok: false, status: response.status, message: `The test request was refused: ${problem}` };
    return response.ok
      ? { ok: true, status: response.status, message: `The credential works (HTTP ${response.status}).` }
      : {
          ok: false,
          status: response.status,
          message: `The test request was refused with HTTP ${response.status} ${response.statusText}.`.trim(),
        };
  } catch (error) {
    const reconnect = (error as { code?: unknown })?.code === 'OAUTH2_RECONNECT_REQUIRED';
    return { ok: false, message: (error as Error)?.message ?? String(error), ...(reconnect ? { reconnect: true } : {}) };
  }
}

/**
 * Tests a draft: its data validated against its type (field errors throw a
 * `CredentialValidationError`, as `create` would), then the type's test
 * request signed with it. With `id`, the draft edits that saved credential:
 * secret fields left out or sent masked keep their saved values, an OAuth2
 * credential uses its saved tokens, and the use is audited under its id. A
 * new OAuth2 credential has no token yet: the result says to connect it
 * first (`connectFirst`).
 */
export async function testCredentialDraft(
  manager: DraftTestDeps,
  draft: CredentialDraft,
  options: { tenantId: string; id?: string },
  fetch: FetchFunction,
): Promise<CredentialTestResult> {
  checkOptions('engine.credentials.testDraft', draft, DRAFT);
  checkOptions('engine.credentials.testDraft', options, DRAFT_OPTIONS);
  const type: CredentialType = await manager.types.load(draft.type);
  const use: CredentialUse = { tenantId: options.tenantId };
  const saved = options.id === undefined ? undefined : await manager.resolve(options.id, use);
  const data: Record<string, unknown> = { ...draft.data };
  if (saved) {
    for (const field of type.secretFields) {
      if ((data[field] === undefined || data[field] === REDACTED) && saved.data[field] !== undefined) data[field] = saved.data[field];
    }
  }
  const name = draft.name?.trim() || type.displayName;
  const valid = validateCredentialData(type, data, `Credential '${name}'`);
  if (authenticationOf(type, valid).type === 'oauth2' && !saved?.tokens) {
    return {
      ok: false,
      connectFirst: true,
      message: 'Save the credential and connect the account first: an OAuth2 credential is tested with its token.',
    };
  }
  const credential: ResolvedCredential = {
    id: saved?.id ?? 'unsaved',
    ownerTenantId: saved?.ownerTenantId ?? options.tenantId,
    name,
    type,
    data: valid,
    tokens: saved?.tokens,
  };
  return testResolved(credential, (url, init) =>
    saved
      ? manager.send(credential, url, init, use, { action: 'test' })
      : // Not saved: nothing to audit, and no token to refresh.
        sendWithCredential(credential, url, init, {
          fetch,
          audit: () => Promise.resolve(),
          accessToken: () => Promise.reject(new CredentialError('CREDENTIAL_NOT_CONNECTED', 'an unsaved credential has no token')),
        }),
  );
}
