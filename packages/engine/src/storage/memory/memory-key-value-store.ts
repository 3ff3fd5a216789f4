import type { KeyValueStore } from '../key-value-store.js';
import { tenantMap } from './tenant-map.js';

const keyOf = (namespace: string, key: string) => `${namespace}\u0000${key}`;

/** Key-value records in plain maps, per tenant; each value is copied in and out as JSON. */
export function createMemoryKeyValueStore(): KeyValueStore {
  const values = new Map<string, Map<string, string>>();
  return {
    async get(tenantId, namespace, key) {
      const json = values.get(tenantId)?.get(keyOf(namespace, key));
      return json === undefined ? undefined : (JSON.parse(json) as unknown);
    },
    async set(tenantId, namespace, key, value) {
      tenantMap(values, tenantId).set(keyOf(namespace, key), JSON.stringify(value));
    },
    async delete(tenantId, namespace, key) {
      const map = values.get(tenantId);
      if (!map) return 0;
      if (key !== undefined) return map.delete(keyOf(namespace, key)) ? 1 : 0;
      let count = 0;
      for (const k of [...map.keys()]) if (k.startsWith(`${namespace}\u0000`) && map.delete(k)) count++;
      return count;
    },
  };
}
