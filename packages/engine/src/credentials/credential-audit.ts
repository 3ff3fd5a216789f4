/** One use of a credential, as kept in the audit trail. */
export interface CredentialAuditEntry {
  credentialId: string;
  /** The tenant that owns the credential. */
  tenantId: string;
  /** What happened: a request signed with it, a test, an OAuth2 token fetch or refresh. */
  action: 'request' | 'test' | 'token';
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

/** Who is using a credential, for sharing checks and the audit trail. */
export interface CredentialUse {
  /** The tenant whose run uses it. */
  tenantId: string;
  executionId?: string;
  workflowId?: string;
  nodeId?: string;
  nodeName?: string;
}

/** Builds an audit entry for one use of a credential. */
export function auditEntry(
  credential: { id: string; ownerTenantId: string },
  use: CredentialUse,
  action: CredentialAuditEntry['action'],
  host: string | undefined,
  now: number,
): CredentialAuditEntry {
  const entry: CredentialAuditEntry = {
    credentialId: credential.id,
    tenantId: credential.ownerTenantId,
    action,
    at: new Date(now).toISOString(),
  };
  if (host !== undefined) entry.host = host;
  if (use.tenantId !== credential.ownerTenantId) entry.usedByTenantId = use.tenantId;
  if (use.executionId !== undefined) entry.executionId = use.executionId;
  if (use.workflowId !== undefined) entry.workflowId = use.workflowId;
  if (use.nodeId !== undefined) entry.nodeId = use.nodeId;
  if (use.nodeName !== undefined) entry.nodeName = use.nodeName;
  return entry;
}
