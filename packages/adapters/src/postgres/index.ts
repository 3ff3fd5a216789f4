export { openPostgresStorage, type PostgresStorage, type PostgresStorageOptions } from './postgres-storage.js';
export type { VectorSearchMethod } from './postgres-vector-store.js';
export { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations.js';
