import type { CredentialInput, CredentialView } from '@flowloom/engine';

/** A credential type as its form needs it: names, and the JSON Schema of its fields (secret ones say `secret: true`). */
export interface CredentialTypeForm {
  name: string;
  displayName: string;
  description?: string;
  properties: Record<string, unknown>;
  /** Whether a credential of this type can be tested (the type has a test request); unknown when left out. */
  testable?: boolean;
  /**
   * Whether the engine signs HTTP requests with it; `false` for credentials
   * nodes read themselves (SMTP, IMAP), which an HTTP node's generic slot
   * does not offer. Unknown when left out.
   */
  signsRequests?: boolean;
}

/**
 * Where the editor lists, creates and connects the credentials a node uses.
 * Secrets only ever travel from the form to the source: what comes back is
 * masked (`__redacted__`).
 */
export interface CredentialSource {
  /** Goes up after every change made through this source, so views list again (a source without one is listed once). */
  readonly revision?: number;
  /** The credentials the user may pick, secrets masked. */
  list(): Promise<readonly CredentialView[]>;
  /** The credential types a new credential may have. */
  types(): Promise<readonly CredentialTypeForm[]>;
  /** Creates a credential; rejects with an error whose `issues` (`{ path: 'data.key', message }`) name refused fields. */
  create(input: CredentialInput): Promise<CredentialView>;
  /**
   * Connects an OAuth2 account to a credential in a popup. Call it from the
   * click that asks for it, so the browser lets the popup open.
   */
  connect(credentialId: string): Promise<CredentialView>;
}

/**
 * Whether a credential may go in a slot: a slot naming a known credential
 * type takes credentials of that type; any other (`httpAuth`) takes those the
 * engine signs requests with, not the accounts nodes read themselves (SMTP, IMAP).
 */
export function fitsSlot(credential: CredentialView, slot: { type: string }, types: readonly CredentialTypeForm[]): boolean {
  if (types.some((x) => x.name === slot.type)) return credential.type === slot.type;
  return types.find((x) => x.name === credential.type)?.signsRequests !== false;
}
