// `@flowloom/server/standalone`: the server on its own, in Node, over a SQLite file.
export { runServe, SERVE_EXIT, type ServeIo } from './serve-command.js';
export { startStandaloneServer, keyFileOf, type StandaloneServer, type StandaloneServerOptions } from './standalone-server.js';
export { openSqliteServerStores, type SqliteServerStores } from './sqlite-server-stores.js';
// Queue mode: processes of one installation sharing one PostgreSQL and one Redis (docs/deploy.md).
export { startQueueProcess, QUEUE_ROLES, type QueueProcess, type QueueProcessOptions, type QueueRole } from '../queue/queue-process.js';
export { SERVE_OPTIONS, SERVE_VARIABLES, serveEnvironment, type ServeOption, type ServeVariable, type ServeMode } from './serve-options.js';
export { createRedisUsageStore, type RedisUsageStoreOptions } from '../quotas/redis-usage-store.js';
export { createRedisOAuth2StateStore } from '../queue/redis-oauth2-states.js';
export { registerQueueMetrics, type QueueCounts } from '../monitoring/queue-metrics.js';
