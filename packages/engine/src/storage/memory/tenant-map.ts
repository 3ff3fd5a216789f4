/** The per-tenant map inside a map, created on first use. */
export function tenantMap<T>(map: Map<string, Map<string, T>>, tenantId: string): Map<string, T> {
  let m = map.get(tenantId);
  if (!m) {
    m = new Map();
    map.set(tenantId, m);
  }
  return m;
}
