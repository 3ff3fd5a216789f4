// Test support: a real engine over SQLite in a temporary file, the server on 127.0.0.1, and a client.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createEngine, rawKeyProvider, silentLogger, type Engine, type EngineOptions, type Execution } from '@flowloom/engine';
import { testNodeTypes } from '@flowloom/engine/testing';
import { openSqliteStorage } from '@flowloom/adapters/sqlite';
import { ApiKeys } from '../auth/api-keys.js';
import { createMemoryApiKeyStore } from '../auth/api-key-store.js';
import { createServer, type ServerOptions } from '../create-server.js';
import type { ServerApp } from '../routes/server-context.js';

/** An answer as a test reads it: status, headers and the body parsed as JSON when it is JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read into answers freely
  body: any;
  text: string;
}

/** What a test sends. */
export interface CallOptions {
  method?: string;
  /** An API key or embed token, sent as `Authorization: Bearer`. */
  auth?: string;
  /** Sent as JSON with `content-type: application/json`. */
  json?: unknown;
  /** Sent as is. */
  body?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
}

export interface TestServer {
  url: string;
  app: ServerApp;
  engine: Engine;
  apiKeys: ApiKeys;
  /** A new API key of the tenant with the role. */
  keyFor(tenantId: string, role: string): Promise<string>;
  call(path: string, options?: CallOptions): Promise<Answer>;
  /** Resolves with the execution once the engine reports it finished. Subscribe before it can finish. */
  finished(executionId: string): Promise<Execution>;
  close(): Promise<void>;
}

/** Starts the server over a fresh SQLite engine with the engine's test node types. */
export async function startTestServer(
  options: Partial<Omit<ServerOptions, 'engine'>> & {
    engine?: Partial<EngineOptions>;
    /** An existing database file (kept on close), to start a server again over the same data. */
    dbFile?: string;
  } = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-server-'));
  const { engine: engineOptions, dbFile, ...serverOptions } = options;
  const storage = await openSqliteStorage(dbFile ?? join(dir, 'server.sqlite'));
  const engine = createEngine({
    storage,
    nodeTypes: testNodeTypes,
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(3) }),
    logger: silentLogger,
    ...engineOptions,
  });
  const apiKeys = serverOptions.auth?.apiKeys ?? new ApiKeys(createMemoryApiKeyStore());
  const app = createServer({ logger: silentLogger, ...serverOptions, engine, auth: { apiKeys, ...serverOptions.auth } });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ server: s, port: info.port }));
  });
  const url = `http://127.0.0.1:${port}`;

  const call = async (path: string, o: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...o.headers };
    if (o.auth) headers['authorization'] = `Bearer ${o.auth}`;
    let body: string | Uint8Array<ArrayBuffer> | undefined = o.body;
    if (o.json !== undefined) {
      body = JSON.stringify(o.json);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${url}${path}`, { method: o.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
    const text = await response.text();
    const isJson = response.headers.get('content-type')?.includes('json') ?? false;
    return { status: response.status, headers: response.headers, body: isJson && text ? JSON.parse(text) : undefined, text };
  };

  return {
    url,
    app,
    engine,
    apiKeys,
    keyFor: async (tenantId, role) => (await apiKeys.create({ tenantId, name: `${role} key`, role })).key,
    call,
    finished: (executionId) =>
      new Promise((resolve) => {
        const off = engine.on('executionFinish', (event) => {
          if (event.execution.id !== executionId) return;
          off();
          resolve(event.execution as Execution);
        });
      }),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      // A test may have closed the engine itself.
      await engine.close({ cancelRunning: true }).catch(() => undefined);
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
