export { openIndexedDbStorage, type IndexedDbStorage, type IndexedDbStorageOptions } from './idb-storage.js';
export { IDB_SCHEMA_STEPS, IDB_SCHEMA_VERSION, upgradeSchema, type IdbSchemaStep } from './idb-schema.js';
