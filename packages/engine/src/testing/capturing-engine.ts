import type { CredentialInput } from '../credentials/credentials-manager.js';
import { rawKeyProvider } from '../credentials/keys/raw-key-provider.js';
import type { EngineEventType } from '../model/engine-event.js';
import type { Logger } from '../ports/logger.js';
import { createEngine, type Engine, type EngineOptions } from '../run/engine.js';

/** An engine with everything it has emitted and logged so far. */
export interface CapturingEngine {
  engine: Engine;
  /** Every event of every run, as JSON, in the order emitted. */
  events: string[];
  /** Every log line, as `<level> <message> <data as JSON>`. */
  logs: string[];
}

const eventTypes: readonly EngineEventType[] = ['executionStart', 'nodeStart', 'nodeFinish', 'executionFinish'];

/**
 * An engine that keeps every event and log line, for tests that look at what
 * a run gives away. Unless `options` say otherwise: memory storage, a fixed
 * key, and private addresses allowed, since test servers listen on loopback.
 * Its logger is always the capturing one. `credentials` are created on it
 * before it is returned.
 */
export async function createCapturingEngine(
  options: Omit<EngineOptions, 'logger'> = {},
  credentials: CredentialInput[] = [],
): Promise<CapturingEngine> {
  const logs: string[] = [];
  const capture =
    (level: keyof Logger) =>
    (message: string, data?: Record<string, unknown>): void =>
      void logs.push(`${level} ${message} ${JSON.stringify(data ?? {})}`);
  const engine = createEngine({
    keyProvider: rawKeyProvider({ key: new Uint8Array(32).fill(7) }),
    http: { allowPrivateNetworks: true },
    ...options,
    logger: { debug: capture('debug'), info: capture('info'), warn: capture('warn'), error: capture('error') },
  });
  const events: string[] = [];
  for (const type of eventTypes) engine.on(type, (event) => void events.push(JSON.stringify(event)));
  for (const credential of credentials) await engine.credentials.create(credential);
  return { engine, events, logs };
}
