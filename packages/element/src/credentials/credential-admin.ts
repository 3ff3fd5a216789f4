import type { CredentialUpdate, CredentialView } from '@flowloom/engine';
import type { CredentialSource } from './credential-source.js';

/** What a credential test found: whether the service accepted it, its HTTP status, and why not. */
export interface CredentialCheck {
  ok: boolean;
  /** The status of the test request, when the service answered. */
  status?: number;
  /** The engine's or server's sentence. */
  message: string;
  /** The OAuth2 grant is gone (expired or revoked): the account must be connected again. */
  reconnect?: boolean;
  /** Values of an OAuth2 client cannot be tested before the credential is saved (and its account connected). */
  connectFirst?: boolean;
}

/** Values typed in a credential form, not saved yet. */
export interface CredentialDraft {
  type: string;
  name: string;
  data: Record<string, unknown>;
}

/** A workflow as far as "used by" needs it: its nodes' credentials. */
export interface WorkflowCredentialUse {
  id: string;
  name: string;
  nodes: readonly { name: string; credentials?: Readonly<Record<string, string>> }[];
}

/**
 * A credential source the "Connected accounts" panel can manage credentials
 * through: besides listing, creating and connecting (what the node
 * inspector needs), it updates, deletes and tests them, and says where they
 * are used. Secrets still only go one way: what comes back is masked.
 */
export interface CredentialAdmin extends CredentialSource {
  readonly revision: number;
  /** Changes name or data; secret fields sent as `__redacted__` (or left out) keep their stored value. */
  update(id: string, patch: CredentialUpdate): Promise<CredentialView>;
  delete(id: string): Promise<void>;
  /** Sends the credential type's test request with the saved credential. */
  test(id: string): Promise<CredentialCheck>;
  /**
   * Tests values not saved yet: a new credential, or a saved one (`id`) with
   * the fields changed in its form. Undefined when the source cannot test
   * unsaved values (a server tests saved credentials only).
   */
  readonly testDraft: ((draft: CredentialDraft, id?: string) => Promise<CredentialCheck>) | undefined;
  /** When the credential last signed a request (ISO time); undefined when never or when the source keeps no trail. */
  lastUsed(id: string): Promise<string | undefined>;
  /** Whether `lastUsed` is known at all. */
  readonly tracksUse: boolean;
  /**
   * When an OAuth2 credential's token was last replaced by a new one, its
   * account being connected before (ISO time); undefined when it never was
   * or the source keeps no trail. Optional: sources without it show none.
   */
  lastRefreshed?(id: string): Promise<string | undefined>;
  /** The saved workflows, with the credentials their nodes use. */
  workflows(): Promise<readonly WorkflowCredentialUse[]>;
}

/** Whether a credential source can manage credentials (the host may give one that only lists and creates). */
export function isCredentialAdmin(source: CredentialSource | undefined): source is CredentialAdmin {
  return source !== undefined && typeof (source as Partial<CredentialAdmin>).update === 'function';
}
