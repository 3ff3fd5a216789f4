/**
 * A credential as storage sees it: metadata in the clear, secrets as an
 * opaque encrypted blob the storage never interprets.
 */
export interface StoredCredential {
  id: string;
  name: string;
  /** Credential type name (`apiKey`, `oauth2`, `slackApi`...). */
  type: string;
  /** The encrypted secret fields, in the credential manager's versioned format. */
  blob: string;
  /** Non-secret data the manager keeps beside the blob (sharing, key version...). */
  meta: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
}

/** Where credentials are kept. Every call is scoped to one tenant. */
export interface CredentialStore {
  /** Creates or replaces a credential. */
  put(tenantId: string, credential: StoredCredential): Promise<void>;
  get(tenantId: string, id: string): Promise<StoredCredential | undefined>;
  list(tenantId: string): Promise<StoredCredential[]>;
  delete(tenantId: string, id: string): Promise<boolean>;
  /**
   * Appends an entry to the audit trail of credential use (optional: a store
   * without it keeps no trail, and the manager's `onAudit` hook still sees each use).
   */
  appendAudit?(tenantId: string, entry: CredentialAuditEntry): Promise<void>;
  /** Lists audit entries, oldest first, filtered by `query`. */
  listAudit?(tenantId: string, query?: CredentialAuditQuery): Promise<CredentialAuditEntry[]>;
}

/** One use of a credential, as kept in the audit trail. */
export interface CredentialAuditEntry {
  credentialId: string;
  /** The tenant that owns the credential. */
  tenantId: string;
  /**
   * What happened: a request signed with it, a test, an OAuth2 token fetch
   * or refresh, or its fields read by a node that connects with them itself
   * (`ctx.credentialData`: SMTP, IMAP...).
   */
  action: 'request' | 'test' | 'token' | 'read';
  /** ISO time. */
  at: string;
  /** The host the credential was sent to. */
  host?: string;
  /** The tenant whose run used it, when another tenant's (shared) credential was used. */
  usedByTenantId?: string;
  executionId?: string;
  workflowId?: string;
  nodeId?: string;
  nodeName?: string;
}

/** Which audit entries to list; newest last. */
export interface CredentialAuditQuery {
  credentialId?: string;
  executionId?: string;
  /** At most this many, the newest (default all). */
  limit?: number;
}
