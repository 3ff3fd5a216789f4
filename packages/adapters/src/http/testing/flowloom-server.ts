// Test support: a real Flowloom server (createServer over a SQLite engine) on 127.0.0.1, and embed tokens for it.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { createEngine, rawKeyProvider, silentLogger, type Engine, type EngineOptions } from '@flowloom/engine';
import { testNodeTypes } from '@flowloom/engine/testing';
import { createServer, signEmbedToken } from '@flowloom/server';
import { openSqliteStorage, type SqliteStorage } from '../../sqlite/index.js';

const EMBED = { secret: 'conformance-secret-of-thirty-two-bytes!', issuer: 'https://host.test', audience: 'flowloom' };

/** A running server and what a test needs around it. */
export interface FlowloomTestServer {
  /** Where the API answers, e.g. `http://127.0.0.1:40123`. */
  url: string;
  engine: Engine;
  /** The server's own storage: the oracle, and where the engine's writes land. */
  storage: SqliteStorage;
  /** An embed token the server accepts, for a tenant and role (`owner` by default). */
  token(tenantId: string, options?: { role?: string; issuedAt?: number; expiresInSeconds?: number }): Promise<string>;
  close(): Promise<void>;
}

/** Starts `createServer` over a fresh SQLite engine (core and test node types) on a free port of 127.0.0.1. */
export async function startFlowloomServer(options: { engine?: Partial<EngineOptions> } = {}): Promise<FlowloomTestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'flowloom-http-'));
  const storage = await openSqliteStorage(join(dir, 'server.sqlite'));
  const engine = createEngine({
    storage,
    nodeTypes: testNodeTypes,
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(5) }),
    logger: silentLogger,
    ...options.engine,
  });
  const app = createServer({ engine, auth: { embedTokens: EMBED }, logger: silentLogger, metrics: false, tracing: false });
  const { server, port } = await new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => resolve({ server: s, port: info.port }));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    engine,
    storage,
    token: (tenantId, o = {}) =>
      signEmbedToken({
        ...EMBED,
        tenantId,
        userId: 'u-test',
        role: o.role ?? 'owner',
        ...(o.issuedAt !== undefined ? { now: o.issuedAt } : {}),
        ...(o.expiresInSeconds !== undefined ? { expiresInSeconds: o.expiresInSeconds } : {}),
      }),
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      await engine.close({ cancelRunning: true }).catch(() => undefined);
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
