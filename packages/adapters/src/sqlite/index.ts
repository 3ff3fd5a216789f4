export { openSqliteStorage, type SqliteStorage, type SqliteStorageOptions } from './sqlite-storage.js';
export { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations.js';
