import type { CredentialAuditEntry } from '../storage/credential-store.js';

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
