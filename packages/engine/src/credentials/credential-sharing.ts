import type { CredentialSharing } from './credential-view.js';

/**
 * Splits a credential reference: `<id>` (the running tenant's) or
 * `@<owner tenant>/<id>` (another tenant's, shared with this one).
 */
export function parseReference(reference: string, tenantId: string): { ownerTenantId: string; id: string } {
  if (typeof reference === 'string' && reference.startsWith('@')) {
    const slash = reference.indexOf('/');
    if (slash > 1) return { ownerTenantId: reference.slice(1, slash), id: reference.slice(slash + 1) };
  }
  return { ownerTenantId: tenantId, id: reference };
}

/** Sharing settings with duplicates removed and only the known fields kept. */
export function normalizeSharing(sharing: CredentialSharing | undefined): CredentialSharing {
  const out: CredentialSharing = {};
  if (sharing?.workflows !== undefined) out.workflows = [...new Set(sharing.workflows.map(String))];
  if (sharing?.tenants !== undefined) out.tenants = [...new Set(sharing.tenants.map(String))];
  return out;
}
