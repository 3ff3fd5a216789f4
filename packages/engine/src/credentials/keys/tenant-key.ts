const encoder = new TextEncoder();

/**
 * Derives a tenant's 32-byte data key from a master key with HKDF-SHA256, so
 * each tenant's secrets are encrypted under a key of its own.
 */
export async function deriveTenantKey(master: Uint8Array, tenantId: string): Promise<Uint8Array> {
  const [{ hkdf }, { sha256 }] = await Promise.all([import('@noble/hashes/hkdf.js'), import('@noble/hashes/sha2.js')]);
  return hkdf(sha256, master, encoder.encode('flowloom.credentials.v1'), encoder.encode(`tenant:${tenantId}`), 32);
}

/** Memoizes a per-tenant async computation (failures are not kept). */
export function perTenant(compute: (tenantId: string) => Promise<Uint8Array>): (tenantId: string) => Promise<Uint8Array> {
  const cache = new Map<string, Promise<Uint8Array>>();
  return (tenantId) => {
    let p = cache.get(tenantId);
    if (!p) {
      p = compute(tenantId);
      cache.set(tenantId, p);
      p.catch(() => cache.delete(tenantId));
    }
    return p;
  };
}
