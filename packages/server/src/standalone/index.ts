// `@flowloom/server/standalone`: the server on its own, in Node, over a SQLite file.
export { runServe, SERVE_EXIT, type ServeIo } from './serve-command.js';
export { startStandaloneServer, keyFileOf, type StandaloneServer, type StandaloneServerOptions } from './standalone-server.js';
export { openSqliteServerStores, type SqliteServerStores } from './sqlite-server-stores.js';
